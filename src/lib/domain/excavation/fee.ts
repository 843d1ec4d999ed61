/**
 * The excavation fee: the tariff book's excavation items (area × surface rate × road-class
 * coefficient, doubled on a recently resurfaced street, plus the refundable reinstatement deposit)
 * assessed by the fee engine once for each kind of ground the dig breaks. Pure and client-safe.
 */
import { assess, FEE_ENGINE_VERSION, type Assessment, type AssessmentLine, type TariffBook } from '../fees';
import type { SurfaceType } from './works';

/** One kind of ground dug: the unit the tariff charges by. */
export interface FeeBasis {
	surface: SurfaceType;
	road_class: string;
	recently_paved: boolean;
	area_m2: number;
}

/** One fee-engine line, with the part of the dig it was assessed on. */
export interface ExcavationFeeLine extends AssessmentLine {
	basis: FeeBasis;
}

export interface ExcavationFee {
	total_rial: number;
	lines: ExcavationFeeLine[];
	book: Assessment['book'];
	engine_version: number;
}

export interface DugPiece {
	surface: SurfaceType;
	road_class: string;
	area_m2: number;
	/** Of `area_m2`, the part under a moratorium (a street resurfaced lately). */
	paved_m2: number;
}

/** Areas go to the engine to the centimetre square: the precision bills are stated in. */
const toCm2 = (m2: number) => Math.round(m2 * 100) / 100;

/**
 * Dug pieces summed by surface, road class and whether recently paved, in a stable order.
 *
 * @example feeBases([{ surface: 'asphalt', road_class: 'local', area_m2: 10, paved_m2: 4 }])
 * // [{ surface: 'asphalt', road_class: 'local', recently_paved: false, area_m2: 6 }, { …, recently_paved: true, area_m2: 4 }]
 */
export function feeBases(pieces: readonly DugPiece[]): FeeBasis[] {
	const sums = new Map<string, FeeBasis>();
	const add = (surface: SurfaceType, road_class: string, recently_paved: boolean, area: number) => {
		const key = `${surface}|${road_class}|${recently_paved}`;
		const basis = sums.get(key) ?? { surface, road_class, recently_paved, area_m2: 0 };
		basis.area_m2 += area;
		sums.set(key, basis);
	};
	for (const p of pieces) {
		const paved = Math.min(Math.max(p.paved_m2, 0), p.area_m2);
		add(p.surface, p.road_class, false, p.area_m2 - paved);
		if (paved > 0) add(p.surface, p.road_class, true, paved);
	}
	return [...sums.values()]
		.map((b) => ({ ...b, area_m2: toCm2(b.area_m2) }))
		.filter((b) => b.area_m2 > 0)
		.sort((a, b) => (a.surface + a.road_class + a.recently_paved).localeCompare(b.surface + b.road_class + b.recently_paved));
}

/**
 * The fee of a dig: each basis assessed under the book's items that apply to 'excavation', the
 * lines itemised as the engine gives them with the basis they were assessed on, the total their sum.
 * The engine throws a TariffError if the book cannot assess an input (e.g. an unknown surface).
 *
 * @example assessExcavationFee([{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 30 }], SAMPLE_TARIFF_BOOK).total_rial
 * // 243000000: 202,500,000 charge + 40,500,000 deposit
 */
export function assessExcavationFee(bases: readonly FeeBasis[], book: TariffBook): ExcavationFee {
	const lines: ExcavationFee['lines'] = [];
	let total = 0;
	for (const basis of bases) {
		const inputs = { dig_area: basis.area_m2, surface: basis.surface, road_class: basis.road_class, recently_paved: basis.recently_paved };
		const assessment = assess(book, inputs, { request_kind: 'excavation' });
		for (const line of assessment.lines) lines.push({ ...line, basis });
		total += assessment.total_rial;
	}
	return {
		total_rial: total,
		lines,
		book: { title: book.title, city: book.city, jalali_year: book.jalali_year, status: book.status, sample: book.sample === true },
		engine_version: FEE_ENGINE_VERSION
	};
}

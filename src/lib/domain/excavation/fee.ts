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
 * Below this a kind of ground is a sliver, not a piece of the dig the city bills on its own: the
 * hairline where a trench along a street grazes the mouth of an alley or the edge of a pavement
 * polygon (the surface layer and the drawing never line up to the centimetre). A sliver's area is
 * charged with the dig's largest kind of ground, so the area billed stays the dig's area and no
 * minimum charge falls on ground nobody can see on the bill (shown to 0.1 m²).
 */
export const SLIVER_M2 = 0.5;

const basisOrder = (b: FeeBasis) => b.surface + b.road_class + b.recently_paved;

/**
 * Dug pieces summed by surface, road class and whether recently paved, in a stable order; bases
 * under {@link SLIVER_M2} merged into the largest one (all of them into the largest when the
 * whole dig is that small).
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
		const area = Math.max(p.area_m2, 0);
		const paved = Math.min(Math.max(p.paved_m2, 0), area);
		add(p.surface, p.road_class, false, area - paved);
		if (paved > 0) add(p.surface, p.road_class, true, paved);
	}
	const all = [...sums.values()].filter((b) => b.area_m2 > 0);
	if (all.length === 0) return [];
	// the largest kind of ground (the first in the stable order on a tie) takes the slivers
	const largest = all.reduce((best, b) =>
		b.area_m2 > best.area_m2 || (b.area_m2 === best.area_m2 && basisOrder(b) < basisOrder(best)) ? b : best
	);
	const kept = all.filter((b) => b === largest || b.area_m2 >= SLIVER_M2);
	const slivers = all.filter((b) => !kept.includes(b)).reduce((s, b) => s + b.area_m2, 0);
	return kept
		.map((b) => ({ ...b, area_m2: toCm2(b === largest ? b.area_m2 + slivers : b.area_m2) }))
		.filter((b) => b.area_m2 > 0)
		.sort((a, b) => basisOrder(a).localeCompare(basisOrder(b)));
}

/** The book with its items' minimum charges lifted, to see what each basis comes to by itself. */
const withoutMinimums = new WeakMap<TariffBook, TariffBook>();
function bookWithoutMinimums(book: TariffBook): TariffBook {
	let copy = withoutMinimums.get(book);
	if (!copy) {
		copy = { ...book, items: book.items.map(({ min_rial: _min, ...item }) => item) };
		withoutMinimums.set(book, copy);
	}
	return copy;
}

/**
 * The fee of a dig: each basis assessed under the book's items that apply to 'excavation', the
 * lines itemised as the engine gives them with the basis they were assessed on, the total their sum.
 * An item's minimum charge (the deposit's «حداقل») is the work's minimum, not each basis's: when
 * the item's lines of all bases together come to less, the work pays the minimum once, on the
 * line of its largest basis, which stands for the others' lines of that item.
 * The engine throws a TariffError if the book cannot assess an input (e.g. an unknown surface).
 *
 * @example assessExcavationFee([{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 30 }], SAMPLE_TARIFF_BOOK).total_rial
 * // 243000000: 202,500,000 charge + 40,500,000 deposit
 */
export function assessExcavationFee(bases: readonly FeeBasis[], book: TariffBook): ExcavationFee {
	const inputs = (basis: FeeBasis) => ({ dig_area: basis.area_m2, surface: basis.surface, road_class: basis.road_class, recently_paved: basis.recently_paved });
	const unbounded = bookWithoutMinimums(book);
	let lines: ExcavationFeeLine[] = bases.flatMap((basis) =>
		assess(unbounded, inputs(basis), { request_kind: 'excavation' }).lines.map((line) => ({ ...line, basis }))
	);
	for (const item of book.items) {
		if (item.min_rial === undefined) continue;
		const own = lines.filter((l) => l.item_code === item.code && l.raw_rial > 0);
		const sum = own.reduce((s, l) => s + l.rounded_rial, 0);
		if (own.length === 0 || sum >= item.min_rial) continue;
		const largest = own.reduce((best, l) => (l.basis.area_m2 > best.basis.area_m2 ? l : best)).basis;
		const [atMinimum] = assess(book, inputs(largest), { request_kind: 'excavation', items: [item.code] }).lines;
		lines = lines.flatMap((l) => {
			if (l.item_code !== item.code) return [l];
			return l.basis === largest ? [{ ...atMinimum, basis: largest }] : [];
		});
	}
	const total = lines.reduce((s, l) => s + l.rounded_rial, 0);
	return {
		total_rial: total,
		lines,
		book: { title: book.title, city: book.city, jalali_year: book.jalali_year, status: book.status, sample: book.sample === true },
		engine_version: FEE_ENGINE_VERSION
	};
}

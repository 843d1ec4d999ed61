import { buildCityPlan, type CityPlan, type PlanBand, type PlanBlock, type PlanStreet } from './city-plan';
import { clipRingAll, densify, densifyRing, warp, multiLineWkt, multiPolygonWkt, rectRing, ringArea, type Point, type Ring } from './geometry';
import { faDigits } from './names-fa';
import { subdivideBlock, type PlanLot } from './parcel-subdivision';
import { randomFor } from './prng';

/**
 * The sample city as rows ready to insert (geometry as UTM 39N WKT). Fixed layers come whole;
 * blocks and parcels are produced block by block so a million parcels never sit in memory at once.
 */
export const SAMPLE_LABEL = 'داده نمونه — sample data';

/** Above this many parcels the city packs smaller blocks and lots into the same box (benchmarks). */
const COMFORTABLE_PARCELS = 200_000;

/**
 * How much slower each district's own neighbourhood grows than the city core in the fill order: a
 * block at distance d from its district's centre comes when the core has reached DISTRICT_SPREAD × d.
 * With 15 districts about half of a small city is the core and every district gets a neighbourhood
 * of its own (so each district's staff have parcels, cases and history to work on).
 */
export const DISTRICT_SPREAD = 4;

/**
 * The order blocks are filled with parcels: by the smaller of the distance to the core and
 * DISTRICT_SPREAD × the distance to the district's centre (its block nearest the mean of its
 * blocks' centres). Independent of the city's size, so a smaller city is the start of a bigger one.
 */
export function fillOrder(blocks: readonly PlanBlock[]): PlanBlock[] {
	const centre = (b: PlanBlock): Point => [(b.rect[0] + b.rect[2]) / 2, (b.rect[1] + b.rect[3]) / 2];
	const byDistrict = new Map<string, PlanBlock[]>();
	for (const b of blocks) {
		const list = byDistrict.get(b.districtCode);
		if (list) list.push(b);
		else byDistrict.set(b.districtCode, [b]);
	}
	const anchors = new Map<string, Point>();
	for (const [code, list] of byDistrict) {
		const mean = list.reduce<Point>((m, b) => [m[0] + centre(b)[0] / list.length, m[1] + centre(b)[1] / list.length], [0, 0]);
		const nearest = list.reduce((best, b) => (Math.hypot(centre(b)[0] - mean[0], centre(b)[1] - mean[1]) < Math.hypot(centre(best)[0] - mean[0], centre(best)[1] - mean[1]) ? b : best));
		anchors.set(code, centre(nearest));
	}
	const key = (b: PlanBlock) => {
		const [x, y] = centre(b);
		const [ax, ay] = anchors.get(b.districtCode)!;
		return Math.min(b.coreDistance, DISTRICT_SPREAD * Math.hypot(x - ax, y - ay));
	};
	return blocks
		.map((b) => ({ b, k: key(b) }))
		.sort((p, q) => p.k - q.k || p.b.index - q.b.index)
		.map((p) => p.b);
}

export interface SampleCityOptions {
	parcels: number;
	seed?: number;
}

export interface StreetRow {
	planId: number;
	nameFa: string;
	nameEn: string;
	cls: string;
	widthM: number;
	plannedWidthM: number;
	wkt: string;
	/** Wholly inside the box, so no clipping is needed. */
	inBox: boolean;
	/** The planned corridor's two edges, when the street is to be widened. */
	wideningWkt: string | null;
}

/** A zoning polygon carries only its code (and the sample label): the rules are in the SAMPLE rule book. */
export interface ZoneRow {
	code: string;
	description: string;
	wkt: string;
}

export interface OverlayRow {
	kind: string;
	nameFa: string;
	nameEn: string;
	maxHeightM: number | null;
	maxFloors: number | null;
	ruleFa: string;
	ruleEn: string;
	/** Buffer distance applied in SQL (m), 0 for none. */
	bufferM: number;
	wkt: string;
}

export interface BlockRow {
	index: number;
	code: string;
	districtCode: string;
	wkt: string;
}

export interface ParcelRow {
	blockIndex: number;
	districtCode: string;
	renovationCode: string;
	registrationPlate: string;
	registrySection: string;
	postalCode: string;
	address: string;
	attributes: string;
	wkt: string;
}

export interface BuildingRow {
	renovationCode: string;
	floors: number;
	builtFloorAreaM2: number;
	permittedFloorAreaM2: number;
	permitNo: string;
	permitDate: string;
	wkt: string;
}

export interface CaseRow {
	renovationCode: string;
	trackingCode: string;
	kind: string;
	status: 'open' | 'closed';
	titleFa: string;
	titleEn: string;
	stepFa: string;
	stepEn: string;
	openedAt: string;
	dueOn: string;
	closedAt: string | null;
}

export interface BlockFeatures {
	parcels: ParcelRow[];
	buildings: BuildingRow[];
	cases: CaseRow[];
}

export interface SampleCity {
	seed: number;
	plan: CityPlan;
	box: CityPlan['frame']['box'];
	districts: { code: string; nameFa: string; nameEn: string; wkt: string }[];
	streets: StreetRow[];
	zones: ZoneRow[];
	overlays: OverlayRow[];
	blocks(): Generator<BlockRow>;
	/** Parcels, buildings and cases block by block in {@link fillOrder} (the core and each district's centre first), stopping at `parcels`. */
	parcelsByBlock(): Generator<BlockFeatures>;
}

export function sampleCity(opts: SampleCityOptions): SampleCity {
	const seed = opts.seed ?? 1404;
	// Area per lot scales with lotScale; block depth with its square root keeps lots' proportions.
	const lotScale = opts.parcels > COMFORTABLE_PARCELS ? Math.min(1, 230_000 / (opts.parcels * 1.15)) : 1;
	const blockScale = Math.max(0.5, Math.sqrt(lotScale));
	const plan = buildCityPlan({ seed, blockScale, lotScale });
	const core = plan.frame.core;

	const districts = plan.districts.map((d) => ({
		code: d.code,
		nameFa: `منطقه ${faDigits(d.code)}`,
		nameEn: `District ${d.code}`,
		wkt: multiPolygonWkt(core, d.polygons)
	}));

	const box = plan.frame.box;
	const streets: StreetRow[] = plan.streets.filter((s) => boxRelation(core, box, s.lines) !== 'outside').map((s) => ({
		planId: s.id,
		nameFa: s.name.fa,
		nameEn: s.name.en,
		cls: s.cls,
		widthM: s.widthM,
		plannedWidthM: s.plannedWidthM,
		wkt: multiLineWkt(core, s.lines),
		inBox: boxRelation(core, box, s.lines) === 'inside',
		wideningWkt: s.plannedWidthM > s.widthM ? multiLineWkt(core, s.lines.flatMap((line) => wideningEdges(line, s.plannedWidthM / 2))) : null
	}));

	const zones: ZoneRow[] = plan.zones.map((z) => ({
		code: z.zone.code,
		description: SAMPLE_LABEL,
		wkt: multiPolygonWkt(core, z.polygons)
	}));

	const river = plan.bands.find((b) => b.kind === 'river')!;
	const overlays: OverlayRow[] = [
		{
			kind: 'heritage_buffer',
			nameFa: 'حریم میراث فرهنگی میدان نقش جهان',
			nameEn: 'Naqsh-e Jahan Square heritage buffer',
			maxHeightM: 9,
			maxFloors: 2,
			ruleFa: `حداکثر ارتفاع ۹ متر (دو طبقه)؛ هر ساخت‌وساز نیازمند استعلام از اداره کل میراث فرهنگی است. (${SAMPLE_LABEL})`,
			ruleEn: `Height at most 9 m (two floors); any construction needs a Cultural Heritage referral. (${SAMPLE_LABEL})`,
			bufferM: 450,
			wkt: multiPolygonWkt(core, [[densifyRing(plan.heritageSquare, 20)]])
		},
		{
			kind: 'river_buffer',
			nameFa: 'حریم رودخانه زاینده‌رود',
			nameEn: 'Zayandeh Rud river buffer',
			maxHeightM: 12,
			maxFloors: 3,
			ruleFa: `ساخت‌وساز در بستر و حریم ۳۰ متری رودخانه ممنوع است؛ در حاشیه آن حداکثر سه طبقه. (${SAMPLE_LABEL})`,
			ruleEn: `No construction in the river bed and its 30 m buffer; at most three floors along it. (${SAMPLE_LABEL})`,
			bufferM: 0,
			wkt: multiPolygonWkt(core, [[densifyRing(bandRing(river, river.half + 30), 50)]])
		}
	];

	function* blocks(): Generator<BlockRow> {
		for (const b of plan.blocks) yield { index: b.index, code: b.code, districtCode: b.districtCode, wkt: multiPolygonWkt(core, [[blockRing(b)]]) };
	}

	function* parcelsByBlock(): Generator<BlockFeatures> {
		let remaining = opts.parcels;
		let caseSeq = 0;
		for (const block of fillOrder(plan.blocks)) {
			if (remaining <= 0) return;
			const lots = subdivideBlock(block, seed).slice(0, remaining);
			remaining -= lots.length;
			const features: BlockFeatures = { parcels: [], buildings: [], cases: [] };
			lots.forEach((lot, n) => {
				const parcel = parcelRow(block, lot, n + 1, core);
				features.parcels.push(parcel);
				const rnd = randomFor(seed, 'parcel', parcel.renovationCode);
				const building = buildingRow(block, lot, parcel, rnd, core);
				if (building) features.buildings.push(building);
				if (rnd.chance(0.045)) features.cases.push(caseRow(parcel, rnd, ++caseSeq));
			});
			yield features;
		}
	}

	return { seed, plan, box: plan.frame.box, districts, streets, zones, overlays, blocks, parcelsByBlock };
}

/** Where a street lies relative to the box (its straight plan segments, warped and sampled every 25 m). */
function boxRelation(core: Point, box: SampleCity['box'], lines: Point[][]): 'inside' | 'outside' | 'partial' {
	let inside = 0;
	let outside = 0;
	for (const line of lines)
		for (let i = 0; i < line.length - 1; i++)
			for (const p of densify(line[i], line[i + 1], 25)) {
				const [x, y] = warp(core, p[0], p[1]);
				// 40 m of slack: a street just outside still draws its edge (and widening lines) into the box.
				if (x >= box.minX + 40 && x <= box.maxX - 40 && y >= box.minY + 40 && y <= box.maxY - 40) inside++;
				else if (x < box.minX - 40 || x > box.maxX + 40 || y < box.minY - 40 || y > box.maxY + 40) outside++;
				else return 'partial';
			}
	return outside === 0 ? 'inside' : inside === 0 ? 'outside' : 'partial';
}

function blockRing(b: PlanBlock): Ring {
	const ring = densifyRing(rectRing(...b.rect), 20);
	return b.clips.length ? clipRingAll(ring, b.clips) : ring;
}

/** Both edges of a planned corridor: the centre line offset by ± half the planned width (بر اصلاحی). */
function wideningEdges(line: Point[], half: number): Point[][] {
	const [a, b] = [line[0], line.at(-1)!];
	const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
	const nx = -(b[1] - a[1]) / len;
	const ny = (b[0] - a[0]) / len;
	return [half, -half].map((h) => line.map((p) => [p[0] + nx * h, p[1] + ny * h] as Point));
}

function bandRing(b: PlanBand, half: number): Ring {
	return [
		[b.from[0] + b.nx * half, b.from[1] + b.ny * half],
		[b.to[0] + b.nx * half, b.to[1] + b.ny * half],
		[b.to[0] - b.nx * half, b.to[1] - b.ny * half],
		[b.from[0] - b.nx * half, b.from[1] - b.ny * half]
	];
}

/** Isfahan's deeds registry sections (بخش ثبتی), one per district here. */
const REGISTRY_SECTION: Record<string, number> = { 1: 5, 2: 14, 3: 1, 4: 2, 5: 4, 6: 9, 7: 3, 8: 6, 9: 18, 10: 13, 11: 10, 12: 16, 13: 12, 14: 8, 15: 17 };

function parcelRow(block: PlanBlock, lot: PlanLot, lotNo: number, core: Point): ParcelRow {
	const district = block.districtCode;
	const plate = faDigits(lotNo);
	const front = lot.front;
	const other = front === block.frontLow ? block.frontHigh : block.frontLow;
	const streetPart = !front
		? ''
		: front.cls === 'alley' && other && other.cls !== 'alley'
			? `${other.name.fa}، ${front.name.fa}، `
			: `${front.name.fa}، `;
	return {
		blockIndex: block.index,
		districtCode: district,
		renovationCode: `${block.code}-${String(lotNo).padStart(3, '0')}`,
		registrationPlate: `${block.index + 101}/${lotNo}`,
		registrySection: `بخش ${faDigits(REGISTRY_SECTION[district] ?? 5)} اصفهان`,
		postalCode: `81${String(block.index).padStart(5, '0')}${String(lotNo).padStart(3, '0')}`,
		address: `اصفهان، منطقه ${faDigits(district)}، ${streetPart}پلاک ${plate}`,
		attributes: JSON.stringify({ sample: true, lot_kind: lot.kind }),
		wkt: multiPolygonWkt(core, [[lot.ring]])
	};
}

const ANCHOR_DAY = Date.UTC(2026, 10, 15);
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Jalali year of a date, close enough for codes: the year turns at Nowruz (≈ 21 March). */
const jalaliYear = (ms: number) => {
	const d = new Date(ms);
	const afterNowruz = d.getUTCMonth() > 2 || (d.getUTCMonth() === 2 && d.getUTCDate() >= 21);
	return d.getUTCFullYear() - (afterNowruz ? 621 : 622);
};

/** An existing building: usually using only part of the zone's floor area, a few over it (old permits). */
function buildingRow(block: PlanBlock, lot: PlanLot, parcel: ParcelRow, rnd: ReturnType<typeof randomFor>, core: Point): BuildingRow | null {
	if (lot.areaM2 < 40 || !rnd.chance(block.zone.builtShare)) return null;
	const cover = Math.sqrt((block.zone.occupancyPct / 100) * rnd.range(0.7, 1));
	const cx = lot.ring.reduce((s, p) => s + p[0], 0) / lot.ring.length;
	const cy = lot.ring.reduce((s, p) => s + p[1], 0) / lot.ring.length;
	const footprint: Ring = lot.ring.map((p) => [cx + (p[0] - cx) * cover, cy + (p[1] - cy) * cover]);
	const footprintArea = ringArea(footprint);
	const maxFloorArea = (lot.areaM2 * block.zone.densityPct) / 100;
	const share = rnd.chance(0.07) ? rnd.range(1.03, 1.3) : rnd.range(0.25, 0.97);
	const permitted = Math.round(maxFloorArea * share * 100) / 100;
	const floors = Math.max(1, Math.min(block.zone.maxFloors + 1, Math.round(permitted / footprintArea)));
	const permitMs = Date.UTC(1996, 2, 21) + Math.floor(rnd.range(0, 29 * 365)) * DAY;
	return {
		renovationCode: parcel.renovationCode,
		floors,
		builtFloorAreaM2: Math.round(footprintArea * floors * 100) / 100,
		permittedFloorAreaM2: permitted,
		permitNo: `${block.districtCode}-${jalaliYear(permitMs)}-${String(rnd.int(1, 9999)).padStart(4, '0')}`,
		permitDate: isoDay(permitMs),
		wkt: multiPolygonWkt(core, [[footprint]])
	};
}

const CASE_KINDS = [
	{ kind: 'building_permit', fa: 'درخواست پروانه ساختمانی', en: 'Building permit request' },
	{ kind: 'zoning_statement', fa: 'درخواست دستور نقشه', en: 'Zoning statement request' },
	{ kind: 'completion_certificate', fa: 'درخواست گواهی پایان کار', en: 'Completion certificate request' },
	{ kind: 'non_violation_certificate', fa: 'درخواست گواهی عدم خلاف', en: 'Non-violation certificate request' },
	{ kind: 'demolition_reconstruction', fa: 'درخواست پروانه تخریب و نوسازی', en: 'Demolition and reconstruction permit request' }
];
const CASE_STEPS = [
	{ fa: 'ثبت درخواست', en: 'Request filed' },
	{ fa: 'بررسی مدارک', en: 'Documents under review' },
	{ fa: 'بازدید کارشناس', en: 'Site inspection' },
	{ fa: 'محاسبه عوارض', en: 'Fee calculation' },
	{ fa: 'صدور فیش', en: 'Bill issued' },
	{ fa: 'تأیید نهایی', en: 'Final approval' }
];

function caseRow(parcel: ParcelRow, rnd: ReturnType<typeof randomFor>, seq: number): CaseRow {
	const open = rnd.chance(0.7);
	const type = rnd.pick(CASE_KINDS);
	const openedMs = ANCHOR_DAY - Math.floor(open ? rnd.range(1, 120) : rnd.range(150, 700)) * DAY;
	const step = open ? rnd.pick(CASE_STEPS.slice(0, -1)) : CASE_STEPS.at(-1)!;
	return {
		renovationCode: parcel.renovationCode,
		trackingCode: `PLK-${jalaliYear(openedMs)}-${String(seq).padStart(6, '0')}`,
		kind: type.kind,
		status: open ? 'open' : 'closed',
		titleFa: `${type.fa} (${SAMPLE_LABEL})`,
		titleEn: `${type.en} (sample data)`,
		stepFa: step.fa,
		stepEn: step.en,
		openedAt: new Date(openedMs + rnd.int(8, 15) * 3_600_000).toISOString(),
		dueOn: isoDay(openedMs + rnd.int(15, 45) * DAY),
		closedAt: open ? null : new Date(openedMs + rnd.int(10, 60) * DAY).toISOString()
	};
}

export type { PlanStreet };

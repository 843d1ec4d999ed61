/**
 * Coefficient tables of the sample tariff book («نمونه — sample»). Shapes and most values follow
 * the published examples in permits-fees.md §B; values marked [G] are invented for the sample.
 */
import type { CoefficientTable } from '../tariff-book';

/** Residential, single unit: share of P by gross floor area (hvacportal copy of Tehran's rule). */
const K_RESIDENTIAL_SINGLE: CoefficientTable = {
	name: 'K_residential_single',
	title: { fa: 'ضریب زیربنای مسکونی تک‌واحدی', en: 'Residential single-unit floor-area coefficient' },
	kind: 'brackets',
	dimension: 'floor_area (m²)',
	rows: [
		{ up_to: 60, value: 0.05 },
		{ up_to: 100, value: 0.1 },
		{ up_to: 150, value: 0.18 },
		{ up_to: 200, value: 0.3 },
		{ up_to: 300, value: 0.45 },
		{ up_to: 400, value: 0.65 },
		// The source gives 90 % up to 500 m² and 120 % above 600 m²; 500–600 m² is not given,
		// so this sample keeps 90 % up to 600 m².
		{ up_to: 600, value: 0.9 },
		{ up_to: null, value: 1.2 }
	]
};

/** Residential, several units: share of P by the average unit size. */
const K_RESIDENTIAL_MULTI: CoefficientTable = {
	name: 'K_residential_multi',
	title: { fa: 'ضریب زیربنای مسکونی چندواحدی', en: 'Residential multi-unit floor-area coefficient' },
	kind: 'brackets',
	dimension: 'average unit size (m²)',
	rows: [
		{ up_to: 200, value: 0.15 },
		{ up_to: 400, value: 0.2 },
		{ up_to: 600, value: 0.25 },
		{ up_to: null, value: 0.3 }
	]
};

const FLOOR_ROWS: [string, number, number, number | null][] = [
	// floor, commercial, office, industrial (Tehran Region 5 پذیره table, %)
	['ground', 100, 60, 100],
	['basement', 60, 50, 50],
	['first', 50, 40, 35],
	['second', 45, 30, 35],
	['third_up', 35, 20, 35],
	['storage', 20, 20, 35],
	['mezzanine', 10, 10, null]
];

/** M: floor coefficient of commercial, office and industrial spaces. */
const M_FLOOR: CoefficientTable = {
	name: 'M_floor',
	title: { fa: 'ضریب طبقه (M) فضاهای تجاری، اداری و صنعتی', en: 'Floor coefficient (M) of commercial, office and industrial space' },
	kind: 'lookup',
	dimensions: ['floor_level', 'use'],
	rows: FLOOR_ROWS.flatMap(([floor, commercial, office, industrial]) => [
		{ key: [floor, 'commercial'], value: commercial / 100 },
		{ key: [floor, 'office'], value: office / 100 },
		...(industrial === null ? [] : [{ key: [floor, 'industrial'], value: industrial / 100 }])
	])
};

/** M of T = M × P × S for non-residential parking shortfall (Mashhad zone 2). */
const M_PARKING: CoefficientTable = {
	name: 'M_parking',
	title: { fa: 'ضریب کسری پارکینگ غیرمسکونی', en: 'Non-residential parking shortfall coefficient' },
	kind: 'lookup',
	dimensions: ['use'],
	rows: [
		{ key: ['commercial'], value: 100 },
		{ key: ['office'], value: 80 },
		{ key: ['industrial'], value: 80 }
	]
};

/** Per m² of parking removed, × P (datasazeh.com): used by the annulled item only. */
const M_PARKING_REMOVED: CoefficientTable = {
	name: 'M_parking_removed',
	title: { fa: 'ضریب حذف پارکینگ', en: 'Parking removal coefficient' },
	kind: 'lookup',
	dimensions: ['use'],
	rows: [
		{ key: ['commercial'], value: 100 },
		{ key: ['office'], value: 100 },
		{ key: ['industrial'], value: 45 },
		{ key: ['residential'], value: 20 }
	]
};

/** [G] K × P × excess m²: no source gives the excess-density coefficients. */
const K_DENSITY: CoefficientTable = {
	name: 'K_density',
	title: { fa: 'ضریب تراکم مازاد', en: 'Excess density coefficient' },
	kind: 'lookup',
	dimensions: ['use'],
	rows: [
		{ key: ['residential'], value: 1.2 },
		{ key: ['commercial'], value: 3 },
		{ key: ['office'], value: 2.5 },
		{ key: ['industrial'], value: 1.5 }
	]
};

/** [G] Reinstatement rate of each surface, rials per m². */
const R_SURFACE: CoefficientTable = {
	name: 'R_surface',
	title: { fa: 'نرخ ترمیم رویه (ریال بر متر مربع)', en: 'Surface reinstatement rate (rials per m²)' },
	kind: 'lookup',
	dimensions: ['surface'],
	rows: [
		{ key: ['asphalt'], value: 4_500_000 },
		{ key: ['concrete'], value: 3_800_000 },
		{ key: ['paving'], value: 3_000_000 },
		{ key: ['unpaved'], value: 800_000 }
	]
};

/** [G] Street-class coefficient: digging an arterial disrupts more traffic. */
const C_ROAD: CoefficientTable = {
	name: 'C_road',
	title: { fa: 'ضریب ردهٔ معبر', en: 'Street class coefficient' },
	kind: 'lookup',
	dimensions: ['road_class'],
	rows: [
		{ key: ['arterial'], value: 1.5 },
		{ key: ['collector'], value: 1.3 },
		{ key: ['local'], value: 1.1 },
		{ key: ['alley'], value: 1 }
	]
};

export const SAMPLE_TABLES: CoefficientTable[] = [
	K_RESIDENTIAL_SINGLE,
	K_RESIDENTIAL_MULTI,
	M_FLOOR,
	M_PARKING,
	M_PARKING_REMOVED,
	K_DENSITY,
	R_SURFACE,
	C_ROAD
];

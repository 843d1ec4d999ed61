/**
 * Factories for the checker's tests: a parcel of 300 m² net in zone R121 of the sample book
 * (density 180 %, occupancy 60 %, 3 floors, 11 m, parking 1 per unit ≤ 150 m², pilotis required,
 * light well 12 m² and 3 %, north depth 60 % + 2 m) and a proposal exactly at every limit.
 */
import type { FootprintFacts, ParcelFacts } from '../facts';
import type { Proposal } from '../proposal';
import { rulesForZone, type ApplicableRules, type ZoneRules } from '../rule-book';
import { SAMPLE_RULE_BOOK } from '../sample-rule-book';
import { context, type CheckContext } from './verdict';

export const facts = (over: Partial<ParcelFacts> = {}): ParcelFacts => ({
	parcel_id: 1,
	zone_code: 'R121',
	other_zone_codes: [],
	gross_area_m2: 300,
	setback_area_m2: 0,
	net_area_m2: 300,
	overlays: [],
	parcel_depth_m: 25,
	footprint: null,
	...over
});

export const drawn = (over: Partial<FootprintFacts> = {}): FootprintFacts => ({
	area_m2: 180,
	beyond_widening_m2: 0,
	outside_parcel_m2: 0,
	depth_m: 16,
	front_distance_m: 0,
	...over
});

const SQUARE = { type: 'Polygon' as const, coordinates: [[[51.67, 32.65], [51.6702, 32.65], [51.6702, 32.6502], [51.67, 32.65]]] };

export const proposal = (over: Partial<Proposal> = {}): Proposal => ({
	floors: [
		{ level: 0, use: 'pilotis', area_m2: 150 },
		{ level: 1, use: 'residential', area_m2: 180 },
		{ level: 2, use: 'residential', area_m2: 180 },
		{ level: 3, use: 'residential', area_m2: 180 }
	],
	footprint: { kind: 'area', area_m2: 180 },
	height_m: 11,
	units: [
		{ area_m2: 120, use: 'residential' },
		{ area_m2: 120, use: 'residential' },
		{ area_m2: 120, use: 'residential' }
	],
	parking_spaces: 3,
	pilotis: true,
	light_well_m2: null,
	...over
});

/** The proposal with its footprint drawn, and the parcel facts with the drawing's measures. */
export const drawnCase = (footprint: Partial<FootprintFacts> = {}, p: Partial<Proposal> = {}, f: Partial<ParcelFacts> = {}) => ({
	facts: facts({ footprint: drawn(footprint), ...f }),
	proposal: proposal({ footprint: { kind: 'geometry', geometry: SQUARE }, ...p })
});

/** Zone R121's rules with some changed; `null` for a code the book lacks. */
export const rules = (zone: Partial<ZoneRules> | null = {}, code: string | null = 'R121'): ApplicableRules => {
	const applicable = rulesForZone(SAMPLE_RULE_BOOK, code);
	return zone === null || applicable.zone === null ? { ...applicable, zone: null } : { ...applicable, zone: { ...applicable.zone, ...zone } };
};

export const ctx = (o: { facts?: ParcelFacts; rules?: ApplicableRules; proposal?: Proposal } = {}): CheckContext =>
	context(o.facts ?? facts(), o.rules ?? rules(), o.proposal ?? proposal());

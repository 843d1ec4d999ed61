/**
 * The detailed-plan rule book (ضوابط و مقررات طرح تفصیلی) as data. Zoning polygons carry only a
 * zone code; the rules live here, one row per code. A value a city leaves blank is `null`, which
 * means "not defined" and is never read as zero: the checker asks an officer instead. Books are
 * versioned by an effective date, and a decided case records the version it was decided under.
 */
import type { IsoDate } from '../working-days';
import type { NorthDepthRule } from './north-depth';
import type { ParkingBand } from './parking-bands';
import type { LightWellRule } from './light-well';
import type { FloorUse } from './uses';
import { normaliseText } from '../text';

/** Every rule the proposal checker answers, in the order it answers them. */
export const CHECKED_RULES = [
	'zone_rules',
	'net_area',
	'land_use',
	'density',
	'occupancy',
	'floors',
	'height',
	'overlay_height',
	'overlay_floors',
	'overlay_rule',
	'unit_areas',
	'parking',
	'footprint_in_parcel',
	'footprint_beyond_widening',
	'front_setback',
	'north_depth',
	'light_well',
	'pilotis'
] as const;

export type CheckedRule = (typeof CHECKED_RULES)[number];

/** References to the clauses of the plan's text, per rule, e.g. `{ density: 'ضوابط طرح تفصیلی، بند ۳-۲' }`. */
export type ClauseRefs = Partial<Record<CheckedRule, string>>;

/**
 * Pilotis (پیلوت, an open ground floor for parking): the plan requires it, allows it, or forbids it.
 */
export type PilotisRule = 'required' | 'allowed' | 'not_allowed';

/** One zone's rules. Every limit is nullable: null = the book does not define it. */
export interface ZoneRules {
	zone_code: string;
	/** The plan's land use, e.g. `residential` or «مسکونی». */
	land_use: string | null;
	/** Main uses the zone allows, when the book lists them; otherwise they follow `land_use`. */
	allowed_uses: FloorUse[] | null;
	/** Total floor area ÷ net parcel area, %. */
	density_pct: number | null;
	/** Footprint ÷ net parcel area, %. */
	occupancy_pct: number | null;
	/** Storeys above ground; a pilotis ground floor is not one. */
	max_floors: number | null;
	max_height_m: number | null;
	/** Smallest parcel a subdivision may create, m². */
	min_parcel_area_m2: number | null;
	/** Shortest street frontage a subdivision may create, m. */
	min_frontage_m: number | null;
	/** Parking spaces per residential unit by unit size. */
	parking: ParkingBand[] | null;
	pilotis: PilotisRule | null;
	/** `'none'`: the zone has no light-well rule. */
	light_well: LightWellRule | 'none' | null;
	/** Depth the building may take on the north side, e.g. 60 % of the parcel depth + 2 m; `'none'`: no such rule. */
	north_depth: NorthDepthRule | 'none' | null;
	/** Setback from the front (street) line, m, besides the widening line. */
	front_setback_m: number | null;
	/** The row's general reference in the plan's text, used where a rule has no clause of its own. */
	clause: string | null;
	clauses: ClauseRefs;
	note: string | null;
}

/** Which book, in force from when, and where it comes from. A decided case stores this. */
export interface RuleBookVersion {
	id: string;
	title_fa: string;
	title_en: string;
	/** First day the book applies, ISO date. */
	effective_from: IsoDate;
	/** The approving body and resolution, or the document the rows were taken from. */
	source: string;
	/** True for made-up data (the sample city); shown as «داده نمونه — sample data». */
	sample: boolean;
}

export interface RuleBook extends RuleBookVersion {
	/** Clause references every zone shares, e.g. the chapter on parking. */
	clauses: ClauseRefs;
	zones: ZoneRules[];
}

/** The rules that apply to one parcel: the book, the parcel's zone code, and that code's row if the book has one. */
export interface ApplicableRules {
	book: RuleBookVersion & { clauses: ClauseRefs };
	zone_code: string | null;
	/** null: the code is missing from the book ("rules not defined"), never a zone of zeros. */
	zone: ZoneRules | null;
}

/** A zone code compared the way files write it: Latin digits, upper case, no spaces. */
export function zoneCodeKey(code: string): string {
	return normaliseText(code).toUpperCase().replace(/[\s\u200c]+/g, '');
}

/**
 * The rules for a zone code. A code the book lacks gives `zone: null`, which the checker reports
 * as "rules not defined".
 */
export function rulesForZone(book: RuleBook, zone_code: string | null): ApplicableRules {
	const { zones, ...version } = book;
	const key = zone_code === null ? null : zoneCodeKey(zone_code);
	const zone = key === null ? null : (zones.find((z) => zoneCodeKey(z.zone_code) === key) ?? null);
	return { book: version, zone_code, zone };
}

/**
 * The book in force on a day: the latest whose effective date is not after it; null before the
 * first. Ties on the date go to the later entry in the list.
 */
export function ruleBookInEffect<B extends RuleBookVersion>(books: readonly B[], on: IsoDate): B | null {
	let best: B | null = null;
	for (const b of books) {
		if (b.effective_from <= on && (best === null || b.effective_from >= best.effective_from)) best = b;
	}
	return best;
}

/** The clause a rule comes from: the zone's own, else the book's, else the zone's general reference. */
export function clauseFor(rules: ApplicableRules, rule: CheckedRule): string | null {
	return rules.zone?.clauses[rule] ?? rules.book.clauses[rule] ?? rules.zone?.clause ?? null;
}

/** A zone row with every rule undefined: the base that data files and tests fill in. */
export function emptyZoneRules(zone_code: string): ZoneRules {
	return {
		zone_code,
		land_use: null,
		allowed_uses: null,
		density_pct: null,
		occupancy_pct: null,
		max_floors: null,
		max_height_m: null,
		min_parcel_area_m2: null,
		min_frontage_m: null,
		parking: null,
		pilotis: null,
		light_well: null,
		north_depth: null,
		front_setback_m: null,
		clause: null,
		clauses: {},
		note: null
	};
}

/**
 * The planners' contract (issue 10 §1): setback conflicts with the widening lines, street plan
 * versions and what a drafted plan would do. Client-safe; the server returns exactly these shapes.
 * Areas are m² in the storage CRS, costs whole rials, bounding boxes WGS84 [west, south, east, north].
 */
import type { FeatureCollection } from 'geojson';

export const STREET_CLASSES = ['arterial', 'collector', 'local', 'alley'] as const;
export type StreetClass = (typeof STREET_CLASSES)[number];

/** How the conflicts are listed: one row per parcel cut by a street's corridor, or summed per street or district. */
export const CONFLICT_VIEWS = ['parcels', 'streets', 'districts'] as const;
export type ConflictView = (typeof CONFLICT_VIEWS)[number];

/**
 * A corridor's plan: `planned` as loaded with the streets, `revised` by an adopted plan version;
 * `draft`: the street has a drafted change waiting to be adopted (filter only).
 */
export const CORRIDOR_STATUSES = ['planned', 'revised', 'draft'] as const;
export type CorridorStatus = (typeof CORRIDOR_STATUSES)[number];

export const CONFLICT_FORMATS = ['json', 'csv', 'geojson', 'xlsx'] as const;
export type ConflictFormat = (typeof CONFLICT_FORMATS)[number];

export interface ConflictFilter {
	district: number | null;
	street: number | null;
	streetClass: StreetClass | null;
	status: CorridorStatus | null;
	parcel: number | null;
}

/** The figures of a row and of the totals. */
export interface ConflictFigures {
	/** Parcels cut by the corridor(s), each counted once. */
	parcels: number;
	/**
	 * Land to acquire. Where two corridors overlap on a parcel the overlap is shared between the
	 * streets in proportion, so rows add up to the totals.
	 */
	land_m2: number;
	/** Buildings standing in the corridor, each counted once (with the street whose corridor covers most of it). */
	buildings: number;
	/** Affected parcels with an open case. */
	parcels_with_open_cases: number;
	/** Affected parcels with a permit issued (by a case, or recorded on a building). */
	parcels_with_permits: number;
	/** Land × P (residential) of the zone value covering most of it; null when zone values are not available. */
	cost_rial: number | null;
	/**
	 * Pending cases and cases with a permit issued whose proposed footprint (the latest proposal's
	 * drawn footprint) reaches beyond the widening line into the corridor, each case counted once.
	 */
	proposals_beyond: number;
	/** Of those, the cases with a building permit issued. */
	permits_beyond: number;
	/** The proposed footprints' area inside the corridor, m² (summed per street where corridors overlap). */
	proposals_beyond_m2: number;
}

/**
 * A row of the parcels view: `setback` a parcel cut by a street's corridor; `proposal` a case on
 * that parcel whose proposed footprint reaches beyond the widening line (it follows its parcel's row).
 */
export const CONFLICT_KINDS = ['setback', 'proposal'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** A case whose proposed footprint reaches beyond a street's widening line. */
export interface ProposalConflict {
	case_id: number;
	tracking_code: string | null;
	/** `permit`: a building permit was issued on it; `pending`: the case is still open. */
	status: 'pending' | 'permit';
	/** The footprint's area beyond the line (inside this street's corridor), m². */
	beyond_m2: number;
}

export interface DistrictRef {
	id: number;
	code: string;
	name_fa: string;
	name_en: string | null;
}

export interface StreetRef {
	id: number;
	name_fa: string | null;
	name_en: string | null;
	class: StreetClass;
	width_m: number | null;
	planned_width_m: number | null;
	status: Exclude<CorridorStatus, 'draft'>;
	has_draft: boolean;
}

export interface ConflictRow extends ConflictFigures {
	/** `p<parcel>-s<street>`, `c<case>-s<street>` (a proposal), `s<street>` or `d<district>`: stable within a view. */
	key: string;
	/** `setback` unless the row is a proposal beyond the widening line (parcels view). */
	kind: ConflictKind;
	/** The case and its footprint beyond the line, on a `proposal` row. */
	proposal: ProposalConflict | null;
	districts: DistrictRef[];
	/** The street (parcels and streets views). */
	street: StreetRef | null;
	/** The parcel (parcels view): its open cases and permits are counts. */
	parcel: { id: number; renovation_code: string | null; area_m2: number; open_cases: number; permits: number } | null;
	bbox: [number, number, number, number] | null;
}

export interface ConflictReport {
	view: ConflictView;
	filter: ConflictFilter;
	rows: ConflictRow[];
	totals: ConflictFigures;
	/** False until the zone values (P) are loaded: every cost is then null. */
	cost_available: boolean;
}

export type StreetPlanStatus = 'draft' | 'adopted' | 'superseded';

/** One version of a street's planned width, with who, when and why. */
export interface StreetPlanVersion {
	id: number;
	street_id: number | null;
	planned_width_m: number;
	/** The drawn widening line, WGS84 [lon, lat] points, when the plan was drawn as one. */
	widening_line: [number, number][] | null;
	status: StreetPlanStatus;
	reason: string;
	created_by: string;
	created_at: string;
	previous_planned_width_m: number | null;
	adopted_by: string | null;
	adopted_at: string | null;
	superseded_at: string | null;
}

/** A parcel the street's corridor cuts now or would cut under the draft. */
export interface ImpactParcel {
	id: number;
	renovation_code: string | null;
	before_m2: number;
	after_m2: number;
	buildings_after: number;
	open_cases: number;
	permits: number;
	/** Cases on the parcel whose proposed footprint would reach into the draft's corridor (pending or permitted). */
	proposals_after: number;
	/** Of those, the cases with a building permit issued: permits the draft would affect. */
	permits_after: number;
}

/** What a drafted plan would do, against the street's corridor in force. */
export interface PlanImpact {
	plan_id: number;
	street: StreetRef;
	before: ConflictFigures;
	after: ConflictFigures;
	parcels: ImpactParcel[];
	/** For the map: `kind` corridor_before, corridor_after, piece_after, widening_line. */
	features: FeatureCollection;
}

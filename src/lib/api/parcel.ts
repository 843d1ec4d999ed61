/**
 * The parcel detail contract: what `GET /api/parcels/:id` returns and what the parcel panel shows.
 * Client-safe (types only). All areas are m² measured in the city's projected CRS; all geometry
 * here is GeoJSON in WGS84 (EPSG:4326) for the browser.
 */
import type { LineString, MultiLineString, MultiPolygon, Polygon, Point } from 'geojson';

export type CapacityRuleName =
	| 'density' // net area × density %
	| 'floors' // zone's max floors × occupancy % × net area
	| 'height' // floors that fit under the zone's max height × occupancy % × net area
	| 'overlay_height' // floors that fit under an overlay's height limit × occupancy % × net area
	| 'overlay_floors'; // an overlay's max floors × occupancy % × net area

export interface CapacityRule {
	rule: CapacityRuleName;
	/** Floor area this rule allows, m². */
	floor_area_m2: number;
	/** The inputs, so the UI can show the arithmetic, e.g. { net_area_m2: 240.5, density_pct: 180 }. */
	inputs: Record<string, number>;
	/** Overlay that imposes this rule, if any. */
	overlay_id?: number;
}

export interface Capacity {
	max_floor_area_m2: number;
	permitted_floor_area_m2: number;
	/** max − permitted; negative when more is permitted than the plan now allows. */
	remaining_floor_area_m2: number;
	governing_rule: CapacityRuleName;
	/** Every rule that applied, strictest first. */
	rules: CapacityRule[];
	/** Storey height assumed to turn a height limit into floors, m. */
	storey_height_m: number;
}

/**
 * A zone of the detailed plan on a parcel. The limits come from the rule book in force (by the
 * zone's code); only when no book is in force, from the zoning layer's own columns. A limit the
 * rules leave blank is null — shown as "not defined", never as 0.
 */
export interface ZoningInfo {
	id: number;
	code: string;
	land_use: string | null;
	density_pct: number | null;
	occupancy_pct: number | null;
	max_floors: number | null;
	max_height_m: number | null;
	description: string | null;
	/** Share of the parcel's area in this zone, %; < 100 when the parcel straddles zones. */
	share_pct: number;
	/** False when there are no rules for this code: the book in force lacks it (or, without a book, the layer has none). */
	rules_defined: boolean;
}

/** The rule book the zoning rules were read from. */
export interface RuleBookInfo {
	id: number;
	title: string;
	title_en: string | null;
	/** First day the book applies, YYYY-MM-DD. */
	effective_from: string;
	/** Made-up data (the sample city). */
	sample: boolean;
}

export interface OverlayInfo {
	id: number;
	kind: string;
	name_fa: string;
	name_en: string | null;
	max_height_m: number | null;
	max_floors: number | null;
	rule_fa: string | null;
	rule_en: string | null;
}

export interface SetbackInfo {
	/** Part of the parcel inside the planned street (beyond the widening line), m². */
	area_m2: number;
	/** That part, WGS84; null when there is no setback. */
	geometry: MultiPolygon | Polygon | null;
	/** Streets whose widening takes the setback. */
	streets: { id: number; name_fa: string | null; name_en: string | null; width_m: number | null; planned_width_m: number | null }[];
}

export interface OpenCase {
	id: number;
	tracking_code: string;
	kind: string;
	title_fa: string;
	title_en: string | null;
	step_fa: string | null;
	step_en: string | null;
	opened_at: string; // ISO 8601
	due_on: string | null; // YYYY-MM-DD
	/** Imported from the city's previous system (no Pelak workflow): the district office follows it up and closes it. */
	imported: boolean;
}

export interface ParcelDetail {
	id: number;
	renovation_code: string | null;
	registration_plate: string | null;
	plate_main: string | null;
	plate_sub: string | null;
	registry_section: string | null;
	postal_code: string | null;
	address: string | null;
	district: { id: number; code: string; name_fa: string; name_en: string | null } | null;
	block_code: string | null;
	area_m2: number;
	net_area_m2: number;
	/** The zone covering most of the parcel; null outside the detailed plan. */
	zoning: ZoningInfo | null;
	/** Other zones the parcel touches (share_pct ≥ 1). */
	other_zones: ZoningInfo[];
	/** The rule book in force the zoning rules come from; null when none is (the zoning layer's own limits are used). */
	rule_book: RuleBookInfo | null;
	overlays: OverlayInfo[];
	setback: SetbackInfo;
	/** null when there is no zoning to compute from. */
	capacity: Capacity | null;
	buildings: { id: number; floors: number | null; built_floor_area_m2: number | null; permitted_floor_area_m2: number; permit_no: string | null; permit_date: string | null }[];
	open_cases: OpenCase[];
	/** [lon, lat] of a point inside the parcel. */
	centroid: [number, number];
	/** [west, south, east, north], WGS84. */
	bbox: [number, number, number, number];
	geometry: MultiPolygon;
}

export interface SearchHit {
	/** The parcel's id; for a street, the id of one of its segments. */
	id: number;
	/** What matched, e.g. the renovation code or the address; a street's name. */
	label: string;
	/** Which field of a parcel matched, or `street`: a street found by its name (the map flies to it, no parcel opens). */
	matched: 'renovation_code' | 'registration_plate' | 'postal_code' | 'address' | 'street';
	/** A parcel's renovation code and its block's code, which tell apart hits of one label (two parcels at one address); streets have none. */
	renovation_code?: string | null;
	block?: string | null;
	centroid: [number, number];
	bbox: [number, number, number, number];
	/** A street's line (all of it), in WGS84, for the map to highlight; parcels have none here. */
	geometry?: LineString | MultiLineString;
}

export interface ApiError {
	error: { code: string; message: string };
}

export type { Point };

/**
 * What the server measures about a parcel (in PostGIS, in the metric storage CRS) for the
 * proposal check. The checker never measures geometry itself: it compares these figures, the
 * proposal and the rule book.
 */

export interface OverlayFacts {
	id: number;
	kind: string;
	name_fa: string;
	name_en: string | null;
	max_height_m: number | null;
	max_floors: number | null;
	/** A rule in words the checker cannot apply (e.g. "any construction needs a heritage referral"). */
	rule_fa: string | null;
	rule_en: string | null;
}

/** Measures of a footprint drawn as geometry; absent when the proposal gave only an area. */
export interface FootprintFacts {
	/** ST_Area of the footprint, m². */
	area_m2: number;
	/** ST_Area(ST_Intersection(footprint, widening corridors)): the part beyond the widening line, inside the planned street, m². */
	beyond_widening_m2: number;
	/** ST_Area(ST_Difference(footprint, parcel)): the part outside the parcel, m². */
	outside_parcel_m2: number;
	/** North–south extent of the footprint (ST_YMax − ST_YMin), m. */
	depth_m: number;
	/**
	 * Shortest distance from the footprint to the parcel's street edge after widening (the widening
	 * line where there is one), m; null when not measured.
	 */
	front_distance_m: number | null;
}

export interface ParcelFacts {
	parcel_id: number;
	/** Code of the zone covering most of the parcel; null outside the plan's zoning. */
	zone_code: string | null;
	/** Codes of other zones the parcel reaches into (share ≥ 1 %). */
	other_zone_codes: string[];
	/** Parcel area, m². */
	gross_area_m2: number;
	/** Part of the parcel beyond the widening line, m². */
	setback_area_m2: number;
	/** gross − setback, m²: density, occupancy and the light well apply to it. */
	net_area_m2: number;
	overlays: OverlayFacts[];
	/** North–south extent of the parcel after the widening line, m; null when not measured. */
	parcel_depth_m: number | null;
	/** Present exactly when the proposal's footprint is geometry. */
	footprint: FootprintFacts | null;
}

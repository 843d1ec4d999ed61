import type { ColumnType, Generated } from 'kysely';
import type { Geometry } from './schema';

/** Tables of migrations/0050_street_plans.sql (part of `DB` in ./schema.ts): street plan versions and setback conflicts. */

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type StreetPlanStatus = 'draft' | 'adopted' | 'superseded';

/** A version of a street's planned width; only status, adoption and the street link ever change. */
export interface StreetPlans {
	id: Generated<number>;
	street_id: number | null;
	planned_width_m: number;
	/** One edge of the planned street, drawn by the planner; null: the corridor follows the centre line. */
	widening_line: Geometry | null;
	status: ColumnType<StreetPlanStatus, StreetPlanStatus | undefined, StreetPlanStatus>;
	reason: string;
	created_by: number;
	created_at: CreatedAt;
	previous_planned_width_m: number | null;
	adopted_by: number | null;
	adopted_at: Timestamp | null;
	superseded_at: Timestamp | null;
}

/** A parcel cut by a street's planned corridor (rebuilt with the corridors). */
export interface ParcelSetbacks {
	parcel_id: number;
	street_id: number;
	district_id: number | null;
	area_m2: number;
	land_m2: number;
	buildings_cut: ColumnType<number, number | undefined, number>;
	permitted_buildings: ColumnType<number, number | undefined, number>;
	geom: Geometry;
	/** P (rial/m², residential) of the zone value covering most of the piece; set by triggers (migrations/0145). */
	acquisition_p_rial_per_m2: ColumnType<number | null, never, never>;
	/** Cases on the parcel, whatever their status; kept by triggers (migrations/0151). */
	parcel_cases: ColumnType<number, never, never>;
	/** The piece's WGS84 bounding box. */
	west: number;
	south: number;
	east: number;
	north: number;
}

import { sql, type RawBuilder } from 'kysely';
import { overlapsWith } from '../db/area-parts';
import type { Executor } from './book.repository';

export interface ZoneValueAtParcel {
	zone_value_id: number;
	p_rial_per_m2: number;
	jalali_year: number | null;
	source_ref: string | null;
	/** Share of the parcel's area the zone value polygon covers, 0–1. */
	share: number;
}

/**
 * The zone value P of a use class at a parcel: of the polygons overlapping the parcel (a touch
 * along an edge does not count), those of the latest year up to `jalaliYear` (undated ones
 * last), and among them the one covering most of the parcel. Areas in the storage CRS, in m².
 */
export async function zoneValueAtParcel(
	db: Executor,
	parcelId: number,
	useClass: string,
	jalaliYear: number
): Promise<ZoneValueAtParcel | null> {
	const { rows } = await sql<ZoneValueAtParcel>`
		select v.* from parcels p cross join lateral (${zoneValueCoveringMost(sql.ref('p.geom'), useClass, jalaliYear)}) v
		where p.id = ${parcelId}`.execute(db);
	return rows[0] ?? null;
}

/**
 * The rule of `zoneValueAtParcel` as a subquery over a parcel geometry of the caller's statement
 * (`parcel`, e.g. `sql.ref('p.geom')`) and a use class given or read from a column: one row or none.
 * The sample history prices every free parcel with it in one statement.
 */
export function zoneValueCoveringMost(parcel: RawBuilder<unknown>, useClass: string | RawBuilder<string>, jalaliYear: number): RawBuilder<ZoneValueAtParcel> {
	return sql<ZoneValueAtParcel>`
		select z.id as zone_value_id, z.p_rial_per_m2, z.jalali_year, z.source_ref,
		       shared.overlap_m2 / nullif(ST_Area(${parcel}), 0) as share
		from (${overlapsWith('zone_values', parcel)}) shared join zone_values z on z.id = shared.id
		where z.use_class = ${useClass}
		  and (z.jalali_year is null or z.jalali_year <= ${jalaliYear})
		  and shared.overlap_m2 > 0
		order by z.jalali_year desc nulls last, share desc, z.id
		limit 1`;
}

/** The parcel's district (for access), or undefined when there is no such parcel. */
export async function parcelDistrict(db: Executor, parcelId: number): Promise<{ district_id: number | null } | undefined> {
	return db.selectFrom('parcels').select('district_id').where('id', '=', parcelId).executeTakeFirst();
}

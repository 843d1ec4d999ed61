import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Rebuilds the planned street corridors (land the widening scheme takes into the street) from
 * the streets: for each street whose planned width exceeds its current width (or whose current
 * width is unknown), the band of half the planned width either side of its centre line.
 * A parcel's setback (عقب‌نشینی) is its intersection with these corridors.
 *
 * Flat end caps, round joins: a street row ends at a junction, where the crossing street's own
 * corridor (if widened) takes over; a round cap would bite a half-disc of planned-street width
 * into the parcels beyond a T junction or a dead end, a setback the plan never drew. Round joins
 * keep a bent street's corridor whole at the bend.
 *
 * Returns the number of corridors written.
 */
export async function rebuildWideningCorridors(db: Kysely<DB> | Transaction<DB>): Promise<number> {
	await db.deleteFrom('widening_corridors').execute();
	const result = await sql`
		insert into widening_corridors (street_id, planned_width_m, geom)
		select id, planned_width_m,
		       ST_Multi(ST_CollectionExtract(ST_Buffer(geom, planned_width_m / 2.0, 'endcap=flat join=round'), 3))
		from streets
		where planned_width_m is not null
		  and (width_m is null or planned_width_m > width_m)
		  and not ST_IsEmpty(geom)`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

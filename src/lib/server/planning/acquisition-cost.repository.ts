import { sql, type Expression, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { StorageGeometry } from '../spatial';

/** The use class whose P prices land taken for a street: land is bought as residential land. */
export const ACQUISITION_USE_CLASS = 'residential';

/**
 * The estimated acquisition cost of land taken for a street, as SQL for one piece: its land area
 * × P (rial/m², use class residential) of the zone value (قیمت منطقه‌ای) polygon covering most of
 * the piece, in whole rials; null in SQL where no zone value covers it.
 *
 * Returns null — cost not available, never invented — while the zone values layer
 * (`zone_values`, migrations/0030) holds no residential P at all.
 *
 * @example const cost = (await acquisitionCost(db, sql`s.geom`, sql`s.land_m2`)) ?? sql`null::float8`;
 */
export async function acquisitionCost(
	db: Kysely<DB> | Transaction<DB>,
	piece: Expression<StorageGeometry>,
	landM2: Expression<number>
): Promise<RawBuilder<number | null> | null> {
	if (!(await hasResidentialP(db))) return null;
	return sql<number | null>`(
		select round(${landM2}::numeric * zv.p_rial_per_m2::numeric)::float8
		from zone_values zv
		where zv.use_class = ${ACQUISITION_USE_CLASS} and ST_Intersects(zv.geom, ${piece})
		order by ST_Area(ST_Intersection(zv.geom, ${piece})) desc, zv.p_rial_per_m2 desc
		limit 1)`;
}

/**
 * The same estimate for a recorded setback piece (`parcel_setbacks`), from the P kept on its row
 * (`acquisition_p_rial_per_m2`, migrations/0145, kept exact by triggers): no intersection per
 * request. Null (cost not available) under the same condition as {@link acquisitionCost}.
 *
 * @example const cost = (await setbackAcquisitionCost(db, 's0')) ?? sql`null::float8`;
 */
export async function setbackAcquisitionCost(db: Kysely<DB> | Transaction<DB>, alias: string): Promise<RawBuilder<number | null> | null> {
	if (!(await hasResidentialP(db))) return null;
	const p = sql.ref(`${alias}.acquisition_p_rial_per_m2`);
	return sql<number | null>`round(${sql.ref(`${alias}.land_m2`)}::numeric * ${p}::numeric)::float8`;
}

async function hasResidentialP(db: Kysely<DB> | Transaction<DB>): Promise<boolean> {
	const { rows } = await sql<{ present: boolean }>`
		select exists (select 1 from zone_values where use_class = ${ACQUISITION_USE_CLASS}) as present`.execute(db);
	return rows[0]?.present === true;
}

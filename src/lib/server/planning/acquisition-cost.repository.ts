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
	// the P of the polygon covering most of the piece: the same SQL function the setback triggers use (migrations/0145)
	return priced(landM2, sql`pelak_setback_acquisition_p(${piece})`);
}

/** Land × P in whole rials; null where no P covers the land. */
function priced(landM2: Expression<number>, p: RawBuilder<unknown>): RawBuilder<number | null> {
	return sql<number | null>`round(${landM2}::numeric * (${p})::numeric)::float8`;
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
	return priced(sql.ref(`${alias}.land_m2`), sql`${sql.ref(`${alias}.acquisition_p_rial_per_m2`)}`);
}

async function hasResidentialP(db: Kysely<DB> | Transaction<DB>): Promise<boolean> {
	const { rows } = await sql<{ present: boolean }>`
		select exists (select 1 from zone_values where use_class = ${ACQUISITION_USE_CLASS}) as present`.execute(db);
	return rows[0]?.present === true;
}

import { sql } from 'kysely';
import type { Executor } from './cases.repository';

/** The parcel a request is filed on, locked so two filings on it cannot pass eligibility together. */
export async function lockParcel(db: Executor, parcelId: number): Promise<{ id: number; district_id: number | null } | null> {
	const { rows } = await sql<{ id: number; district_id: number | null }>`
		select id, district_id from parcels where id = ${parcelId} for update`.execute(db);
	return rows[0] ?? null;
}

/** The parcel's renovation code; null once a re-import removed the parcel (cases outlive it). */
export async function parcelRenovationCode(db: Executor, parcelId: number): Promise<string | null> {
	const row = await db.selectFrom('parcels').select('renovation_code').where('id', '=', parcelId).executeTakeFirst();
	return row?.renovation_code ?? null;
}

/** What finished cases issued on the parcel, and whether a recorded building carries a permit. */
export async function issuedOnParcel(db: Executor, parcelId: number): Promise<{ issued: string[]; hasBuilding: boolean; hasPermittedBuilding: boolean }> {
	const { rows } = await sql<{ issued: string[] | null; buildings: number; permitted: number }>`
		select (select array_agg(distinct issued) from cases where parcel_id = ${parcelId} and issued is not null) as issued,
		       (select count(*)::int from buildings where parcel_id = ${parcelId}) as buildings,
		       (select count(*)::int from buildings where parcel_id = ${parcelId} and permit_no is not null) as permitted`.execute(db);
	const row = rows[0];
	return { issued: row?.issued ?? [], hasBuilding: (row?.buildings ?? 0) > 0, hasPermittedBuilding: (row?.permitted ?? 0) > 0 };
}

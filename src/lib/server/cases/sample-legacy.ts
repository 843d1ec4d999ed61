/**
 * SAMPLE work on the backlog imported from the previous system: each district officer of the demo
 * city has closed a few of their district's oldest imported cases over the last weeks, through the
 * real service (legacy-cases.service.ts), so the officer's legacy tab shows progress and the council
 * dashboard's backlog table has closings in its period. Notes say «نمونه — sample».
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { closeLegacyCase, LEGACY_OUTCOMES } from './legacy-cases.service';
import { districtOfficerOf } from './sample-citizens';

const DAY_MS = 86_400_000;
/** Days ago of each officer's closings, oldest case first. */
const CLOSED_DAYS_AGO = [18, 9, 3];

/** Closes up to three imported cases per district; returns how many. Does nothing where none is open or no officer is seeded. */
export async function seedSampleLegacyClosings(db: Kysely<DB>, { now = new Date() } = {}): Promise<number> {
	const { rows } = await sql<{ id: number; district_id: number; n: number }>`
		select id, district_id, n::int as n from (
			select c.id, p.district_id, row_number() over (partition by p.district_id order by c.opened_at, c.id) as n
			from cases c join parcels p on p.id = c.parcel_id
			where c.request_type is null and c.status = 'open' and p.district_id is not null) x
		where n <= ${CLOSED_DAYS_AGO.length}
		order by district_id, n`.execute(db);
	let closed = 0;
	const officers = new Map<number, Awaited<ReturnType<typeof districtOfficerOf>>>();
	for (const row of rows) {
		if (!officers.has(row.district_id)) officers.set(row.district_id, await districtOfficerOf(db, row.district_id));
		const officer = officers.get(row.district_id);
		if (!officer) continue;
		const i = row.n - 1; // the district's oldest first
		const at = new Date(now.getTime() - CLOSED_DAYS_AGO[i] * DAY_MS);
		await closeLegacyCase(db, officer, row.id, LEGACY_OUTCOMES[i % LEGACY_OUTCOMES.length], 'نمونه — sample: بررسی پروندهٔ سامانهٔ پیشین', { now: at, sender: null });
		closed++;
	}
	return closed;
}

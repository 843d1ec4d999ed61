import { sql } from 'kysely';
import type { Executor } from './cases.repository';

export interface DailyUsage {
	filings: number;
	uploadBytes: number;
}

/**
 * Adds to one user's usage on one day and returns the new totals. One upsert: concurrent requests
 * of the same user wait on the row, so two of them cannot both pass the last free slot; inside the
 * caller's transaction, a refused or failed write takes its increment back with it.
 */
export async function addDailyUsage(db: Executor, userId: number, day: string, add: DailyUsage): Promise<DailyUsage> {
	const { rows } = await sql<{ filings: number; upload_bytes: string | number }>`
		insert into user_daily_usage as u (user_id, day, filings, upload_bytes)
		values (${userId}, ${day}::date, ${add.filings}, ${add.uploadBytes})
		on conflict (user_id, day) do update
		  set filings = u.filings + excluded.filings, upload_bytes = u.upload_bytes + excluded.upload_bytes
		returning filings, upload_bytes`.execute(db);
	return { filings: rows[0].filings, uploadBytes: Number(rows[0].upload_bytes) };
}

/** Forgets days before `before` (YYYY-MM-DD); the scheduled cleanup calls it. */
export async function pruneDailyUsage(db: Executor, before: string): Promise<number> {
	const result = await db.deleteFrom('user_daily_usage').where('day', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

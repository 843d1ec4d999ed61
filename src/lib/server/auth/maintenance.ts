import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { deleteExpiredSessions } from './sessions.repository';
import { deleteCodesExpiredBefore } from './codes.repository';
import { pruneRateLimits } from './rate-limit.repository';

/** Removes ended sessions, codes expired over a day ago and rate-limit windows over a day old. Run daily or at start-up. */
export async function pruneExpiredSignInRecords(db: Kysely<DB>, now: Date = new Date()): Promise<void> {
	const dayAgo = new Date(now.getTime() - 24 * 3600_000);
	await deleteExpiredSessions(db, now);
	await deleteCodesExpiredBefore(db, dayAgo);
	await pruneRateLimits(db, dayAgo);
}

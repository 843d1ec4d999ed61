import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { RateLimitedError } from './errors';

export interface RateLimit {
	/** Most hits allowed in one window. */
	limit: number;
	windowMs: number;
}

/**
 * Counts one hit on `key` in the current fixed window and refuses it once the window holds more
 * than `limit`. The counter is one upsert in the database, so concurrent requests and several
 * server processes share it, and a restart does not reset it.
 */
export async function hitRateLimit(db: Kysely<DB>, key: string, rule: RateLimit, now: Date): Promise<void> {
	const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
	const row = await db
		.insertInto('rate_limit_buckets')
		.values({ key, window_start: windowStart, count: 1 })
		.onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_buckets.count + 1` }))
		.returning('count')
		.executeTakeFirstOrThrow();
	if (row.count > rule.limit) {
		throw new RateLimitedError((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000);
	}
}

/** Forgets windows that ended long ago; called now and then, not on every request. */
export async function pruneRateLimits(db: Kysely<DB>, olderThan: Date): Promise<number> {
	const result = await db.deleteFrom('rate_limit_buckets').where('window_start', '<', olderThan).executeTakeFirst();
	return Number(result.numDeletedRows);
}

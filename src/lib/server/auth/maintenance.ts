import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { deleteExpiredSessions } from './sessions.repository';
import { deleteCodesExpiredBefore } from './codes.repository';
import { pruneRateLimits } from './rate-limit.repository';
import { deleteThrottlesQuietSince } from './throttle.repository';
import { deleteOutboxBefore } from '../notify/outbox.repository';
import { pruneDailyUsage } from '../cases/daily-usage.repository';
import { IDEMPOTENCY_KEEP_MS, pruneIdempotencyKeys } from '../cases/idempotency';
import { tehranDate } from '../../domain/working-days';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The sandbox outbox keeps a week: long enough to follow a demo, short for codes kept in clear. */
export const OUTBOX_KEEP_MS = 7 * DAY;
export const MAINTENANCE_EVERY_MS = HOUR;

export interface CleanupReport {
	sessions: number;
	codes: number;
	rateLimitWindows: number;
	throttles: number;
	outbox: number;
	/** Daily filing and upload quota rows of days before yesterday (issue 7). */
	dailyUsage: number;
	/** Idempotency keys of writes older than a day: a retry comes within seconds, not days. */
	idempotencyKeys: number;
}

/**
 * Removes ended sessions (pending sign-ins too), codes expired over a day ago, rate-limit windows
 * that ended (daily SMS caps included: windows over two days old), throttles quiet for a day and
 * sandbox outbox entries over a week old, idempotency keys over a day old. Audit logs are never pruned here.
 */
export async function pruneExpiredSignInRecords(db: Kysely<DB>, now: Date = new Date()): Promise<CleanupReport> {
	const ago = (ms: number) => new Date(now.getTime() - ms);
	return {
		sessions: await deleteExpiredSessions(db, now),
		codes: await deleteCodesExpiredBefore(db, ago(DAY)),
		rateLimitWindows: await pruneRateLimits(db, ago(2 * DAY)),
		throttles: await deleteThrottlesQuietSince(db, ago(DAY)),
		outbox: await deleteOutboxBefore(db, ago(OUTBOX_KEEP_MS)),
		dailyUsage: await pruneDailyUsage(db, tehranDate(ago(2 * DAY))),
		idempotencyKeys: await pruneIdempotencyKeys(db, ago(IDEMPOTENCY_KEEP_MS))
	};
}

let timer: NodeJS.Timeout | null = null;
let firstRun: NodeJS.Timeout | null = null;

/**
 * Runs the cleanup a minute after start-up and then every hour, on a timer that never keeps the
 * process alive (unref). A second call while running changes nothing. Returns a stop function.
 */
export function startMaintenanceSchedule(db: Kysely<DB>, everyMs: number = MAINTENANCE_EVERY_MS): () => void {
	if (timer) return stopMaintenanceSchedule;
	const run = () => {
		pruneExpiredSignInRecords(db).catch((err) => console.warn('[pelak] cleanup of expired sign-in records failed', err));
	};
	firstRun = setTimeout(run, Math.min(60_000, everyMs));
	firstRun.unref();
	timer = setInterval(run, everyMs);
	timer.unref();
	return stopMaintenanceSchedule;
}

export function stopMaintenanceSchedule(): void {
	if (timer) clearInterval(timer);
	if (firstRun) clearTimeout(firstRun);
	timer = firstRun = null;
}

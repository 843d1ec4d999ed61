import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Claims the next attempt on `key`: succeeds (returns true) only when its wait has passed and, with
 * `leaseUntil`, no other attempt holds the key; failures older than `forgetBefore` are forgotten
 * first. One conditional UPDATE, so two racing attempts cannot both claim it.
 */
export async function claimAttempt(
	db: Executor,
	key: string,
	now: Date,
	forgetBefore: Date,
	leaseUntil: Date | null
): Promise<boolean> {
	await db.insertInto('sign_in_throttle').values({ key }).onConflict((oc) => oc.column('key').doNothing()).execute();
	const forgotten = sql<boolean>`coalesce(last_failure_at < ${forgetBefore}, true)`;
	let update = db
		.updateTable('sign_in_throttle')
		.set({
			failures: sql`case when ${forgotten} then 0 else failures end`,
			not_before: sql`case when ${forgotten} then '-infinity'::timestamptz else not_before end`
		})
		.where('key', '=', key)
		.where((eb) => eb.or([eb('not_before', '<=', now), eb(forgotten, '=', true)]));
	if (leaseUntil) {
		update = update
			.set({ in_flight_until: leaseUntil })
			.where((eb) => eb.or([eb('in_flight_until', 'is', null), eb('in_flight_until', '<=', now)]));
	}
	const result = await update.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** When the next attempt on `key` may come (now, if nothing holds it back). */
export async function nextAttemptAt(db: Executor, key: string, now: Date): Promise<Date> {
	const row = await db.selectFrom('sign_in_throttle').select(['not_before', 'in_flight_until']).where('key', '=', key).executeTakeFirst();
	if (!row) return now;
	const times = [row.not_before.getTime(), row.in_flight_until?.getTime() ?? 0, now.getTime()];
	return new Date(Math.max(...times));
}

/** Counts one failure, releases the key, and returns the failures counted so far. */
export async function countFailure(db: Executor, key: string, now: Date): Promise<number> {
	const row = await db
		.insertInto('sign_in_throttle')
		.values({ key, failures: 1, last_failure_at: now })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({ failures: sql`sign_in_throttle.failures + 1`, last_failure_at: now, in_flight_until: null })
		)
		.returning('failures')
		.executeTakeFirstOrThrow();
	return row.failures;
}

export async function setNotBefore(db: Executor, key: string, notBefore: Date): Promise<void> {
	await db.updateTable('sign_in_throttle').set({ not_before: notBefore }).where('key', '=', key).execute();
}

/** Lets the next attempt in without counting this one (it neither failed nor succeeded). */
export async function releaseAttempt(db: Executor, key: string): Promise<void> {
	await db.updateTable('sign_in_throttle').set({ in_flight_until: null }).where('key', '=', key).execute();
}

/** A success forgets the key's failures. */
export async function clearFailures(db: Executor, key: string): Promise<void> {
	await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}

export async function deleteThrottlesQuietSince(db: Executor, before: Date): Promise<number> {
	const result = await db
		.deleteFrom('sign_in_throttle')
		.where((eb) => eb.or([eb('last_failure_at', '<', before), eb('last_failure_at', 'is', null)]))
		.where((eb) => eb.or([eb('in_flight_until', 'is', null), eb('in_flight_until', '<', before)]))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

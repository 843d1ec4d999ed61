import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { RateLimitedError } from './errors';
import { claimAttempt, clearFailures, countFailure, nextAttemptAt, releaseAttempt, setNotBefore } from './throttle.repository';

/**
 * Sign-in limits that count failures only and slow down rather than lock out: a few failures are
 * free, then each one doubles the wait before the next attempt, up to `maxDelayMs`. A correct
 * password or code is still accepted once the wait has passed, and clears the count. With the
 * cap at 60 s an account takes at most ~60 wrong guesses an hour (OWASP ASVS 2.2.1 asks ≤ 100).
 */
export interface ThrottlePolicy {
	freeFailures: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Failures are forgotten after this long without one. */
	forgetAfterMs: number;
}

/** One account (a username, a national id, a staff member's second factor). */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 3600_000 };
/** One address, across accounts: a municipality's counter shares one, so more failures are free. */
export const ADDRESS_THROTTLE: ThrottlePolicy = { freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 3600_000 };
/** How long one attempt may hold an account's key (a crashed request frees it by then). */
const LEASE_MS = 15_000;

/**
 * The wait before the next attempt after `failures` failures.
 *
 * @example delayAfterFailures(5, ACCOUNT_THROTTLE) // 2000: free for 3, then 1 s, 2 s, 4 s … 60 s
 */
export function delayAfterFailures(failures: number, policy: ThrottlePolicy): number {
	const beyond = failures - policy.freeFailures;
	if (beyond <= 0) return 0;
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(beyond - 1, 30));
}

export interface ThrottleGate {
	/** The credential was wrong: count it and set the next wait. */
	failed(): Promise<void>;
	/** The credential was right: forget this account's failures. */
	succeeded(): Promise<void>;
	/** Neither (the attempt stopped for another reason): free the account for the next attempt. */
	release(): Promise<void>;
}

async function refuse(db: Kysely<DB>, key: string, now: Date): Promise<never> {
	const at = await nextAttemptAt(db, key, now);
	throw new RateLimitedError(Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000)));
}

/**
 * Lets one attempt at `account` (and from `address`) through, or throws RateLimitedError naming
 * the wait. Only one attempt per account runs at a time, so parallel guesses cannot skip a wait.
 */
export async function openThrottleGate(
	db: Kysely<DB>,
	keys: { account: string; address?: string | null },
	now: Date
): Promise<ThrottleGate> {
	const forget = (policy: ThrottlePolicy) => new Date(now.getTime() - policy.forgetAfterMs);
	const address = keys.address ? `ip:${keys.address}` : null;
	if (address && !(await claimAttempt(db, address, now, forget(ADDRESS_THROTTLE), null))) await refuse(db, address, now);
	if (!(await claimAttempt(db, keys.account, now, forget(ACCOUNT_THROTTLE), new Date(now.getTime() + LEASE_MS)))) {
		await refuse(db, keys.account, now);
	}
	let settled = false;
	const fail = async (key: string, policy: ThrottlePolicy) => {
		const failures = await countFailure(db, key, now);
		await setNotBefore(db, key, new Date(now.getTime() + delayAfterFailures(failures, policy)));
	};
	return {
		async failed() {
			settled = true;
			await fail(keys.account, ACCOUNT_THROTTLE);
			if (address) await fail(address, ADDRESS_THROTTLE);
		},
		async succeeded() {
			settled = true;
			await clearFailures(db, keys.account);
		},
		async release() {
			if (!settled) await releaseAttempt(db, keys.account);
			settled = true;
		}
	};
}

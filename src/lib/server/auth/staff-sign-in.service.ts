import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { signInErrors } from './errors';
import { verifyAgainstDecoy, verifyPassword } from './password';
import { hitRateLimit, type RateLimit } from './rate-limit.repository';
import { findActiveUser, findStaffCredentials } from './users.repository';
import { createSession, type ClientInfo, type SessionCookies } from './session.service';
import type { SessionUser } from './types';

/** Password guessing against one account stops at 10 tries in 15 minutes. */
export const STAFF_ATTEMPTS_PER_USERNAME: RateLimit = { limit: 10, windowMs: 15 * 60_000 };
export const STAFF_ATTEMPTS_PER_IP: RateLimit = { limit: 30, windowMs: 10 * 60_000 };

/**
 * Staff sign-in with username and password. An unknown username, a wrong password and a
 * deactivated account all answer the same, after the same scrypt work.
 */
export async function signInStaff(
	db: Kysely<DB>,
	cookies: SessionCookies,
	input: { username: string; password: string },
	options: { now?: Date; client?: ClientInfo } = {}
): Promise<SessionUser> {
	const now = options.now ?? new Date();
	const username = (input.username ?? '').trim().toLowerCase();
	const password = input.password ?? '';
	if (!username || !password || username.length > 100 || password.length > 200) throw signInErrors.invalidCredentials();
	if (options.client?.ip) await hitRateLimit(db, `staff:ip:${options.client.ip}`, STAFF_ATTEMPTS_PER_IP, now);
	await hitRateLimit(db, `staff:user:${username}`, STAFF_ATTEMPTS_PER_USERNAME, now);

	const credentials = await findStaffCredentials(db, username);
	const ok = credentials ? await verifyPassword(password, credentials.passwordHash) : await verifyAgainstDecoy(password);
	if (!ok || !credentials?.active) throw signInErrors.invalidCredentials();

	const user = await findActiveUser(db, credentials.id);
	if (!user) throw signInErrors.invalidCredentials();
	await createSession(db, cookies, user.id, options.client, now);
	return user;
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { signInErrors } from './errors';
import { accountErrors } from './account-errors';
import { verifyAgainstDecoy, verifyPassword } from './password';
import { findActiveUser, findStaffCredentials } from './users.repository';
import { createSession, dropPendingSignIn, findPendingSignIn, type ClientInfo, type SessionCookies } from './session.service';
import { openThrottleGate } from './sign-in-throttle';
import { recordAudit } from './audit.repository';
import { acceptTotpCode, beginTotpEnrolment, confirmTotpEnrolment, type TotpEnrolment } from './totp-enrolment.service';
import { isDemoMode } from './mode';
import type { SessionUser } from './types';

/**
 * Where a staff sign-in stands after the password: signed in, or waiting for the authenticator
 * code ('totp'), or for an admin in production to enrol an authenticator first ('totp_enrol').
 */
export type StaffSignIn = { status: 'signed_in'; user: SessionUser } | { status: 'totp' | 'totp_enrol' };

interface Options {
	now?: Date;
	client?: ClientInfo;
}

const isAdmin = (user: SessionUser) => user.roles.some((g) => g.role === 'admin');

/**
 * Staff sign-in with username and password. An unknown username, a wrong password and a
 * deactivated account all answer the same, after the same scrypt work. Only wrong passwords count
 * towards the username's and the address's throttle; a right one is let in once the wait passed.
 * With TOTP on (always for an admin in production) the password alone does not sign in: it opens
 * a five-minute pending sign-in for the second step.
 */
export async function signInStaff(
	db: Kysely<DB>,
	cookies: SessionCookies,
	input: { username: string; password: string },
	options: Options & { demo?: boolean } = {}
): Promise<StaffSignIn> {
	const now = options.now ?? new Date();
	const username = (input.username ?? '').trim().toLowerCase();
	const password = input.password ?? '';
	if (!username || !password || username.length > 100 || password.length > 200) throw signInErrors.invalidCredentials();

	const gate = await openThrottleGate(db, { account: `staff:${username}`, address: options.client?.ip }, now);
	const credentials = await (async () => {
		try {
			const found = await findStaffCredentials(db, username);
			const ok = found ? await verifyPassword(password, found.passwordHash) : await verifyAgainstDecoy(password);
			if (!ok || !found?.active) {
				await gate.failed();
				await recordAudit(db, { action: 'sign_in.failed', targetUserId: found?.id ?? null, details: { kind: 'staff', username }, client: options.client, at: now });
				throw signInErrors.invalidCredentials();
			}
			await gate.succeeded();
			return found;
		} finally {
			await gate.release();
		}
	})();

	const user = await findActiveUser(db, credentials.id);
	if (!user) throw signInErrors.invalidCredentials();
	const stage = credentials.totpEnabled ? 'totp' : isAdmin(user) && !(options.demo ?? isDemoMode()) ? 'totp_enrol' : 'full';
	await createSession(db, cookies, user, options.client, now, stage);
	if (stage !== 'full') return { status: stage };
	await recordAudit(db, { action: 'sign_in.staff', actorUserId: user.id, details: { second_factor: null }, client: options.client, at: now });
	return { status: 'signed_in', user };
}

/**
 * The second step: the authenticator code for the pending sign-in. Wrong codes count towards the
 * account's throttle; a code is accepted once only. Success replaces the pending sign-in with a
 * session under a new token.
 */
export async function completeStaffTotp(
	db: Kysely<DB>,
	cookies: SessionCookies,
	code: string,
	options: Options = {}
): Promise<SessionUser> {
	const now = options.now ?? new Date();
	const pending = await findPendingSignIn(db, cookies, now);
	if (!pending || pending.stage !== 'totp') throw accountErrors.noPendingSignIn();
	const gate = await openThrottleGate(db, { account: `totp:${pending.userId}`, address: options.client?.ip }, now);
	try {
		if (!(await acceptTotpCode(db, pending.userId, code, now))) {
			await gate.failed();
			await recordAudit(db, { action: 'sign_in.failed', targetUserId: pending.userId, details: { kind: 'staff', second_factor: 'totp' }, client: options.client, at: now });
			throw accountErrors.totpWrong();
		}
		await gate.succeeded();
	} finally {
		await gate.release();
	}
	return promotePending(db, cookies, pending, 'totp', options.client, now);
}

/** Turns a pending sign-in whose second factor was just given into a session. */
export async function promotePending(
	db: Kysely<DB>,
	cookies: SessionCookies,
	pending: { sessionId: string; userId: number },
	secondFactor: 'totp' | 'totp_enrolled',
	client: ClientInfo | undefined,
	now: Date
): Promise<SessionUser> {
	await dropPendingSignIn(db, cookies, pending.sessionId);
	const user = await findActiveUser(db, pending.userId);
	if (!user) throw signInErrors.invalidCredentials();
	await createSession(db, cookies, user, client, now);
	await recordAudit(db, { action: 'sign_in.staff', actorUserId: user.id, details: { second_factor: secondFactor }, client, at: now });
	return user;
}

/** The pending sign-in's step, and for an enrolment the secret and URI to show. */
export async function pendingStaffSignIn(
	db: Kysely<DB>,
	cookies: SessionCookies,
	now: Date = new Date()
): Promise<{ stage: 'totp' } | { stage: 'totp_enrol'; enrolment: TotpEnrolment } | null> {
	const pending = await findPendingSignIn(db, cookies, now);
	if (!pending) return null;
	if (pending.stage === 'totp') return { stage: 'totp' };
	return { stage: 'totp_enrol', enrolment: await beginTotpEnrolment(db, pending.userId) };
}

/** The enrolment step of a pending sign-in: the app's first code turns TOTP on and signs in. */
export async function completeStaffEnrolment(
	db: Kysely<DB>,
	cookies: SessionCookies,
	code: string,
	options: Options = {}
): Promise<SessionUser> {
	const now = options.now ?? new Date();
	const pending = await findPendingSignIn(db, cookies, now);
	if (!pending || pending.stage !== 'totp_enrol') throw accountErrors.noPendingSignIn();
	await confirmTotpEnrolment(db, pending.userId, code, { now, client: options.client });
	return promotePending(db, cookies, pending, 'totp_enrolled', options.client, now);
}

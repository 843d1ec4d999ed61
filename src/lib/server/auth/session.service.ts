import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionStage } from '../db/schema';
import { findActiveUser } from './users.repository';
import { deleteSession, extendSession, findLiveSession, insertSession } from './sessions.repository';
import type { SessionUser } from './types';
import { recordAudit } from './audit.repository';

export const SESSION_COOKIE = 'pelak_session';
/** A sign-in waiting for its second factor (or TOTP enrolment): a separate cookie, never a session. */
export const PENDING_COOKIE = 'pelak_pending';

export interface SessionPolicy {
	/** Idle time after which a session ends; each visit pushes the end this far ahead (sliding expiry). */
	idleMs: number;
	/** However active, a session ends this long after sign-in and the user signs in again. */
	maxMs: number;
}

/**
 * Staff sessions end after 30 idle minutes and 12 hours at most (OWASP ASVS 3.3.2, level 2);
 * a citizen, who signs in with an SMS code, stays signed in for a week idle, 30 days at most.
 */
export const SESSION_POLICY: Record<SessionUser['kind'], SessionPolicy> = {
	citizen: { idleMs: 7 * 24 * 3600_000, maxMs: 30 * 24 * 3600_000 },
	staff: { idleMs: 30 * 60_000, maxMs: 12 * 3600_000 }
};
/** How long a password stays good for entering the second factor. */
export const PENDING_MS = 5 * 60_000;

/** Sliding the expiry at most this often spares a database write on every request. */
function touchEvery(policy: SessionPolicy): number {
	return Math.min(5 * 60_000, policy.idleMs / 10);
}

/** The part of SvelteKit's `Cookies` sessions use (tests pass a small fake). */
export type SessionCookies = Pick<Cookies, 'get' | 'set' | 'delete'>;

export interface ClientInfo {
	ip?: string | null;
	userAgent?: string | null;
}

/** Sessions are stored by the SHA-256 of their token: the database never holds a usable cookie. */
export function sessionIdOf(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

function setSessionCookie(cookies: SessionCookies, token: string, expiresAt: Date, name = SESSION_COOKIE) {
	// SvelteKit sets `secure` by default except on http://localhost, which is what we want.
	cookies.set(name, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: expiresAt });
}

/**
 * Starts a session for `user` and sets its cookie; with a pending `stage` ('totp', 'totp_enrol')
 * only a short-lived pending sign-in, in its own cookie. Returns the token (only the cookie keeps it).
 */
export async function createSession(
	db: Kysely<DB>,
	cookies: SessionCookies,
	user: Pick<SessionUser, 'id' | 'kind'>,
	client: ClientInfo = {},
	now: Date = new Date(),
	stage: SessionStage = 'full'
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + (stage === 'full' ? SESSION_POLICY[user.kind].idleMs : PENDING_MS));
	await insertSession(db, {
		id: sessionIdOf(token),
		userId: user.id,
		createdAt: now,
		expiresAt,
		ip: client.ip ?? null,
		userAgent: client.userAgent ?? null,
		stage
	});
	setSessionCookie(cookies, token, expiresAt, stage === 'full' ? SESSION_COOKIE : PENDING_COOKIE);
	return { token, expiresAt };
}

const TOKEN = /^[\w-]{20,100}$/;

/** The pending sign-in of the request's pending cookie: whose, and which step it waits for. */
export async function findPendingSignIn(
	db: Kysely<DB>,
	cookies: SessionCookies,
	now: Date = new Date()
): Promise<{ sessionId: string; userId: number; stage: Exclude<SessionStage, 'full'> } | null> {
	const token = cookies.get(PENDING_COOKIE);
	const session = token && TOKEN.test(token) ? await findLiveSession(db, sessionIdOf(token), now) : null;
	if (!session || session.stage === 'full') return null;
	return { sessionId: session.id, userId: session.userId, stage: session.stage };
}

/** Ends a pending sign-in (done, or abandoned). */
export async function dropPendingSignIn(db: Kysely<DB>, cookies: SessionCookies, sessionId: string): Promise<void> {
	await deleteSession(db, sessionId);
	cookies.delete(PENDING_COOKIE, { path: '/' });
}

/**
 * The user of the request's session cookie with their roles, or null (no cookie, unknown or
 * expired session, deactivated user: then the stale cookie is removed). A live session's expiry
 * slides forward by the user kind's idle time, capped at its maximum after sign-in.
 */
export async function resolveSession(
	db: Kysely<DB>,
	cookies: SessionCookies,
	now: Date = new Date()
): Promise<SessionUser | null> {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const found = TOKEN.test(token) ? await findLiveSession(db, sessionIdOf(token), now) : null;
	const session = found?.stage === 'full' ? found : null;
	const user = session ? await findActiveUser(db, session.userId) : null;
	if (!session || !user) {
		cookies.delete(SESSION_COOKIE, { path: '/' });
		return null;
	}
	const policy = SESSION_POLICY[user.kind];
	if (now.getTime() - session.lastSeenAt.getTime() >= touchEvery(policy)) {
		const expiresAt = new Date(Math.min(now.getTime() + policy.idleMs, session.createdAt.getTime() + policy.maxMs));
		await extendSession(db, session.id, now, expiresAt);
		setSessionCookie(cookies, token, expiresAt);
	}
	return user;
}

/** Ends the request's session (in the database, not just the cookie), and any pending sign-in. */
export async function signOut(db: Kysely<DB>, cookies: SessionCookies, user?: SessionUser | null, client?: ClientInfo): Promise<void> {
	for (const name of [SESSION_COOKIE, PENDING_COOKIE]) {
		const token = cookies.get(name);
		if (token) await deleteSession(db, sessionIdOf(token));
		cookies.delete(name, { path: '/' });
	}
	if (user) await recordAudit(db, { action: 'sign_out', actorUserId: user.id, client });
}

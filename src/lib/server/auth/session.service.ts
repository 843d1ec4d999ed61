import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { findActiveUser } from './users.repository';
import { deleteSession, extendSession, findLiveSession, insertSession } from './sessions.repository';
import type { SessionUser } from './types';

export const SESSION_COOKIE = 'pelak_session';
/** Idle time after which a session ends; each visit pushes the end this far ahead (sliding expiry). */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
/** However active, a session ends this long after sign-in and the user signs in again. */
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
/** Sliding the expiry at most this often spares a database write on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

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

function setSessionCookie(cookies: SessionCookies, token: string, expiresAt: Date) {
	// SvelteKit sets `secure` by default except on http://localhost, which is what we want.
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: expiresAt });
}

/** Starts a session for `userId` and sets its cookie. Returns the token (only the cookie keeps it). */
export async function createSession(
	db: Kysely<DB>,
	cookies: SessionCookies,
	userId: number,
	client: ClientInfo = {},
	now: Date = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
	await insertSession(db, {
		id: sessionIdOf(token),
		userId,
		createdAt: now,
		expiresAt,
		ip: client.ip ?? null,
		userAgent: client.userAgent ?? null
	});
	setSessionCookie(cookies, token, expiresAt);
	return { token, expiresAt };
}

/**
 * The user of the request's session cookie with their roles, or null (no cookie, unknown or
 * expired session, deactivated user: then the stale cookie is removed). A live session's expiry
 * slides forward, capped at SESSION_MAX_MS after sign-in.
 */
export async function resolveSession(
	db: Kysely<DB>,
	cookies: SessionCookies,
	now: Date = new Date()
): Promise<SessionUser | null> {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const session = /^[\w-]{20,100}$/.test(token) ? await findLiveSession(db, sessionIdOf(token), now) : null;
	const user = session ? await findActiveUser(db, session.userId) : null;
	if (!session || !user) {
		cookies.delete(SESSION_COOKIE, { path: '/' });
		return null;
	}
	if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
		const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS));
		await extendSession(db, session.id, now, expiresAt);
		setSessionCookie(cookies, token, expiresAt);
	}
	return user;
}

/** Ends the request's session (in the database, not just the cookie). */
export async function signOut(db: Kysely<DB>, cookies: SessionCookies): Promise<void> {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await deleteSession(db, sessionIdOf(token));
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

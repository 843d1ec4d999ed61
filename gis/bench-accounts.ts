/**
 * Staff accounts the bench keeps in its own database (never a demo account), with a session cookie
 * for the built server and the SessionUser the services are called with.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';
import { createSession, SESSION_COOKIE } from '../src/lib/server/auth/session.service';
import { grantRole, insertStaff } from '../src/lib/server/auth/users.repository';
import type { RoleGrant, SessionUser } from '../src/lib/server/auth/types';

/** The account `username` (made once, with `grant`), the user the services see, and a fresh session's cookie. */
export async function benchStaff(db: Kysely<DB>, username: string, grant: RoleGrant): Promise<{ user: SessionUser; cookie: string }> {
	let row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
	if (!row) {
		const id = await insertStaff(db, { username, passwordHash: 'no-sign-in', displayName: username });
		await grantRole(db, id, grant);
		row = { id };
	}
	const cookies = { get: () => undefined, set: () => {}, delete: () => {} };
	const { token } = await createSession(db, cookies, { id: row.id, kind: 'staff' });
	const user: SessionUser = { id: row.id, kind: 'staff', displayName: username, nationalId: null, mobile: null, username, roles: [grant] };
	return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

/** A staff account holding one role, as the tests' worlds need them (no password: tests sign in by session). */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { findActiveUser, grantRole, insertStaff } from '../../src/lib/server/auth/users.repository';
import type { SessionUser } from '../../src/lib/server/auth';

export async function staffUser(db: Kysely<DB>, username: string, grant: Parameters<typeof grantRole>[2]): Promise<SessionUser> {
	const id = await insertStaff(db, { username, passwordHash: 'x', displayName: username });
	await grantRole(db, id, grant);
	return (await findActiveUser(db, id))!;
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { DEMO_CITIZENS, DEMO_PASSWORD, isDemoStaffUsername } from '../auth/demo-accounts';
import { verifyPassword } from '../auth/password';

/**
 * Active demo accounts, by name: staff with a demo username that still have the published demo
 * password (a real `admin` with its own password is not one), and the demo citizens by their
 * published national ids. Demo staff share one hash, so this is one scrypt check per distinct hash.
 */
export async function findDemoAccounts(db: Kysely<DB>): Promise<string[]> {
	const staff = (
		await db.selectFrom('users').select(['username', 'password_hash']).where('kind', '=', 'staff').where('active', '=', true).orderBy('id').execute()
	).filter((u) => u.username && u.password_hash && isDemoStaffUsername(u.username));
	const demoHashes = new Map<string, boolean>();
	const names: string[] = [];
	for (const { username, password_hash: hash } of staff) {
		if (!demoHashes.has(hash!)) demoHashes.set(hash!, await verifyPassword(DEMO_PASSWORD, hash!));
		if (demoHashes.get(hash!)) names.push(username!);
	}
	const citizens = await db
		.selectFrom('users')
		.select('national_id')
		.where('national_id', 'in', DEMO_CITIZENS.map((c) => c.nationalId))
		.where('active', '=', true)
		.orderBy('id')
		.execute();
	return [...names, ...citizens.map((c) => `national id ${c.national_id}`)];
}

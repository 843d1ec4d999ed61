/**
 * Production refuses to start on a database that still holds the demo accounts of an earlier demo
 * run, naming them; demo mode does not mind them; a real account that happens to have a demo name
 * but its own password is not one of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, type CaseWorld } from '../factories/case-world';
import { loadConfig } from '../../src/lib/server/config';
import { DEMO_CITIZENS, seedDemoAccounts } from '../../src/lib/server/auth';
import { hashPassword } from '../../src/lib/server/auth/password';
import { demoAccountProblems, startChecked, StartupRefusedError } from '../../src/lib/server/security';

const PRODUCTION = {
	DATABASE_URL: 'postgres://db/pelak',
	ORIGIN: 'https://pelak.isfahan.ir',
	ADDRESS_HEADER: 'x-forwarded-for',
	PELAK_SMS_GATEWAY_URL: 'https://sms.example.ir/send'
};
const production = loadConfig(PRODUCTION);

let database: TestDatabase;
let world: CaseWorld;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db); // districts 6 and 7 with every demo account
});
afterAll(async () => {
	world.cleanup();
	await database.close();
});

describe('demo accounts at a production start', () => {
	it('names every demo account seedDemoAccounts creates, staff and citizens', async () => {
		const seeded = await seedDemoAccounts(database.db); // returns every demo account (none new)
		const [problem] = await demoAccountProblems(database.db, production);
		expect(problem.code).toBe('demo_accounts_in_production');
		for (const account of seeded) {
			expect(problem.en).toContain(account.username ?? `national id ${account.nationalId}`);
		}
		expect(problem.fa).toContain('officer.d7');
		expect(await demoAccountProblems(database.db, loadConfig({}))).toEqual([]); // demo mode
	});

	it('closes the database it opened and refuses to start', async () => {
		let closed = false;
		const start = startChecked(production, async () => ({ db: database.db, close: async () => void (closed = true) }), PRODUCTION);
		await expect(start).rejects.toBeInstanceOf(StartupRefusedError);
		await expect(start).rejects.toThrow(/admin, officer\.d6, officer\.d7, inspector\.d6/);
		expect(closed).toBe(true);
	});

	it('starts once the demo accounts are deactivated or have their own password', async () => {
		await database.db
			.updateTable('users')
			.set({ password_hash: await hashPassword('a real administrator password') })
			.where('username', '=', 'admin')
			.execute();
		await database.db.updateTable('users').set({ active: false }).where('username', '!=', 'admin').where('kind', '=', 'staff').execute();
		const [left] = await demoAccountProblems(database.db, production);
		expect(left.en).not.toMatch(/admin|officer/);
		expect(left.en).toContain(`national id ${DEMO_CITIZENS[0].nationalId}`);

		await database.db.updateTable('users').set({ active: false }).where('kind', '=', 'citizen').execute();
		let closed = false;
		const started = await startChecked(production, async () => ({ db: database.db, close: async () => void (closed = true) }), PRODUCTION);
		expect(started.db).toBe(database.db);
		expect(closed).toBe(false);
	});
});

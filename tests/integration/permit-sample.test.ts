/**
 * Demo mode's SAMPLE permits (src/lib/server/permits/sample-permits.ts), seeded through the real
 * services on the permit world: one waits for the citizen's drawings after its zoning statement
 * was issued by itself, one waits for payment with its bill issued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildPermitWorld, type PermitWorld } from '../factories/permit-world';
import { seedSamplePermits } from '../../src/lib/server/permits/sample-permits';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
let database: TestDatabase;
let world: PermitWorld;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildPermitWorld(database.db);
	process.env.PELAK_FILES_DIR = world.filesDir;
});
afterAll(async () => {
	delete process.env.PELAK_FILES_DIR;
	world?.cleanup();
	await database?.close();
});

describe(`SAMPLE permits for demo mode (${backend})`, () => {
	it('seeds zahra two permits: one at the drawings step with its zoning statement, one with an open bill', async () => {
		expect(await seedSamplePermits(database.db, { now: world.now })).toBe(2);
		const cases = await database.db
			.selectFrom('cases')
			.select(['id', 'current_step', 'parcel_id'])
			.where('applicant_user_id', '=', world.users.zahra.id)
			.orderBy('id')
			.execute();
		expect(cases.map((c) => c.current_step)).toEqual(['drawings_submission', 'payment']);
		const docs = await database.db.selectFrom('issued_documents').select(['kind', 'case_id']).where('case_id', 'in', cases.map((c) => c.id)).execute();
		expect(docs.filter((d) => d.kind === 'zoning_statement')).toHaveLength(2);
		const bill = await database.db.selectFrom('fee_assessments').select(['status', 'bill_id']).where('case_id', '=', cases[1].id).executeTakeFirstOrThrow();
		expect(bill.status).toBe('open');
	});
});

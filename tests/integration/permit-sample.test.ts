/**
 * Demo mode's SAMPLE permits (src/lib/server/permits/sample-permits.ts), seeded through the real
 * services on the permit world: one waits for the citizen's drawings after its zoning statement
 * was issued by itself, one waits for payment with its bill issued, one whose proposal the rule
 * check refused waits for the district officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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
	it('seeds zahra three permits: at the drawings step with its zoning statement, with an open bill, and one the rule check refused', async () => {
		// a third parcel of hers, beside parcel7 (district 7)
		await sql`insert into parcels (renovation_code, registration_plate, district_id, address, geom)
			values ('7-201-2', 'W7-201-2', ${world.d7}, 'نشانی 7-201-2', ST_Multi(ST_MakeEnvelope(561540, 3612000, 561560, 3612030, 32639)))`.execute(database.db);
		world.deeds.add('W7-201-2', [world.users.zahra.nationalId!]);
		expect(await seedSamplePermits(database.db, { now: world.now })).toBe(3);
		const cases = await database.db
			.selectFrom('cases')
			.select(['id', 'current_step', 'parcel_id'])
			.where('applicant_user_id', '=', world.users.zahra.id)
			.orderBy('id')
			.execute();
		expect(cases.map((c) => c.current_step)).toEqual(['drawings_submission', 'payment', 'technical_review']);
		const docs = await database.db.selectFrom('issued_documents').select(['kind', 'case_id']).where('case_id', 'in', cases.map((c) => c.id)).execute();
		expect(docs.filter((d) => d.kind === 'zoning_statement')).toHaveLength(3);
		const bill = await database.db.selectFrom('fee_assessments').select(['status', 'bill_id']).where('case_id', '=', cases[1].id).executeTakeFirstOrThrow();
		expect(bill.status).toBe('open');
		// the third waits for the district officer: its proposal failed the check, the timeline says so, nothing is billed
		const refused = cases[2];
		const proposal = await database.db.selectFrom('case_proposals').select('check_ok').where('case_id', '=', refused.id).executeTakeFirstOrThrow();
		expect(proposal.check_ok).toBe(false);
		const last = await database.db.selectFrom('case_events').select(['action', 'actor_role', 'text']).where('case_id', '=', refused.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect([last.action, last.actor_role]).toEqual(['automation_held', 'system']);
		expect(last.text).toContain('did not pass the automatic rule check');
		expect(await database.db.selectFrom('fee_assessments').select('id').where('case_id', '=', refused.id).execute()).toEqual([]);
	});
});

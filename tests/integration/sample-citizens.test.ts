/**
 * Demo mode's SAMPLE cases of the demo citizens Maryam and Ali (src/lib/server/cases/sample-citizens.ts),
 * seeded through the real services on the case world and read back as each person sees them: the
 * citizen's own list, the agency's cartable, the timelines dated in the past.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, type CaseWorld } from '../factories/case-world';
import { getCase, listCartable, listMyCases } from '../../src/lib/server/cases';
import { seedSampleCitizenCases } from '../../src/lib/server/cases/sample-citizens';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const NOW = new Date('2026-11-29T06:30:00Z'); // a Sunday morning in Tehran
let database: TestDatabase;
let world: CaseWorld;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	process.env.PELAK_FILES_DIR = world.filesDir;
});
afterAll(async () => {
	delete process.env.PELAK_FILES_DIR;
	world?.cleanup();
	await database?.close();
});

describe(`SAMPLE cases of the demo citizens (${backend})`, () => {
	it('gives Maryam an answered bank inquiry and a notary inquiry waiting for a legible deed, and Ali a referred transfer and a refused inquiry', async () => {
		expect(await seedSampleCitizenCases(database.db, { now: NOW })).toBe(4);
		const ctx = { now: NOW };

		const maryam = await listMyCases(database.db, world.users.maryam, ctx);
		const byType = (rows: typeof maryam, type: string) => rows.filter((c) => c.requestType.id === type);
		expect(maryam.map((c) => c.requestType.id).sort()).toEqual(['bank_inquiry', 'notary_inquiry']);
		const [answered] = byType(maryam, 'bank_inquiry');
		expect(answered.status).toBe('completed');
		const closed = await database.db.selectFrom('cases').select(['decision', 'issued']).where('id', '=', answered.id).executeTakeFirstOrThrow();
		expect(closed).toEqual({ decision: 'approved', issued: 'bank_inquiry_answer' });
		const [waiting] = byType(maryam, 'notary_inquiry');
		expect([waiting.status, waiting.waitingOn, waiting.openTasks]).toEqual(['in_progress', 'applicant', 1]);
		expect(waiting.dueOn).not.toBeNull();
		const task = await database.db.selectFrom('case_tasks').selectAll().where('case_id', '=', waiting.id).executeTakeFirstOrThrow();
		expect([task.kind, task.document_kinds, task.status]).toEqual(['document', ['deed'], 'open']);
		expect(task.prompt).toContain('خوانا');

		const ali = await listMyCases(database.db, world.users.ali, ctx);
		expect(ali.map((c) => c.requestType.id).sort()).toEqual(['bank_inquiry', 'transfer_request']);
		const [refused] = byType(ali, 'bank_inquiry');
		expect(refused.status).toBe('rejected');
		const [transfer] = byType(ali, 'transfer_request');
		expect([transfer.status, transfer.waitingOn]).toEqual(['in_progress', 'agency']);
		const experts = await listCartable(database.db, world.users.experts, 'mine', ctx);
		expect(experts.map((c) => c.id)).toContain(transfer.id);

		// the timelines read as lived: filed days before the seeding, each act after the one before
		const view = await getCase(database.db, world.users.ali, refused.id, ctx);
		const times = view.timeline.map((e) => Date.parse(e.at));
		expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 14 * 86_400_000);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(view.timeline.map((e) => e.text ?? '').join(' ')).toContain('نامهٔ بانک برای پلاک دیگری است');
	});

	it('files nothing where the accounts are missing', async () => {
		const empty = await openTestDatabase();
		try {
			expect(await seedSampleCitizenCases(empty.db, { now: NOW })).toBe(0);
		} finally {
			await empty.close();
		}
	});
});

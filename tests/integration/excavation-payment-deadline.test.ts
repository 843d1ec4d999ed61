/**
 * One payment deadline per bill, for excavation works, on both backends: a work waiting to be paid
 * (approved, or an emergency regularised without its permit) is due on its open bill's last day
 * (domain/bills/validity: the end, in Iran, of the thirtieth day after the day of issue), not on ten
 * working days of its own; so the work page, its history, the bill page (payableUntil) and the
 * works cartable's «overdue» name one date, an office closure leaves it with its bill, and the works
 * placed before the change are moved to it by migration 0166.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildExcavationWorld, trench, type ExcavationWorld } from '../factories/excavation-world';
import { staffUser } from '../factories/staff';
import { POST as fileRoute } from '../../src/routes/api/excavations/+server';
import { actOnWork, getWorkPage, worksCartable } from '../../src/lib/server/excavation';
import { findWork } from '../../src/lib/server/excavation/lifecycle.repository';
import type { SessionUser } from '../../src/lib/server/auth';
import { getAssessmentView, seedSampleTariffBook } from '../../src/lib/server/fees';
import { recordOfficeClosure } from '../../src/lib/server/admin';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { billExpiresAt, billLastDayOf } from '../../src/lib/domain/bills';
import { addCalendarDays, addWorkingDays, dueDate, tehranDate } from '../../src/lib/domain/working-days';
import { formatDateInput } from '../../src/lib/i18n/format';

const NOW = new Date('2026-11-30T05:30:00Z'); // Monday 09:00 in Tehran, 9 Azar 1405
const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const calendar = municipalCalendar();

let database: TestDatabase;
let world: ExcavationWorld;
const u = {} as Record<'applicant' | 'officer' | 'admin', SessionUser>;

beforeAll(async () => {
	// the filing route reads the app's clock (a planned dig may not start before today)
	vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
	await seedSampleTariffBook(database.db, 1405, { now: NOW });
	u.applicant = await staffUser(database.db, 'water.applicant', { role: 'utility_applicant', organisationId: world.water });
	u.officer = await staffUser(database.db, 'excavation.officer', { role: 'excavation_officer' });
	u.admin = await staffUser(database.db, 'city.admin', { role: 'admin' });
});
afterAll(async () => {
	vi.useRealTimers();
	await database?.close();
});

async function file(over: Record<string, unknown>): Promise<number> {
	const payload = { start: '2026-12-05', end: '2026-12-10', emergency: false, purpose: 'repair', description: 'نشت لوله', ...over };
	const request = new Request('http://pelak.test/api/excavations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
	const response = await fileRoute({ request, locals: { db: database.db, lang: 'en', user: u.applicant } } as never);
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: number }).id;
}

const expiresAt = async (assessmentId: number) =>
	(await database.db.selectFrom('fee_assessments').select('expires_at').where('id', '=', assessmentId).executeTakeFirstOrThrow()).expires_at;

describe(`an excavation work waiting to be paid is due when its bill is (${backend})`, () => {
	let id: number;
	let lastDay: string;

	it('approved: the work, its history, its page and its bill name the bill’s last day, not ten working days', async () => {
		id = await file({ features: [trench([[-90, 3], [-60, 3]], 0.6)] });
		const approved = await actOnWork(database.db, u.officer, id, { action: 'approve' }, { now: NOW });
		expect(approved).toMatchObject({ status: 'approved', holder: 'applicant' });
		lastDay = billLastDayOf(await expiresAt(approved.assessment_id!));
		// thirty calendar days from the day of issue (9 Dey 1405), not the step's ten working days
		expect(lastDay).toBe(addCalendarDays(tehranDate(NOW), 30));
		expect(lastDay).not.toBe(dueDate(NOW, 10, calendar));
		expect(approved.due_on).toBe(lastDay);
		const page = await getWorkPage(database.db, u.applicant, id, { now: NOW });
		expect(page.work).toMatchObject({ due_on: lastDay, overdue: false });
		expect(page.events.at(-1)).toMatchObject({ action: 'approve', details: expect.objectContaining({ holder: 'applicant', due_on: lastDay }) });
		expect((await getAssessmentView(database.db, u.applicant, approved.assessment_id!, { now: NOW })).payableUntil).toBe(lastDay);
	});

	it('is not overdue while the bill is payable, through its whole last day; overdue the moment the bill expires', async () => {
		const assessmentId = (await findWork(database.db, id))!.assessment_id!;
		const inOverdue = async (now: Date) => (await worksCartable(database.db, u.applicant, 'overdue', { now })).items.some((i) => i.id === id);
		// past the old clock (ten working days): the bill is still payable, and the work is not overdue
		const afterOldClock = new Date(Date.parse(`${addCalendarDays(dueDate(NOW, 10, calendar), 1)}T06:00:00Z`));
		expect(await inOverdue(afterOldClock)).toBe(false);
		expect((await worksCartable(database.db, u.applicant, null, { now: afterOldClock })).items.find((i) => i.id === id)).toMatchObject({ due_on: lastDay, overdue: false });
		expect((await getWorkPage(database.db, u.applicant, id, { now: afterOldClock })).work.overdue).toBe(false);
		const end = billExpiresAt(lastDay);
		expect(await inOverdue(end)).toBe(false);
		expect((await getAssessmentView(database.db, u.applicant, assessmentId, { now: end })).status).toBe('open');
		const later = new Date(end.getTime() + 1000);
		expect(await inOverdue(later)).toBe(true);
		expect((await getWorkPage(database.db, u.applicant, id, { now: later })).work.overdue).toBe(true);
		expect((await getAssessmentView(database.db, u.applicant, assessmentId, { now: later })).status).toBe('expired');
	});

	it('an office closure moves the offices’ deadlines, not a bill’s last day: the work stays due with its bill', async () => {
		// a work under review (the officer's deadline) does move
		const reviewed = await file({ features: [trench([[-280, 3], [-270, 3]], 0.6)] });
		const reviewDue = (await findWork(database.db, reviewed))!.due_on!;
		const closed = addWorkingDays(tehranDate(NOW), 1, calendar);
		expect(closed <= reviewDue).toBe(true);
		const { moved } = await recordOfficeClosure(database.db, u.admin, { day: formatDateInput(closed, 'fa'), reasonFa: 'آلودگی هوا', reasonEn: 'Air pollution' }, { ip: null }, NOW);
		expect(moved).toBeGreaterThan(0);
		expect((await findWork(database.db, reviewed))!.due_on).not.toBe(reviewDue);
		expect((await findWork(database.db, id))!.due_on).toBe(lastDay);
		const events = await database.db.selectFrom('excavation_work_events').select('action').where('work_id', '=', id).execute();
		expect(events.map((e) => e.action)).not.toContain('deadline_moved');
	});

	it('an emergency regularised (its fee assessed) waits to be paid until its bill’s last day', async () => {
		const emergency = await file({ emergency: true, features: [trench([[90, -50], [110, -50]], 0.6)], start: '2026-11-30', end: '2026-12-01' });
		const regularised = await actOnWork(database.db, u.officer, emergency, { action: 'regularise' }, { now: NOW });
		expect(regularised).toMatchObject({ status: 'active', holder: 'applicant' });
		expect(regularised.due_on).toBe(billLastDayOf(await expiresAt(regularised.assessment_id!)));
		expect(regularised.due_on).toBe(addCalendarDays(tehranDate(NOW), 30));
	});

	it('migration 0166 moves a work placed on the old clock to its bill’s last day, and leaves the others', async () => {
		const oldClock = dueDate(NOW, 10, calendar);
		await database.db.updateTable('excavation_works').set({ due_on: oldClock }).where('id', '=', id).execute();
		const before = await sql<{ id: number; due_on: string | null }>`select id, due_on::text from excavation_works where id <> ${id} order by id`.execute(database.db);
		const migration = fs.readFileSync(new URL('../../migrations/0166_excavation_payment_due_on_bill.sql', import.meta.url), 'utf8');
		await sql.raw(migration).execute(database.db);
		expect((await findWork(database.db, id))!.due_on).toBe(lastDay);
		expect((await sql<{ id: number; due_on: string | null }>`select id, due_on::text from excavation_works where id <> ${id} order by id`.execute(database.db)).rows).toEqual(before.rows);
	});
});

/**
 * Office closures outside the official calendar (a day off for air pollution): recording one moves
 * every open deadline on or after it by a working day, in one transaction, with an entry in each
 * case's timeline; later deadlines count it as a day off; what cannot be recorded is refused by name
 * and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { actOnCase, fileRequest, getCase } from '../../src/lib/server/cases';
import { auditLog, recordOfficeClosure, withdrawOfficeClosure } from '../../src/lib/server/admin';
import { listOfficeClosures, workingCalendarOf } from '../../src/lib/server/calendar/closures';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { addWorkingDays, dueDate, isWorkingDay } from '../../src/lib/domain/working-days';
import { DomainError } from '../../src/lib/server/errors';
import { recordWork } from '../../src/lib/server/excavation/works.service';

let database: TestDatabase;
let world: CaseWorld;
const at = (hours: number) => new Date(SUNDAY_MORNING.getTime() + hours * 3_600_000);
const plain = municipalCalendar();
// Sunday 4 May 2025 (the world's clock); Monday 5 May is a working day, inside every deadline filed that morning
const MONDAY = '2025-05-05';

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

async function file(hours: number, parcelId: number) {
	return fileRequest(
		database.db,
		world.users.maryam,
		{ parcelId, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card', 'card.jpg')] },
		world.ctx({ now: at(hours), sender: null })
	);
}

const closureCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from office_closures`.execute(database.db)).rows[0].n);

describe('recording an office closure', () => {
	it('moves the open deadlines on and after the day by one working day, notes it in each timeline, and counts the day off from then on', async () => {
		const { db } = database;
		const { officer6, admin } = world.users;
		expect(isWorkingDay(MONDAY, plain)).toBe(true);

		const first = await file(0, world.parcel6);
		const referred = await file(0, world.parcel6b);
		await actOnCase(db, officer6, referred.id, { type: 'refer_to_agency', stepId: 'district_review', agency: 'cultural_heritage', question: 'در حریم بنای تاریخی است؟', dueInWorkingDays: 5 }, {}, world.ctx({ now: at(1), sender: null }));
		const referral = await db.selectFrom('case_referrals').select(sql<string>`due_on::text`.as('due')).where('case_id', '=', referred.id).executeTakeFirstOrThrow();
		const withdrawn = await file(0, world.parcel7);
		await actOnCase(db, world.users.maryam, withdrawn.id, { type: 'withdraw', stepId: 'district_review' }, {}, world.ctx({ now: at(1), sender: null }));
		// an emergency excavation work held by the officer, due Tuesday, to be regularised by Wednesday; and one past its deadline
		const organisationId = (await db.insertInto('organisations').values({ code: 'abfa', kind: 'water', name_fa: 'آبفا', name_en: 'Water' }).returning('id').executeTakeFirstOrThrow()).id;
		const work = async (reference: string, dates: { due_on: string; regularise_by: string | null }) => {
			const id = await recordWork(db, {
				reference, organisationId, applicantUserId: null, purpose: 'repair', status: 'active', start: '2025-05-04', end: '2025-05-08', emergency: true,
				features: [{ kind: 'trench', geometry: { type: 'LineString', coordinates: [[51.6401, 32.6401], [51.6405, 32.6401]] }, width_m: 0.6 }]
			});
			await db.updateTable('excavation_works').set({ holder: 'officer', ...dates }).where('id', '=', id).execute();
			return id;
		};
		const dueWork = await work('EXC-T-1', { due_on: '2025-05-06', regularise_by: '2025-05-07' });
		const lateWork = await work('EXC-T-2', { due_on: '2025-05-03', regularise_by: null });
		const before = { first: (await getCase(db, admin, first.id, world.ctx())).dueOn!, referred: (await getCase(db, admin, referred.id, world.ctx())).dueOn!, withdrawn: (await getCase(db, admin, withdrawn.id, world.ctx())).dueOn };
		expect(before.first >= MONDAY && before.referred >= MONDAY).toBe(true);

		const recorded = await recordOfficeClosure(db, admin, { day: '۱۴۰۴/۰۲/۱۵', reasonFa: 'آلودگی هوا', reasonEn: 'Air pollution' }, { ip: '192.0.2.9' }, at(2));
		expect(recorded.day).toBe(MONDAY); // 15 Ordibehesht 1404, typed in Persian digits

		const calendar = await workingCalendarOf(db);
		expect(isWorkingDay(MONDAY, calendar)).toBe(false);
		const firstNow = await getCase(db, admin, first.id, world.ctx({ now: at(3) }));
		expect(firstNow.dueOn).toBe(addWorkingDays(before.first, 1, calendar));
		expect(firstNow.dueOn).not.toBe(before.first);
		const moveEntry = firstNow.timeline.at(-1)!;
		expect(moveEntry).toMatchObject({ action: 'deadline_moved', actorRole: 'admin', text: 'آلودگی هوا', dueOn: firstNow.dueOn, details: { closure: MONDAY, reason_en: 'Air pollution', from: before.first } });
		expect((await getCase(db, admin, referred.id, world.ctx())).dueOn).toBe(addWorkingDays(before.referred, 1, calendar));
		const referralNow = await db.selectFrom('case_referrals').select(sql<string>`due_on::text`.as('due')).where('case_id', '=', referred.id).executeTakeFirstOrThrow();
		expect(referralNow.due).toBe(addWorkingDays(referral.due, 1, calendar));
		// a closed case keeps what it had, and its timeline has no entry
		const withdrawnNow = await getCase(db, admin, withdrawn.id, world.ctx());
		expect(withdrawnNow.dueOn).toBe(before.withdrawn);
		expect(withdrawnNow.timeline.some((e) => e.action === 'deadline_moved')).toBe(false);

		const works = await sql<{ id: number; due_on: string; regularise_by: string | null }>`select id, due_on::text, regularise_by::text from excavation_works order by id`.execute(db);
		expect(works.rows).toEqual([
			{ id: dueWork, due_on: '2025-05-07', regularise_by: '2025-05-10' }, // Tuesday → Wednesday; Wednesday → Saturday (Thursday and Friday off)
			{ id: lateWork, due_on: '2025-05-03', regularise_by: null }
		]);
		const workEvents = await db.selectFrom('excavation_work_events').select(['work_id', 'action', 'note', 'details']).where('action', '=', 'deadline_moved').execute();
		expect(workEvents).toEqual([{ work_id: dueWork, action: 'deadline_moved', note: 'آلودگی هوا', details: { closure: MONDAY, reason_en: 'Air pollution' } }]);

		// the count: two cases, one referral and one work
		expect(recorded.moved).toBe(4);
		const [row] = await listOfficeClosures(db, MONDAY);
		expect(row).toMatchObject({ day: MONDAY, reasonFa: 'آلودگی هوا', reasonEn: 'Air pollution', deadlinesMoved: 4, recordedBy: admin.displayName });
		const audit = await auditLog(db, admin, 10);
		expect(audit.find((e) => e.action === 'admin.office_closure_recorded')).toMatchObject({ details: { day: MONDAY, deadlinesMoved: 4 } });

		// filed after it, a deadline counts the day off: three working days from Sunday end on Wednesday, not Tuesday
		const later = await file(4, world.parcel7); // free again: its case was withdrawn
		expect(later.dueOn).toBe(dueDate(at(4), 3, calendar));
		expect(later.dueOn).toBe(addWorkingDays(dueDate(at(4), 3, plain), 1, calendar));
	});

	it('refuses, by name and writing nothing, what cannot be recorded', async () => {
		const { db } = database;
		const { admin, officer6 } = world.users;
		const refused = async (input: { day: string; reasonFa: string }, now = at(2)) => {
			const count = await closureCount();
			const events = Number((await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(db)).rows[0].n);
			const err = await recordOfficeClosure(db, admin, input, {}, now).then(
				() => null,
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(DomainError);
			expect(await closureCount()).toBe(count);
			expect(Number((await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(db)).rows[0].n)).toBe(events);
			return err as DomainError;
		};
		expect((await refused({ day: '2025-05-03', reasonFa: 'دیروز' })).code).toBe('closure_past');
		expect((await refused({ day: '2025-05-09', reasonFa: 'جمعه' })).code).toBe('closure_weekend');
		// 4 June 2025 (14 Khordad 1404): the anniversary of Imam Khomeini's death
		expect((await refused({ day: '2025-06-04', reasonFa: 'تعطیل رسمی' })).code).toBe('closure_holiday');
		expect((await refused({ day: '2025-12-01', reasonFa: 'خیلی دور' })).code).toBe('closure_too_far');
		const again = await refused({ day: MONDAY, reasonFa: 'دوباره' });
		expect([again.code, again.status]).toEqual(['closure_exists', 409]);
		expect((await refused({ day: '2025-05-06', reasonFa: '   ' })).code).toBe('closure_reason');
		expect((await refused({ day: '2025-05-06', reasonFa: 'ب'.repeat(201) })).code).toBe('closure_reason');
		const badDay = await refused({ day: '1404/13/01', reasonFa: 'ماه سیزدهم' });
		expect(badDay.code).toBe('closure_day');
		expect(badDay.messages.fa).toMatch(/۱۴۰۵\/۰۹\/۱۲/);
		const notAdmin = await recordOfficeClosure(db, officer6, { day: '2025-05-06', reasonFa: 'کارمند' }, {}, at(2)).catch((e: DomainError) => e);
		expect((notAdmin as DomainError).code).toBe('admin_only');
	});
});

/** Every open deadline the closures move, by row: what a withdrawal must give back exactly. */
async function openDeadlines() {
	const { rows } = await sql<{ row: string }>`
		select 'case ' || id || ' ' || due_on::text as row from cases where workflow_status = 'in_progress'
		union all select 'task ' || id || ' ' || due_on::text from case_tasks where status = 'open'
		union all select 'referral ' || id || ' ' || due_on::text from case_referrals where status = 'open'
		union all select 'work ' || id || ' ' || coalesce(due_on::text, '-') || ' ' || coalesce(regularise_by::text, '-') || ' ' || coalesce(remedial_due_on::text, '-') from excavation_works where holder is not null
		order by 1`.execute(database.db);
	return rows.map((r) => r.row);
}

describe('withdrawing an office closure', () => {
	const TUESDAY = '2025-05-06';

	it('gives every deadline it moved its day back, notes it in each timeline, and makes the day a working day again', async () => {
		const { db } = database;
		const { admin } = world.users;
		const before = await openDeadlines();
		const recorded = await recordOfficeClosure(db, admin, { day: TUESDAY, reasonFa: 'کمبود برق' }, {}, at(5));
		expect(recorded.moved).toBeGreaterThan(0);
		const moved = await openDeadlines();
		expect(moved).not.toEqual(before);

		const withdrawn = await withdrawOfficeClosure(db, admin, { day: TUESDAY, reasonFa: 'لغو تعطیلی به اعلام استانداری' }, { ip: '192.0.2.9' }, at(6));
		expect(withdrawn).toEqual({ day: TUESDAY, moved: recorded.moved });
		expect(await openDeadlines()).toEqual(before);
		expect(isWorkingDay(TUESDAY, await workingCalendarOf(db))).toBe(true);
		expect((await listOfficeClosures(db, MONDAY)).map((c) => c.day)).toEqual([MONDAY]);

		const events = await sql<{ action: string; text: string; details: Record<string, string> }>`
			select action, text, details from case_events where action = 'deadline_restored'`.execute(db);
		expect(events.rows.length).toBeGreaterThan(0);
		for (const e of events.rows) expect(e).toMatchObject({ text: 'لغو تعطیلی به اعلام استانداری', details: { withdrawnClosure: TUESDAY } });
		const audit = await auditLog(db, admin, 10);
		expect(audit.find((e) => e.action === 'admin.office_closure_withdrawn')).toMatchObject({ details: { day: TUESDAY, deadlinesMovedBack: recorded.moved } });
	});

	it('refuses, by name and changing nothing, a closure that is not there, has begun, or comes without a reason', async () => {
		const { db } = database;
		const { admin, officer6 } = world.users;
		const refused = async (input: { day: string; reasonFa: string }, now: Date, user = admin) => {
			const deadlines = await openDeadlines();
			const closures = await closureCount();
			const err = await withdrawOfficeClosure(db, user, input, {}, now).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(DomainError);
			expect(await openDeadlines()).toEqual(deadlines);
			expect(await closureCount()).toBe(closures);
			return err as DomainError;
		};
		const notThere = await refused({ day: TUESDAY, reasonFa: 'نیست' }, at(7));
		expect([notThere.code, notThere.status]).toEqual(['closure_not_found', 404]);
		// Monday's closure, on Monday morning in Tehran: the day is being worked by
		expect((await refused({ day: MONDAY, reasonFa: 'دیر' }, new Date('2025-05-05T05:00:00Z'))).code).toBe('closure_started');
		expect((await refused({ day: MONDAY, reasonFa: '  ' }, at(7))).code).toBe('closure_withdrawal_reason');
		expect((await refused({ day: MONDAY, reasonFa: 'کارمند' }, at(7), officer6)).code).toBe('admin_only');
	});
});

/**
 * The supervising engineer of an issued permit (issue 8, §7): assigned from the pool by rotation,
 * within each engineer's yearly quota (floor area, number of works, largest work of their grade);
 * a district officer of the parcel's district may reassign with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { engineerUser, issuedPermit, poolEngineer, supervisionCounts } from '../factories/supervision';
import { assignSupervisingEngineer, reassignSupervisingEngineer } from '../../src/lib/server/supervision';
import { engineersInRotation } from '../../src/lib/server/supervision/assignments.repository';
import type { SessionUser } from '../../src/lib/server/auth';
import { getCase } from '../../src/lib/server/cases';
import { systemTextIn } from '../../src/lib/i18n/lang';

let database: TestDatabase;
let world: CaseWorld;
const pool: Record<'a' | 'b' | 'c', { id: number; user: SessionUser }> = {} as never;
const now = { now: SUNDAY_MORNING };

async function permit7() {
	return issuedPermit(database.db, world.parcel7, world.users.ali.id, world.d7);
}

async function assignedTo(caseId: number, floorAreaM2: number): Promise<number> {
	return (await assignSupervisingEngineer(database.db, caseId, { floorAreaM2, ...now })).engineer_id;
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	const a = await engineerUser(database.db, 'eng.a', 'مهندس الف');
	const b = await engineerUser(database.db, 'eng.b', 'مهندس ب');
	const c = await engineerUser(database.db, 'eng.c', 'مهندس ج');
	// A: 1000 m² a year; B: two works a year; C: roomy but no work above 2000 m² (grade 3).
	pool.a = { user: a, id: await poolEngineer(database.db, a, { areaQuotaM2: 1000, workQuota: 10, maxWorkAreaM2: null }) };
	pool.b = { user: b, id: await poolEngineer(database.db, b, { areaQuotaM2: null, workQuota: 2, maxWorkAreaM2: null }) };
	pool.c = { user: c, id: await poolEngineer(database.db, c, { grade: 'grade3', areaQuotaM2: 50000, workQuota: 50, maxWorkAreaM2: 2000 }) };
});

afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('automatic assignment', () => {
	it('goes round the pool in turn, each permit to the engineer whose last work is oldest', async () => {
		const order = [];
		for (let i = 0; i < 4; i++) order.push(await assignedTo(await permit7(), 300));
		expect(order).toEqual([pool.a.id, pool.b.id, pool.c.id, pool.a.id]);
	});

	it('skips engineers whose area or work quota this work would exceed', async () => {
		// A has 600 of 1000 m²; B has 1 of 2 works; C has room.
		expect(await assignedTo(await permit7(), 500)).toBe(pool.b.id); // B: 2nd work, no area limit
		expect(await assignedTo(await permit7(), 500)).toBe(pool.c.id);
		// next in turn is A (600 + 500 > 1000), then B (3 works > 2): both skipped
		expect(await assignedTo(await permit7(), 500)).toBe(pool.c.id);
		const use = await engineersInRotation(database.db, 1404);
		const a = use.find((e) => e.id === pool.a.id)!;
		expect(a.used_area_m2).toBe(600);
		expect(use.find((e) => e.id === pool.b.id)!.used_works).toBe(2);
	});

	it('gives a work larger than a grade allows only to an engineer whose grade allows it', async () => {
		// C (grade 3, ≤ 2000 m²) is skipped; B is full; A has 400 m² left → nobody for 2500 m²
		const big = await permit7();
		const before = await supervisionCounts(database.db);
		await expect(assignSupervisingEngineer(database.db, big, { floorAreaM2: 2500, ...now })).rejects.toMatchObject({ status: 409, code: 'no_engineer_with_quota' });
		expect(await supervisionCounts(database.db)).toEqual(before);
		// 350 m² fits A (whose turn it is after C's two in a row)
		expect(await assignedTo(big, 350)).toBe(pool.a.id);
	});

	it('keeps the engineer of a permit that already has one (idempotent) and records the assignment on the case', async () => {
		const caseId = await permit7();
		const first = await assignSupervisingEngineer(database.db, caseId, { floorAreaM2: 100, ...now });
		const again = await assignSupervisingEngineer(database.db, caseId, { floorAreaM2: 100, ...now });
		expect(again.id).toBe(first.id);
		const events = await database.db.selectFrom('case_events').select(['action', 'actor_role', 'text']).where('case_id', '=', caseId).execute();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ action: 'supervisor_assigned', actor_role: 'system' });
		expect(events[0].text).toContain(first.engineer_name);
	});

	it('refuses a case that is not a building permit', async () => {
		const { id } = await database.db
			.insertInto('cases')
			.values({ parcel_id: world.parcel7, tracking_code: '140000000017', kind: 'bank_inquiry', title_fa: 'استعلام بانک' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(assignSupervisingEngineer(database.db, id, now)).rejects.toMatchObject({ status: 409, code: 'not_a_building_permit' });
		await expect(assignSupervisingEngineer(database.db, 987654, now)).rejects.toMatchObject({ status: 404 });
	});
});

describe('reassignment by a district officer', () => {
	it('replaces the engineer with a reason, releasing the old quota and recording both', async () => {
		const caseId = await permit7();
		// 40 m² still fits A (950 of 1000 m² used) and C: whichever takes it, the other can
		const first = await assignSupervisingEngineer(database.db, caseId, { floorAreaM2: 40, ...now });
		const target = first.engineer_id === pool.c.id ? pool.a.id : pool.c.id;
		const before = (await engineersInRotation(database.db, 1404, { engineerId: first.engineer_id }))[0];
		const moved = await reassignSupervisingEngineer(database.db, world.users.officer7, caseId, { engineerId: target, reason: 'تعارض منافع با مالک' }, now);
		expect(moved.engineer_id).toBe(target);
		expect(moved.assigned_by).toBe(world.users.officer7.id);
		expect(moved.reason).toBe('تعارض منافع با مالک');
		const after = (await engineersInRotation(database.db, 1404, { engineerId: first.engineer_id }))[0];
		expect(after.used_works).toBe(before.used_works - 1);
		const ended = await database.db.selectFrom('supervision_assignments').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
		expect(ended.end_reason).toBe('تعارض منافع با مالک');
	});

	it('refuses an officer of another district, a missing reason and an engineer without quota', async () => {
		const caseId = await permit7();
		await assignSupervisingEngineer(database.db, caseId, { floorAreaM2: 100, ...now });
		const before = await supervisionCounts(database.db);
		await expect(reassignSupervisingEngineer(database.db, world.users.officer6, caseId, { reason: 'x' }, now)).rejects.toMatchObject({ status: 403 });
		await expect(reassignSupervisingEngineer(database.db, world.users.officer7, caseId, { reason: '  ' }, now)).rejects.toMatchObject({ status: 400, code: 'reason_required' });
		await expect(reassignSupervisingEngineer(database.db, pool.a.user, caseId, { reason: 'من' }, now)).rejects.toMatchObject({ status: 403 });
		await expect(reassignSupervisingEngineer(database.db, world.users.officer7, caseId, { engineerId: pool.b.id, reason: 'سهمیه' }, now)).rejects.toMatchObject({
			status: 409,
			code: 'engineer_over_quota'
		});
		expect(await supervisionCounts(database.db)).toEqual(before);
	});
});

describe('the assignment in the case timeline', () => {
	it("keeps the rotation's line in both languages, and the timeline reads an older Persian-only line in English too", async () => {
		const caseId = await permit7();
		const assigned = await assignSupervisingEngineer(database.db, caseId, { floorAreaM2: 10, ...now });
		const [stored] = await database.db.selectFrom('case_events').select('text').where('case_id', '=', caseId).execute();
		expect(systemTextIn(stored.text!, 'fa')).toMatch(new RegExp(`^مهندس ناظر به نوبت تعیین شد: ${assigned.engineer_name} \\(پروانه اشتغال .+\\)$`));
		expect(systemTextIn(stored.text!, 'en')).toMatch(new RegExp(`^A supervising engineer was assigned in rotation: ${assigned.engineer_name} \\(practice licence .+\\)$`));

		// a row written before (append-only: it stays as written) is read into both languages
		const older = await permit7();
		await database.db
			.insertInto('case_events')
			.values({ case_id: older, at: SUNDAY_MORNING.toISOString(), actor_role: 'system', action: 'supervisor_assigned', status: 'completed', text: 'مهندس ناظر به نوبت تعیین شد: مهندس الف (پروانه اشتغال 1-01-0001)', details: JSON.stringify({ automatic: true }) })
			.execute();
		const view = await getCase(database.db, world.users.ali, older, now);
		const line = view.timeline.find((e) => e.action === 'supervisor_assigned')!;
		expect(systemTextIn(line.text!, 'en')).toBe('A supervising engineer was assigned in rotation: مهندس الف (practice licence 1-01-0001)');
		expect(systemTextIn(line.text!, 'fa')).toBe('مهندس ناظر به نوبت تعیین شد: مهندس الف (پروانه اشتغال 1-01-0001)');
	});
});

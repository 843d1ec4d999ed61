/**
 * Cases imported from the previous system (no request type): the district officer lists the open ones
 * of their district and closes each with its outcome, in one transaction; the parcel's open-case count
 * follows, and the request their kind blocked can be filed again. Refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, refusedWithoutChange, type CaseWorld } from '../factories/case-world';
import { closeLegacyCase, listLegacyCases, requestOptions, worksLegacyCases } from '../../src/lib/server/cases';
import { legacyListQuery } from '../../src/lib/server/cases/legacy-cases.service';
import { getParcelDetail } from '../../src/lib/server/parcels/parcel.service';
import { importedBacklog as readBacklog } from '../../src/lib/server/dashboard/dashboard.service';
import { refreshDashboard } from '../../src/lib/server/dashboard/refresh';
import { seedSampleLegacyClosings } from '../../src/lib/server/cases/sample-legacy';
import { importedBacklogQuery } from '../../src/lib/server/dashboard/dashboard.repository';
import { addCalendarDays, tehranDate } from '../../src/lib/domain/working-days';

let database: TestDatabase;
let world: CaseWorld;
let n = 0;

/** A new parcel in the district, with one open imported case of `kind` on it (filed `daysAgo` days ago). */
async function legacyCaseOn(districtId: number, kind: string, daysAgo: number): Promise<{ parcelId: number; caseId: number; code: string }> {
	const i = ++n;
	const x = 3000 + i * 30;
	const { rows } = await sql<{ id: number }>`insert into parcels (renovation_code, district_id, address, geom)
		values (${`L-900-${i}`}, ${districtId}, ${`نشانی ${i}`},
		ST_Multi(ST_MakeEnvelope(${560000 + x}::float8, 3612000::float8, ${560000 + x + 20}::float8, 3612030::float8, 32639)))
		returning id`.execute(database.db);
	const parcelId = rows[0].id;
	const code = `PLK-1404-${String(900000 + i)}`;
	const { id } = await database.db
		.insertInto('cases')
		.values({
			parcel_id: parcelId,
			tracking_code: code,
			kind,
			status: 'open',
			title_fa: 'درخواست از سامانهٔ پیشین',
			title_en: 'Request from the previous system',
			step_fa: 'بررسی مدارک',
			step_en: 'Documents under review',
			opened_at: new Date(Date.now() - daysAgo * 86_400_000).toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { parcelId, caseId: Number(id), code };
}

/** The council's backlog figures once the dashboard facts are rebuilt (the open count is kept with them). */
const importedBacklog = async (db: typeof database.db, range: { from: string; to: string }) => {
	await refreshDashboard(db);
	return readBacklog(db, range);
};

const openCasesOf = async (parcelId: number) =>
	(await database.db.selectFrom('parcels').select('open_cases').where('id', '=', parcelId).executeTakeFirstOrThrow()).open_cases;
const statusOf = async (caseId: number) => (await database.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status;

/** Asserts the call is refused with `status`/`code` and that no row anywhere changed. */
const refused = (call: () => Promise<unknown>, status: number, code?: string) => refusedWithoutChange(database.db, call, status, code);

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('cases imported from the previous system', () => {
	it('lists the open ones of the officer’s district, oldest first, and not another district’s', async () => {
		const older = await legacyCaseOn(world.d6, 'building_permit', 300);
		const newer = await legacyCaseOn(world.d6, 'zoning_statement', 20);
		const elsewhere = await legacyCaseOn(world.d7, 'building_permit', 400);
		const mine = await listLegacyCases(database.db, world.users.officer6);
		const ids = mine.map((c) => c.id);
		expect(ids).toContain(older.caseId);
		expect(ids).toContain(newer.caseId);
		expect(ids).not.toContain(elsewhere.caseId);
		expect(ids.indexOf(older.caseId)).toBeLessThan(ids.indexOf(newer.caseId));
		expect(mine.find((c) => c.id === older.caseId)).toMatchObject({ trackingCode: older.code, districtId: world.d6, step: { en: 'Documents under review' } });
		// the administrator sees every district's; workflow cases are not in the list
		const all = (await listLegacyCases(database.db, world.users.admin)).map((c) => c.id);
		expect(all).toEqual(expect.arrayContaining([older.caseId, elsewhere.caseId]));
		const workflow = await database.db.selectFrom('cases').select('id').where('request_type', 'is not', null).execute();
		expect(all.some((id) => workflow.some((w) => Number(w.id) === id))).toBe(false);
		expect(worksLegacyCases(world.users.inspector6)).toBe(false);
		await expect(listLegacyCases(database.db, world.users.inspector6)).rejects.toMatchObject({ status: 403, code: 'officers_only' });
		await expect(listLegacyCases(database.db, world.users.ali)).rejects.toMatchObject({ status: 403 });
	});

	it('closes one with its outcome: the case, its timeline and the audit in one go; the parcel is free for that request again', async () => {
		const { db } = database;
		const legacy = await legacyCaseOn(world.d6, 'building_permit', 90);
		expect(await openCasesOf(legacy.parcelId)).toBe(1);
		const blockedBefore = (await requestOptions(db, legacy.parcelId)).filter((o) => !o.eligible).map((o) => o.definition.id);
		expect(blockedBefore.length).toBeGreaterThan(0);

		const closed = await closeLegacyCase(db, world.users.officer6, legacy.caseId, 'completed_before', '  پروانهٔ ۱۲۳۴ در سامانهٔ پیشین صادر شده  ', world.ctx({ ip: '10.0.0.7' }));
		expect(closed).toEqual({ id: legacy.caseId, trackingCode: legacy.code });
		const row = await db.selectFrom('cases').selectAll().where('id', '=', legacy.caseId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'closed', step_en: 'Completed in the previous system', closed_reason: 'در سامانهٔ پیشین انجام شده: پروانهٔ ۱۲۳۴ در سامانهٔ پیشین صادر شده' });
		expect(row.closed_at).not.toBeNull();
		const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', legacy.caseId).execute();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ action: 'legacy_closed', status: 'closed', actor_role: 'district_officer', from_step: 'بررسی مدارک', ip: '10.0.0.7' });
		expect(events[0].details).toEqual({ outcome: 'completed_before' });
		const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'case.legacy_closed').execute();
		expect(audit.some((a) => (a.details as { caseId?: number }).caseId === legacy.caseId)).toBe(true);

		// the parcel's open-case count (the map's flag) and what may be filed there follow
		expect(await openCasesOf(legacy.parcelId)).toBe(0);
		const blockedAfter = (await requestOptions(db, legacy.parcelId)).filter((o) => !o.eligible).map((o) => o.definition.id);
		expect(blockedAfter.length).toBeLessThan(blockedBefore.length);
		expect((await listLegacyCases(db, world.users.officer6)).map((c) => c.id)).not.toContain(legacy.caseId);
	});

	it('refuses another district’s case, a workflow case, a closed one, an unknown outcome and anyone but an officer, changing nothing', async () => {
		const { db } = database;
		const mine = await legacyCaseOn(world.d6, 'non_violation_certificate', 40);
		const theirs = await legacyCaseOn(world.d7, 'non_violation_certificate', 40);
		await refused(() => closeLegacyCase(db, world.users.officer6, theirs.caseId, 'archived', null), 404, 'case_not_found');
		await refused(() => closeLegacyCase(db, world.users.officer6, 987654321, 'archived', null), 404, 'case_not_found');
		await refused(() => closeLegacyCase(db, world.users.inspector6, mine.caseId, 'archived', null), 403, 'officers_only');
		await refused(() => closeLegacyCase(db, world.users.ali, mine.caseId, 'archived', null), 403, 'officers_only');
		const unknown = await refused(() => closeLegacyCase(db, world.users.officer6, mine.caseId, 'lost', null), 400, 'legacy_outcome_unknown');
		expect(unknown.messages.en).toContain('"lost" is unknown');
		const none = await refused(() => closeLegacyCase(db, world.users.officer6, mine.caseId, '', null), 400, 'legacy_outcome_unknown');
		expect(none.messages.fa).toContain('انتخاب نشده');
		const workflow = await db
			.insertInto('cases')
			.values({
				parcel_id: mine.parcelId,
				tracking_code: `LEGACY-WF-${++n}`,
				kind: 'building_permit',
				title_fa: 'پروانهٔ ساختمانی',
				request_type: 'building_permit_new',
				applicant_user_id: world.users.maryam.id,
				district_id: world.d6,
				workflow_status: 'in_progress',
				current_step: 'district_review',
				step_started_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await refused(() => closeLegacyCase(db, world.users.officer6, Number(workflow.id), 'archived', null), 409, 'case_not_legacy');
		// the parcel panel tells the imported case from the workflow one
		const panel = (await getParcelDetail(db, mine.parcelId)).open_cases.map((c) => [c.tracking_code, c.imported]);
		expect(panel).toEqual(expect.arrayContaining([[mine.code, true], [expect.stringMatching(/^LEGACY-WF-/), false]]));
		expect(await statusOf(mine.caseId)).toBe('open');

		// the administrator closes any district's; a second close is refused
		await closeLegacyCase(db, world.users.admin, theirs.caseId, 'withdrawn', null);
		expect(await statusOf(theirs.caseId)).toBe('closed');
		await refused(() => closeLegacyCase(db, world.users.admin, theirs.caseId, 'archived', null), 409, 'case_closed');
	});

	it('counts the backlog for the council: open per district since its oldest, and those closed in the period', async () => {
		const { db } = database;
		const today = tehranDate(new Date());
		const thisMonth = { from: addCalendarDays(today, -30), to: today };
		const untilYesterday = { from: addCalendarDays(today, -30), to: addCalendarDays(today, -1) };
		const row = (b: Awaited<ReturnType<typeof readBacklog>>, district: number) =>
			b.districts.find((r) => r.district_id === district) ?? { open: 0, closed_in_period: 0, oldest_opened_on: null };
		const before = await importedBacklog(db, thisMonth);

		const oldest = await legacyCaseOn(world.d7, 'building_permit', 2000);
		const other = await legacyCaseOn(world.d7, 'zoning_statement', 10);
		const after = await importedBacklog(db, thisMonth);
		expect(row(after, world.d7).open).toBe(row(before, world.d7).open + 2);
		expect(row(after, world.d7).oldest_opened_on).toBe(tehranDate(new Date(Date.now() - 2000 * 86_400_000)));
		expect(row(after, world.d6).open).toBe(row(before, world.d6).open); // another district's count stays
		expect(after.city.open).toBe(after.districts.reduce((n, r) => n + r.open, 0));
		expect(after.city.oldest_opened_on).toBe(row(after, world.d7).oldest_opened_on);

		const yesterdayBefore = await importedBacklog(db, untilYesterday);
		await closeLegacyCase(db, world.users.admin, oldest.caseId, 'archived', null);
		const closed = await importedBacklog(db, thisMonth);
		expect(row(closed, world.d7).open).toBe(row(after, world.d7).open - 1);
		expect(row(closed, world.d7).closed_in_period).toBe(row(after, world.d7).closed_in_period + 1);
		expect(closed.city.closed_in_period).toBe(after.city.closed_in_period + 1);
		// the oldest open one is now another: not the closed one's day
		expect(row(closed, world.d7).oldest_opened_on! > row(after, world.d7).oldest_opened_on!).toBe(true);
		// closed today: not in a period that ended yesterday
		const yesterdayAfter = await importedBacklog(db, untilYesterday);
		expect(yesterdayAfter.city.closed_in_period).toBe(yesterdayBefore.city.closed_in_period);
		expect(yesterdayAfter.city.open).toBe(closed.city.open); // open is now, whatever the period
		await closeLegacyCase(db, world.users.admin, other.caseId, 'withdrawn', null);
	});

	it('reads the lists by their indexes, not by scanning cases or parcels', async () => {
		const plan = async (districts: number[] | null) =>
			database.db.transaction().execute(async (trx) => {
				await sql`set local enable_seqscan = off`.execute(trx);
				const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${legacyListQuery(districts)}`.execute(trx);
				return rows.map((r) => r['QUERY PLAN']).join('\n');
			});
		const officer = await plan([world.d6]);
		expect(officer).toContain('parcels_district_open_cases_idx');
		expect(officer).not.toMatch(/Seq Scan/);
		const admin = await plan(null);
		expect(admin).toContain('cases_legacy_open_idx');
		expect(admin).not.toMatch(/Seq Scan/);
		// the council's backlog: the open ones and the period's closings by their own indexes
		const backlog = await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const today = tehranDate(new Date());
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${importedBacklogQuery({ from: addCalendarDays(today, -30), to: today, today })}`.execute(trx);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
		expect(backlog).toContain('case_events_legacy_closed_idx');
		expect(backlog).not.toMatch(/Seq Scan on (cases|case_events|parcels)/);
		expect(backlog).toContain('dashboard_legacy_open'); // the open ones as of the facts, one row per district
	});

	// last: it closes the oldest open imported cases of every district of the world
	it('gives the demo city an officer’s closings of the oldest imported cases over the last weeks, through the real service', async () => {
		const { db } = database;
		const oldest = await legacyCaseOn(world.d6, 'building_permit', 5000);
		const today = tehranDate(new Date());
		const period = { from: addCalendarDays(today, -30), to: today };
		const before = await importedBacklog(db, period);
		const closed = await seedSampleLegacyClosings(db);
		expect(closed).toBeGreaterThanOrEqual(1);
		expect(await statusOf(oldest.caseId)).toBe('closed');
		const event = await db.selectFrom('case_events').selectAll().where('case_id', '=', oldest.caseId).executeTakeFirstOrThrow();
		expect(event).toMatchObject({ action: 'legacy_closed', actor_role: 'district_officer' });
		expect(event.text).toContain('نمونه — sample');
		expect(Date.now() - new Date(event.at).getTime()).toBeGreaterThan(17 * 86_400_000); // the first closing, 18 days back
		const after = await importedBacklog(db, period);
		expect(after.city.closed_in_period).toBe(before.city.closed_in_period + closed);
		expect(after.city.open).toBe(before.city.open - closed);
	});
});

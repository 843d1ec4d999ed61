/**
 * The sample city's year of SAMPLE requests (gis/sample-city/history.ts): loaded with the city at
 * start-up, stored in the real workflow tables so the cartables of the demo accounts hold open
 * cases, every step of the building permit flow is populated, and the dashboards see a living
 * city — and loaded once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { seedSampleData } from '../../src/lib/server/sample-data';
import { sampleCitySeeder } from '../../gis/sample-city/seeder';
import { loadSampleHistory } from '../../gis/sample-city/history';
import { districtReport, monthlySeries } from '../../src/lib/server/dashboard';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import { listCartable, listMyCases } from '../../src/lib/server/cases';
import { BUILDING_PERMIT_NEW } from '../../src/lib/server/workflows/definitions/building-permits';
import { tehranDate, addCalendarDays } from '../../src/lib/domain/working-days';

let database: TestDatabase;
const PARCELS = 4000;
beforeAll(async () => {
	database = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
	await seedSampleData(database.db, sampleCitySeeder, { parcels: PARCELS, srid: TEST_SRID });
}, 600_000);
afterAll(async () => {
	vi.restoreAllMocks();
	await database?.close();
});

async function userNamed(username: string) {
	const { id } = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
	return (await findActiveUser(database.db, id))!;
}

describe(`sample history (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('files a year of requests in every district, decided and open, with bills, payments and permits', async () => {
		const { rows } = await sql<{ districts: number; cases: number; open: number; decided: number; first: string; last: string; events: number; paid: number; permits: number }>`
			select count(distinct district_id)::int as districts, count(*)::int as cases,
			       count(*) filter (where workflow_status = 'in_progress')::int as open,
			       count(*) filter (where decision is not null)::int as decided,
			       min(opened_at)::date::text as first, max(opened_at)::date::text as last,
			       (select count(*)::int from case_events) as events,
			       (select count(*)::int from payments where status = 'paid') as paid,
			       (select count(*)::int from buildings where permit_no like 'S-BP-%') as permits
			from cases where request_type is not null`.execute(database.db);
		const r = rows[0];
		const { n } = (await sql<{ n: number }>`select count(distinct district_id)::int as n from parcels`.execute(database.db)).rows[0];
		expect(r.districts).toBe(n);
		expect(r.cases).toBeGreaterThan(PARCELS / 12);
		expect(r.open).toBeGreaterThan(10);
		expect(r.decided).toBeGreaterThan(r.cases / 2);
		expect(r.first < addCalendarDays(tehranDate(new Date()), -300)).toBe(true);
		expect(r.events).toBeGreaterThan(r.cases * 3);
		expect(r.paid).toBeGreaterThan(0);
		expect(r.permits).toBeGreaterThan(0);
		// every case's audit log starts with its filing and the case stands where its last entry put it
		const { rows: broken } = await sql<{ id: number }>`
			select c.id from cases c
			where c.request_type is not null and (
			  (select e.action from case_events e where e.case_id = c.id order by e.id limit 1) <> 'file'
			  or (select e.status from case_events e where e.case_id = c.id order by e.id desc limit 1) <> c.workflow_status)`.execute(database.db);
		expect(broken).toEqual([]);
	});

	it('leaves open building permit cases at every step and work in each demo account’s cartable', async () => {
		const { rows } = await sql<{ step: string }>`
			select distinct current_step as step from cases where workflow_status = 'in_progress' and request_type like 'building_permit%'`.execute(database.db);
		const steps = BUILDING_PERMIT_NEW.steps.map((s) => s.id).filter((s) => s !== 'filing');
		expect(steps.filter((s) => !rows.some((r) => r.step === s))).toEqual([]);
		// the city's busiest district holds the showcase of every step
		const { rows: busiest } = await sql<{ code: string }>`
			select d.code from districts d join parcels p on p.district_id = d.id group by d.code order by count(*) desc limit 1`.execute(database.db);
		const n = busiest[0].code;
		for (const username of [`officer.d${n}`, 'planner', `inspector.d${n}`, 'supervisor', 'heritage', 'registry']) {
			const user = await userNamed(username);
			const cases = await listCartable(database.db, user, ['heritage', 'registry'].includes(username) ? 'mine' : 'unassigned');
			expect([username, cases.length > 0]).toEqual([username, true]);
		}
		// the engineering office's representative follows building permits filed for owners, some still open
		const filedForOwners = await listMyCases(database.db, await userNamed('engineer'));
		expect(filedForOwners.some((c) => c.status === 'in_progress')).toBe(true);
	});

	it('peoples every district of the sample, and each district’s officer and inspector find work', async () => {
		const { rows } = await sql<{ code: string; parcels: number }>`
			select d.code, (select count(*)::int from parcels p where p.district_id = d.id) as parcels from districts d order by d.code`.execute(database.db);
		expect(rows).toHaveLength(15);
		expect(rows.filter((d) => d.parcels < 50)).toEqual([]);
		for (const { code } of rows) {
			for (const username of [`officer.d${code}`, `inspector.d${code}`]) {
				const cases = await listCartable(database.db, await userNamed(username), 'unassigned');
				expect([username, cases.length > 0]).toEqual([username, true]);
			}
		}
	});

	it('gives the council dashboards figures in every district and every month', async () => {
		const today = tehranDate(new Date());
		const range = { from: addCalendarDays(today, -364), to: today };
		const report = await districtReport(database.db, range);
		expect(report.sample).toBe(true);
		const { rows: peopled } = await sql<{ id: number }>`select distinct district_id as id from parcels`.execute(database.db);
		for (const d of report.districts.filter((x) => peopled.some((p) => p.id === x.district.id))) {
			expect(d.requests_filed).toBeGreaterThan(0);
			expect(d.capacity_floor_area_m2).toBeGreaterThan(0);
		}
		expect(report.city.median_days_to_decision).toBeGreaterThan(0);
		expect(report.city.overdue_share).toBeGreaterThan(0);
		expect(report.city.overdue_share).toBeLessThan(1);
		expect(report.city.fees_paid_rial).toBeGreaterThan(0);
		const months = await monthlySeries(database.db, range, null);
		expect(months.filter((m) => m.requests_filed > 0).length).toBeGreaterThanOrEqual(12);
	});

	it('is loaded once', async () => {
		expect(await loadSampleHistory(database.db)).toBeNull();
	});
});

/**
 * The dashboards' daily rollup (migrations/0150) gives exactly the figures counted straight from the
 * materialised facts (the queries the dashboards ran before it, kept here as the oracle): every
 * district's and the city's figures and the monthly series, for a year, 90 days, a month and one day
 * of the sample city's history — and again after cases, bills, payments and permits are inserted,
 * changed and deleted and the figures rebuilt. Until rebuilt the figures stay as they were, and the
 * report says as of when.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { seedSampleData } from '../../src/lib/server/sample-data';
import { sampleCitySeeder } from '../../gis/sample-city/seeder';
import { districtReport, monthlySeries, refreshDashboard } from '../../src/lib/server/dashboard';
import { histogramMedian } from '../../src/lib/server/dashboard/dashboard.repository';
import { workingDaysSql } from '../../src/lib/server/dashboard/working-days-sql';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { addCalendarDays, tehranDate } from '../../src/lib/domain/working-days';
import { toJalali } from '../../src/lib/domain/jalali';
import type { DB } from '../../src/lib/server/db';

let database: TestDatabase;
const NOW = new Date();
const TODAY = tehranDate(NOW);
const PERIODS = [
	{ from: addCalendarDays(TODAY, -364), to: TODAY },
	{ from: addCalendarDays(TODAY, -90), to: TODAY },
	{ from: addCalendarDays(TODAY, -200), to: addCalendarDays(TODAY, -170) },
	{ from: addCalendarDays(TODAY, -30), to: addCalendarDays(TODAY, -30) }
];
const opts = { now: NOW, maxAgeS: 3600 };

beforeAll(async () => {
	database = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
	await seedSampleData(database.db, sampleCitySeeder, { parcels: 1500, srid: TEST_SRID });
	await refreshDashboard(database.db);
}, 600_000);
afterAll(async () => {
	vi.restoreAllMocks();
	await database?.close();
});

type Row = { district_id: number | null; [k: string]: unknown };

/** Every summed figure of a period per district and for the city, straight from the facts (the pre-rollup SQL). */
async function oracle(db: Kysely<DB>, from: string, to: string) {
	const start = sql`(${from}::date::timestamp AT TIME ZONE 'Asia/Tehran')`;
	const end = sql`((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran')`;
	const days = workingDaysSql(sql`f.filed_on`, sql`f.decided_on`, municipalCalendar());
	const run = async (q: ReturnType<typeof sql<Row>>) => (await q.execute(db)).rows;
	const [cases, decisions, permits, billed, paid, works] = await Promise.all([
		run(sql<Row>`select district_id, count(*)::int as filed,
			count(*) filter (where missed_deadlines > 0 or (workflow_status = 'in_progress' and holder_role is distinct from 'applicant' and due_on < ${TODAY}::date))::int as overdue
			from dashboard_case_facts where filed_on between ${from}::date and ${to}::date group by rollup (district_id)`),
		run(sql<Row>`select district_id, count(*)::int as decided, percentile_cont(0.5) within group (order by days)::float8 as median_days
			from (select f.district_id, ${days} as days from dashboard_case_facts f where f.decided_on between ${from}::date and ${to}::date) d
			group by rollup (district_id)`),
		run(sql<Row>`select district_id, count(*)::int as permits, coalesce(sum(floor_area_m2), 0)::float8 as m2
			from dashboard_permit_facts where permit_date between ${from}::date and ${to}::date group by district_id`),
		run(sql<Row>`select district_id, coalesce(sum(total_rial), 0)::float8 as rial from dashboard_fee_facts
			where issued_at >= ${start} and issued_at < ${end} and status in ('open', 'paid') and total_rial > 0 group by district_id`),
		run(sql<Row>`select district_id, coalesce(sum(paid_rial), 0)::float8 as rial from dashboard_fee_facts
			where paid_at >= ${start} and paid_at < ${end} group by district_id`),
		run(sql<Row>`select district_id, count(*)::int as works from dashboard_work_facts
			where status in ('approved', 'active', 'completed') and starts_on <= ${to}::date and ends_on >= ${from}::date group by district_id`)
	]);
	const by = (rows: Row[], id: number | null) => rows.find((r) => r.district_id === id);
	const round1 = (n: number) => Math.round(n * 10) / 10;
	const share = (o: number, f: number) => (f > 0 ? Math.round((o / f) * 1000) / 1000 : null);
	const districts = (await db.selectFrom('districts').select('id').execute()).map((d) => d.id);
	const figures = (id: number | null) => ({
		requests_filed: (by(cases, id)?.filed as number) ?? 0,
		requests_decided: (by(decisions, id)?.decided as number) ?? 0,
		median_days_to_decision: by(decisions, id)?.median_days == null ? null : round1(Number(by(decisions, id)!.median_days)),
		overdue_share: share((by(cases, id)?.overdue as number) ?? 0, (by(cases, id)?.filed as number) ?? 0),
		...(id === null
			? {}
			: {
					permits_issued: (by(permits, id)?.permits as number) ?? 0,
					permitted_floor_area_m2: round1((by(permits, id)?.m2 as number) ?? 0),
					fees_billed_rial: (by(billed, id)?.rial as number) ?? 0,
					fees_paid_rial: (by(paid, id)?.rial as number) ?? 0,
					excavations_active: (by(works, id)?.works as number) ?? 0
				})
	});
	return { districts: new Map(districts.map((id) => [id, figures(id)])), city: figures(null) };
}

/** The monthly series straight from the facts, per Jalali month. */
async function oracleSeries(db: Kysely<DB>, from: string, to: string, districtId: number | null) {
	const where = districtId === null ? sql`true` : sql`district_id = ${districtId}`;
	const { rows } = await sql<{ kind: string; day: string; n: number; rial: number }>`
		select 'filed' as kind, filed_on::text as day, count(*)::int as n, 0::float8 as rial from dashboard_case_facts where filed_on between ${from}::date and ${to}::date and ${where} group by 2
		union all select 'decided', decided_on::text, count(*)::int, 0 from dashboard_case_facts where decided_on between ${from}::date and ${to}::date and ${where} group by 2
		union all select 'permits', permit_date::text, count(*)::int, 0 from dashboard_permit_facts where permit_date between ${from}::date and ${to}::date and ${where} group by 2
		union all select 'paid', (paid_at AT TIME ZONE 'Asia/Tehran')::date::text, count(*)::int, sum(paid_rial)::float8 from dashboard_fee_facts
			where paid_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Tehran') and paid_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran') and ${where} group by 2`.execute(db);
	const months = new Map<string, { filed: number; decided: number; permits: number; paid: number }>();
	for (const r of rows) {
		const j = toJalali(r.day);
		const key = `${j.year}-${j.month}`;
		const m = months.get(key) ?? { filed: 0, decided: 0, permits: 0, paid: 0 };
		if (r.kind === 'paid') m.paid += Number(r.rial);
		else m[r.kind as 'filed' | 'decided' | 'permits'] += r.n;
		months.set(key, m);
	}
	return months;
}

async function expectSameAsFacts() {
	const { db } = database;
	for (const period of PERIODS) {
		const [report, want] = [await districtReport(db, period, opts), await oracle(db, period.from, period.to)];
		for (const row of report.districts) expect(row, `${period.from}…${period.to} district ${row.district.id}`).toMatchObject(want.districts.get(row.district.id)!);
		expect(report.city, `${period.from}…${period.to} city`).toMatchObject(want.city);
		for (const districtId of [null, report.districts[0].district.id]) {
			const series = await monthlySeries(db, period, districtId, opts);
			const wantSeries = await oracleSeries(db, period.from, period.to, districtId);
			for (const m of series) {
				const w = wantSeries.get(`${m.year}-${m.month}`) ?? { filed: 0, decided: 0, permits: 0, paid: 0 };
				expect([m.requests_filed, m.requests_decided, m.permits_issued, m.fees_paid_rial], `${m.year}-${m.month} of ${districtId}`).toEqual([w.filed, w.decided, w.permits, w.paid]);
			}
		}
	}
}

describe(`dashboard daily rollup (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('reads the median off a histogram as percentile_cont does', () => {
		expect(histogramMedian(new Map())).toBeNull();
		expect(histogramMedian(new Map([[7, 1]]))).toBe(7);
		expect(histogramMedian(new Map([[3, 1], [8, 1]]))).toBe(5.5);
		expect(histogramMedian(new Map([[10, 2], [2, 1], [4, 0]]))).toBe(10);
		expect(histogramMedian(new Map([[1, 2], [5, 2]]))).toBe(3);
	});

	it('gives every figure and month of the sample history exactly as counted from the facts', async () => {
		const { n } = (await sql<{ n: number }>`select count(*)::int as n from dashboard_case_facts where decided_on is not null`.execute(database.db)).rows[0];
		expect(n).toBeGreaterThan(50);
		const works = (await sql<{ n: number }>`select count(*)::int as n from dashboard_work_facts where status in ('approved', 'active', 'completed')`.execute(database.db)).rows[0];
		expect(works.n).toBeGreaterThan(5);
		await expectSameAsFacts();
	}, 120_000);

	it('stays exact after cases, payments, permits and street works change, once rebuilt, and says as of when until then', async () => {
		const { db } = database;
		const before = await districtReport(db, PERIODS[0], opts);
		const asOf = before.freshness.cases_as_of!;
		// a decided case reopened, one moved to another day, one deleted with its history; a payment removed, another moved 40 days back;
		// a permit re-dated; a street work lengthened; a new case filed today in another district
		await sql`update cases set decision = null, closed_at = null, workflow_status = 'in_progress', status = 'open'
			where id = (select case_id from dashboard_case_facts where decided_on is not null order by case_id limit 1)`.execute(db);
		await sql`update cases set opened_at = opened_at - interval '3 days', closed_at = closed_at - interval '1 day'
			where id = (select case_id from dashboard_case_facts where decided_on is not null order by case_id desc limit 1)`.execute(db);
		await sql`update buildings set permit_date = permit_date + 5 where id = (select source_id from dashboard_permit_facts where source = 'record' order by source_id limit 1)`.execute(db);
		// a payment struck out (its receipt's registration with it: receipts are registered when paid)
		await sql`delete from payment_receipts where payment_id = (select id from payments where status = 'paid' order by id limit 1)`.execute(db);
		await sql`delete from payments where id = (select id from payments where status = 'paid' order by id limit 1)`.execute(db);
		await sql`update payments set verified_at = verified_at - interval '40 days' where id = (select id from payments where status = 'paid' order by id desc limit 1)`.execute(db);
		await sql`update excavation_works set ends_on = ends_on + 30 where id = (select work_id from dashboard_work_facts where status = 'completed' order by work_id limit 1)`.execute(db);
		const newCase = await sql<{ id: number }>`
			insert into cases (parcel_id, tracking_code, kind, status, title_fa, title_en, step_fa, step_en, opened_at, due_on, request_type, workflow_status, current_step, holder_role, district_id, applicant_user_id, step_started_at)
			select c.parcel_id, 'ROLLUP-TEST-1', c.kind, 'open', c.title_fa, c.title_en, c.step_fa, c.step_en, now(), ${addCalendarDays(TODAY, -1)}::date,
			       c.request_type, 'in_progress', c.current_step, 'district_officer', c.district_id, c.applicant_user_id, now()
			from cases c where c.request_type is not null order by c.id desc limit 1
			returning id`.execute(db);
		expect(newCase.rows).toHaveLength(1);

		// not rebuilt yet: the same figures, as of the same time
		const stale = await districtReport(db, PERIODS[0], opts);
		// (open violations are read live, not from the views: the case re-opened or filed above may be one)
		expect({ ...stale.city, violations_open: null }).toEqual({ ...before.city, violations_open: null });
		expect(stale.freshness.cases_as_of).toBe(asOf);

		await refreshDashboard(db);
		const fresh = await districtReport(db, PERIODS[0], opts);
		expect(fresh.city.requests_filed).toBe(before.city.requests_filed + 1);
		expect(fresh.city.requests_decided).toBe(before.city.requests_decided - 1);
		expect(new Date(fresh.freshness.cases_as_of!).getTime()).toBeGreaterThan(new Date(asOf).getTime());
		// the rollups are as old as the facts they were built from
		const { rows } = await sql<{ name: string; refreshed_at: Date }>`select name, refreshed_at from dashboard_refreshes`.execute(db);
		const at = (name: string) => rows.find((r) => r.name === name)!.refreshed_at.getTime();
		expect(at('dashboard_daily')).toBeLessThanOrEqual(Math.min(at('dashboard_case_facts'), at('dashboard_work_facts'), at('dashboard_permit_facts'), at('dashboard_fee_facts')));
		expect(at('dashboard_decided_pairs')).toBeLessThanOrEqual(at('dashboard_case_facts'));
		await expectSameAsFacts();
	}, 120_000);
});

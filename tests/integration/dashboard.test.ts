/**
 * The council dashboards on a tiny world (tests/factories/case-world.ts): the API's field names,
 * null for what no capability feeds, a case filed and then decided moving the counts (after the
 * materialised facts are rebuilt), the date filter, the working-day clock in SQL against the
 * domain's, and the CSV and XLSX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { actOnCase, fileRequest } from '../../src/lib/server/cases';
import { requestTypeById } from '../../src/lib/server/workflows/registry';
import { dashboardXlsx, districtCases, districtReport, monthlySeries, refreshDashboard, violationRequestTypes } from '../../src/lib/server/dashboard';
import { dashboardPageData } from '../../src/lib/server/dashboard/page-data';
import { workingDaysSql } from '../../src/lib/server/dashboard/working-days-sql';
import { openCasesOfTypes, openCasesOfTypesQuery } from '../../src/lib/server/dashboard/dashboard.repository';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { addCalendarDays, tehranDate, workingDaysBetween } from '../../src/lib/domain/working-days';
import { REQUEST_TYPES } from '../../src/lib/server/workflows';
import { GET as districtsApi } from '../../src/routes/api/dashboard/districts/+server';
import { GET as casesApi } from '../../src/routes/api/dashboard/districts/[id]/cases/+server';
import type { DistrictReport } from '../../src/lib/api/dashboard';
import type { SessionUser } from '../../src/lib/server/auth';

let database: TestDatabase;
let world: CaseWorld;
const calendar = municipalCalendar();
const at = (hours: number) => new Date(SUNDAY_MORNING.getTime() + hours * 3_600_000);
const DAY = tehranDate(SUNDAY_MORNING); // 2025-05-04
const YEAR = { from: '2025-03-21', to: '2026-03-20' };
// a frozen "now" ten days after the filing, so open deadlines are judged on a known day
const NOW = at(24 * 10);

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

async function api(query: string, user: SessionUser | null = null, lang: 'fa' | 'en' = 'fa') {
	const url = new URL(`http://pelak.test/api/dashboard/districts?${query}`);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return districtsApi({ url, locals: { db: database.db, readDb: database.replica, lang, user } } as any);
}

const FIELDS = [
	'district',
	'requests_filed',
	'requests_decided',
	'median_days_to_decision',
	'overdue_share',
	'permits_issued',
	'permitted_floor_area_m2',
	'capacity_floor_area_m2',
	'remaining_floor_area_m2',
	'fees_billed_rial',
	'fees_paid_rial',
	'excavations_active',
	'violations_open'
];

describe(`council dashboards (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('answers one row per district with exactly the figures asked for, null where nothing feeds them', async () => {
		const response = await api(`from=${YEAR.from}&to=${YEAR.to}`);
		expect(response.status).toBe(200);
		const report = (await response.json()) as DistrictReport;
		expect(report.districts.map((d) => d.district.code)).toEqual(['6', '7']);
		for (const row of [...report.districts, report.city]) expect(Object.keys(row).sort()).toEqual([...FIELDS].sort());
		const d6 = report.districts[0];
		expect(d6).toMatchObject({ requests_filed: 0, requests_decided: 0, median_days_to_decision: null, overdue_share: null, permits_issued: 0 });
		// no zoning in this world: the plan's capacity is unknown, not zero; violations are fed (the building violation
		// the municipality opens itself), and none is open
		expect(violationRequestTypes()).toEqual(['building_violation']);
		expect(violationRequestTypes([])).toEqual([]);
		expect(d6.capacity_floor_area_m2).toBeNull();
		expect(d6.remaining_floor_area_m2).toBeNull();
		expect(d6.violations_open).toBe(0);
		expect(report.city.violations_open).toBe(0);
		expect(report.freshness.cases_as_of).not.toBeNull();
		expect(report.sample).toBe(false);
	});

	it('counts open violations from the violation cases alone, not every case in progress', async () => {
		// 10,000 cases in progress, one in 500 a violation: the count reads those 20 through their index, with
		// sequential scans allowed (through cases_cartable_idx it read all 10,000 and filtered them)
		const types = violationRequestTypes();
		const before = (await openCasesOfTypes(database.db, types)).find((r) => r.district_id === world.d6)?.open ?? 0;
		const rollback = new Error('rolled back');
		let plan = '';
		let after = -1;
		await database.db
			.transaction()
			.execute(async (trx) => {
				await sql`insert into cases (parcel_id, tracking_code, kind, status, title_fa, request_type, applicant_user_id, district_id,
						workflow_status, current_step, step_started_at)
					select ${world.parcel6}::int8, '9' || lpad(g::text, 11, '0'), 'building_permit_new', 'open', 'سنجه',
						case when g % 500 = 0 then 'building_violation' else 'building_permit_new' end, ${world.users.maryam.id}::int8, ${world.d6}::int,
						'in_progress', 'district_review', now()
					from generate_series(1, 10000) g`.execute(trx);
				await sql`analyze cases`.execute(trx);
				const { rows } = await sql`explain ${openCasesOfTypesQuery(types)}`.execute(trx);
				plan = rows.map((r) => Object.values(r as object)[0]).join('\n');
				after = (await openCasesOfTypes(trx, types)).find((r) => r.district_id === world.d6)?.open ?? 0;
				throw rollback;
			})
			.catch((err) => {
				if (err !== rollback) throw err;
			});
		expect(after - before).toBe(20);
		expect(plan).toContain('cases_in_progress_type_idx');
		expect(plan).not.toMatch(/Seq Scan on cases|cases_cartable_idx/);
	});

	it('refuses a bad date naming the field, in Persian and English, and reads Jalali dates', async () => {
		const bad = await api('from=2025-02-30');
		expect(bad.status).toBe(400);
		const body = await bad.json();
		expect(body.error.code).toBe('bad_from');
		expect(body.error.message).toContain('«از تاریخ» تاریخ درستی نیست');
		const en = await (await api('to=yesterday', null, 'en')).json();
		expect(en.error).toMatchObject({ code: 'bad_to' });
		expect(en.error.message).toContain('“To date” is not a valid date');
		expect((await api('from=2025-06-01&to=2025-05-01')).status).toBe(400);
		expect((await api('format=pdf')).status).toBe(400);
		const jalali = (await (await api('from=۱۴۰۴/۰۱/۰۱&to=1404-12-29')).json()) as DistrictReport;
		expect([jalali.from, jalali.to]).toEqual(['2025-03-21', '2026-03-20']);
	});

	it('the dashboard page says a mistyped date beside its field and still shows the default period', async () => {
		const url = new URL('http://pelak.test/dashboard?from=1405/13/40&to=۱۴۰۴/۰۹/۱۳');
		const data = await dashboardPageData(database.replica, url, 'fa', { withCases: true, primary: database.db });
		expect(data.periodError).toMatchObject({ field: 'from', code: 'bad_from', from: '1405/13/40', to: '۱۴۰۴/۰۹/۱۳' });
		expect(data.periodError!.message).toContain('«از تاریخ»');
		expect(data.periodError!.message).not.toMatch(/«from»/);
		const fallback = await dashboardPageData(database.replica, new URL('http://pelak.test/dashboard'), 'fa', { withCases: true, primary: database.db });
		expect(data.range).toEqual(fallback.range);
		expect(data.report.districts.length).toBe(fallback.report.districts.length);
		expect(fallback.periodError).toBeNull();
		// a Jalali day with slashes (the app's date format) or hyphens reads the same
		const slashed = await dashboardPageData(database.replica, new URL('http://pelak.test/dashboard?from=۱۴۰۴/۰۱/۰۱&to=1404-12-29'), 'en', { withCases: false, primary: database.db });
		expect(slashed.periodError).toBeNull();
		expect(slashed.range).toEqual({ from: '2025-03-21', to: '2026-03-20' });
	});

	it('counts a filed case, then its decision, with the working days and the missed deadline', async () => {
		const { db } = database;
		const filed = await fileRequest(
			db,
			world.users.maryam,
			{ parcelId: world.parcel6, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card', 'card.jpg')] },
			world.ctx({ now: at(0) })
		);
		const before = await districtReport(db, YEAR, { now: NOW });
		expect(before.districts[0].requests_filed).toBe(0); // the facts are as of their last rebuild
		await refreshDashboard(db);
		const open = await districtReport(db, YEAR, { now: NOW });
		// filed Sunday, 3 working days for the officer: ten days later it is overdue
		expect(open.districts[0]).toMatchObject({ requests_filed: 1, requests_decided: 0, overdue_share: 1 });
		expect(open.districts[1].requests_filed).toBe(0);
		expect(open.city).toMatchObject({ requests_filed: 1, overdue_share: 1 });

		await actOnCase(db, world.users.officer6, filed.id, { type: 'reject', stepId: 'district_review', reason: 'سند با پلاک نمی‌خواند.' }, {}, world.ctx({ now: at(24 * 9) }));
		await refreshDashboard(db);
		const decided = await districtReport(db, YEAR, { now: NOW });
		const days = workingDaysBetween(DAY, tehranDate(at(24 * 9)), calendar);
		expect(days).toBeGreaterThan(3);
		expect(decided.districts[0]).toMatchObject({ requests_filed: 1, requests_decided: 1, median_days_to_decision: days, overdue_share: 1 });
		expect(decided.city.median_days_to_decision).toBe(days);

		// the period filter: a period that ends before the filing sees nothing
		const earlier = await districtReport(db, { from: '2025-03-21', to: addCalendarDays(DAY, -1) }, { now: NOW });
		expect(earlier.districts[0]).toMatchObject({ requests_filed: 0, requests_decided: 0 });
		const series = await monthlySeries(db, YEAR, world.d6, { now: NOW });
		expect(series).toHaveLength(12);
		expect(series[1]).toMatchObject({ year: 1404, month: 2, requests_filed: 1, requests_decided: 1 }); // Ordibehesht

		const behind = await districtCases(db, world.d6, YEAR, { now: NOW });
		expect(behind).toEqual([expect.objectContaining({ id: filed.id, decision: 'rejected', filed_on: DAY, overdue: true, step_name: null })]);
		// the request type by its name for the page, beside its code
		expect(behind[0].request_type_name).toEqual(requestTypeById(behind[0].request_type)!.name);
		expect(behind[0].request_type_name.fa).not.toBe(behind[0].request_type);
		// …which only council members and administrators may list
		const url = new URL(`http://pelak.test/api/dashboard/districts/${world.d6}/cases?from=${YEAR.from}&to=${YEAR.to}`);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const asked = (user: SessionUser | null) => casesApi({ url, params: { id: String(world.d6) }, locals: { db, readDb: database.replica, lang: 'fa', user } } as any);
		expect((await asked(null)).status).toBe(401);
		expect((await asked(world.users.officer6)).status).toBe(403);
		expect((await asked(world.users.admin)).status).toBe(200);
	});

	it('counts a permit on the parcel record by its issue date, with its floor area', async () => {
		const { db } = database;
		await db.insertInto('buildings').values({ parcel_id: world.parcel7, floors: 4, permitted_floor_area_m2: 480, permit_no: 'BP-TEST-1', permit_date: '2025-06-10' }).execute();
		await refreshDashboard(db);
		const report = await districtReport(db, YEAR, { now: NOW });
		expect(report.districts[1]).toMatchObject({ permits_issued: 1, permitted_floor_area_m2: 480 });
		expect(report.city).toMatchObject({ permits_issued: 1, permitted_floor_area_m2: 480 });
		const outside = await districtReport(db, { from: '2025-07-01', to: '2025-07-31' }, { now: NOW });
		expect(outside.city.permits_issued).toBe(0);
	});

	it('counts working days in SQL exactly as the domain clock does, holidays and weekends included', async () => {
		const pairs: [string, string][] = [];
		for (let i = 0; i < 60; i++) {
			const a = addCalendarDays('2025-03-10', i * 5);
			pairs.push([a, addCalendarDays(a, (i * 7) % 45)]);
		}
		const { rows } = await sql<{ a: string; b: string; n: number }>`
			select p.a::text as a, p.b::text as b, ${workingDaysSql(sql`p.a`, sql`p.b`, calendar)} as n
			from unnest(${pairs.map((p) => p[0])}::date[], ${pairs.map((p) => p[1])}::date[]) as p(a, b)`.execute(database.db);
		expect(rows.map((r) => r.n)).toEqual(pairs.map(([a, b]) => workingDaysBetween(a, b, calendar)));
	});

	it('leaves out exactly the steps the applicant holds when it counts missed deadlines', () => {
		const applicantSteps = new Set(REQUEST_TYPES.flatMap((t) => t.steps.filter((s) => s.holder.role === 'applicant').map((s) => s.id)));
		expect([...applicantSteps].sort()).toEqual(['drawings_submission', 'filing', 'payment']);
	});

	it('writes the same figures as CSV (BOM, Persian) and XLSX, read back', async () => {
		const json = (await (await api(`from=${YEAR.from}&to=${YEAR.to}`)).json()) as DistrictReport;
		const csvResponse = await api(`from=${YEAR.from}&to=${YEAR.to}&format=csv`);
		expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await csvResponse.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).replace(/^\ufeff/, '').trimEnd().split('\r\n');
		expect(lines).toHaveLength(4); // header, two districts, the city
		expect(lines[0].split(',').slice(0, 3)).toEqual(['منطقه', 'کد منطقه', 'درخواست‌های ثبت‌شده']);
		expect(lines[1].split(',').slice(0, 5)).toEqual(['منطقه ۶', '6', '1', '1', String(json.districts[0].median_days_to_decision)]);
		expect(lines[3].startsWith('کل شهر,,1,1,')).toBe(true);
		expect(lines[1].split(',').at(-1)).toBe('0'); // violations: fed, none open
		expect(lines[1].split(',')[8]).toBe(''); // capacity: unknown without zoning, an empty cell

		const xlsx = await api(`from=${YEAR.from}&to=${YEAR.to}&format=xlsx`, null, 'en');
		expect(xlsx.headers.get('content-disposition')).toContain('.xlsx');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		expect(sheet.getRow(1).getCell(3).value).toBe('Requests filed');
		expect(sheet.getRow(3).getCell(1).value).toBe('District 7');
		expect(sheet.getRow(3).getCell(7).value).toBe(1); // permits issued
		expect(sheet.getRow(3).getCell(8).value).toBe(480);
		expect(sheet.getRow(4).getCell(1).value).toBe('Whole city');
		const notes = book.worksheets[1].getSheetValues().filter(Boolean) as unknown[][];
		expect(notes.find((r) => r[1] === 'Requests filed')?.[2]).toContain('filing date');

		// with a backlog imported from the previous system, a third sheet lists it per district, then the city
		const d = json.districts[0].district;
		const backlog = {
			districts: [{ district_id: d.id, open: 7, oldest_opened_on: '2024-05-01', closed_in_period: 2 }],
			city: { district_id: null, open: 7, oldest_opened_on: '2024-05-01', closed_in_period: 2 }
		};
		const withBacklog = new ExcelJS.Workbook();
		await withBacklog.xlsx.load(Buffer.from(await dashboardXlsx(json, 'en', backlog)) as unknown as ArrayBuffer);
		const imported = withBacklog.worksheets[2];
		expect(imported.name).toBe('Previous system');
		expect(imported.getRow(1).getCell(3).value).toBe('Open');
		expect([2, 3, 4, 5].map((c) => imported.getRow(2).getCell(c).value)).toEqual([d.code, 7, '2024-05-01', 2]);
		expect(imported.getRow(3).getCell(1).value).toBe('Whole city');
		// and none when there is nothing to show
		const empty = { districts: [], city: { district_id: null, open: 0, oldest_opened_on: null, closed_in_period: 0 } };
		const without = new ExcelJS.Workbook();
		await without.xlsx.load(Buffer.from(await dashboardXlsx(json, 'en', empty)) as unknown as ArrayBuffer);
		expect(without.worksheets).toHaveLength(2);
	});
});

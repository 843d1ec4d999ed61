/**
 * The council dashboards in `npm run bench` (registered in gis/bench.ts), and on their own:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx gis/bench-dashboard.ts
 *
 * On its own it creates (or reuses) the database BENCH_DASHBOARD_DB (pelak_bench_dashboard) with
 * a BENCH_DASHBOARD_PARCELS-parcel sample city (100,000) and its SAMPLE year of requests (one per
 * BENCH_DASHBOARD_PARCELS_PER_CASE parcels, 8), then measures one request at a time, BENCH_DASHBOARD_N
 * times each (60): every district's figures for a year (the JSON), the same as CSV and XLSX, the
 * city's and one district's Jalali monthly series, and the cases behind a district; the
 * materialised views' and rollups' rebuild times; and prints EXPLAIN (ANALYZE, BUFFERS) of the figures' queries.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, migrate, type DB } from '../src/lib/server/db';
import { loadConfig } from '../src/lib/server/config';
import { seedDemoAccounts } from '../src/lib/server/auth/demo-accounts';
import { jalaliYearAt, seedSampleTariffBook } from '../src/lib/server/fees';
import { dashboardCsv, dashboardMaxAgeS, dashboardXlsx, districtCases, districtReport, monthlySeries, refreshDashboard, violationRequestTypes } from '../src/lib/server/dashboard';
import { openCasesOfTypes } from '../src/lib/server/dashboard/dashboard.repository';
import { addCalendarDays, tehranDate } from '../src/lib/domain/working-days';
import { loadSampleCity, hasParcels } from './sample-city';
import { loadSampleHistory } from './sample-city/history';

type Measure = (what: string, variants: [via: string, fn: (i: number) => Promise<number>][], distinct: number, inFlight?: number, requests?: number) => Promise<unknown>;

export interface DashboardBenchContext {
	measure: Measure;
	httpGet?: (path: string) => Promise<number>;
	notes: string[];
	log: (message: string) => void;
	/** Requests per row (one in flight). */
	requests?: number;
}

/** The sample year of requests, once per bench database, and its refresh times. */
export async function prepareDashboardBench(db: Kysely<DB>, parcelsPerCase: number, log: (m: string) => void): Promise<string[]> {
	const notes: string[] = [];
	await seedDemoAccounts(db);
	await seedSampleTariffBook(db, jalaliYearAt(new Date()));
	const started = performance.now();
	const { n: parcels } = (await sql<{ n: number }>`select count(*)::int as n from parcels`.execute(db)).rows[0];
	const history = await loadSampleHistory(db, { cases: Math.round(parcels / parcelsPerCase), zoningStatements: false });
	if (history) notes.push(`sample history: ${history.cases} cases (${history.open} open), ${history.case_events} audit entries, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	await sql`analyze`.execute(db);
	const t0 = performance.now();
	await refreshDashboard(db);
	const { rows } = await sql<{ name: string; took_ms: number }>`select name, took_ms from dashboard_refreshes order by name`.execute(db);
	notes.push(`refresh (CONCURRENTLY) of every view: ${((performance.now() - t0) / 1000).toFixed(1)} s — ${rows.map((r) => `${r.name} ${r.took_ms} ms`).join(', ')}`);
	const { n: cases } = (await sql<{ n: number }>`select count(*)::int as n from dashboard_case_facts`.execute(db)).rows[0];
	notes.push(`dashboard_case_facts: ${cases} cases over ${parcels} parcels`);
	for (const n of notes) log(n);
	return notes;
}

export async function benchDashboard(db: Kysely<DB>, ctx: DashboardBenchContext): Promise<void> {
	const today = tehranDate(new Date());
	const year = { from: addCalendarDays(today, -364), to: today };
	const quarter = { from: addCalendarDays(today, -90), to: today };
	const districts = (await sql<{ id: number }>`select district_id as id from dashboard_district_capacity order by parcels desc`.execute(db)).rows.map((r) => r.id);
	const district = (i: number) => districts[i % Math.max(1, districts.length)];
	const opts = { maxAgeS: 3600 }; // measure the figures, not a background rebuild
	const q = `from=${year.from}&to=${year.to}`;
	const violationTypes = violationRequestTypes();
	const rows: [string, [string, (i: number) => Promise<number>][]][] = [
		['dashboard: every district’s figures, a year', [
			['bare service', async () => JSON.stringify(await districtReport(db, year, opts)).length],
			...(ctx.httpGet ? [['HTTP', () => ctx.httpGet!(`/api/dashboard/districts?${q}`)] as [string, (i: number) => Promise<number>]] : [])
		]],
		['dashboard: every district’s figures, 90 days', [['bare service', async () => JSON.stringify(await districtReport(db, quarter, opts)).length]]],
		['dashboard: figures as CSV, a year', [['bare service', async () => dashboardCsv(await districtReport(db, year, opts), 'fa').length]]],
		['dashboard: figures as XLSX, a year', [['bare service', async () => (await dashboardXlsx(await districtReport(db, year, opts), 'fa')).byteLength]]],
		['dashboard: city monthly series (Jalali), a year', [
			['bare service', async () => JSON.stringify(await monthlySeries(db, year, null, opts)).length],
			...(ctx.httpGet ? [['HTTP', () => ctx.httpGet!(`/api/dashboard/series?${q}`)] as [string, (i: number) => Promise<number>]] : [])
		]],
		['dashboard: one district’s monthly series, a year', [['bare service', async (i) => JSON.stringify(await monthlySeries(db, year, district(i), opts)).length]]],
		['dashboard: cases behind one district (200 newest), a year', [['bare service', async (i) => JSON.stringify(await districtCases(db, district(i), year, opts)).length]]],
		// live in every figures request above (never from the rollup): the violation cases in progress, per district
		['dashboard: open violations per district (live)', [['bare statement', async () => JSON.stringify(await openCasesOfTypes(db, violationTypes)).length]]]
	];
	for (const [what, variants] of rows) await ctx.measure(what, variants, Math.max(1, districts.length), 1, ctx.requests);
	const { rows: violations } = await sql<{ open: number; in_progress: number }>`
		select count(*) filter (where request_type = any(${violationTypes}::text[]))::int as open, count(*)::int as in_progress
		from cases where workflow_status = 'in_progress'`.execute(db);
	ctx.notes.push(`open violations: ${violations[0].open} violation cases (${violationTypes.join(', ') || 'no violation case type'}) among the city's ${violations[0].in_progress} cases in progress`);
	const { freshness } = await districtReport(db, year, opts);
	ctx.notes.push(
		`dashboard freshness: figures read the daily rollup per district (migrations/0150), rebuilt right after the facts when older than PELAK_DASHBOARD_MAX_AGE_S (${dashboardMaxAgeS()} s by default; the bench reads without rebuilding); ` +
			`figures as of ${freshness.cases_as_of}, capacity as of ${freshness.capacity_as_of}; the overdue share's open steps are judged per request`
	);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the heaviest figure queries, for BENCHMARKS.md. */
export async function explainDashboard(db: Kysely<DB>): Promise<string> {
	const today = tehranDate(new Date());
	const from = addCalendarDays(today, -364);
	const queries: [string, ReturnType<typeof sql>][] = [
		['filed, missed and permits per district (daily rollup)', sql`select district_id, sum(filed), sum(filed_missed), sum(permits), sum(permit_m2), sum(paid_rial)
			from dashboard_daily where day between ${from}::date and ${today}::date group by rollup (district_id)`],
		['open steps past their last day (facts, open-case index)', sql`select district_id, count(*) from dashboard_case_facts
			where workflow_status = 'in_progress' and missed_deadlines = 0 and filed_on between ${from}::date and ${today}::date
			  and holder_role is distinct from 'applicant' and due_on < ${today}::date group by rollup (district_id)`],
		['decided per district, filed day and decided day (the median histogram)', sql`select district_id, filed_on, decided_on, n from dashboard_decided_pairs
			where decided_on between ${from}::date and ${today}::date`]
	];
	const out: string[] = [];
	for (const [name, query] of queries) {
		const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers, costs off) ${query}`.execute(db);
		out.push(`-- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
	}
	return out.join('\n\n');
}

// ── on its own ──

async function standalone() {
	const env = process.env;
	if (!env.DATABASE_URL) {
		console.error('gis/bench-dashboard.ts needs DATABASE_URL (PostgreSQL + PostGIS)');
		process.exit(2);
	}
	const parcels = Number(env.BENCH_DASHBOARD_PARCELS ?? 100_000);
	const perCase = Number(env.BENCH_DASHBOARD_PARCELS_PER_CASE ?? 8);
	const requests = Number(env.BENCH_DASHBOARD_N ?? 60);
	const name = env.BENCH_DASHBOARD_DB ?? 'pelak_bench_dashboard';
	const admin = new URL(env.DATABASE_URL);
	admin.pathname = '/postgres';
	const client = new pg.Client({ connectionString: admin.toString() });
	await client.connect();
	if (!(await client.query('select 1 from pg_database where datname = $1', [name])).rowCount) await client.query(`create database ${name}`);
	await client.end();
	const url = new URL(env.DATABASE_URL);
	url.pathname = `/${name}`;
	const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
	const log = (m: string) => console.log(`[bench-dashboard] ${m}`);
	try {
		const srid = loadConfig().srid;
		await migrate(database.db, path.resolve(import.meta.dirname, '../migrations'), srid);
		if (!(await hasParcels(database.db))) {
			const t0 = performance.now();
			await loadSampleCity(database.db, { parcels, srid, onProgress: (m) => (m.includes('/') ? null : log(m)) });
			log(`sample city of ${parcels} parcels loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
		}
		await prepareDashboardBench(database.db, perCase, log);
		const results: string[] = [];
		const measure: Measure = async (what, variants, _distinct, _inFlight, n = requests) => {
			for (const [via, fn] of variants) {
				for (let i = 0; i < 3; i++) await fn(i); // warm
				const times: number[] = [];
				let bytes = 0;
				for (let i = 0; i < n; i++) {
					const t0 = performance.now();
					bytes += await fn(i);
					times.push(performance.now() - t0);
				}
				times.sort((a, b) => a - b);
				const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
				const line = `| ${what} | ${via} | ${n} | ${pct(0.5).toFixed(1)} | ${pct(0.95).toFixed(1)} | ${Math.round(bytes / n)} |`;
				results.push(line);
				log(line);
			}
		};
		await benchDashboard(database.db, { measure, notes: [], log, requests });
		console.log('\n| request | via | n | p50 ms | p95 ms | bytes |\n|---|---|---|---|---|---|\n' + results.join('\n'));
		console.log('\n' + (await explainDashboard(database.db)));
	} finally {
		await database.close();
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
	standalone().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}

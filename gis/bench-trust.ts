/**
 * The trust checks' queries (issue 7) on a city-sized database: a benchmark, not a test.
 *
 * Every filing asks which open cases on the parcel block it (`openCaseKinds`, through
 * `cases_parcel_open_idx`); every case request of an agency user asks which agencies have an open
 * referral (`agenciesWithOpenReferral`, through `case_referrals_open_idx`); every applicant filing
 * or upload adds to its day's quota row (primary key). Each is timed (bounded loop: a fixed count
 * and a time cap) and its plan printed, so a sequential scan would show.
 *
 * `npm run bench` calls `benchTrust` on the 1M-parcel PostgreSQL city. Standalone:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx gis/bench-trust.ts
 * creates `pelak_bench_trust` (dropped afterwards) with BENCH_TRUST_PARCELS parcels (100000), two
 * cases a parcel (one open in three) and a referral for one case in ten, then measures.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, migrate, type DB } from '../src/lib/server/db';
import { loadConfig } from '../src/lib/server/config';
import { openCaseKinds } from '../src/lib/server/cases/cases.repository';
import { agenciesWithOpenReferral } from '../src/lib/server/cases/case-referrals.repository';
import { addDailyUsage } from '../src/lib/server/cases/daily-usage.repository';

export interface TrustFigure {
	what: string;
	n: number;
	p50: number;
	p95: number;
	plan: string;
}

async function timed(n: number, seconds: number, fn: (i: number) => Promise<unknown>): Promise<{ n: number; p50: number; p95: number }> {
	const times: number[] = [];
	const end = performance.now() + seconds * 1000;
	for (let i = 0; i < n && performance.now() < end; i++) {
		const t0 = performance.now();
		await fn(i);
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
	return { n: times.length, p50: at(0.5), p95: at(0.95) };
}

async function plan(db: Kysely<DB>, query: ReturnType<typeof sql>): Promise<string> {
	const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(db);
	return rows.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan|Index|Seq/.test(l)).join(' | ');
}

/** Times the three trust queries over the parcels and cases already in `db`. */
export async function benchTrust(db: Kysely<DB>, options: { requests?: number; seconds?: number } = {}): Promise<TrustFigure[]> {
	const n = options.requests ?? 400;
	const seconds = options.seconds ?? 20;
	const parcels = (await sql<{ id: number }>`select parcel_id as id from cases where status = 'open' group by parcel_id limit ${n}`.execute(db)).rows.map((r) => Number(r.id));
	const cases = (await sql<{ id: number }>`select case_id as id from case_referrals limit ${n}`.execute(db)).rows.map((r) => Number(r.id));
	const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	const figures: TrustFigure[] = [];
	if (parcels.length) {
		const t = await timed(n, seconds, (i) => openCaseKinds(db, parcels[i % parcels.length], 1));
		const p = await plan(db, sql`select coalesce(request_type, kind) from cases where parcel_id = ${parcels[0]} and status = 'open'
			and (request_type is null or (owner_verified and (representative_user_id is null or poa_status = 'accepted')) or (applicant_user_id = 1 and representative_user_id is null))`);
		figures.push({ what: 'blocking open cases of a parcel (every filing)', ...t, plan: p });
	}
	if (cases.length) {
		const t = await timed(n, seconds, (i) => agenciesWithOpenReferral(db, cases[i % cases.length]));
		const p = await plan(db, sql`select distinct agency_kind from case_referrals where case_id = ${cases[0]} and status = 'open'`);
		figures.push({ what: 'agencies with an open referral (every agency case request)', ...t, plan: p });
	}
	if (user) {
		// in a transaction rolled back at the end, so the bench leaves no quota behind
		await db
			.transaction()
			.execute(async (trx) => {
				const t = await timed(n, seconds, (i) => addDailyUsage(trx, user.id, `2099-01-${String((i % 28) + 1).padStart(2, '0')}`, { filings: 1, uploadBytes: 1000 }));
				figures.push({ what: 'daily quota upsert (every applicant filing or upload)', ...t, plan: 'user_daily_usage_pkey (unique index upsert)' });
				throw new Error('rollback');
			})
			.catch((err) => {
				if ((err as Error).message !== 'rollback') throw err;
			});
	}
	return figures;
}

export function printTrustFigures(figures: TrustFigure[], scale: string): void {
	console.log(`\n[bench] trust queries (${scale})`);
	for (const f of figures) console.log(`  ${f.what}: n=${f.n} p50=${f.p50.toFixed(2)} ms p95=${f.p95.toFixed(2)} ms\n    plan: ${f.plan}`);
}

/** Standalone: a throw-away database with synthetic parcels, cases and referrals. */
async function main() {
	const url = process.env.DATABASE_URL;
	if (!url) {
		console.error('needs DATABASE_URL (PostgreSQL + PostGIS), e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx gis/bench-trust.ts');
		process.exit(2);
	}
	const parcels = Number(process.env.BENCH_TRUST_PARCELS ?? 100_000);
	const name = 'pelak_bench_trust';
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	await admin.query(`CREATE DATABASE ${name}`);
	const benchUrl = new URL(url);
	benchUrl.pathname = `/${name}`;
	const database = await openDatabase({ databaseUrl: benchUrl.toString(), dataDir: '', poolSize: 2 });
	try {
		const srid = loadConfig().srid;
		await migrate(database.db, path.resolve(import.meta.dirname, '../migrations'), srid);
		const { db } = database;
		const t0 = performance.now();
		await sql`insert into users (kind, national_id, mobile, display_name) values ('citizen', '0010000011', '09120000001', 'bench')`.execute(db);
		await sql`insert into districts (code, name_fa, name_en, geom) values ('1', 'منطقه ۱', 'District 1',
			ST_Multi(ST_MakeEnvelope(500000, 3600000, 600000, 3700000, ${srid}::int)))`.execute(db);
		await sql`insert into parcels (renovation_code, registration_plate, district_id, geom)
			select 'B-' || g, (101 + g / 50) || '/' || (g % 50), 1,
			       ST_Multi(ST_MakeEnvelope(500000 + (g % 1000) * 30, 3600000 + (g / 1000) * 40, 500000 + (g % 1000) * 30 + 20, 3600000 + (g / 1000) * 40 + 30, ${srid}::int))
			from generate_series(1, ${parcels}) g`.execute(db);
		await sql`insert into cases (parcel_id, tracking_code, kind, status, title_fa, request_type, applicant_user_id, district_id,
			workflow_status, current_step, step_started_at, owner_verified)
			select p.id, lpad((p.id * 2 + k)::text, 11, '0'), 'building_permit_new', case when (p.id + k) % 3 = 0 then 'open' else 'closed' end,
			       'پروانه', 'building_permit_new', 1, 1, case when (p.id + k) % 3 = 0 then 'in_progress' else 'completed' end, 'district_review', now(), (p.id % 2 = 0)
			from parcels p cross join generate_series(0, 1) k`.execute(db);
		await sql`insert into case_referrals (case_id, agency_kind, question, step, referred_by, due_on, status)
			select id, 'cultural_heritage', 'q', 'district_review', 1, current_date, case when id % 2 = 0 then 'open' else 'answered' end
			from cases where id % 10 = 0`.execute(db);
		await sql`analyze`.execute(db);
		console.log(`[bench] loaded ${parcels} parcels, ${parcels * 2} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		printTrustFigures(await benchTrust(db), `${parcels} parcels, ${parcels * 2} cases, PostgreSQL`);
	} finally {
		await database.close();
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

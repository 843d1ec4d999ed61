/**
 * Supervision in the bench (issue 8, §7): a pool of BENCH_ENGINEERS engineers and
 * BENCH_SUPERVISED_WORKS permits under supervision with four stage reports each, generated once in
 * SQL; then p50 / p95 of what runs per request — the certificate's eligibility facts (stages
 * reported on a parcel), the report's point-in-parcel check, the engineer's /supervision page, and
 * an assignment by rotation (rolled back) — with the EXPLAIN of each hot query.
 *
 * In `npm run bench` (gis/bench.ts) on the bench city; alone, on any migrated database with a city:
 *   BENCH_SUPERVISION_URL=postgres://…/pelak_bench_supervision npx tsx gis/bench-supervision.ts
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { openDatabase, migrate, type DB } from '../src/lib/server/db';
import { loadConfig } from '../src/lib/server/config';
import { assignSupervisingEngineer, supervisionPage } from '../src/lib/server/supervision';
import { pointAgainstParcel, supervisionStagesReported } from '../src/lib/server/supervision/reports.repository';
import { findActiveUser } from '../src/lib/server/auth/users.repository';

type Variant = [via: string, fn: (i: number) => Promise<number>];
export interface SupervisionBenchDeps {
	measure: (what: string, variants: Variant[], distinct: number, inFlight: number) => Promise<unknown>;
	notes: string[];
}

const BATCH = 10_000;

/** The pool and the supervised works with their reports, once (BENCH- licences and cases mark them). */
export async function prepareSupervisionBench(db: Kysely<DB>, engineers: number, works: number, log: (m: string) => void): Promise<void> {
	const { n: pool } = (await sql<{ n: number }>`select count(*)::int as n from supervising_engineers where licence_no like 'BENCH-%'`.execute(db)).rows[0];
	if (pool < engineers) {
		await sql`
			with u as (
				insert into users (kind, username, password_hash, display_name)
				select 'staff', 'bench.engineer.' || i, '!', 'مهندس ناظر ' || i from generate_series(${pool + 1}::int, ${engineers}::int) i
				returning id, username)
			insert into supervising_engineers (user_id, licence_no, grade, yearly_area_quota_m2, yearly_work_quota)
			select id, 'BENCH-' || split_part(username, '.', 3), 'grade1', 1e9, 1000000 from u`.execute(db);
	}
	await sql`insert into user_roles (user_id, role)
		select e.user_id, 'supervising_engineer' from supervising_engineers e
		where e.licence_no like 'BENCH-%' and not exists (select 1 from user_roles r where r.user_id = e.user_id and r.role = 'supervising_engineer')`.execute(db);
	let { n: have } = (await sql<{ n: number }>`select count(*)::int as n from supervision_assignments where reason is null and floor_area_m2 = 555`.execute(db)).rows[0];
	const started = performance.now();
	while (have < works) {
		const count = Math.min(BATCH, works - have);
		await generateWorks(db, have + 1, count);
		have += count;
		log(`${have} / ${works} supervised works (${((performance.now() - started) / 1000).toFixed(0)} s)`);
	}
	await sql`analyze supervising_engineers, supervision_assignments, supervision_reports, supervision_report_photos`.execute(db);
}

/** Works `from`… on parcels spread by fixed arithmetic: a legacy permit case, its assignment, four reports. */
async function generateWorks(db: Kysely<DB>, from: number, count: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await sql`
			with g as (select i from generate_series(${from}::int, ${from + count - 1}::int) i),
			p as (select g.i, (select id from parcels where id >= 1 + (g.i * 7919) % (select max(id) from parcels) order by id limit 1) as parcel_id from g),
			c as (
				insert into cases (parcel_id, tracking_code, kind, status, title_fa, issued, closed_at)
				select parcel_id, 'SB' || lpad(i::text, 10, '0'), 'building_permit', 'closed', 'پروانه (bench)', 'building_permit', now() from p
				returning id, parcel_id),
			e as (select array_agg(id order by id) as ids from supervising_engineers where licence_no like 'BENCH-%'),
			a as (
				insert into supervision_assignments (permit_case_id, parcel_id, district_id, engineer_id, quota_year, floor_area_m2)
				select c.id, c.parcel_id, pa.district_id, e.ids[1 + c.id % array_length(e.ids, 1)], 1405, 555
				from c join parcels pa on pa.id = c.parcel_id cross join e
				returning id, permit_case_id, district_id, engineer_id, parcel_id)
			insert into supervision_reports (assignment_id, permit_case_id, district_id, engineer_id, stage, reported_on, body, progress_pct, location, violation)
			select a.id, a.permit_case_id, a.district_id, a.engineer_id, s.stage, current_date, 'bench', s.pct, ST_PointOnSurface(pa.geom), false
			from a join parcels pa on pa.id = a.parcel_id
			cross join (values ('foundation', 10), ('skeleton', 35), ('rough_construction', 60), ('finishing', 80)) s(stage, pct)`.execute(trx);
	});
}

export async function benchSupervision(db: Kysely<DB>, deps: SupervisionBenchDeps, inFlight: number[]): Promise<void> {
	const { rows: parcels } = await sql<{ parcel_id: number; lon: number; lat: number }>`
		select a.parcel_id, ST_X(q) as lon, ST_Y(q) as lat
		from (select parcel_id from supervision_assignments where floor_area_m2 = 555 order by id limit 200) a
		join lateral (select ST_Transform(ST_PointOnSurface(geom), 4326) as q from parcels where id = a.parcel_id) p on true`.execute(db);
	const { rows: engineers } = await sql<{ user_id: number }>`
		select user_id from supervising_engineers where licence_no like 'BENCH-%' order by id limit 50`.execute(db);
	if (!parcels.length || !engineers.length) {
		deps.notes.push('supervision bench skipped: no supervised works');
		return;
	}
	const { n: pool } = (await sql<{ n: number }>`select count(*)::int as n from supervising_engineers where active`.execute(db)).rows[0];
	const users = await Promise.all(engineers.map((e) => findActiveUser(db, e.user_id)));
	const { id: anyParcel } = parcels[0] ? { id: parcels[0].parcel_id } : { id: 1 };
	const facts: Variant = ['bare', async (i) => (await supervisionStagesReported(db, parcels[i % parcels.length].parcel_id)).length];
	const point: Variant = ['PostGIS', async (i) => Number((await pointAgainstParcel(db, parcels[i % parcels.length].parcel_id, parcels[i % parcels.length], 25))?.within)];
	const page: Variant = ['bare', async (i) => JSON.stringify(await supervisionPage(db, users[i % users.length]!)).length];
	const assign: Variant = [
		'rolled back',
		async () => {
			let size = 0;
			await db
				.transaction()
				.execute(async (trx) => {
					const { id } = await trx
						.insertInto('cases')
						.values({ parcel_id: anyParcel, tracking_code: `SBX${performance.now().toFixed(3)}${Math.random()}`, kind: 'building_permit', status: 'closed', title_fa: 'bench', issued: 'building_permit' })
						.returning('id')
						.executeTakeFirstOrThrow();
					size = (await assignSupervisingEngineer(trx, id, { floorAreaM2: 400 })).id;
					throw new RollBack();
				})
				.catch((err) => {
					if (!(err instanceof RollBack)) throw err;
				});
			return size;
		}
	];
	for (const n of inFlight) {
		await deps.measure(`supervision: certificate facts (stages reported), ${n} in flight`, [facts], parcels.length, n);
		await deps.measure(`supervision: report point in parcel, ${n} in flight`, [point], parcels.length, n);
		await deps.measure(`supervision: engineer's page, ${n} in flight`, [page], users.length, n);
	}
	await deps.measure(`supervision: assign by rotation (pool of ${pool}), 1 in flight`, [assign], 50, 1);
	for (const line of await explainHotQueries(db, parcels[0].parcel_id, engineers[0].user_id)) deps.notes.push(line);
}

class RollBack extends Error {}

/** The plan of each hot query, reduced to the nodes that say whether an index is used. */
async function explainHotQueries(db: Kysely<DB>, parcelId: number, userId: number): Promise<string[]> {
	const { id: engineerId } = await db.selectFrom('supervising_engineers').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow();
	const queries: [string, ReturnType<typeof sql>][] = [
		['stages reported', sql`select distinct r.stage from supervision_reports r where r.permit_case_id = (select a.permit_case_id from supervision_assignments a where a.parcel_id = ${parcelId} order by a.assigned_at desc, a.id desc limit 1)`],
		['engineer works', sql`select a.id from supervision_assignments a where a.engineer_id = ${engineerId} and a.ended_at is null`],
		['district reports', sql`select r.id from supervision_reports r where r.district_id in (1) order by r.id desc limit 50`],
		['quota of one engineer', sql`select sum(floor_area_m2), count(*) from supervision_assignments a where a.engineer_id = ${engineerId} and a.quota_year = 1405 and a.ended_at is null`]
	];
	const lines: string[] = [];
	for (const [name, query] of queries) {
		const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(db);
		const nodes = rows.map((r) => r['QUERY PLAN']).filter((l) => /Scan|Index/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, ''));
		lines.push(`supervision EXPLAIN ${name}: ${nodes.join(' | ')}`);
	}
	return lines;
}

/** Alone: p50 / p95 sequentially and with several in flight, printed. */
async function main() {
	const url = process.env.BENCH_SUPERVISION_URL;
	if (!url) {
		console.error('BENCH_SUPERVISION_URL=postgres://…/<a database with a city> npx tsx gis/bench-supervision.ts');
		process.exit(2);
	}
	const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 6 });
	const notes: string[] = [];
	try {
		await migrate(database.db, path.resolve(import.meta.dirname, '../migrations'), loadConfig().srid);
		const { n } = (await sql<{ n: number }>`select count(*)::int as n from parcels`.execute(database.db)).rows[0];
		console.log(`[bench] ${n} parcels`);
		await prepareSupervisionBench(database.db, Number(process.env.BENCH_ENGINEERS ?? 300), Number(process.env.BENCH_SUPERVISED_WORKS ?? 20_000), (m) => console.log(`[bench] ${m}`));
		const measure = async (what: string, variants: Variant[], _distinct: number, inFlight: number) => {
			for (const [via, fn] of variants) {
				const latencies: number[] = [];
				let next = 0;
				const total = Number(process.env.BENCH_REQUESTS ?? 400);
				const started = performance.now();
				await Promise.all(
					Array.from({ length: inFlight }, async () => {
						while (next < total) {
							const i = next++;
							const t0 = performance.now();
							await fn(i);
							latencies.push(performance.now() - t0);
						}
					})
				);
				latencies.sort((a, b) => a - b);
				const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)].toFixed(1);
				const rate = latencies.length / ((performance.now() - started) / 1000);
				console.log(`[bench] ${what} via ${via}: ${rate.toFixed(0)}/s p50 ${q(0.5)} ms p95 ${q(0.95)} ms`);
			}
		};
		await benchSupervision(database.db, { measure, notes }, [1, 4]);
		for (const note of notes) console.log(`[bench] ${note}`);
	} finally {
		await database.close();
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}

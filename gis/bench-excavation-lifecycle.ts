/**
 * `tsx gis/bench-excavation-lifecycle.ts`: the excavation life cycle's figures on its own, for a
 * city the size a helper may load (BENCH_DB, default pelak_bench_exclife, must already hold a
 * city; BENCH_WORKS works, 10,000 by default: 100,000 works at 1M parcels, proportionally).
 * Prints the p50/p95 of filing (rolled back) and of the works cartable, and the cartable query's
 * plan. `npm run bench` measures the same through gis/bench.ts at full size.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, migrate } from '../src/lib/server/db';
import { loadConfig } from '../src/lib/server/config';
import { bareCheck, benchCartable, benchFiling, checkInputsNear, inboxQuery, prepareExcavationBench, prepareLifecycleBench } from './bench-excavation';

const base = process.env.DATABASE_URL;
if (!base) throw new Error('DATABASE_URL (PostgreSQL) is required');
const url = new URL(base);
url.pathname = `/${process.env.BENCH_DB ?? 'pelak_bench_exclife'}`;
const WORKS = Number(process.env.BENCH_WORKS ?? 10_000);
const N = Number(process.env.BENCH_REQUESTS ?? 200);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function time(label: string, fn: (i: number) => Promise<unknown>) {
	for (let i = 0; i < 10; i++) await fn(i);
	const ms: number[] = [];
	for (let i = 0; i < N; i++) {
		const t = performance.now();
		await fn(i);
		ms.push(performance.now() - t);
	}
	console.log(`${label}: n ${N}, p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
}

const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
try {
	const db = database.db;
	const srid = loadConfig().srid;
	await migrate(db, path.resolve(import.meta.dirname, '..', 'migrations'), srid);
	const parcels = (await sql<{ n: number }>`select count(*)::int as n from parcels`.execute(db)).rows[0].n;
	await prepareExcavationBench(db, WORKS, (m) => console.log(`[bench] ${m}`));
	const { applicant, officer } = await prepareLifecycleBench(db);
	const { rows: points } = await sql<{ lon: number; lat: number }>`
		select ST_X(c) as lon, ST_Y(c) as lat from (
			select ST_Transform(ST_PointOnSurface(geom), 4326) as c from parcels where id % 997 = 0 order by id limit 100) p`.execute(db);
	const inputs = await checkInputsNear(db, points, srid);
	const works = (await sql<{ n: number }>`select count(*)::int as n from excavation_works`.execute(db)).rows[0].n;
	console.log(`${parcels} parcels, ${works} works, ${inputs.length} distinct trenches`);
	await time('check alone (checkExcavation)', (i) => bareCheck(db, inputs[i % inputs.length]));
	await time('filing (check + record, rolled back)', (i) => benchFiling(db, applicant, inputs[i % inputs.length]));
	await time('works cartable, excavation officer', () => benchCartable(db, officer));
	await time('works cartable, utility applicant', () => benchCartable(db, applicant));
	for (const q of [inboxQuery({ inbox: 'officer', limit: 100 }), inboxQuery({ inbox: 'applicant', organisationIds: [applicant.roles[0].organisationId!], limit: 100 })]) {
		const compiled = q.compile(db);
		const plan = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain (analyze, costs off, timing off) ${compiled.sql}` });
		console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
	}
} finally {
	await database.close();
}

/**
 * `npm run bench` — a benchmark, not a test. Needs DATABASE_URL (PostgreSQL + PostGIS).
 *
 * 1. Creates (or reuses) the database `pelak_bench` on that server, migrates it and loads the
 *    1,000,000-parcel sample city unless it is already there.
 * 2. Starts the BUILT server (as `npm start` runs it) against it and measures, with bounded
 *    loops (a fixed request count and a time cap, a few requests in flight, loopback only):
 *    tiles (gis/bench-tiles.ts: every layer at every zoom the map asks for, the bare ST_AsMVT beside
 *    the endpoint of a server without the tile cache and of one with it, on 127.0.0.1:3901 and
 *    :3902, their ratios and the tiles' sizes); parcel-at-point and parcel-detail through HTTP and bare; the
 *    proposal check with a drawn footprint (gis/bench-proposal.ts) through HTTP and bare; the
 *    planners' setback conflicts of one district (per street, the page's first 500 parcel rows,
 *    every parcel row), bare and through HTTP as a planner (target: p95 under 200 ms); the
 *    excavation check (a 60 m trench near each sample point) with BENCH_WORKS works in the city,
 *    generated once (gis/bench-excavation.ts), and a dig partly off the street-surface layer; supervision
 *    (gis/bench-supervision.ts: certificate facts, report point check, engineer's page, assignment by rotation, with
 *    BENCH_SUPERVISED_WORKS works); the street search (gis/bench-search.ts); the dashboards' open violations;
 *    an agency's answered referrals (gis/bench-referrals.ts); the audit log's searches (gis/bench-audit.ts).
 * 3. Does the tile figures for the embedded backend on the default 12k-parcel city (key rows).
 *
 * Knobs (environment): BENCH_DB (pelak_bench), BENCH_PARCELS (1000000), BENCH_EMBEDDED_PARCELS
 * (12000), BENCH_REQUESTS (400 per row), BENCH_SECONDS (20 per row), BENCH_CONCURRENCY (6),
 * BENCH_ROUNDS (2: bare and HTTP alternate), BENCH_PORT (3901), BENCH_SKIP_BUILD=1 (use the existing build/), BENCH_SKIP_EMBEDDED=1,
 * BENCH_SKIP_POSTGRES=1 (embedded figures only; DATABASE_URL not needed), BENCH_WORKS (100000),
 * BENCH_SKIP_EXCAVATION=1, BENCH_SUPERVISED_WORKS (100000), BENCH_SKIP_SUPERVISION=1, BENCH_SKIP_DASHBOARD=1 (the
 * council dashboards, gis/bench-dashboard.ts, with a SAMPLE year of requests, one per 10 parcels, loaded once).
 * BENCH_TILES=key (only z14 blocks and z15/z16
 * parcels instead of every layer at every zoom; or a list such as `districts/16,parcels/15`), BENCH_ONLY_TILES=1 (the
 * PostgreSQL tile rows and nothing after them), BENCH_NATIVE=0 (no tile rows with C clients: pgbench and wrk,
 * gis/bench-native.ts), BENCH_NATIVE_SECONDS (4 per C client and row, in 2 alternating rounds), BENCH_SKIP_TILES=1 (no
 * tile rows), BENCH_SKIP_SEARCH=1, BENCH_SKIP_REFERRALS=1, BENCH_SKIP_AUDIT=1, BENCH_AUDIT_EVENTS (1000000, generated
 * once), BENCH_AUDIT_CITIZENS (300000 citizens' accounts, made once), BENCH_AUDIT_REQUESTS (100 per search), BENCH_ONLY=part,… (only these parts of the PostgreSQL run: gis/bench-parts.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { openDatabase, migrate, type Database, type DB } from '../src/lib/server/db';
import type { Backend } from '../src/lib/server/db/database';
import { loadConfig } from '../src/lib/server/config';
import { tileLayer, type TileLayerName } from '../src/lib/server/tiles/layers';
import type { TileCoord } from '../src/lib/server/tiles/tile-coords';
import { tileBytes } from '../src/lib/server/tiles/tile.service';
import { benchPermitFees, benchProposalCheck } from './bench-proposal';
import { bareCheck, benchCartable, benchFiling, checkInputsNear, crossingInputsNear, httpCheck, prepareExcavationBench, prepareLifecycleBench } from './bench-excavation';
import { benchTiles, tileRows, type TileBenchContext } from './bench-tiles';
import { findNativeClients } from './bench-native';
import { benchTrust, printTrustFigures } from './bench-trust';
import { benchSupervision, prepareSupervisionBench } from './bench-supervision';
import { benchDashboard, prepareDashboardBench } from './bench-dashboard';
import { benchSearch } from './bench-search';
import { benchAnsweredReferrals } from './bench-referrals';
import { benchAuditLog } from './bench-audit';
import { benchParts, type BenchPart } from './bench-parts';

const ROOT = path.resolve(import.meta.dirname, '..');
const env = process.env;
const BENCH_DB = env.BENCH_DB ?? 'pelak_bench';
const PARCELS = Number(env.BENCH_PARCELS ?? 1_000_000);
const EMBEDDED_PARCELS = Number(env.BENCH_EMBEDDED_PARCELS ?? 12_000);
const REQUESTS = Number(env.BENCH_REQUESTS ?? 400);
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 6);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 2);
const PORT = Number(env.BENCH_PORT ?? 3901);
const WORKS = Number(env.BENCH_WORKS ?? 100_000);
const SRID = loadConfig().srid;
/** BENCH_ONLY=search,referrals,…: only these parts of the PostgreSQL run (the city is loaded either way); unset: all. */
let runs: (part: BenchPart) => boolean = () => true;

interface Row {
	what: string;
	via: string;
	n: number;
	perSecond: number;
	p50: number;
	p95: number;
	avgBytes: number | null;
	note?: string;
}

const rows: Row[] = [];
const notes: string[] = [];
const tileBench: TileBenchContext = {
	measure: (...args) => measure(...args),
	httpGet: (...args) => httpGet(...args),
	notes,
	requests: REQUESTS,
	concurrency: CONCURRENCY,
	record(what, via, run, note) {
		rows.push({ what, via, n: run.n, perSecond: run.perSecond, p50: run.p50, p95: run.p95, avgBytes: null, note });
		console.log(`[bench] ${what} via ${via}: ${run.perSecond.toFixed(1)}/s p50 ${run.p50.toFixed(1)} ms`);
	}
};

async function main() {
	const skipPostgres = env.BENCH_SKIP_POSTGRES === '1';
	if (!env.DATABASE_URL && !skipPostgres) {
		console.error('npm run bench needs DATABASE_URL (a PostgreSQL + PostGIS server), e.g.\n' +
			'  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
		process.exit(2);
	}
	try {
		runs = benchParts(env.BENCH_ONLY);
	} catch (err) {
		console.error((err as Error).message);
		process.exit(2);
	}
	console.log(`[bench] machine: ${machine()}`);
	if (!skipPostgres) await benchPostgres(env.DATABASE_URL!);
	else buildApp();

	// ---- embedded PGlite, default city -------------------------------------------------------
	if (env.BENCH_SKIP_EMBEDDED !== '1') await benchEmbedded();

	printTable();
}

/** PostgreSQL with the 1M-parcel city. */
async function benchPostgres(url: string) {
	const benchUrl = await ensureBenchDatabase(url);
	const database = await openDatabase({ databaseUrl: benchUrl, dataDir: '', poolSize: CONCURRENCY + 2 });
	try {
		await migrate(database.db, path.join(ROOT, 'migrations'), SRID);
		await ensureSampleCity(database.db, PARCELS);
		await sql`analyze`.execute(database.db);
		const sample = await samplePoints(database.db);
		console.log(`[bench] ${sample.length} sample points (historic core and outskirts)`);

		buildApp();
		// side by side: a server that renders every tile (PORT) and one with its tile cache (PORT + 1)
		// (not named env: the BENCH_SKIP_* checks below read the process's environment)
		const serverEnv = { DATABASE_URL: benchUrl, PELAK_SAMPLE_CITY: 'off' };
		const servers = [await startServer({ ...serverEnv, PELAK_TILE_CACHE_MB: '0' }), await startServer(serverEnv, PORT + 1)];
		try {
			// the reference: the same statement on a plain pool, which sends it as a one-off (the marker a comment)
			const oneOff = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: benchUrl, max: CONCURRENCY + 2 }) }) });
			const tileOf = (db: Kysely<DB>) => async (layer: TileLayerName, tile: TileCoord) => (await tileBytes(db, 'postgres', { layer: tileLayer(layer), tile })).byteLength;
			// the same tiles with C clients (gis/bench-native.ts), unless BENCH_NATIVE=0
			const clients = env.BENCH_NATIVE === '0' ? 'BENCH_NATIVE=0' : findNativeClients();
			if (typeof clients === 'string') notes.push(`tile rows with C clients (pgbench, wrk) left out: ${clients}`);
			const native = typeof clients === 'string' ? undefined : { clients, databaseUrl: benchUrl, db: database.db, seconds: Number(env.BENCH_NATIVE_SECONDS ?? 4) };
			try {
				if (env.BENCH_SKIP_TILES === '1' || !runs('tiles')) notes.push('tile rows skipped (BENCH_SKIP_TILES=1 or BENCH_ONLY)');
				else await benchTiles(sample, tileBench, {
					native,
					bare: tileOf(oneOff),
					barePrepared: tileOf(database.db),
					uncachedPort: PORT,
					cachedPort: PORT + 1,
					uncachedPid: servers[0].pid,
					cachedPid: servers[1].pid
				});
			} finally {
				await oneOff.destroy();
			}
			if (env.BENCH_ONLY_TILES === '1') return;
			if (runs('parcels')) await benchParcels(database.db, sample);
			if (env.BENCH_SKIP_SEARCH !== '1' && runs('search')) await benchSearch(database.db, { measure, httpGet: (p) => httpGet(p), notes });
			if (runs('large-zone')) await benchLargeZone(database.db);
			if (runs('large-street-surface')) await benchLargeStreetSurface(database.db);
			if (runs('proposal')) await benchProposalCheck(database.db, sample, { measure, httpPost, notes, concurrency: CONCURRENCY });
			if (runs('fees')) await benchPermitFees(database.db, sample, { measure, httpPost, notes, concurrency: CONCURRENCY });
			if (runs('planning')) await benchPlanning(database.db);
			if (runs('legacy')) await benchLegacyCases(database.db);
			const dashboard = process.env.BENCH_SKIP_DASHBOARD !== '1' && runs('dashboard');
			const referrals = env.BENCH_SKIP_REFERRALS !== '1' && runs('referrals');
			const audit = env.BENCH_SKIP_AUDIT !== '1' && runs('audit');
			if (dashboard || referrals || audit) {
				// one case a year per 10 parcels: 100,000 at 1M parcels (their referrals to the agencies, their citizens and staff)
				notes.push(...(await prepareDashboardBench(database.db, 10, (m) => console.log(`[bench] ${m}`))));
			}
			if (dashboard) await benchDashboard(database.db, { measure, httpGet: (p) => httpGet(p), notes, log: (m) => console.log(`[bench] ${m}`) });
			if (referrals) await benchAnsweredReferrals(database.db, { measure, httpGet: (p, h) => httpGet(p, h), notes });
			// after the dashboard's year of cases, so that the deadlines it moves are a city's
			if (runs('closure')) await benchOfficeClosure(database.db);
			if (env.BENCH_SKIP_EXCAVATION !== '1' && (runs('excavation') || runs('excavation-unmapped'))) await benchExcavation(database.db, sample);
			if (audit) {
				// after the dashboard's year of cases: its citizens and staff are the log's accounts
				const events = Number(env.BENCH_AUDIT_EVENTS ?? 1_000_000);
				await benchAuditLog(database.db, events, Number(env.BENCH_AUDIT_CITIZENS ?? 300_000), { measure, httpGet: (p, h) => httpGet(p, h), notes, log: (m) => console.log(`[bench] ${m}`), requests: Number(env.BENCH_AUDIT_REQUESTS ?? 100) });
			}
			if (runs('trust')) printTrustFigures(await benchTrust(database.db, { requests: REQUESTS, seconds: SECONDS }), `${PARCELS} parcels, PostgreSQL`);
			if (env.BENCH_SKIP_SUPERVISION !== '1' && runs('supervision')) {
				// supervision (gis/bench-supervision.ts): 300 engineers, BENCH_SUPERVISED_WORKS works with four reports each
				await prepareSupervisionBench(database.db, 300, Number(env.BENCH_SUPERVISED_WORKS ?? 100_000), (m) => console.log(`[bench] ${m}`));
				await benchSupervision(database.db, { measure, notes }, [1, CONCURRENCY]);
			}
		} finally {
			for (const server of servers) await stopServer(server);
		}
	} finally {
		await database.close();
	}
}

async function ensureBenchDatabase(url: string): Promise<string> {
	const admin = new URL(url);
	admin.pathname = '/postgres';
	const client = new pg.Client({ connectionString: admin.toString() });
	await client.connect();
	const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [BENCH_DB]);
	if (!rowCount) {
		console.log(`[bench] creating database ${BENCH_DB}`);
		await client.query(`create database ${BENCH_DB}`);
	}
	await client.end();
	const bench = new URL(url);
	bench.pathname = `/${BENCH_DB}`;
	return bench.toString();
}

async function ensureSampleCity(db: Kysely<DB>, parcels: number) {
	const { n } = await db.selectFrom('parcels').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	if (n > 0) {
		console.log(`[bench] the database already holds ${n} parcels`);
		if (Math.abs(n - parcels) > parcels * 0.05) notes.push(`the bench database holds ${n} parcels, not ${parcels}`);
		return;
	}
	const { loadSampleCity } = await import('./sample-city/index');
	console.log(`[bench] loading the sample city with ${parcels} parcels (once; the database keeps it for the next run)…`);
	const started = performance.now();
	const counts = await loadSampleCity(db, { parcels, srid: SRID, onProgress: (msg) => console.log(`[bench]   ${msg}`) });
	const seconds = (performance.now() - started) / 1000;
	console.log(`[bench] loaded in ${seconds.toFixed(0)} s`, counts);
	notes.push(`loading the ${parcels}-parcel city took ${seconds.toFixed(0)} s`);
}

/**
 * Points to request, deterministic: parcels inside the heritage overlay (the historic core, the
 * densest fabric) and parcels spread over the whole city by id (the outskirts).
 */
async function samplePoints(db: Kysely<DB>): Promise<{ lon: number; lat: number; id: number }[]> {
	const core = await sql<{ lon: number; lat: number; id: number }>`
		select p.id, ST_X(c) as lon, ST_Y(c) as lat
		from (select id from overlays where kind like 'heritage%' order by id limit 1) o
		join lateral (
			select p.id, ST_Transform(ST_PointOnSurface(p.geom), 4326) as c
			from parcels p, overlays ov
			where ov.id = o.id and p.geom && ov.geom and ST_Intersects(p.geom, ov.geom)
			order by p.id limit 4000
		) p on true`.execute(db);
	const { max } = await db.selectFrom('parcels').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
	const step = Math.max(1, Math.floor(Number(max) / 60));
	const spread = await sql<{ lon: number; lat: number; id: number }>`
		select p.id, ST_X(c) as lon, ST_Y(c) as lat
		from generate_series(1, ${Number(max)}::bigint, ${step}::bigint) g(i)
		join lateral (select id, ST_Transform(ST_PointOnSurface(geom), 4326) as c from parcels where id >= g.i order by id limit 1) p on true`.execute(db);
	const picked = core.rows.filter((_, i) => i % 100 === 0).slice(0, 30);
	return [...picked, ...spread.rows];
}

async function benchParcels(db: Kysely<DB>, points: { lon: number; lat: number; id: number }[]) {
	let service: typeof import('../src/lib/server/parcels/parcel.service') | null = null;
	try {
		service = await import('../src/lib/server/parcels/parcel.service');
	} catch (err) {
		notes.push(`bare parcel lookups skipped: src/lib/server/parcels/parcel.service could not be loaded (${(err as Error).message})`);
	}
	const at = (i: number) => points[i % points.length];
	let bareAt: ((i: number) => Promise<number>) | null = null;
	let bareDetail: ((i: number) => Promise<number>) | null = null;
	if (service) {
		const { findParcelAt, getParcelDetail } = service;
		bareAt = async (i) => JSON.stringify(await findParcelAt(db, at(i).lon, at(i).lat)).length;
		bareDetail = async (i) => JSON.stringify(await getParcelDetail(db, at(i).id)).length;
	}
	type Variant = [string, (i: number) => Promise<number>];
	const httpAt: Variant = ['HTTP', (i) => httpGet(`/api/parcels/at?lon=${at(i).lon}&lat=${at(i).lat}`)];
	const httpDetail: Variant = ['HTTP', (i) => httpGet(`/api/parcels/${at(i).id}`)];
	// Latency targets are about one user's wait: measured one request at a time, then again with
	// CONCURRENCY in flight to show how they hold up under load on this machine.
	for (const inFlight of [1, CONCURRENCY]) {
		const load = `, ${inFlight} in flight`;
		await measure(`parcel at point${load}`, bareAt ? [['bare service', bareAt], httpAt] : [httpAt], points.length, inFlight);
		await measure(`parcel detail${load}`, bareDetail ? [['bare service', bareDetail], httpDetail] : [httpDetail], points.length, inFlight);
	}
}

/**
 * A parcel's zones when a zone is a large polygon, as real zoning layers hold (a river corridor or a green
 * belt traced in detail): a disc of 1,500 m at the middle of the city traced with 190,000 vertices is added
 * (committed: the server must see it; deleted afterwards, its pieces with it), and 30 parcels inside it are
 * asked for. Their zones measured by the pieces (what Pelak does, migrations/0156) beside the same overlaps
 * measured against the whole polygons (what it did), and the parcel detail through the service and HTTP.
 */
async function benchLargeZone(db: Kysely<DB>) {
	const { overlapsWith } = await import('../src/lib/server/db/area-parts');
	const { getParcelDetail } = await import('../src/lib/server/parcels/parcel.service');
	// a run killed before its finally left its zone behind: never two
	await db.deleteFrom('zoning_zones').where('code', '=', 'BENCH-LARGE').execute();
	const zone = await db
		.insertInto('zoning_zones')
		.values({
			code: 'BENCH-LARGE',
			land_use: 'green',
			description: 'bench: a zone of 190,000 vertices, deleted after the run',
			geom: sql<string>`(select ST_Multi(ST_Segmentize(ST_Buffer(ST_Centroid(ST_Extent(geom)::geometry), 1500, 64), 0.05)) from districts)`
		})
		.returning(['id', sql<number>`ST_NPoints(geom)`.as('vertices')])
		.executeTakeFirstOrThrow();
	try {
		const ids = (
			await sql<{ id: number }>`
				select p.id from zoning_zones z join parcels p on ST_Contains(z.geom, p.geom)
				where z.id = ${zone.id}::int order by p.id limit 30`.execute(db)
		).rows.map((r) => r.id);
		if (!ids.length) return void notes.push('the large zone holds no parcel: skipped');
		const id = (i: number) => ids[i % ids.length];
		await measure(
			`a parcel's zones inside a zone of ${zone.vertices.toLocaleString('en')} vertices, 1 in flight`,
			[
				[
					'by the pieces',
					async (i) =>
						(await sql`select x.* from parcels p cross join lateral (${overlapsWith('zoning_zones', sql.ref('p.geom'))}) x where p.id = ${id(i)}::int8`.execute(db)).rows.length
				],
				[
					'by the whole polygons',
					async (i) =>
						(
							await sql`select z.id, ST_Area(ST_Intersection(z.geom, p.geom)) as overlap_m2
								from parcels p join zoning_zones z on ST_Intersects(z.geom, p.geom) where p.id = ${id(i)}::int8`.execute(db)
						).rows.length
				]
			],
			ids.length,
			1
		);
		await measure(
			`parcel detail inside a zone of ${zone.vertices.toLocaleString('en')} vertices, 1 in flight`,
			[
				['bare service', async (i) => JSON.stringify(await getParcelDetail(db, id(i))).length],
				['HTTP', (i) => httpGet(`/api/parcels/${id(i)}`)]
			],
			ids.length,
			1
		);
	} finally {
		await db.deleteFrom('zoning_zones').where('id', '=', zone.id).execute();
	}
}

/**
 * The excavation check on a street layer drawn the way many cities keep it: one polygon for a district's whole road
 * space (the district less its blocks), added for the run and deleted after. The dig's footprint cut by that surface
 * through its pieces (migrations/0158, as the check does) beside the same cut of the whole polygon, then the whole
 * check bare and by HTTP, for 60 m trenches along the streets of the district.
 */
async function benchLargeStreetSurface(db: Kysely<DB>) {
	const { measureDrawing } = await import('../src/lib/server/excavation');
	const { rows: districts } = await sql<{ id: number }>`
		select d.id from districts d order by (select count(*) from blocks b where b.geom && d.geom) desc, d.id limit 1`.execute(db);
	if (!districts[0]) return void notes.push('the road-space street surface: skipped, no district');
	const district = districts[0].id;
	const surface = await db
		.insertInto('street_surfaces')
		.values({
			street_id: null,
			surface: 'asphalt',
			location: 'carriageway',
			geom: sql<string>`(
				select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Difference(d.geom,
					(select ST_Union(b.geom) from blocks b where ST_Intersects(b.geom, d.geom)))), 3))
				from districts d where d.id = ${district}::int)`
		})
		.returning(['id', sql<number>`ST_NPoints(geom)`.as('vertices'), sql<number>`ST_NumInteriorRings(ST_GeometryN(geom, 1))`.as('holes')])
		.executeTakeFirstOrThrow();
	try {
		const { rows: points } = await sql<{ lon: number; lat: number }>`
			select ST_X(g) as lon, ST_Y(g) as lat from (
				select ST_Transform(ST_PointOnSurface(p.geom), 4326) as g
				from parcels p join districts d on ST_Contains(d.geom, p.geom) where d.id = ${district}::int order by p.id limit 30) x`.execute(db);
		const inputs = await checkInputsNear(db, points, SRID);
		if (!inputs.length) return void notes.push('the road-space street surface: skipped, no street near its parcels');
		const footprints = await Promise.all(inputs.map(async (input) => (await measureDrawing(db, input.features)).footprint));
		const at = (i: number) => i % inputs.length;
		const what = `a district's road space as one street surface of ${surface.vertices.toLocaleString('en')} vertices (${surface.holes.toLocaleString('en')} holes)`;
		const cut = async (whole: boolean, i: number) => {
			const fp = sql`${footprints[at(i)]}::geometry`;
			const { rows } = whole
				? await sql<{ m2: number }>`
						select ST_Area(ST_CollectionExtract(ST_Intersection(s.geom, ${fp}, 0.001), 3)) as m2
						from street_surfaces s where s.id = ${surface.id}::int and ST_Intersects(s.geom, ${fp})`.execute(db)
				: await sql<{ m2: number }>`
						select ST_Area(ST_Union(ST_CollectionExtract(ST_Intersection(x.geom, ${fp}, 0.001), 3), 0.001)) as m2
						from street_surface_parts x where x.street_surface_id = ${surface.id}::int and ST_Intersects(x.geom, ${fp})`.execute(db);
			return rows[0]?.m2 ?? 0;
		};
		let worst = 0;
		for (let i = 0; i < inputs.length; i++) worst = Math.max(worst, Math.abs((await cut(true, i)) - (await cut(false, i))));
		notes.push(`${what}: the cut by its pieces and by the whole polygon differ by at most ${worst.toFixed(4)} m² over ${inputs.length} trenches`);
		await measure(
			`a dig's footprint cut by ${what}, 1 in flight`,
			[
				['by the pieces', (i) => cut(false, i)],
				['by the whole polygon', (i) => cut(true, i)]
			],
			inputs.length,
			1
		);
		await measure(
			`excavation check on ${what}, 1 in flight`,
			[
				['bare service', (i) => bareCheck(db, inputs[at(i)])],
				['HTTP', (i) => httpCheck(PORT, agent, inputs[at(i)])]
			],
			inputs.length,
			1
		);
	} finally {
		await db.deleteFrom('street_surfaces').where('id', '=', surface.id).execute();
	}
}

/**
 * The planners' conflicts of one district, every district in turn, one request at a time (one
 * planner's wait): the table per street (what the page opens on) and per parcel (every row, as the
 * export has them). Through HTTP with a planner's session made for the bench.
 */
async function benchPlanning(db: Kysely<DB>) {
	const { conflictReport } = await import('../src/lib/server/planning');
	const districts = (await db.selectFrom('districts').select('id').orderBy('id').execute()).map((d) => d.id);
	if (!districts.length) return void notes.push('planning conflicts skipped: no districts');
	const cookie = await benchPlannerCookie(db);
	const district = (i: number) => districts[i % districts.length];
	const filter = (i: number) => ({ district: district(i), street: null, streetClass: null, status: null, parcel: null });
	// per street: the page's table of a district; per parcel, 500 rows: what the page shows of them;
	// per parcel, every row: the JSON a script downloads
	const variants = [
		{ view: 'streets', limit: undefined, what: 'per street' },
		{ view: 'parcels', limit: 500, what: 'per parcel, first 500 rows' },
		{ view: 'parcels', limit: undefined, what: 'per parcel, every row' }
	] as const;
	for (const { view, limit, what } of variants) {
		const query = `view=${view}${limit ? `&limit=${limit}` : ''}`;
		await measure(
			`setback conflicts of one district ${what}, 1 in flight`,
			[
				['bare service', async (i) => JSON.stringify(await conflictReport(db, view, filter(i), { limit })).length],
				['HTTP', (i) => httpGet(`/api/planning/setback-conflicts?${query}&district=${district(i)}`, { cookie })]
			],
			districts.length,
			1
		);
	}
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from parcel_setbacks`.execute(db);
	notes.push(`setback conflicts: ${rows[0].n} parcel × street rows over ${districts.length} districts; live (open cases and permits read per request, only for the parcels with a case: parcel_setbacks.parcel_cases kept by triggers)`);
}

/** The district officer's list of cases imported from the previous system (legacy-cases.service), each district in turn, and every district's. */
async function benchLegacyCases(db: Kysely<DB>) {
	const { legacyListQuery } = await import('../src/lib/server/cases/legacy-cases.service');
	const districts = (await db.selectFrom('districts').select('id').orderBy('id').execute()).map((d) => d.id);
	if (!districts.length) return void notes.push('imported cases list skipped: no districts');
	await measure(
		'open imported cases of one district (first 500, oldest first), 1 in flight',
		[['bare statement', async (i) => (await legacyListQuery([districts[i % districts.length]]).execute(db)).rows.length]],
		districts.length * 2,
		1
	);
	await measure('open imported cases of every district (first 500), 1 in flight', [['bare statement', async () => (await legacyListQuery(null).execute(db)).rows.length]], 20, 1);
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases where request_type is null and status = 'open'`.execute(db);
	notes.push(`imported cases: ${rows[0].n} open in the city (parcels_district_open_cases_idx, cases_legacy_open_idx: migrations/0152)`);
}

/**
 * Recording an office closure (calendar/closures.ts): the day after tomorrow's working day taken off,
 * every open deadline on or after it moved by a working day and each case's timeline told, in one
 * transaction that the bench rolls back (the city stays as it was).
 */
async function benchOfficeClosure(db: Kysely<DB>) {
	const { recordClosure, withdrawClosure } = await import('../src/lib/server/calendar/closures');
	const { municipalCalendar } = await import('../src/lib/server/calendar');
	const { addWorkingDays, tehranDate } = await import('../src/lib/domain/working-days');
	const user = await db.selectFrom('users').select('id').orderBy('id').executeTakeFirst();
	if (!user) return void notes.push('office closure skipped: no user to record it');
	const day = addWorkingDays(tehranDate(new Date()), 2, municipalCalendar());
	const input = { day, reasonFa: 'سنجش' };
	const context = () => ({ now: new Date(), ip: null });
	/** `write` in a transaction that is always rolled back; answers what it answered. */
	const rolledBack = async (write: (trx: Transaction<DB>) => Promise<number>): Promise<number> => {
		const undo = new Error('rolled back by the bench');
		let answer = 0;
		await db
			.transaction()
			.execute(async (trx) => {
				answer = await write(trx);
				throw undo;
			})
			.catch((err) => {
				if (err !== undo) throw err;
			});
		return answer;
	};
	let moved = 0;
	const measured = await measure(
		`recording an office closure on ${day} (rolled back), 1 in flight`,
		[
			['bare transaction', () => rolledBack(async (trx) => (moved = (await recordClosure(trx, user, input, context())).moved))],
			[
				'recorded, then withdrawn',
				() =>
					rolledBack(async (trx) => {
						await recordClosure(trx, user, input, context());
						return (await withdrawClosure(trx, user, input, context())).moved;
					})
			]
		],
		1,
		1,
		5
	);
	// the variants answer a count of deadlines, not bytes
	for (const row of measured) if (row) Object.assign(row, { avgBytes: null, note: `${moved} deadlines moved${row.via === 'bare transaction' ? '' : ', then back'}` });
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases where workflow_status = 'in_progress'`.execute(db);
	notes.push(`office closure: ${moved} open deadlines moved (of ${rows[0].n} cases in progress), each case's timeline entry written, all rolled back`);
}

/** A session cookie of a planner account kept in the bench database (never a demo account). */
async function benchPlannerCookie(db: Kysely<DB>): Promise<string> {
	const { insertStaff, grantRole, createSession, SESSION_COOKIE } = await import('../src/lib/server/auth');
	let user = await db.selectFrom('users').select('id').where('username', '=', 'bench.planner').executeTakeFirst();
	if (!user) {
		const id = await insertStaff(db, { username: 'bench.planner', passwordHash: 'no-sign-in', displayName: 'bench planner' });
		await grantRole(db, id, { role: 'planner' });
		user = { id };
	}
	const cookies = { get: () => undefined, set: () => {}, delete: () => {} };
	const { token } = await createSession(db, cookies, { id: user.id, kind: 'staff' });
	return `${SESSION_COOKIE}=${token}`;
}

/**
 * The excavation check with WORKS works in the city, one request at a time and then CONCURRENCY in flight; a dig
 * partly off the street-surface layer; filing and the works cartable (`BENCH_ONLY=excavation-unmapped`: that row alone).
 */
async function benchExcavation(db: Kysely<DB>, points: { lon: number; lat: number }[]) {
	await prepareExcavationBench(db, WORKS, (message) => console.log(`[bench] ${message}`));
	const inputs = await checkInputsNear(db, points, SRID);
	const at = (i: number) => inputs[i % inputs.length];
	const all = runs('excavation');
	for (const inFlight of all ? [1, CONCURRENCY] : []) {
		await measure(
			`excavation check (${WORKS} works), ${inFlight} in flight`,
			[['bare service', (i) => bareCheck(db, at(i))], ['HTTP', (i) => httpCheck(PORT, agent, at(i))]],
			inputs.length,
			inFlight
		);
	}
	// part of the dig off the street-surface layer: a dig across the street into the ground beside it
	await benchUnmappedGround(db, points);
	if (!all) return;
	// the life cycle: filing (rolled back) and the works cartable, one at a time
	const { applicant, officer } = await prepareLifecycleBench(db);
	await measure(`excavation filing, rolled back (${WORKS} works)`, [['bare service', (i) => benchFiling(db, applicant, at(i))]], inputs.length, 1);
	await measure(
		`works cartable (${WORKS} works)`,
		[['officer', () => benchCartable(db, officer)], ['utility applicant', () => benchCartable(db, applicant)]],
		1,
		1
	);
}

/**
 * The excavation check when part of the dig is off the street-surface layer, charged as the dearest surface within
 * 20 m of it: a house connection across the street nearest each sample point and 8 m into the ground on both sides.
 */
async function benchUnmappedGround(db: Kysely<DB>, points: { lon: number; lat: number }[]) {
	const { checkExcavation } = await import('../src/lib/server/excavation');
	const inputs = await crossingInputsNear(db, points, SRID);
	if (!inputs.length) return void notes.push('the dig off the surface layer: skipped, no street near the sample points');
	let off = 0;
	let near = 0;
	let offM2 = 0;
	const charged = new Map<string, number>();
	for (const input of inputs) {
		const check = await checkExcavation(db, input);
		if (check.unmapped_m2 > 0) off++;
		offM2 += check.unmapped_m2;
		const as = check.unmapped_charged_as;
		if (as?.near) near++;
		if (as) charged.set(`${as.surface}/${as.road_class}`, (charged.get(`${as.surface}/${as.road_class}`) ?? 0) + 1);
	}
	const at = (i: number) => inputs[i % inputs.length];
	await measure(
		`excavation check, a dig across the street and 8 m beyond each edge (off the surface layer; ${WORKS} works), 1 in flight`,
		[['bare service', (i) => bareCheck(db, at(i))], ['HTTP', (i) => httpCheck(PORT, agent, at(i))]],
		inputs.length,
		1
	);
	notes.push(
		`the dig off the surface layer: ${off} of ${inputs.length} digs partly off the layer (${(offM2 / Math.max(1, off)).toFixed(1)} m² off on average), ` +
			`${near} charged as a surface within 20 m (${[...charged].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}), the rest as the default ground`
	);
}

async function benchEmbedded() {
	// keyed by the migrations' text: a changed migration (frozen once applied) means a fresh city
	const migrations = fs.readdirSync(path.join(ROOT, 'migrations')).sort();
	const hash = createHash('sha1');
	for (const f of migrations) hash.update(f).update(fs.readFileSync(path.join(ROOT, 'migrations', f)));
	const dataDir = path.join(ROOT, '.cache', `bench-embedded-${EMBEDDED_PARCELS}-${hash.digest('hex').slice(0, 8)}`, 'pgdata');
	const database = await openDatabase({ databaseUrl: null, dataDir });
	const label = ` embedded ${EMBEDDED_PARCELS}`;
	const rows = tileRows('key');
	let points: { lon: number; lat: number; id: number }[];
	let figures;
	try {
		await migrate(database.db, path.join(ROOT, 'migrations'), SRID);
		await ensureSampleCity(database.db, EMBEDDED_PARCELS);
		await sql`analyze`.execute(database.db);
		points = await samplePoints(database.db);
		// PGlite is one connection: requests queue, so "concurrency" measures the queue, not parallelism
		const bare = async (layer: TileLayerName, tile: TileCoord) => (await tileBytes(database.db, 'embedded', { layer: tileLayer(layer), tile })).byteLength;
		figures = await benchTiles(points, tileBench, { bare, rows, label });
	} finally {
		await database.close();
	}
	// the embedded database is one process's: a server opens it once the bench (or the server before) has closed it
	const env = { DATABASE_URL: '', PELAK_DATA_DIR: dataDir, PELAK_SAMPLE_CITY: 'off' };
	for (const cached of [false, true]) {
		const server = await startServer(cached ? env : { ...env, PELAK_TILE_CACHE_MB: '0' });
		try {
			const which = cached ? { cachedPort: PORT, cachedPid: server.pid } : { uncachedPort: PORT, uncachedPid: server.pid };
			figures = await benchTiles(points, tileBench, { ...which, rows, label, earlier: figures });
		} finally {
			await stopServer(server);
		}
	}
}

/**
 * Measures variants of the same work side by side (e.g. bare SQL and HTTP): after one warm-up pass
 * over the distinct inputs, each variant runs ROUNDS times, alternating, REQUESTS / ROUNDS requests
 * (or SECONDS / ROUNDS) per round with CONCURRENCY in flight. Alternating keeps the comparison fair
 * on a shared machine whose load drifts. Each `fn` returns the response size in bytes.
 */
async function measure(
	what: string,
	variants: [via: string, fn: (i: number) => Promise<number>][],
	distinct: number,
	inFlight = CONCURRENCY,
	requests = REQUESTS
): Promise<(Row | null)[]> {
	const totals = variants.map(() => ({ latencies: [] as number[], bytes: 0, elapsed: 0, failed: false }));
	for (const [v, [via, fn]] of variants.entries()) {
		try {
			for (let i = 0; i < Math.min(distinct, 50); i++) await fn(i);
		} catch (err) {
			notes.push(`${what} via ${via} failed: ${(err as Error).message}`);
			totals[v].failed = true;
		}
	}
	for (let round = 0; round < ROUNDS; round++) {
		for (const [v, [via, fn]] of variants.entries()) {
			const total = totals[v];
			if (total.failed) continue;
			let next = round * Math.ceil(requests / ROUNDS);
			const last = Math.min(requests, next + Math.ceil(requests / ROUNDS));
			const started = performance.now();
			const deadline = started + (SECONDS * 1000) / ROUNDS;
			try {
				await Promise.all(
					Array.from({ length: inFlight }, async () => {
						while (next < last && performance.now() < deadline) {
							const i = next++;
							const t0 = performance.now();
							const size = await fn(i);
							total.latencies.push(performance.now() - t0);
							total.bytes += size;
						}
					})
				);
			} catch (err) {
				notes.push(`${what} via ${via} failed after ${total.latencies.length} requests: ${(err as Error).message}`);
				total.failed = true;
			}
			total.elapsed += (performance.now() - started) / 1000;
		}
	}
	return variants.map(([via], v) => {
		const { latencies, bytes, elapsed, failed } = totals[v];
		if (failed || !latencies.length) return null;
		latencies.sort((a, b) => a - b);
		const row: Row = {
			what,
			via,
			n: latencies.length,
			perSecond: latencies.length / elapsed,
			p50: percentile(latencies, 0.5),
			p95: percentile(latencies, 0.95),
			avgBytes: bytes / latencies.length
		};
		rows.push(row);
		console.log(`[bench] ${what} via ${via}: ${row.perSecond.toFixed(1)}/s p50 ${row.p50.toFixed(1)} ms p95 ${row.p95.toFixed(1)} ms`);
		return row;
	});
}

function percentile(sorted: number[], q: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

// ---- the built server ---------------------------------------------------------------------------

let agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** GET on the loopback server; resolves with the body size, rejects on anything but 200 (or 304 when revalidating). */
function httpGet(pathAndQuery: string, headers: Record<string, string> = {}, port = PORT): Promise<number> {
	const ok = headers['if-none-match'] ? [200, 304] : [200];
	return new Promise((resolve, reject) => {
		const req = http.get({ host: '127.0.0.1', port, path: pathAndQuery, agent, headers }, (res) => {
			let size = 0;
			res.on('data', (chunk: Buffer) => (size += chunk.length));
			res.on('end', () => (ok.includes(res.statusCode!) ? resolve(size) : reject(new Error(`${pathAndQuery} → ${res.statusCode}`))));
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

/** POST of a JSON body on the loopback server; resolves with the answer's size, rejects on anything but 200. */
function httpPost(pathAndQuery: string, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port: PORT, path: pathAndQuery, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				let size = 0;
				res.on('data', (chunk: Buffer) => (size += chunk.length));
				res.on('end', () => (res.statusCode === 200 ? resolve(size) : reject(new Error(`POST ${pathAndQuery} → ${res.statusCode}`))));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

function buildApp() {
	if (env.BENCH_SKIP_BUILD === '1' && fs.existsSync(path.join(ROOT, 'build', 'index.js'))) return;
	console.log('[bench] npm run build…');
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('npm run build failed');
}

async function startServer(extraEnv: Record<string, string>, port = PORT): Promise<ChildProcess> {
	// as `npm start` runs it (its defaults and the tile fast path, scripts/serve.js); buildApp() built it
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--no-build'], {
		cwd: ROOT,
		// keep-alive sockets outlive the pauses between rows (5 s by default): on a loaded machine the client
		// could reuse a socket the server was just closing ("socket hang up" mid-row)
		env: { ...process.env, PELAK_MODE: 'demo', KEEP_ALIVE_TIMEOUT: '120', ...extraEnv, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const started = Date.now();
	while (Date.now() - started < 120_000) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
		// its own "Listening on" first: another server on the port (another bench) must not be measured instead
		if (!log.includes('Listening on')) {
			await new Promise((r) => setTimeout(r, 200));
			continue;
		}
		try {
			await httpGet('/tiles/layers.json', {}, port);
			return child;
		} catch {
			await new Promise((r) => setTimeout(r, 500));
		}
	}
	child.kill('SIGTERM');
	throw new Error(`the server did not answer on port ${port} within 120 s:\n${log}`);
}

async function stopServer(child: ChildProcess) {
	// keep-alive sockets would hold the server's shutdown up
	agent.destroy();
	agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
	if (child.exitCode === null) child.kill('SIGKILL');
}

// ---- report -------------------------------------------------------------------------------------

function machine(): string {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
	return `${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; load average now ${load}`;
}

function printTable() {
	const header = '| measured | via | requests | per second | p50 ms | p95 ms | avg size | note |';
	const lines = [header, '|---|---|---:|---:|---:|---:|---:|---|'];
	for (const r of rows) {
		const size = r.avgBytes === null ? '' : r.avgBytes > 2048 ? `${(r.avgBytes / 1024).toFixed(1)} KB` : `${r.avgBytes.toFixed(0)} B`;
		lines.push(`| ${r.what} | ${r.via} | ${r.n} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${size} | ${r.note ?? ''} |`);
	}
	console.log(`\nMachine: ${machine()}`);
	console.log(`Concurrency ${CONCURRENCY}, up to ${REQUESTS} requests or ${SECONDS} s per row, in ${ROUNDS} alternating rounds.\n`);
	console.log(lines.join('\n'));
	if (notes.length) console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

main().catch((err) => {
	console.error('[bench] failed:', err);
	printTable();
	process.exit(1);
});

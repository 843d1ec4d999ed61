/**
 * A real streaming replica (DATABASE_REPLICA_URL), on clusters of the test's own: a small primary made
 * with `initdb` in a temporary directory (wal_level = replica, local replication trusted), and a
 * replica made from it with `pg_basebackup -R`, each on a free port of 127.0.0.1 with its unix socket
 * in that directory; the built server migrates the primary, loads the sample city, and reads from the
 * replica. Both clusters are stopped and the directory removed afterwards.
 *
 * The replica's replay is paused while a staff member files a case, so it is measurably behind:
 * the author's next parcel lookup comes from the primary (their write is there), an anonymous one
 * from the replica (not yet), the parcel's tile shows the case (tiles wait for the replica to replay
 * the changes heard, else read the primary); replay resumed, everyone sees it. Tiles and lookups are
 * shown to run on the replica by its pg_stat_activity. The replica stopped, reads fall back to the
 * primary, logged.
 *
 * Runs with the other real-PostgreSQL browser tests (PELAK_TEST_PG or DATABASE_URL set), though it
 * uses neither server. Needs PostgreSQL 15's server binaries (initdb, pg_ctl, pg_basebackup; PELAK_PG_BIN,
 * else /usr/lib/postgresql/15/bin) and PostGIS installed for them; as root, the clusters run as `postgres`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session.service';
import { WAL_COOKIE } from '../../src/lib/server/db/read-your-writes';
import { tileAt, type TileCoord } from '../../src/lib/server/tiles/tile-coords';
import { clusterConf, clusterRoot, freePort, missingPgTools, PG_BIN, pgStep, startCluster, stopCluster } from './private-cluster';
import { startBuiltServer, type RunningServer } from './server';

const realPostgres = process.env.DATABASE_URL || process.env.PELAK_TEST_PG;
const hasBinaries = missingPgTools.length === 0;
if (realPostgres && !hasBinaries) {
	console.warn(`[replica test] skipped: no ${missingPgTools.join(', ')} in ${PG_BIN} (set PELAK_PG_BIN to PostgreSQL 15's bin directory)`);
}
const DOCUMENTS = path.resolve(import.meta.dirname, '../fixtures/documents');
/** The replica's connections from the app (src/lib/server/db/replica.ts). */
const REPLICA_APP_NAME = 'pelak-replica-reads';
/** The tile statements' own replica connections (database.ts, TILE_SESSION). */
const TILE_REPLICA_APP_NAME = 'pelak-tile-reads';
const DB_NAME = 'pelak';

let server: RunningServer;
let primary: pg.Client;
let replica: pg.Client;
let tmp: string;
let primaryDir: string;
let replicaDir: string;
let replicaPort: number;
let filesDir: string;
let parcel: { id: number; renovation_code: string; district: string; lon: number; lat: number };
let far: { lon: number; lat: number };

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, tries = 120): Promise<T> {
	for (let i = 0; i < tries; i++) {
		const value = await probe().catch(() => null);
		if (value) return value;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`gave up waiting for ${what}`);
}

beforeAll(async () => {
	if (!realPostgres || !hasBinaries) return;
	tmp = clusterRoot('pelak-replica-');
	// the primary: a new cluster of its own; local connections (replication too) are trusted
	const primaryCluster = await startCluster(tmp, 'primary', DB_NAME);
	primaryDir = primaryCluster.dir;
	const primaryPort = primaryCluster.port;
	replicaDir = path.join(tmp, 'replica');
	const replicaLog = path.join(tmp, 'replica.log');

	// the replica: a base backup of the primary over its unix socket, streaming from it (-R writes primary_conninfo)
	replicaPort = await freePort();
	pgStep('pg_basebackup', 'pg_basebackup', ['-h', tmp, '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
	// the copied postgresql.conf ends with the primary's settings; the last line of a setting wins
	fs.appendFileSync(path.join(replicaDir, 'postgresql.conf'), clusterConf(replicaPort, tmp));
	pgStep('starting the replica', 'pg_ctl', ['-D', replicaDir, '-l', replicaLog, '-w', '-t', '120', 'start'], replicaLog);

	const primaryDb = `postgres://postgres@127.0.0.1:${primaryPort}/${DB_NAME}`;
	const replicaDb = `postgres://postgres@127.0.0.1:${replicaPort}/${DB_NAME}`;
	replica = new pg.Client({ connectionString: replicaDb });
	await until('the replica to accept connections', async () => (await replica.connect(), true));
	const { rows: recovery } = await replica.query('select pg_is_in_recovery() as standby');
	expect(recovery[0].standby).toBe(true);

	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-files-'));
	server = await startBuiltServer(240_000, {
		DATABASE_URL: primaryDb,
		DATABASE_REPLICA_URL: replicaDb,
		PELAK_MODE: 'demo',
		PELAK_SAMPLE_CITY: '1500',
		PELAK_FILES_DIR: filesDir
	});
	primary = new pg.Client({ connectionString: primaryDb });
	await primary.connect();
	const { rows } = await primary.query(`
		select p.id, p.renovation_code, d.code as district, ST_X(c) as lon, ST_Y(c) as lat
		from parcels p join districts d on d.id = p.district_id
		cross join lateral (select ST_Transform(ST_PointOnSurface(p.geom), 4326) as c) pt
		where p.open_cases = 0 order by p.id limit 1`);
	parcel = { ...rows[0], id: Number(rows[0].id) };
	const other = await primary.query(`
		select ST_X(c) as lon, ST_Y(c) as lat
		from (select ST_Transform(ST_PointOnSurface(geom), 4326) as c, geom from parcels) p
		order by ST_Distance(p.geom, (select geom from parcels where id = $1)) desc limit 1`, [parcel.id]);
	far = other.rows[0];
	// the sample city has reached the replica: all of it, up to the primary's WAL position now, which is
	// past the one the server took when it began listening for tile changes (tiles read the replica only
	// once it has replayed that far; a replica still replaying the city's last rows would send the first
	// tile to the primary)
	const { rows: wal } = await primary.query('select pg_current_wal_lsn()::text as lsn');
	await until('the replica to replay the sample city', async () => {
		const { rows: n } = await replica.query('select pg_last_wal_replay_lsn() >= $1::pg_lsn as caught_up', [wal[0].lsn]);
		return n[0].caught_up === true;
	}, 480);
}, 600_000);

afterAll(async () => {
	await server?.stop();
	await replica?.end().catch(() => {});
	await primary?.end().catch(() => {});
	stopCluster(replicaDir);
	stopCluster(primaryDir);
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

async function action(pathAndAction: string, form: FormData | URLSearchParams, cookie?: string) {
	const response = await fetch(server.url + pathAndAction, {
		method: 'POST',
		headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json', ...(cookie ? { cookie } : {}) },
		body: form,
		redirect: 'manual'
	});
	const body = (await response.json()) as { type: string; status?: number };
	return { body, setCookies: response.headers.getSetCookie() };
}

function cookieNamed(setCookies: string[], name: string): string | undefined {
	return setCookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0];
}

/**
 * fetch, once more if a kept-alive socket was closed by the server just as it was reused (a client
 * race after a pause, e.g. while the replica stops); a server that is down fails both times.
 */
async function get(url: string, init?: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (err) {
		if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
		return fetch(url, init);
	}
}

async function openCases(cookie?: string): Promise<number> {
	const response = await get(`${server.url}/api/parcels/${parcel.id}`, { headers: cookie ? { cookie } : {} });
	expect(response.status).toBe(200);
	return ((await response.json()) as { open_cases: unknown[] }).open_cases.length;
}

async function tileFeature({ z, x, y }: TileCoord) {
	const response = await fetch(`${server.url}/tiles/parcels/${z}/${x}/${y}.mvt`);
	expect(response.status).toBe(200);
	const layer = new VectorTile(new Pbf(new Uint8Array(await response.arrayBuffer()))).layers.parcels;
	return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i)).find((f) => f.id === parcel.id);
}

/** The last statements the app's replica connections (its tiles' included) ran (pg_stat_activity keeps an idle session's last query). */
async function replicaQueries(): Promise<string[]> {
	const { rows } = await replica.query('select query from pg_stat_activity where application_name = any($1)', [[REPLICA_APP_NAME, TILE_REPLICA_APP_NAME]]);
	return rows.map((r) => r.query as string);
}

/** How many of the app's replica connections have started a statement since `t`. */
async function replicaQueriesSince(t: Date): Promise<number> {
	const { rows } = await replica.query('select count(*)::int as n from pg_stat_activity where application_name = any($1) and query_start > $2', [[REPLICA_APP_NAME, TILE_REPLICA_APP_NAME], t]);
	return rows[0].n;
}

describe.runIf(realPostgres && hasBinaries)('a streaming read replica (DATABASE_REPLICA_URL)', () => {
	let staff: string;

	it('renders tiles and answers parcel lookups from the replica', async () => {
		const here = tileAt(parcel.lon, parcel.lat, 15);
		expect(await tileFeature(here)).toBeDefined();
		expect((await replicaQueries()).some((q) => q.includes('ST_AsMVT'))).toBe(true);
		const { rows } = await replica.query('select clock_timestamp() as t');
		expect(await openCases()).toBe(0);
		expect(await replicaQueriesSince(rows[0].t)).toBeGreaterThan(0);
	});

	it('lets the author of a write read it at once while the replica lags, and others once it has replayed it', async () => {
		const signIn = await action('/login?/staff', new URLSearchParams({ username: `officer.d${parcel.district}`, password: DEMO_PASSWORD }));
		expect(signIn.body.type).toBe('redirect');
		staff = cookieNamed(signIn.setCookies, SESSION_COOKIE)!;
		expect(staff).toBeDefined();

		await replica.query('select pg_wal_replay_pause()');
		try {
			const form = new FormData();
			form.set('requestType', 'bank_inquiry');
			form.set('ownerNationalId', '0010000021');
			const pdf = fs.readFileSync(path.join(DOCUMENTS, 'deed.pdf'));
			form.set('doc:deed', new File([pdf], 'deed.pdf', { type: 'application/pdf' }));
			form.set('doc:national_card', new File([pdf], 'national-card.pdf', { type: 'application/pdf' }));
			form.set('doc:bank_letter', new File([pdf], 'bank-letter.pdf', { type: 'application/pdf' }));
			const filed = await action(`/requests/new?parcel=${parcel.id}`, form, staff);
			expect(filed.body, JSON.stringify(filed.body)).toMatchObject({ type: 'success' });
			const wal = cookieNamed(filed.setCookies, WAL_COOKIE);
			expect(wal).toMatch(new RegExp(`^${WAL_COOKIE}=[0-9A-F]+(/|%2F)[0-9A-F]+$`, 'i'));

			// the replica is behind: the author reads the primary, everyone else still the replica
			expect(await openCases(`${staff}; ${wal}`)).toBe(1);
			expect(await openCases()).toBe(0);
			// tiles: the change was heard, the replica has not replayed it, so the primary renders
			expect((await tileFeature(tileAt(parcel.lon, parcel.lat, 16)))?.properties.open_cases).toBe(1);
		} finally {
			await replica.query('select pg_wal_replay_resume()');
		}
		await until('the replica to replay the case', async () => (await openCases()) === 1);
		expect((await tileFeature(tileAt(parcel.lon, parcel.lat, 15)))?.properties.open_cases).toBe(1);
	});

	it('falls back to the primary when the replica stops, and says so in the log', async () => {
		await replica.end();
		pgStep('stopping the replica', 'pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop']);
		expect(await openCases()).toBe(1);
		const farTile = tileAt(far.lon, far.lat, 16);
		const { status } = await get(`${server.url}/tiles/parcels/${farTile.z}/${farTile.x}/${farTile.y}.mvt`);
		expect(status).toBe(200);
		const search = await get(`${server.url}/api/search?q=${encodeURIComponent(parcel.renovation_code)}`);
		expect(search.status).toBe(200);
		const { hits } = (await search.json()) as { hits: { id: number }[] };
		expect(hits.map((h) => h.id)).toContain(parcel.id);
		expect(server.log()).toMatch(/read replica unavailable/);
	});
});

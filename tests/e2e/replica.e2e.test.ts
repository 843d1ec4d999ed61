/**
 * A real streaming replica (DATABASE_REPLICA_URL): a second PostgreSQL 15 cluster made by
 * `pg_basebackup -R` from the primary (PELAK_TEST_PG, 127.0.0.1:5432), started on a free port in a
 * temporary directory, and the built server reading from it.
 *
 * The replica's replay is paused while a staff member files a case, so it is measurably behind:
 * the author's next parcel lookup comes from the primary (their write is there), an anonymous one
 * from the replica (not yet), the parcel's tile shows the case (tiles wait for the replica to replay
 * the changes heard, else read the primary); replay resumed, everyone sees it. Tiles and lookups are
 * shown to run on the replica by its pg_stat_activity. The replica stopped, reads fall back to the
 * primary, logged.
 *
 * Needs pg_basebackup/pg_ctl (PostgreSQL 15 server binaries) and a primary that accepts
 * replication connections from 127.0.0.1 (`.ci/run` adds the pg_hba line).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session.service';
import { WAL_COOKIE } from '../../src/lib/server/db/read-your-writes';
import { tileAt, type TileCoord } from '../../src/lib/server/tiles/tile-coords';
import { startBuiltServer, type RunningServer } from './server';

const primaryUrl = process.env.DATABASE_URL || process.env.PELAK_TEST_PG;
const BIN = process.env.PELAK_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const hasBinaries = fs.existsSync(path.join(BIN, 'pg_basebackup')) && fs.existsSync(path.join(BIN, 'pg_ctl'));
if (primaryUrl && !hasBinaries) {
	console.warn(`[replica test] skipped: no pg_basebackup/pg_ctl in ${BIN} (set PELAK_PG_BIN to PostgreSQL 15's bin directory)`);
}
const DOCUMENTS = path.resolve(import.meta.dirname, '../fixtures/documents');
/** The replica's connections from the app (src/lib/server/db/replica.ts). */
const REPLICA_APP_NAME = 'pelak-replica-reads';

let server: RunningServer;
let admin: pg.Client;
let primary: pg.Client;
let replica: pg.Client;
let dbName: string;
let tmp: string;
let dataDir: string;
let replicaPort: number;
let filesDir: string;
let parcel: { id: number; renovation_code: string; district: string; lon: number; lat: number };
let far: { lon: number; lat: number };

/** pg_ctl refuses to run as root: as root, the cluster belongs to (and runs as) `postgres`. */
const asRoot = process.getuid?.() === 0;
function pgTool(tool: string, args: string[]) {
	const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args]] : [path.join(BIN, tool), args];
	return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, tries = 120): Promise<T> {
	for (let i = 0; i < tries; i++) {
		const value = await probe().catch(() => null);
		if (value) return value;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`gave up waiting for ${what}`);
}

beforeAll(async () => {
	if (!primaryUrl || !hasBinaries) return;
	const base = new URL(primaryUrl);
	dbName = `pelak_e2e_replica_${randomBytes(4).toString('hex')}`;
	base.pathname = '/postgres';
	admin = new pg.Client({ connectionString: base.toString() });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${dbName}`);

	// the replica: a base backup of the whole primary cluster, streaming from it (-R writes primary_conninfo)
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-replica-'));
	if (asRoot) execFileSync('chown', ['postgres:', tmp]);
	dataDir = path.join(tmp, 'data');
	replicaPort = await freePort();
	pgTool('pg_basebackup', ['-h', base.hostname, '-p', base.port || '5432', '-U', base.username || 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast']);
	// a Debian cluster keeps its configuration outside the data directory: the replica gets its own
	// a standby needs these at least as high as its primary's
	const { rows: limits } = await admin.query(`select name, setting from pg_settings where name in
		('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`);
	const conf = [
		`port = ${replicaPort}`,
		`listen_addresses = '127.0.0.1'`,
		`unix_socket_directories = '${tmp}'`,
		'hot_standby = on',
		'shared_buffers = 32MB',
		...limits.map((l) => `${l.name} = ${l.setting}`)
	];
	fs.writeFileSync(path.join(dataDir, 'postgresql.conf'), conf.join('\n') + '\n');
	fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
	fs.writeFileSync(path.join(dataDir, 'pg_ident.conf'), '');
	if (asRoot) execFileSync('chown', ['-R', 'postgres:', dataDir]);
	try {
		pgTool('pg_ctl', ['-D', dataDir, '-l', path.join(tmp, 'replica.log'), '-w', '-t', '120', 'start']);
	} catch (err) {
		throw new Error(`the replica did not start: ${(err as Error).message}\n${fs.readFileSync(path.join(tmp, 'replica.log'), 'utf8')}`);
	}

	const primaryDb = new URL(primaryUrl);
	primaryDb.pathname = `/${dbName}`;
	const replicaDb = new URL(primaryDb);
	replicaDb.port = String(replicaPort);
	replica = new pg.Client({ connectionString: replicaDb.toString() });
	await until('the replica to accept connections', async () => (await replica.connect(), true));
	const { rows: recovery } = await replica.query('select pg_is_in_recovery() as standby');
	expect(recovery[0].standby).toBe(true);

	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-files-'));
	server = await startBuiltServer(240_000, {
		DATABASE_URL: primaryDb.toString(),
		DATABASE_REPLICA_URL: replicaDb.toString(),
		PELAK_MODE: 'demo',
		PELAK_SAMPLE_CITY: '1500',
		PELAK_FILES_DIR: filesDir
	});
	primary = new pg.Client({ connectionString: primaryDb.toString() });
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
	// the sample city has reached the replica
	await until('the replica to replay the sample city', async () => {
		const { rows: n } = await replica.query('select count(*)::int as n from parcels where id = $1', [parcel.id]);
		return n[0].n === 1;
	});
}, 600_000);

afterAll(async () => {
	await server?.stop();
	await replica?.end().catch(() => {});
	await primary?.end();
	if (dataDir && fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
		try {
			pgTool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
		} catch {
			/* already stopped */
		}
	}
	if (admin) {
		await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
		await admin.end();
	}
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

/** The last statements the app's replica connections ran (pg_stat_activity keeps an idle session's last query). */
async function replicaQueries(): Promise<string[]> {
	const { rows } = await replica.query('select query from pg_stat_activity where application_name = $1', [REPLICA_APP_NAME]);
	return rows.map((r) => r.query as string);
}

/** How many of the app's replica connections have started a statement since `t`. */
async function replicaQueriesSince(t: Date): Promise<number> {
	const { rows } = await replica.query('select count(*)::int as n from pg_stat_activity where application_name = $1 and query_start > $2', [REPLICA_APP_NAME, t]);
	return rows[0].n;
}

describe.runIf(primaryUrl && hasBinaries)('a streaming read replica (DATABASE_REPLICA_URL)', () => {
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
		pgTool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
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

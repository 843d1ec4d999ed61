/**
 * Two built servers against one PostgreSQL database, one user's requests interleaved between them:
 * nothing an instance keeps in memory may make the other answer wrongly. A staff session made on A
 * works on B; sign-in attempts are counted across both; a one-time code sent by A is taken by B, and
 * only once; a tile read on both is the same, and a case filed on B shows on A's next tile read while
 * a tile elsewhere keeps its ETag; a plain tile GET, answered on the fast path, is byte for byte what SvelteKit's
 * route answers. Needs PostgreSQL (DATABASE_URL or PELAK_TEST_PG); a database of its
 * own (a copy of this run's first start with the small sample city, `postgresCopy`) is made and dropped.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session.service';
import { ACCOUNT_THROTTLE, delayAfterFailures } from '../../src/lib/server/auth/sign-in-throttle';
import { tileAt, type TileCoord } from '../../src/lib/server/tiles/tile-coords';
import { postgresCopy, startBuiltServer, type PostgresCopy, type RunningServer } from './server';

const postgres = process.env.DATABASE_URL || process.env.PELAK_TEST_PG;
const DOCUMENTS = path.resolve(import.meta.dirname, '../fixtures/documents');

let a: RunningServer;
let b: RunningServer;
let copy: PostgresCopy | undefined;
let db: pg.Client;
/** A parcel without open cases, its district's code, and one far from it. */
let parcel: { id: number; district: string; lon: number; lat: number };
let far: { lon: number; lat: number };

beforeAll(async () => {
	if (!postgres) return;
	const settings = { PELAK_MODE: 'demo', PELAK_SAMPLE_CITY: '2000' };
	copy = await postgresCopy(postgres, settings);
	// documents must be on storage both instances share, as in any deployment of several
	const env = { ...settings, DATABASE_URL: copy.url, PELAK_FILES_DIR: copy.filesDir };
	a = await startBuiltServer(240_000, env);
	b = await startBuiltServer(240_000, env);
	db = new pg.Client({ connectionString: copy.url });
	await db.connect();
	const { rows } = await db.query(`
		select p.id, d.code as district, ST_X(c) as lon, ST_Y(c) as lat
		from parcels p join districts d on d.id = p.district_id
		cross join lateral (select ST_Transform(ST_PointOnSurface(p.geom), 4326) as c) pt
		where p.open_cases = 0 order by p.id limit 1`);
	parcel = { ...rows[0], id: Number(rows[0].id) }; // int8 arrives as text
	const other = await db.query(`
		select ST_X(c) as lon, ST_Y(c) as lat
		from (select ST_Transform(ST_PointOnSurface(geom), 4326) as c, geom from parcels) p
		order by ST_Distance(p.geom, (select geom from parcels where id = $1)) desc limit 1`, [parcel.id]);
	far = other.rows[0];
}, 600_000);

afterAll(async () => {
	await a?.stop();
	await b?.stop();
	await db?.end();
	await copy?.drop();
});

/** A form action as the browser's enhanced forms post it; answers SvelteKit's action JSON. */
async function action(server: RunningServer, pathAndAction: string, form: FormData | URLSearchParams, cookie?: string) {
	const response = await fetch(server.url + pathAndAction, {
		method: 'POST',
		headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json', ...(cookie ? { cookie } : {}) },
		body: form,
		redirect: 'manual'
	});
	const body = (await response.json()) as { type: string; status?: number; location?: string; data?: string };
	return { body, cookie: sessionCookieOf(response) };
}

function sessionCookieOf(response: Response): string | undefined {
	const set = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	return set?.split(';')[0];
}

async function tile(server: RunningServer, { z, x, y }: TileCoord) {
	const response = await fetch(`${server.url}/tiles/parcels/${z}/${x}/${y}.mvt`);
	expect(response.status).toBe(200);
	const bytes = new Uint8Array(await response.arrayBuffer());
	const layer = new VectorTile(new Pbf(bytes)).layers.parcels;
	const feature = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i)).find((f) => f.id === parcel.id);
	return { etag: response.headers.get('etag'), feature };
}

/** A GET as it went over the wire (no decompression), with the headers that say something about the answer. */
function raw(server: RunningServer, pathAndQuery: string, headers: Record<string, string> = {}) {
	return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
		http.get(server.url + pathAndQuery, { headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const { date: _d, connection: _c, 'keep-alive': _k, ...rest } = res.headers;
				resolve({ status: res.statusCode!, headers: rest, body: Buffer.concat(chunks) });
			});
		}).on('error', reject);
	});
}

describe.runIf(postgres)('two instances on one PostgreSQL database', () => {
	let staffCookie: string;

	it('lets a staff session made on one instance work on the other', async () => {
		const signIn = await action(a, '/login?/staff', new URLSearchParams({ username: `officer.d${parcel.district}`, password: DEMO_PASSWORD }));
		expect(signIn.body.type).toBe('redirect');
		staffCookie = signIn.cookie!;
		expect(staffCookie).toBeDefined();
		const onB = await fetch(`${b.url}/cartable`, { headers: { cookie: staffCookie }, redirect: 'manual' });
		expect(onB.status).toBe(200);
		const anonymous = await fetch(`${b.url}/cartable`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
	});

	it('counts sign-in attempts across both instances', async () => {
		const attempts: { status: number; sent: number; answered: number }[] = [];
		for (let i = 0; i < 11; i++) {
			const server = i % 2 ? b : a;
			const sent = Date.now();
			const { body } = await action(server, '/login?/staff', new URLSearchParams({ username: 'council', password: 'wrong password' }));
			attempts.push({ status: body.status!, sent, answered: Date.now() });
		}
		const statuses = attempts.map((x) => x.status);
		const failures = attempts.filter((x) => x.status === 401);
		// the free failures, then held back on both instances (the policy slows guessing down: once a
		// wait has passed the next wrong password is let in and answered 401, and doubles the wait)
		expect(statuses.slice(0, ACCOUNT_THROTTLE.freeFailures + 1), statuses.join()).toEqual(Array(ACCOUNT_THROTTLE.freeFailures + 1).fill(401));
		expect(statuses.every((s) => s === 401 || s === 429), statuses.join()).toBe(true);
		expect(statuses.some((s, i) => s === 429 && i % 2 === 0), statuses.join()).toBe(true);
		expect(statuses.some((s, i) => s === 429 && i % 2 === 1), statuses.join()).toBe(true);
		// every wrong password let in, whichever instance it reached, counted once in the one shared count
		const { rows } = await db.query(`select failures from sign_in_throttle where key = 'staff:council'`);
		expect(Number(rows[0].failures)).toBe(failures.length);
		// and let in only once the wait set by the failure before it (on either instance) had passed
		for (let n = 1; n < failures.length; n++) {
			expect(failures[n].answered - failures[n - 1].sent, statuses.join()).toBeGreaterThanOrEqual(delayAfterFailures(n, ACCOUNT_THROTTLE));
		}
	});

	it('takes a one-time code sent by one instance on the other, and only once', async () => {
		const person = { nationalId: '0010000011', mobile: '09120000001' };
		const asked = await action(a, '/login?/requestCode', new URLSearchParams(person));
		expect(asked.body.type).toBe('success');
		const { rows } = await db.query(`select body from outbox where recipient = $1 order by id desc limit 1`, [person.mobile]);
		const code = /\d{6}/.exec(rows[0].body)![0];
		const verified = await action(b, '/login?/verifyCode', new URLSearchParams({ ...person, code }));
		expect(verified.body.type).toBe('redirect');
		expect(verified.cookie).toBeDefined();
		const again = await action(a, '/login?/verifyCode', new URLSearchParams({ ...person, code }));
		expect(again.body.type).toBe('failure');
	});

	it('shows a case filed on one instance on the other instance’s next tile read, and keeps the tiles it did not touch', async () => {
		const at = tileAt(parcel.lon, parcel.lat, 16);
		const elsewhere = tileAt(far.lon, far.lat, 16);
		const [beforeA, beforeB, farBefore] = [await tile(a, at), await tile(b, at), await tile(a, elsewhere)];
		expect(beforeA.etag).toBe(beforeB.etag);
		expect(beforeA.feature).toBeDefined();
		expect(beforeA.feature!.properties.open_cases).toBeUndefined();

		const form = new FormData();
		form.set('requestType', 'bank_inquiry');
		form.set('ownerNationalId', '0010000021');
		const pdf = fs.readFileSync(path.join(DOCUMENTS, 'deed.pdf'));
		form.set('doc:deed', new File([pdf], 'deed.pdf', { type: 'application/pdf' }));
		form.set('doc:national_card', new File([pdf], 'national-card.pdf', { type: 'application/pdf' }));
		form.set('doc:bank_letter', new File([pdf], 'bank-letter.pdf', { type: 'application/pdf' }));
		const filed = await action(b, `/requests/new?parcel=${parcel.id}`, form, staffCookie);
		expect(filed.body, JSON.stringify(filed.body)).toMatchObject({ type: 'success' });

		const afterA = await tile(a, at);
		expect(afterA.feature?.properties.open_cases).toBe(1);
		expect(afterA.etag).not.toBe(beforeA.etag);
		expect((await tile(b, at)).etag).toBe(afterA.etag);
		expect((await tile(a, elsewhere)).etag).toBe(farBefore.etag);
	});

	it('answers plain tile GETs on the fast path with exactly what SvelteKit’s route answers', async () => {
		expect(a.log()).toContain('tiles on the fast path');
		const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15);
		const path = `/tiles/parcels/${z}/${x}/${y}.mvt`;
		await raw(a, path);
		// the warm tile is compressed off the request: wait for its gzip form
		let fast = await raw(a, path, { 'accept-encoding': 'gzip' });
		for (let i = 0; i < 50 && !fast.headers['content-encoding']; i++) {
			await new Promise((r) => setTimeout(r, 50));
			fast = await raw(a, path, { 'accept-encoding': 'gzip' });
		}
		// a query string is out of the ordinary: SvelteKit answers it, from the same cache
		for (const headers of [{ 'accept-encoding': 'gzip' }, {}, { 'if-none-match': fast.headers.etag! }] as Record<string, string>[]) {
			const viaFastPath = await raw(a, path, headers);
			const viaKit = await raw(a, `${path}?via=kit`, headers);
			expect(viaFastPath.status, JSON.stringify(headers)).toBe(viaKit.status);
			expect(viaFastPath.headers, JSON.stringify(headers)).toEqual(viaKit.headers);
			expect(Buffer.compare(viaFastPath.body, viaKit.body)).toBe(0);
		}
		expect(fast.headers['content-encoding']).toBe('gzip');
		expect(fast.headers['content-security-policy']).toBeDefined();
		const refused = await raw(a, '/tiles/buildingz/15/0/0.mvt', { cookie: 'lang=en' });
		expect(refused.status).toBe(404);
		expect(JSON.parse(refused.body.toString()).error.message).toMatch(/no tile layer "buildingz"/);
	});
});

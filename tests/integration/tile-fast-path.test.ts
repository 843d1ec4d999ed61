/**
 * The tile fast path (src/lib/server/tiles/tile-fast-path.ts) on a real Node HTTP server over a real
 * database, in front of the tile route as SvelteKit runs it (the route's GET, then the security
 * headers of hooks.server.ts, written by SvelteKit's own `setResponse`): a plain tile GET is answered
 * by the fast path with exactly the route's status, headers and bytes — from memory when cached,
 * rendered when not — a change shows on the next read, and everything out of the ordinary reaches
 * the route untouched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { setResponse } from '@sveltejs/kit/node';
import { GET as tileRoute } from '../../src/routes/tiles/[layer]/[z]/[x]/[y].mvt/+server';
import { withSecurityHeaders, type HeaderPolicy } from '../../src/lib/server/security/headers';
import { TileService } from '../../src/lib/server/tiles/tile.service';
import { registerTileFastPath, TILE_FAST_PATH, tileFastPath, tileSecurityHeaders } from '../../src/lib/server/tiles/tile-fast-path';
import { tileAt, type TileCoord } from '../../src/lib/server/tiles/tile-coords';
import { openTestDatabase, throughPlugins, type TestDatabase } from '../db';
import { buildTileCity, QueryCounter, type TileCity } from '../factories/tile-city';

const backendName = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const POLICY: HeaderPolicy = { https: false, extraOrigins: [] };

let database: TestDatabase;
let city: TileCity;
let counter: QueryCounter;
let service: TileService;
let server: http.Server;
let port: number;
/** Requests the route (SvelteKit's side) answered. */
let routeCalls = 0;
/** While set, the next render's statement fails (once). */
let failNextRender = false;

/** The route as SvelteKit runs it for a tile: GET, then hooks.server.ts's security headers, then setResponse. */
async function throughRoute(req: http.IncomingMessage, res: http.ServerResponse) {
	routeCalls++;
	const url = new URL(req.url!, `http://127.0.0.1:${port}`);
	const match = /^\/tiles\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.mvt$/.exec(url.pathname);
	if (!match) {
		res.writeHead(404).end();
		return;
	}
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
	const request = new Request(url, { method: req.method, headers });
	const event = {
		params: { layer: match[1], z: match[2], x: match[3], y: match[4] },
		locals: { db: database.db, backend: database.backend, lang: 'en' as const, tiles: service },
		request,
		url
	};
	const response = withSecurityHeaders(await tileRoute(event as unknown as Parameters<typeof tileRoute>[0]), POLICY);
	await setResponse(res, req.method === 'HEAD' ? new Response(null, response) : response);
}

function startServer(): Promise<void> {
	const fast = tileFastPath(service, POLICY);
	server = http.createServer((req, res) => fast(req, res, () => void throughRoute(req, res)));
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			port = (server.address() as AddressInfo).port;
			resolve();
		})
	);
}

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

function request(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

/** The headers that say something about the tile (Node's own date and connection ones left out). */
function tileHeaders(headers: http.IncomingHttpHeaders) {
	const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
	return rest;
}

const url = (layer: string, { z, x, y }: TileCoord) => `/tiles/${layer}/${z}/${x}/${y}.mvt`;

/** The same tile through the route: a query string is out of the ordinary, so the fast path passes it on. */
async function viaRoute(path: string, headers: Record<string, string> = {}) {
	const before = routeCalls;
	const answer = await request(`${path}?via=route`, headers);
	expect(routeCalls).toBe(before + 1);
	return answer;
}

function parcelIn(body: Buffer, parcel: number) {
	const layer = new VectorTile(new Pbf(body)).layers.parcels;
	return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i)).find((f) => f.id === parcel);
}

async function settled<T>(change: () => Promise<T>): Promise<T> {
	const heard = service.changesHeard;
	const result = await change();
	await service.settle(heard);
	return result;
}

beforeAll(async () => {
	database = await openTestDatabase();
	city = await buildTileCity(database.db);
	// a block of 100 small parcels 8 km from the others: a tile worth compressing
	await sql`insert into parcels (renovation_code, geom)
		select 'FP-' || i || '-' || j, ST_Multi(ST_MakeEnvelope(570000 + i * 10, 3612000 + j * 10, 570008 + i * 10, 3612008 + j * 10, 32639))
		from generate_series(0, 9) i, generate_series(0, 9) j`.execute(database.db);
});

beforeEach(async () => {
	await new Promise((r) => server?.close(r) ?? r(undefined));
	await service?.close();
	counter = new QueryCounter();
	// fails in transformResult: a tile's statement is sent compiled and never passes transformQuery
	const failing = {
		transformQuery: (args: Parameters<QueryCounter['transformQuery']>[0]) => args.node,
		transformResult: async ({ result }: { result: unknown }) => {
			if (failNextRender) {
				failNextRender = false;
				throw new Error('the database went away for a moment');
			}
			return result;
		}
	};
	service = new TileService(throughPlugins(database, counter, failing as never), 64 * 2 ** 20);
	await service.start();
	routeCalls = 0;
	await startServer();
});

afterAll(async () => {
	await new Promise((r) => server?.close(r) ?? r(undefined));
	await service?.close();
	await database?.close();
});

describe(`the tile fast path on ${backendName}`, () => {
	it('renders a missing tile and then serves it from memory, with the route’s status, headers and bytes', async () => {
		const path = url('parcels', city.tileOf(city.near, 16));
		const cold = await request(path);
		expect(routeCalls).toBe(0);
		expect(cold.status).toBe(200);
		expect(parcelIn(cold.body, city.near)?.properties.renovation_code).toBe('3-12-45');
		const queries = counter.count;
		expect(queries).toBeGreaterThan(0);

		const warm = await request(path);
		expect(counter.count).toBe(queries);
		expect(routeCalls).toBe(0);
		const route = await viaRoute(path);
		expect(tileHeaders(warm.headers)).toEqual(tileHeaders(route.headers));
		expect(warm.headers['content-security-policy']).toMatch(/default-src 'none'/);
		expect(warm.headers['x-content-type-options']).toBe('nosniff');
		expect(warm.headers['strict-transport-security']).toBeUndefined();
		expect(Buffer.compare(warm.body, route.body)).toBe(0);
		expect(Buffer.compare(warm.body, cold.body)).toBe(0);
	});

	it('answers 304 to the ETag it gave, as the route does, and the tile to any other', async () => {
		const path = url('parcels', city.tileOf(city.near, 16));
		const first = await request(path);
		const etag = first.headers.etag!;
		const revalidated = await request(path, { 'if-none-match': `W/"other", ${etag}` });
		expect(revalidated.status).toBe(304);
		expect(revalidated.body.byteLength).toBe(0);
		expect(routeCalls).toBe(0);
		const route = await viaRoute(path, { 'if-none-match': `W/"other", ${etag}` });
		expect(route.status).toBe(304);
		expect(tileHeaders(revalidated.headers)).toEqual(tileHeaders(route.headers));
		expect((await request(path, { 'if-none-match': '"something-else"' })).status).toBe(200);
	});

	it('sends the stored gzip form to a client that takes gzip, byte for byte the route’s', async () => {
		const { rows } = await sql<{ lon: number; lat: number }>`
			select ST_X(c) as lon, ST_Y(c) as lat from (select ST_Transform(ST_Centroid(geom), 4326) as c from parcels where renovation_code = 'FP-5-5') p`.execute(database.db);
		const path = url('parcels', tileAt(rows[0].lon, rows[0].lat, 16));
		const cold = await request(path, { 'accept-encoding': 'gzip' });
		// compressed off the request: the first answer goes out as it is
		expect(cold.headers['content-encoding']).toBeUndefined();
		let warm = cold;
		for (let i = 0; i < 100 && !warm.headers['content-encoding']; i++) {
			await new Promise((r) => setTimeout(r, 10));
			warm = await request(path, { 'accept-encoding': 'gzip, deflate, br' });
		}
		expect(warm.headers['content-encoding']).toBe('gzip');
		expect(Number(warm.headers['content-length'])).toBe(warm.body.byteLength);
		expect(Buffer.compare(gunzipSync(warm.body), cold.body)).toBe(0);
		expect(warm.headers.etag).toBe(cold.headers.etag);
		const route = await viaRoute(path, { 'accept-encoding': 'gzip, deflate, br' });
		expect(tileHeaders(warm.headers)).toEqual(tileHeaders(route.headers));
		expect(Buffer.compare(warm.body, route.body)).toBe(0);
		// gzip refused: the bytes as they are
		const plain = await request(path, { 'accept-encoding': 'gzip;q=0, identity' });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(Buffer.compare(plain.body, cold.body)).toBe(0);
		expect(routeCalls).toBe(1);
	});

	it('shows a filed case on the next read, and the tile it did not touch keeps its ETag', async () => {
		const nearPath = url('parcels', city.tileOf(city.near, 16));
		const farPath = url('parcels', city.tileOf(city.far, 16));
		expect(parcelIn((await request(nearPath)).body, city.near)?.properties.open_cases).toBeUndefined();
		const farBefore = await request(farPath);
		await settled(() =>
			database.db
				.insertInto('cases')
				.values({ parcel_id: city.near, tracking_code: 'TC-FAST-1', kind: 'permit', title_fa: 'پروانه', status: 'open' })
				.execute()
		);
		const after = await request(nearPath);
		expect(parcelIn(after.body, city.near)?.properties.open_cases).toBe(1);
		const queries = counter.count;
		expect((await request(farPath)).headers.etag).toBe(farBefore.headers.etag);
		expect(counter.count).toBe(queries);
		expect(routeCalls).toBe(0);
		await settled(() => database.db.deleteFrom('cases').where('tracking_code', '=', 'TC-FAST-1').execute());
		expect(parcelIn((await request(nearPath)).body, city.near)?.properties.open_cases).toBeUndefined();
	});

	it('renders on the fast path when the cache is off, as an instance with PELAK_TILE_CACHE_MB=0 does', async () => {
		await new Promise((r) => server.close(r));
		await service.close();
		service = new TileService(throughPlugins(database, counter), 0);
		await service.start();
		await startServer();
		const path = url('parcels', city.tileOf(city.near, 15));
		const first = await request(path);
		const queries = counter.count;
		const second = await request(path);
		expect(counter.count).toBeGreaterThan(queries);
		expect(routeCalls).toBe(0);
		expect(first.status).toBe(200);
		expect(parcelIn(first.body, city.near)).toBeDefined();
		expect(second.headers.etag).toBe(first.headers.etag);
		expect(tileHeaders(second.headers)).toEqual(tileHeaders((await viaRoute(path)).headers));
	});

	it('hands a render that failed to the route, which tries again', async () => {
		const path = url('parcels', city.tileOf(city.far, 15));
		failNextRender = true;
		const answer = await request(path);
		expect(failNextRender).toBe(false);
		expect(routeCalls).toBe(1);
		expect(answer.status).toBe(200);
		expect(parcelIn(answer.body, city.far)).toBeDefined();
	});

	it.each([
		['an unknown layer', '/tiles/buildingz/15/0/0.mvt', 'GET', 404],
		['a zoom out of range', '/tiles/parcels/23/0/0.mvt', 'GET', 400],
		['a column out of range', '/tiles/parcels/15/32768/0.mvt', 'GET', 400],
		['a signed index', '/tiles/parcels/15/-1/0.mvt', 'GET', 400],
		['a query string', '/tiles/parcels/15/0/0.mvt?v=2', 'GET', 200],
		['HEAD', '/tiles/parcels/15/0/0.mvt', 'HEAD', 200],
		// what SvelteKit answers to these (405, a decoded path, 404) its router decides, not the stand-in route here
		['POST', '/tiles/parcels/15/0/0.mvt', 'POST', null],
		['a percent-encoded path', '/tiles/parcel%73/15/0/0.mvt', 'GET', null],
		['a trailing slash', '/tiles/parcels/15/0/0.mvt/', 'GET', null],
		['a body', '/tiles/parcels/15/0/0.mvt', 'GET', null, { 'content-length': '0' }]
	] as [string, string, string, number | null, Record<string, string>?][])('passes %s on to SvelteKit', async (_what, path, method, status, headers) => {
		const answer = await request(path, headers ?? {}, method);
		expect(routeCalls).toBe(1);
		if (status !== null) expect(answer.status).toBe(status);
	});
});

describe('registering the fast path', () => {
	it('registers only with ORIGIN set, and sends HSTS only behind https', async () => {
		const slot = globalThis as Record<symbol, unknown>;
		delete slot[TILE_FAST_PATH];
		registerTileFastPath(service, [], undefined);
		expect(slot[TILE_FAST_PATH]).toBeUndefined();
		registerTileFastPath(service, [], 'not a url');
		expect(slot[TILE_FAST_PATH]).toBeUndefined();
		registerTileFastPath(service, [], 'http://127.0.0.1:3000');
		expect(typeof slot[TILE_FAST_PATH]).toBe('function');
		delete slot[TILE_FAST_PATH];

		const plain = tileSecurityHeaders({ https: false, extraOrigins: [] });
		const secure = tileSecurityHeaders({ https: true, extraOrigins: ['https://tiles.example.ir'] });
		expect(plain).not.toContain('strict-transport-security');
		expect(secure).toContain('strict-transport-security');
		expect(plain).toContain('content-security-policy');
		expect(plain).not.toContain('content-type');
	});
});

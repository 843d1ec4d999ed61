/**
 * The parcel API's route handlers, called directly with a minimal RequestEvent: status codes and
 * bodies for good input, bad input (400, never 500) and unknown parcels (404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildParcelCity, toLonLat, type ParcelCity } from '../factories/parcel-city';
import { GET as parcelAt } from '../../src/routes/api/parcels/at/+server';
import { GET as parcelById } from '../../src/routes/api/parcels/[id]/+server';
import { GET as search } from '../../src/routes/api/search/+server';
import type { ApiError, ParcelDetail, SearchHit } from '../../src/lib/api/parcel';
import type { Lang } from '../../src/lib/i18n';

let database: TestDatabase;
let f: ParcelCity;
beforeAll(async () => {
	database = await openTestDatabase();
	f = await buildParcelCity(database.db);
});
afterAll(async () => {
	await database?.close();
});

type Handler = (event: never) => Promise<Response> | Response;

/** Calls a handler as SvelteKit would, with only what our handlers read. */
async function call(handler: Handler, path: string, params: Record<string, string> = {}, lang: Lang = 'en') {
	const url = new URL(path, 'http://pelak.test');
	const event = { url, params, locals: { db: database.db, readDb: database.replica, backend: database.backend, lang }, request: new Request(url) };
	const response = await handler(event as never);
	return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

describe(`GET /api/parcels/at (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('answers the parcel under the point', async () => {
		const [lon, lat] = await toLonLat(database.db, 10, 20);
		const res = await call(parcelAt, `/api/parcels/at?lon=${lon}&lat=${lat}`);
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/application\/json/);
		const body = res.body as ParcelDetail;
		expect(body).toMatchObject({ id: f.p1, renovation_code: '3-101-001' });
		expect(body.capacity?.remaining_floor_area_m2).toBeCloseTo(350, 1);
	});

	it('answers 404 JSON where there is no parcel', async () => {
		const [lon, lat] = await toLonLat(database.db, 60, 0);
		const res = await call(parcelAt, `/api/parcels/at?lon=${lon}&lat=${lat}`);
		expect(res.status).toBe(404);
		expect((res.body as ApiError).error.code).toBe('no_parcel_at_point');
	});

	it.each([
		['/api/parcels/at?lat=32.6', 'missing_coordinate', /longitude/],
		['/api/parcels/at?lon=51.6', 'missing_coordinate', /latitude/],
		['/api/parcels/at?lon=abc&lat=32.6', 'invalid_coordinate', /longitude .*"abc"/],
		['/api/parcels/at?lon=0x10&lat=32.6', 'invalid_coordinate', /longitude/],
		['/api/parcels/at?lon=51.6&lat=Infinity', 'invalid_coordinate', /latitude/],
		['/api/parcels/at?lon=181&lat=32.6', 'coordinate_out_of_range', /between -180 and 180/],
		['/api/parcels/at?lon=51.6&lat=-91', 'coordinate_out_of_range', /between -90 and 90/],
		['/api/parcels/at?lon=2.35&lat=48.85', 'outside_city_area', /outside the city's area.*EPSG:32639/]
	])('refuses %s with 400 %s', async (path, code, message) => {
		const res = await call(parcelAt, path);
		expect(res.status).toBe(400);
		expect((res.body as ApiError).error.code).toBe(code);
		expect((res.body as ApiError).error.message).toMatch(message);
	});

	it('names the problem in Persian by default', async () => {
		const res = await call(parcelAt, '/api/parcels/at?lon=abc&lat=32.6', {}, 'fa');
		expect(res.status).toBe(400);
		expect((res.body as ApiError).error.message).toContain('طول جغرافیایی');
	});

	it('reads coordinates typed in Persian digits', async () => {
		const [lon, lat] = await toLonLat(database.db, 40, 30);
		const persian = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
		const res = await call(parcelAt, `/api/parcels/at?lon=${encodeURIComponent(persian(lon))}&lat=${encodeURIComponent(persian(lat))}`);
		expect(res.status).toBe(200);
		expect((res.body as ParcelDetail).id).toBe(f.p2);
	});
});

describe('GET /api/parcels/:id', () => {
	it('answers the parcel detail with the contract fields', async () => {
		const res = await call(parcelById, `/api/parcels/${f.p1}`, { id: String(f.p1) });
		expect(res.status).toBe(200);
		const body = res.body as ParcelDetail;
		expect(body).toMatchObject({ id: f.p1, registration_plate: '1234/56' });
		expect(body.area_m2).toBeCloseTo(600, 1);
		expect(body.net_area_m2).toBeCloseTo(500, 1);
		expect(body.setback.area_m2).toBeCloseTo(100, 1);
		expect(body.capacity).toMatchObject({ governing_rule: 'density', max_floor_area_m2: 600, permitted_floor_area_m2: 250 });
		expect(body.open_cases.map((c) => c.tracking_code)).toEqual(['C-0001']);
		expect(body.geometry.type).toBe('MultiPolygon');
	});

	it('answers 404 JSON for an unknown id', async () => {
		const res = await call(parcelById, '/api/parcels/987654', { id: '987654' });
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ error: { code: 'parcel_not_found', message: 'No parcel has id 987654.' } });
	});

	it.each(['abc', '-3', '0', '1.5', '1e3', '99999999999999999999'])('refuses the id %s with 400', async (id) => {
		const res = await call(parcelById, `/api/parcels/${id}`, { id });
		expect(res.status).toBe(400);
		expect((res.body as ApiError).error.code).toBe('invalid_parcel_id');
		expect((res.body as ApiError).error.message).toContain(id);
	});
});

describe('GET /api/search', () => {
	it('answers hits for a renovation code', async () => {
		const res = await call(search, '/api/search?q=3-101-002');
		expect(res.status).toBe(200);
		const hits = (res.body as { hits: SearchHit[] }).hits;
		expect(hits[0]).toMatchObject({ id: f.p2, matched: 'renovation_code', label: '3-101-002' });
		expect(hits[0].centroid).toHaveLength(2);
		expect(hits[0].bbox).toHaveLength(4);
	});

	it('answers hits for a Persian-digit plate and respects the limit', async () => {
		const plate = await call(search, `/api/search?q=${encodeURIComponent('۱۲۳۴/۵۶')}`);
		expect((plate.body as { hits: SearchHit[] }).hits.map((h) => h.id)).toEqual([f.p1]);
		const limited = await call(search, '/api/search?q=3-101&limit=3');
		expect((limited.body as { hits: SearchHit[] }).hits).toHaveLength(3);
	});

	it('answers an empty list when nothing matches', async () => {
		const res = await call(search, `/api/search?q=${encodeURIComponent('هیچ‌جا')}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ hits: [] });
	});

	it.each([
		['/api/search', 'query_too_short'],
		['/api/search?q=%20a%20', 'query_too_short'],
		[`/api/search?q=${'x'.repeat(101)}`, 'query_too_long'],
		['/api/search?q=3-101&limit=0', 'invalid_limit'],
		['/api/search?q=3-101&limit=51', 'invalid_limit'],
		['/api/search?q=3-101&limit=ten', 'invalid_limit']
	])('refuses %s with 400 %s', async (path, code) => {
		const res = await call(search, path);
		expect(res.status).toBe(400);
		expect((res.body as ApiError).error.code).toBe(code);
	});
});

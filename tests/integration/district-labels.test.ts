/**
 * GET /api/districts/labels: one point per district, inside it even where its centroid is not (a
 * U-shaped district), and 304 while the districts are unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { E0, N0 } from '../factories/parcel-city';
import { GET } from '../../src/routes/api/districts/labels/+server';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	const wkt = (rings: string) => sql`ST_GeomFromText(${`MULTIPOLYGON(${rings})`}, ${TEST_SRID}::int)`;
	const at = (points: [number, number][]) => `((${points.map(([x, y]) => `${E0 + x} ${N0 + y}`).join(', ')}))`;
	// a U open to the north: its centroid (x 1500, y ≈ 1160) lies in the gap between the arms
	const u = at([[0, 0], [3000, 0], [3000, 3000], [2000, 3000], [2000, 1000], [1000, 1000], [1000, 3000], [0, 3000], [0, 0]]);
	// a square beside it
	const square = at([[5000, 0], [6000, 0], [6000, 1000], [5000, 1000], [5000, 0]]);
	await sql`insert into districts (code, name_fa, name_en, geom) values
		('1', 'منطقهٔ ۱', 'District 1', ${wkt(u)}),
		('2', 'منطقهٔ ۲', null, ${wkt(square)})`.execute(database.db);
});
afterAll(async () => {
	await database?.close();
});

async function labels(headers: Record<string, string> = {}) {
	const url = new URL('/api/districts/labels', 'http://pelak.test');
	const event = { url, params: {}, locals: { db: database.db, readDb: database.replica, backend: database.backend, lang: 'en' }, request: new Request(url, { headers }) };
	return GET(event as never);
}

describe(`GET /api/districts/labels (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('answers one WGS84 point per district with its code and names', async () => {
		const res = await labels();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/geo+json');
		const body = await res.json();
		expect(body.type).toBe('FeatureCollection');
		expect(body.features.map((f: { properties: object }) => f.properties)).toEqual([
			expect.objectContaining({ code: '1', name_fa: 'منطقهٔ ۱', name_en: 'District 1' }),
			expect.objectContaining({ code: '2', name_fa: 'منطقهٔ ۲', name_en: null })
		]);
		for (const f of body.features) {
			const [lon, lat] = f.geometry.coordinates;
			expect(lon).toBeGreaterThan(44);
			expect(lon).toBeLessThan(64);
			expect(lat).toBeGreaterThan(25);
			expect(lat).toBeLessThan(40);
		}
	});

	it('puts the name inside the district, well away from its edges, where its centroid is outside it', async () => {
		const body = await (await labels()).json();
		const [lon, lat] = body.features[0].geometry.coordinates;
		const { rows } = await sql<{ inside: boolean; centroid_inside: boolean; clearance: number }>`
			select ST_Contains(d.geom, p) as inside, ST_Contains(d.geom, ST_Centroid(d.geom)) as centroid_inside,
				ST_Distance(ST_Boundary(d.geom), p) as clearance
			from districts d, ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), ${TEST_SRID}::int) p
			where d.code = '1'`.execute(database.db);
		expect(rows[0].centroid_inside).toBe(false);
		expect(rows[0].inside).toBe(true);
		// the widest part of the U is its 1000 m base and arms: the label is about 500 m from any edge
		expect(rows[0].clearance).toBeGreaterThan(400);
	});

	it('answers 304 to the ETag it gave while the districts are unchanged, and a new one once they change', async () => {
		const first = await labels();
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^".+"$/);
		expect((await labels({ 'if-none-match': etag })).status).toBe(304);
		await sql`update districts set name_en = 'District Two' where code = '2'`.execute(database.db);
		const changed = await labels({ 'if-none-match': etag });
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(etag);
	});
});

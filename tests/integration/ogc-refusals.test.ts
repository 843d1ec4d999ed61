import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { COLLECTION_IDS, MAX_LIMIT } from '../../src/lib/server/ogc';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildOgcWorld, PUBLIC_PROPERTIES, SECRETS } from '../factories/ogc-world';
import { jsonOf, ogcClient } from '../ogc-client';

/** What the OGC API refuses to answer, and what it never publishes. */

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let get: ReturnType<typeof ogcClient>;

beforeAll(async () => {
	database = await openTestDatabase();
	await buildOgcWorld(database.db);
	get = ogcClient(database.db);
});
afterAll(async () => {
	await database?.close();
});

describe(`OGC API – Features: refusals (${backend})`, () => {
	async function refusal(address: string) {
		const response = await get(address);
		expect(response.status, address).toBe(400);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		return ((await response.json()) as { error: { code: string; message: string } }).error;
	}

	it('refuses unknown query parameters, naming them, on every endpoint', async () => {
		expect(await refusal('/ogc/collections/parcels/items?owner=x')).toMatchObject({ code: 'unknown_parameter', message: expect.stringContaining('"owner"') });
		expect(await refusal('/ogc/collections/parcels/items?offset=10')).toMatchObject({ code: 'unknown_parameter' });
		expect(await refusal('/ogc?bbox=1,2,3,4')).toMatchObject({ code: 'unknown_parameter', message: expect.stringContaining('"bbox"') });
		expect(await refusal('/ogc/collections/parcels/items/1?limit=2')).toMatchObject({ code: 'unknown_parameter' });
		expect(await refusal('/ogc/collections/parcels/items?limit=2&limit=3')).toMatchObject({ code: 'repeated_parameter' });
		expect(await refusal('/ogc/api?f=html')).toMatchObject({ code: 'unsupported_format' });
	});

	it('refuses a malformed bbox, limit or after with a message naming the problem', async () => {
		expect((await refusal('/ogc/collections/parcels/items?bbox=51,32,52')).message).toMatch(/four numbers.*it has 3/);
		expect((await refusal('/ogc/collections/parcels/items?bbox=51,32,x,33')).message).toContain('"x" in bbox is not a number');
		expect((await refusal('/ogc/collections/parcels/items?bbox=51,33,52,32')).message).toContain('south (33) is above the north (32)');
		expect((await refusal('/ogc/collections/parcels/items?bbox=51,32,52,95')).code).toBe('bbox_out_of_range');
		expect((await refusal('/ogc/collections/parcels/items?limit=0')).code).toBe('invalid_limit');
		expect((await refusal('/ogc/collections/parcels/items?limit=ten')).code).toBe('invalid_limit');
		expect((await refusal('/ogc/collections/parcels/items?after=-1')).code).toBe('invalid_after');
	});

	it('refuses in Persian by default', async () => {
		const response = await ogcClient(database.db, 'fa')('/ogc/collections/parcels/items?owner=x');
		expect(((await response.json()) as { error: { message: string } }).error.message).toContain('پارامتر «owner»');
	});
});

describe(`OGC API – Features: no personal data (${backend})`, () => {
	it('publishes only the allow-listed properties of every collection, and no private value anywhere', async () => {
		const bodies: string[] = [];
		for (const id of COLLECTION_IDS) {
			const response = await get(`/ogc/collections/${id}/items?limit=${MAX_LIMIT}`);
			bodies.push(await response.clone().text());
			const page = await jsonOf<FeatureCollection & { links: { rel: string }[] }>(response, 'application/geo+json');
			expect(page.links.some((l) => l.rel === 'next')).toBe(false);
			expect(page.features.length, id).toBeGreaterThan(0);
			for (const f of page.features) {
				expect(Object.keys(f.properties!), id).toEqual(PUBLIC_PROPERTIES[id]);
				const one = await get(`/ogc/collections/${id}/items/${f.id}`);
				bodies.push(await one.text());
			}
			bodies.push(await (await get(`/ogc/collections/${id}/schema`)).text());
		}
		for (const address of ['/ogc', '/ogc/api', '/ogc/collections']) bodies.push(await (await get(address)).text());
		const everything = bodies.join('\n');
		for (const [what, value] of Object.entries(SECRETS)) expect(everything.includes(value), what).toBe(false);
		expect(everything).not.toMatch(/postal|address|registration|registry|permit_no|permit_date|attributes|owner|national|mobile/i);
	});
});

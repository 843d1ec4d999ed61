import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import proj4 from 'proj4';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { COLLECTION_IDS, CONFORMANCE, findCollection, MAX_LIMIT, property } from '../../src/lib/server/ogc';
import { withDefaults, type CollectionSpec } from '../../src/lib/server/ogc/catalogue';
import { countItems, itemsQuery, selectItems } from '../../src/lib/server/ogc/ogc.repository';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { buildOgcWorld, E0, N0, PARCEL_H, PARCEL_W, PUBLIC_PROPERTIES, type OgcWorld } from '../factories/ogc-world';
import { jsonOf, ogcClient, ORIGIN } from '../ogc-client';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
/** The test database's storage CRS (TEST_SRID, EPSG:32639), for proj4. */
const UTM39N = '+proj=utm +zone=39 +datum=WGS84 +units=m +no_defs';

interface Link {
	href: string;
	rel: string;
	type: string;
}
type Page = FeatureCollection & { numberMatched?: number; numberReturned: number; timeStamp: string; links: Link[] };

let database: TestDatabase;
let world: OgcWorld;
let get: ReturnType<typeof ogcClient>;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildOgcWorld(database.db);
	get = ogcClient(database.db);
});
afterAll(async () => {
	await database?.close();
});

const linkOf = (links: Link[], rel: string) => links.find((l) => l.rel === rel);

/** Every page of a collection, following `next` links from `first`; the pages and their raw bodies. */
async function walk(first: string): Promise<{ pages: Page[]; bodies: string[] }> {
	const pages: Page[] = [];
	const bodies: string[] = [];
	let next: string | undefined = first;
	while (next) {
		const response = await get(next);
		const body = await response.clone().text();
		const page = await jsonOf<Page>(response, GEOJSON);
		pages.push(page);
		bodies.push(body);
		next = linkOf(page.links, 'next')?.href;
		expect(pages.length).toBeLessThan(100);
	}
	return { pages, bodies };
}

async function tableIds(table: string): Promise<number[]> {
	const { rows } = await sql<{ id: number }>`select id from ${sql.table(table)} order by id`.execute(database.db);
	return rows.map((r) => r.id);
}

describe(`OGC API – Features: landing page, conformance, API definition (${backend})`, () => {
	it('links the API definition, conformance and collections from the landing page, readable from any site', async () => {
		const response = await get('/ogc');
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		const landing = await jsonOf<{ title: string; links: Link[] }>(response, JSON_TYPE);
		expect(linkOf(landing.links, 'self')).toMatchObject({ href: `${ORIGIN}/ogc`, type: JSON_TYPE });
		expect(linkOf(landing.links, 'service-desc')).toMatchObject({ href: `${ORIGIN}/ogc/api`, type: 'application/vnd.oai.openapi+json;version=3.0' });
		expect(linkOf(landing.links, 'conformance')).toMatchObject({ href: `${ORIGIN}/ogc/conformance`, type: JSON_TYPE });
		expect(linkOf(landing.links, 'data')).toMatchObject({ href: `${ORIGIN}/ogc/collections`, type: JSON_TYPE });
	});

	it('declares the core, GeoJSON and OpenAPI 3.0 conformance classes', async () => {
		const { conformsTo } = await jsonOf<{ conformsTo: string[] }>(await get('/ogc/conformance?f=json'), JSON_TYPE);
		expect(conformsTo).toEqual(CONFORMANCE);
		expect(conformsTo).toEqual([
			'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
			'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
			'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30'
		]);
	});

	it('describes every collection and parameter in an OpenAPI 3.0 document whose references all resolve', async () => {
		const doc = await jsonOf<Record<string, any>>(await get('/ogc/api'), 'application/vnd.oai.openapi+json;version=3.0');
		expect(doc.openapi).toMatch(/^3\.0\./);
		expect(doc.servers[0].url).toBe(`${ORIGIN}/ogc`);
		expect(doc.components.parameters.limit).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { minimum: 1, maximum: MAX_LIMIT, default: 10 } });
		expect(doc.components.parameters.bbox).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'array', minItems: 4, maxItems: 6 } });
		// QGIS reads a form/explode:false parameter other than bbox, limit, … as a filter on a property of that name
		for (const name of ['after', 'f']) expect(doc.components.parameters[name], name).not.toHaveProperty('explode');
		for (const id of COLLECTION_IDS) {
			const names = doc.paths[`/collections/${id}/items`].get.parameters.map((p: { $ref: string }) => p.$ref.split('/').pop());
			expect(names.sort()).toEqual(['after', 'bbox', 'f', 'limit']);
			expect(Object.keys(doc.components.schemas[`${id}.feature`].properties.properties.properties)).toEqual(PUBLIC_PROPERTIES[id]);
			expect(doc.paths[`/collections/${id}/items/{featureId}`]).toBeDefined();
		}
		const refs: string[] = [];
		JSON.stringify(doc, (key, value) => (key === '$ref' && refs.push(value), value));
		expect(refs.length).toBeGreaterThan(50);
		for (const ref of refs) {
			const target = ref.slice(2).split('/').reduce((node, part) => node?.[part], doc);
			expect(target, ref).toBeDefined();
		}
	});
});

describe(`OGC API – Features: collections (${backend})`, () => {
	it('lists every public collection with its CRS84 extent and typed links', async () => {
		const { collections } = await jsonOf<{ collections: any[] }>(await get('/ogc/collections'), JSON_TYPE);
		expect(collections.map((c) => c.id)).toEqual(Object.keys(PUBLIC_PROPERTIES));
		const [west, south] = proj4(UTM39N, 'EPSG:4326', [E0, N0]);
		const parcels = collections.find((c) => c.id === 'parcels');
		expect(parcels.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
		const [w, s, e, n] = parcels.extent.spatial.bbox[0];
		expect(w).toBeCloseTo(west, 4);
		expect(s).toBeCloseTo(south, 4);
		expect(e).toBeGreaterThan(w);
		expect(n).toBeGreaterThan(s);
		for (const c of collections) {
			expect(linkOf(c.links, 'items')).toEqual(expect.objectContaining({ href: `${ORIGIN}/ogc/collections/${c.id}/items`, type: GEOJSON }));
			expect(linkOf(c.links, 'describedby')).toEqual(expect.objectContaining({ type: 'application/schema+json' }));
		}
	});

	it('answers one collection, and 404 for a table that is not published', async () => {
		const streets = await jsonOf<{ id: string; title: string }>(await get('/ogc/collections/streets'), JSON_TYPE);
		expect(streets).toMatchObject({ id: 'streets', title: 'Streets' });
		for (const hidden of ['users', 'cases', 'one_time_codes', '__proto__', 'constructor']) {
			const response = await get(`/ogc/collections/${hidden}`);
			expect(response.status).toBe(404);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe('collection_not_found');
			expect((await get(`/ogc/collections/${hidden}/items`)).status).toBe(404);
		}
	});

	it('types each collection’s fields in its JSON Schema (numbers stay numbers whatever the first page holds)', async () => {
		const schema = await jsonOf<any>(await get('/ogc/collections/streets/schema'), 'application/schema+json');
		expect(schema.properties.properties.properties).toEqual({
			name_fa: { type: 'string' },
			name_en: { type: 'string' },
			class: { type: 'string' },
			width_m: { type: 'number' },
			planned_width_m: { type: 'number' }
		});
	});
});

describe(`OGC API – Features: items (${backend})`, () => {
	it('pages every collection through its next links, each feature exactly once in id order', async () => {
		for (const id of COLLECTION_IDS) {
			const { pages } = await walk(`/ogc/collections/${id}/items?limit=4`);
			const ids = pages.flatMap((p) => p.features.map((f) => f.id as number));
			expect(ids, id).toEqual(await tableIds(id));
			expect(pages[0].numberMatched, id).toBe(ids.length);
			pages.forEach((p) => expect(p.numberReturned).toBe(p.features.length));
		}
	});

	it('pages the parcels four at a time across the id gaps, with typed self, next and collection links', async () => {
		const { pages } = await walk('/ogc/collections/parcels/items?limit=4');
		expect(world.parcelIds).toHaveLength(33);
		expect(pages.map((p) => p.numberReturned)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 1]);
		expect(pages[0].numberMatched).toBe(33);
		expect(pages.slice(1).every((p) => p.numberMatched === undefined)).toBe(true);
		const first = pages[0];
		expect(linkOf(first.links, 'self')).toEqual(expect.objectContaining({ href: `${ORIGIN}/ogc/collections/parcels/items?limit=4`, type: GEOJSON }));
		expect(linkOf(first.links, 'next')).toEqual(
			expect.objectContaining({ href: `${ORIGIN}/ogc/collections/parcels/items?limit=4&after=${world.parcelIds[3]}`, type: GEOJSON })
		);
		expect(linkOf(first.links, 'collection')).toEqual(expect.objectContaining({ href: `${ORIGIN}/ogc/collections/parcels`, type: JSON_TYPE }));
		expect(linkOf(pages[8].links, 'next')).toBeUndefined();
		expect(new Date(first.timeStamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	it('gives CRS84 geometry and intact Persian text', async () => {
		const page = await jsonOf<Page>(await get('/ogc/collections/districts/items'), GEOJSON);
		expect(page.features.map((f) => f.properties!.name_fa)).toEqual([...world.districtNames.values()]);
		expect(page.features[1].properties!.name_en).toBeNull();
		const parcel = await jsonOf<Feature<MultiPolygon>>(await get(`/ogc/collections/parcels/items/${world.parcelIds[0]}`), GEOJSON);
		const [lon, lat] = proj4(UTM39N, 'EPSG:4326', [E0, N0]);
		const corners = parcel.geometry.coordinates[0][0];
		expect(corners.some(([x, y]) => Math.abs(x - lon) < 1e-7 && Math.abs(y - lat) < 1e-7)).toBe(true);
		expect(parcel.properties).toEqual({ renovation_code: '1-07-00', district_code: '1', block_code: '1-07', area_m2: PARCEL_W * PARCEL_H });
		expect(linkOf((parcel as unknown as { links: Link[] }).links, 'self')?.type).toBe(GEOJSON);
	});

	it('returns exactly the features that meet a CRS84 bbox, counted, and keeps the bbox in the next links', async () => {
		// Meridians lean in UTM (about 0.36° here): the box's east edge, 0.5 m east of the 4th column's
		// west side at the bottom, passes west of it 80 m further north. So the 4th column's lower parcels
		// meet the box and its upper ones do not, though all of them lie in the box's UTM envelope.
		const toLonLat = (x: number, y: number) => proj4(UTM39N, 'EPSG:4326', [x, y]);
		const [west, south] = toLonLat(E0 + 1.5 * PARCEL_W, N0 - 10);
		const [east] = toLonLat(E0 + 3 * PARCEL_W + 0.5, N0 - 10);
		const [, north] = toLonLat(E0 + 1.5 * PARCEL_W, N0 + 3.5 * PARCEL_H);
		const { rows } = await sql<{ id: number; renovation_code: string }>`
			select id, renovation_code from parcels
			where ST_Intersects(ST_Transform(geom, 4326), ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326))
			order by id`.execute(database.db);
		const codes = rows.map((r) => r.renovation_code);
		expect(codes).toContain('1-07-30');
		expect(codes).not.toContain('1-07-33');
		const { pages } = await walk(`/ogc/collections/parcels/items?bbox=${west},${south},${east},${north}&limit=3`);
		expect(pages.flatMap((p) => p.features.map((f) => f.id))).toEqual(rows.map((r) => r.id));
		expect(pages[0].numberMatched).toBe(rows.length);
		expect(linkOf(pages[0].links, 'next')?.href).toContain(`bbox=${west},${south},${east},${north}&limit=3&after=`);
	});

	it('follows a wide box’s edges as parallels, not as straight lines between its corners', async () => {
		// Across 0.2° (19 km) a parallel bows about 4.5 m away from the chord between its ends in UTM; a
		// small overlay 1 m north of the box's south edge, at its middle, must be found.
		const [lon0, lat0] = proj4(UTM39N, 'EPSG:4326', [E0, N0 - 2000]);
		const [xm, ym] = proj4('EPSG:4326', UTM39N, [lon0, lat0]);
		const probe = await database.db
			.insertInto('overlays')
			.values({
				kind: 'probe',
				name_fa: 'آزمون لبهٔ کادر',
				geom: sql<string>`ST_Multi(ST_MakeEnvelope(${xm - 1}::float8, ${ym + 1}::float8, ${xm + 1}::float8, ${ym + 3}::float8, ${TEST_SRID}::int))`
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		try {
			const bbox = [lon0 - 0.1, lat0, lon0 + 0.1, lat0 + 0.01].join(',');
			const page = await jsonOf<Page>(await get(`/ogc/collections/overlays/items?bbox=${bbox}`), GEOJSON);
			expect(page.features.map((f) => f.id)).toEqual([probe.id]);
		} finally {
			await database.db.deleteFrom('overlays').where('id', '=', probe.id).execute();
		}
	});

	it('reads a box as wide as the world and a box far from the city without error', async () => {
		const world6 = await jsonOf<Page>(await get('/ogc/collections/parcels/items?bbox=-180,-90,0,180,90,1000&limit=100'), GEOJSON);
		expect(world6.numberReturned).toBe(33);
		const brazil = await jsonOf<Page>(await get('/ogc/collections/parcels/items?bbox=-50,-20,-40,-10'), GEOJSON);
		expect(brazil).toMatchObject({ numberMatched: 0, numberReturned: 0, features: [] });
	});

	it('serves a limit above the maximum as the maximum', async () => {
		const page = await jsonOf<Page>(await get('/ogc/collections/parcels/items?limit=50000'), GEOJSON);
		expect(page.numberReturned).toBe(33);
		expect(linkOf(page.links, 'self')?.href).toContain(`limit=${MAX_LIMIT}`);
	});

	it('answers one feature by id, and 404 for an id that names none', async () => {
		const { rows } = await sql<{ id: number }>`select id from streets where class = 'arterial'`.execute(database.db);
		const street = await jsonOf<Feature>(await get(`/ogc/collections/streets/items/${rows[0].id}`), GEOJSON);
		expect(street).toMatchObject({ type: 'Feature', id: rows[0].id, properties: { name_fa: 'خیابان چهارباغ عباسی', width_m: 24, class: 'arterial' } });
		for (const missing of ['999999', '0', 'abc', '1.5']) {
			const response = await get(`/ogc/collections/streets/items/${missing}`);
			expect(response.status, missing).toBe(404);
			expect(response.headers.get('access-control-allow-origin')).toBe('*');
		}
	});
});

describe(`OGC API – Features: the SQL (${backend})`, () => {
	const parcels = () => findCollection('parcels')!;

	it('finds a bbox’s parcels through the GiST index on the stored geometry', async () => {
		const query = itemsQuery(parcels(), { bbox: { west: 51.63, south: 32.63, east: 51.64, north: 32.64 }, after: null, limit: 11 }, TEST_SRID);
		const plan = await database.db.transaction().execute(async (trx) => {
			// on a few dozen rows a sequential scan is cheaper; forbid it so the test checks the index is usable
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
		expect(plan).toMatch(/parcels_geom_idx/);
	});

	it('counts exactly up to the cap, and gives no count above it', async () => {
		expect(await countItems(database.db, parcels(), null, TEST_SRID, 33)).toBe(33);
		expect(await countItems(database.db, parcels(), null, TEST_SRID, 32)).toBeNull();
	});

	it('publishes a new collection from a catalogue entry alone, dates as YYYY-MM-DD', async () => {
		const spec: CollectionSpec = {
			table: 'buildings',
			title: { fa: 'پروانه‌ها', en: 'Permits' },
			description: { fa: 'آزمون', en: 'test' },
			geometryType: 'MultiPolygon',
			properties: { floors: property.integer(), permit_date: property.date('permit_date') }
		};
		const rows = await selectItems(database.db, withDefaults('permits', spec), { bbox: null, after: null, limit: 10 }, TEST_SRID);
		expect(rows.map((r) => r.properties)).toEqual([
			{ floors: 3, permit_date: '2024-03-05' },
			{ floors: 2, permit_date: null }
		]);
	});
});

/**
 * The tile cache against a real database: open cases kept on the parcel by triggers, a warm tile
 * served without the database, and each change evicting exactly the tiles it touches, at every zoom,
 * before the write is answered — in this instance and, on PostgreSQL, in another one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import type { DB } from '../../src/lib/server/db';
import { openDatabase, type Database } from '../../src/lib/server/db/database';
import { TILE_LAYER_NAMES } from '../../src/lib/map/tile-layers';
import { tileAt } from '../../src/lib/server/tiles/tile-coords';
import { gunzipSync } from 'node:zlib';
import { TileService, tileResponse } from '../../src/lib/server/tiles/tile.service';
import { openTestDatabase, throughPlugins, type TestDatabase } from '../db';
import { buildTileCity, QueryCounter, tileParams, type TileCity } from '../factories/tile-city';

const backendName = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const onPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
let city: TileCity;
let counter: QueryCounter;
let tiles: TileService;

beforeAll(async () => {
	database = await openTestDatabase();
	city = await buildTileCity(database.db);
});

beforeEach(async () => {
	await tiles?.close();
	counter = new QueryCounter();
	tiles = new TileService(throughPlugins(database, counter), 64 * 2 ** 20);
	await tiles.start();
});

afterAll(async () => {
	await tiles?.close();
	await database?.close();
});

async function openCasesOf(db: Kysely<DB>, parcel: number) {
	const { rows } = await sql<{ kept: number; counted: number }>`
		select p.open_cases as kept, (select count(*)::int from cases c where c.parcel_id = p.id and c.status = 'open') as counted
		from parcels p where p.id = ${parcel}`.execute(db);
	return rows[0];
}

let caseSeq = 0;
function fileCase(db: Kysely<DB>, parcel: number, status: 'open' | 'closed' = 'open') {
	return db
		.insertInto('cases')
		.values({ parcel_id: parcel, tracking_code: `TC-${++caseSeq}`, kind: 'permit', title_fa: 'پروانه', status })
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** The parcel's feature in the parcels tile holding its centre at z. */
async function parcelFeature(service: TileService, parcel: number, z: number) {
	const tile = await service.tile(tileParams('parcels', city.tileOf(parcel, z)));
	const layer = new VectorTile(new Pbf(tile.bytes)).layers.parcels;
	const feature = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i)).find((f) => f.id === parcel);
	return { etag: tile.etag, properties: feature?.properties };
}

/** A write as a request makes it: the mark before, the settle after (hooks.server.ts). */
async function write<T>(service: TileService, change: () => Promise<T>): Promise<T> {
	const heard = service.changesHeard;
	const result = await change();
	await service.settle(heard);
	return result;
}

describe(`open cases kept on the parcel on ${backendName}`, () => {
	it('follows every filing, closing, reopening, move and deletion, whoever writes it', async () => {
		const db = database.db;
		await db.insertInto('cases').values([
			{ parcel_id: city.near, tracking_code: `TC-${++caseSeq}`, kind: 'permit', title_fa: 'پروانه', status: 'open' },
			{ parcel_id: city.near, tracking_code: `TC-${++caseSeq}`, kind: 'inquiry', title_fa: 'استعلام', status: 'open' },
			{ parcel_id: city.far, tracking_code: `TC-${++caseSeq}`, kind: 'inquiry', title_fa: 'استعلام', status: 'closed' }
		]).execute();
		expect(await openCasesOf(db, city.near)).toEqual({ kept: 2, counted: 2 });
		expect(await openCasesOf(db, city.far)).toEqual({ kept: 0, counted: 0 });

		const { id } = await fileCase(db, city.near);
		expect((await openCasesOf(db, city.near)).kept).toBe(3);
		await db.updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute();
		expect((await openCasesOf(db, city.near)).kept).toBe(2);
		await db.updateTable('cases').set({ status: 'open', parcel_id: city.far }).where('id', '=', id).execute();
		expect(await openCasesOf(db, city.near)).toEqual({ kept: 2, counted: 2 });
		expect(await openCasesOf(db, city.far)).toEqual({ kept: 1, counted: 1 });
		// a statement touching many cases at once (an import, a console)
		await db.updateTable('cases').set({ status: 'closed' }).where('parcel_id', 'in', [city.near, city.far]).execute();
		expect(await openCasesOf(db, city.near)).toEqual({ kept: 0, counted: 0 });
		expect(await openCasesOf(db, city.far)).toEqual({ kept: 0, counted: 0 });
		await db.deleteFrom('cases').where('tracking_code', 'like', 'TC-%').execute();
		expect(await openCasesOf(db, city.near)).toEqual({ kept: 0, counted: 0 });
	});

	it('forgets a case that was rolled back', async () => {
		const rollback = new Error('rollback');
		await expect(
			database.db.transaction().execute(async (trx) => {
				await fileCase(trx, city.near);
				expect((await openCasesOf(trx, city.near)).kept).toBe(1);
				throw rollback;
			})
		).rejects.toBe(rollback);
		expect((await openCasesOf(database.db, city.near)).kept).toBe(0);
	});

	it.runIf(onPostgres)('counts both of two cases filed on one parcel by two transactions at once', async () => {
		let firstFiled!: () => void;
		const filed = new Promise<void>((resolve) => (firstFiled = resolve));
		let letFirstCommit!: () => void;
		const commit = new Promise<void>((resolve) => (letFirstCommit = resolve));
		const first = database.db.transaction().execute(async (trx) => {
			await fileCase(trx, city.near);
			firstFiled();
			await commit;
		});
		await filed;
		// the second waits on the first's lock on the parcel row, then adds to what the first committed
		const second = database.db.transaction().execute((trx) => fileCase(trx, city.near));
		await new Promise((r) => setTimeout(r, 100));
		letFirstCommit();
		await Promise.all([first, second]);
		expect(await openCasesOf(database.db, city.near)).toEqual({ kept: 2, counted: 2 });
		await database.db.deleteFrom('cases').where('parcel_id', '=', city.near).execute();
	});
});

describe(`the tile cache on ${backendName}`, () => {
	it('serves a repeated tile from memory, without asking the database', async () => {
		const first = await tiles.tile(tileParams('parcels', city.tileOf(city.near, 16)));
		const queries = counter.count;
		expect(queries).toBeGreaterThan(0);
		const again = await tiles.tile(tileParams('parcels', city.tileOf(city.near, 16)));
		expect(again.etag).toBe(first.etag);
		expect(counter.count).toBe(queries);
	});

	it('keeps a warm tile gzip-compressed beside its bytes and answers with the stored form', async () => {
		// a block of 100 small parcels 8 km from the others: a tile worth compressing
		await sql`insert into parcels (renovation_code, geom)
			select 'GZ-' || i || '-' || j, ST_Multi(ST_MakeEnvelope(570000 + i * 10, 3612000 + j * 10, 570008 + i * 10, 3612008 + j * 10, 32639))
			from generate_series(0, 9) i, generate_series(0, 9) j`.execute(database.db);
		const { rows } = await sql<{ lon: number; lat: number }>`
			select ST_X(c) as lon, ST_Y(c) as lat from (select ST_Transform(ST_Centroid(geom), 4326) as c from parcels where renovation_code = 'GZ-5-5') p`.execute(database.db);
		const params = tileParams('parcels', tileAt(rows[0].lon, rows[0].lat, 16));
		const cold = await tiles.tile(params);
		expect(cold.bytes.byteLength).toBeGreaterThan(512);
		// compressed off the request: the first answer goes out as it is
		let warm = await tiles.tile(params);
		for (let i = 0; i < 100 && !warm.gzip; i++) {
			await new Promise((r) => setTimeout(r, 10));
			warm = await tiles.tile(params);
		}
		expect(warm.gzip).toBeDefined();
		expect(Buffer.compare(gunzipSync(warm.gzip!), Buffer.from(cold.bytes))).toBe(0);
		expect(warm.etag).toBe(cold.etag);

		const zipped = tileResponse(warm, null, 'gzip, deflate, br');
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('vary')).toBe('accept-encoding');
		// one ETag for the tile whichever encoding it went out in, so it stays stable while the tile is unchanged
		expect(zipped.headers.get('etag')).toBe(`W/${cold.etag}`);
		expect(tileResponse(cold, null, 'gzip').headers.get('etag')).toBe(`W/${cold.etag}`);
		expect(Number(zipped.headers.get('content-length'))).toBe(warm.gzip!.byteLength);
		const plain = tileResponse(warm, null, null);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(new Uint8Array(await plain.arrayBuffer())).toEqual(new Uint8Array(cold.bytes));
		expect(tileResponse(warm, null, 'gzip;q=0, identity').headers.get('content-encoding')).toBeNull();
		// the ETag revalidates the unchanged tile, weak or strong
		expect(tileResponse(warm, zipped.headers.get('etag'), 'gzip').status).toBe(304);
		expect(tileResponse(warm, cold.etag, 'gzip').status).toBe(304);
		expect(tileResponse(warm, '"something-else"', 'gzip').status).toBe(200);
	});

	it('shows a filed case on the next read at every zoom, and keeps untouched tiles and their ETags', async () => {
		const zooms = [15, 16, 18, 22];
		for (const z of zooms) expect((await parcelFeature(tiles, city.near, z)).properties?.open_cases, `z${z}`).toBeUndefined();
		const farBefore = await parcelFeature(tiles, city.far, 16);
		const { id } = await write(tiles, () => fileCase(database.db, city.near));
		for (const z of zooms) expect((await parcelFeature(tiles, city.near, z)).properties?.open_cases, `z${z}`).toBe(1);
		const queries = counter.count;
		expect((await parcelFeature(tiles, city.far, 16)).etag).toBe(farBefore.etag);
		expect(counter.count).toBe(queries);

		await write(tiles, () => database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute());
		expect((await parcelFeature(tiles, city.near, 16)).properties?.open_cases).toBeUndefined();
	});

	it('drops both the tiles a parcel left and those it entered', async () => {
		const before = await parcelFeature(tiles, city.near, 16);
		expect(before.properties).toBeDefined();
		const farTile = city.tileOf(city.far, 16);
		const farBefore = await tiles.tile(tileParams('parcels', farTile));
		const moveTo = (x: number) =>
			write(tiles, () =>
				database.db
					.updateTable('parcels')
					.set({ geom: sql<string>`ST_Multi(ST_MakeEnvelope(${x}::float8, 3612600, ${x + 20}::float8, 3612630, 32639))` })
					.where('id', '=', city.near)
					.execute()
			);
		await moveTo(565740); // beside the far parcel
		expect((await parcelFeature(tiles, city.near, 16)).properties).toBeUndefined();
		expect((await tiles.tile(tileParams('parcels', farTile))).etag).not.toBe(farBefore.etag);
		await moveTo(562700);
		expect((await parcelFeature(tiles, city.near, 16)).etag).toBe(before.etag);
		expect((await tiles.tile(tileParams('parcels', farTile))).etag).toBe(farBefore.etag);
	});

	it('gives a tile rendered again after a change that altered nothing in it the same ETag', async () => {
		const before = await parcelFeature(tiles, city.near, 16);
		const queries = counter.count;
		await write(tiles, () => database.db.updateTable('parcels').set({ address: 'خیابان حافظ' }).where('id', '=', city.near).execute());
		const after = await parcelFeature(tiles, city.near, 16);
		expect(counter.count).toBeGreaterThan(queries); // evicted and rendered again
		expect(after.etag).toBe(before.etag);
	});

	it('keeps the tiles of rows an update left as they were', async () => {
		await parcelFeature(tiles, city.near, 16);
		const queries = counter.count;
		await write(tiles, () => database.db.updateTable('parcels').set({ address: sql`address`, geom: sql`geom` }).execute());
		await parcelFeature(tiles, city.near, 16);
		expect(counter.count).toBe(queries);
	});

	it('evicts the zoning tiles a changed zone touches', async () => {
		const at = tileParams('zoning', city.tileOf(city.near, 14));
		const before = await tiles.tile(at);
		await write(tiles, () => database.db.updateTable('zoning_zones').set({ max_floors: 5 }).execute());
		const after = await tiles.tile(at);
		expect(after.etag).not.toBe(before.etag);
		await write(tiles, () => database.db.updateTable('zoning_zones').set({ max_floors: 4 }).execute());
		expect((await tiles.tile(at)).etag).toBe(before.etag);
	});

	it.runIf(onPostgres)('does not keep a render that read the rows a change replaced', async () => {
		const at = tileParams('parcels', city.tileOf(city.near, 17));
		let release!: () => void;
		counter.gate = new Promise<void>((resolve) => (release = resolve));
		const stale = tiles.tile(at); // its statement runs now; its result is held back
		await new Promise((r) => setTimeout(r, 50));
		await write(tiles, () => fileCase(database.db, city.near));
		release();
		counter.gate = null;
		expect((await stale).bytes).toBeDefined();
		const fresh = await parcelFeature(tiles, city.near, 17);
		expect(fresh.properties?.open_cases).toBe(1);
		await write(tiles, () => database.db.deleteFrom('cases').where('parcel_id', '=', city.near).execute());
	});

	it('answers a write at once when it changed no tile', async () => {
		const started = Date.now();
		await write(tiles, () => sql`select 1`.execute(database.db));
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe.runIf(onPostgres)('two instances on one PostgreSQL database', () => {
	let other: Database;
	let otherTiles: TileService;

	beforeAll(async () => {
		other = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 2 });
		otherTiles = new TileService(other, 64 * 2 ** 20);
		await otherTiles.start();
	});

	afterAll(async () => {
		await otherTiles?.close();
		await other?.close();
	});

	it('evicts the changed tile in the other instance before the write is answered', async () => {
		expect((await parcelFeature(otherTiles, city.near, 16)).properties?.open_cases).toBeUndefined();
		await write(tiles, () => fileCase(database.db, city.near));
		expect((await parcelFeature(otherTiles, city.near, 16)).properties?.open_cases).toBe(1);
		await write(otherTiles, () => database.db.deleteFrom('cases').where('parcel_id', '=', city.near).execute());
		expect((await parcelFeature(tiles, city.near, 16)).properties?.open_cases).toBeUndefined();
	});
});

describe(`tile change reporting on ${backendName}`, () => {
	it('has a table reporting the changes of every layer in the catalogue', async () => {
		const { rows } = await sql<{ layer: string }>`
			select distinct convert_from(substring(t.tgargs from 1 for position('\\000'::bytea in t.tgargs) - 1), 'UTF8') as layer
			from pg_trigger t where t.tgfoid = 'pelak_tiles_changed'::regproc`.execute(database.db);
		const reported = rows.map((r) => r.layer);
		for (const layer of TILE_LAYER_NAMES) {
			expect(reported, `${layer}: add SELECT pelak_track_tile_layer('<table>', '${layer}') to its migration`).toContain(layer);
		}
	});
});

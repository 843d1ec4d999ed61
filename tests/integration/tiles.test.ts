import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import type { DB } from '../../src/lib/server/db';
import { statementsOn, type Backend, type Statements } from '../../src/lib/server/db/database';
import { tileLayer, type TileLayerName } from '../../src/lib/server/tiles/layers';
import { TILE_LAYER_NAMES, tileFieldsAt } from '../../src/lib/map/tile-layers';
import { tileAt, tilePixelTransform, type TileCoord } from '../../src/lib/server/tiles/tile-coords';
import { ringArea } from '../../src/lib/server/tiles/mvt-encoder';
import { mvtTileQuery, selectMvtTile, tileFeaturesQuery, tileStatement } from '../../src/lib/server/tiles/tile.repository';
import { prepared } from '../../src/lib/server/db/prepared';
import { MVT_CONTENT_TYPE, renderTile, tileBytes, tileServiceOf } from '../../src/lib/server/tiles/tile.service';
import { GET as tileRoute } from '../../src/routes/tiles/[layer]/[z]/[x]/[y].mvt/+server';
import { GET as layersRoute } from '../../src/routes/tiles/layers.json/+server';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';

let database: TestDatabase;
/** The known parcel's id, its Web Mercator bbox, and the z15 tile holding its centre. */
let parcelId: number;
let courtyardId: number;
let parcelCentre: { lon: number; lat: number };
let parcelBox: { xmin: number; ymin: number; xmax: number; ymax: number };
let parcelTile: TileCoord;

const rect = (x0: number, y0: number, x1: number, y1: number) =>
	`${x0} ${y0}, ${x1} ${y0}, ${x1} ${y1}, ${x0} ${y1}, ${x0} ${y0}`;
const polygon = (wkt: string) => sql<string>`ST_Multi(ST_GeomFromText(${wkt}, ${TEST_SRID}))`;

beforeAll(async () => {
	database = await openTestDatabase();
	const db = database.db;
	// A small piece of city in UTM 39N, near Isfahan's historic core (≈ 51.67 E, 32.65 N).
	const district = await db
		.insertInto('districts')
		.values({ code: '3', name_fa: 'منطقه ۳', name_en: 'District 3', geom: polygon(`POLYGON((${rect(560000, 3610000, 566000, 3616000)}))`) })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('blocks')
		.values({ code: '3-12', district_id: district.id, geom: polygon(`POLYGON((${rect(562000, 3612000, 563000, 3613000)}))`) })
		.execute();
	const arterial = await db
		.insertInto('streets')
		.values({
			name_fa: 'خیابان چهارباغ',
			name_en: 'Chaharbagh St',
			class: 'arterial',
			width_m: 30,
			planned_width_m: 35.5,
			geom: sql<string>`ST_Multi(ST_GeomFromText('LINESTRING(560000 3612500, 566000 3612500)', ${TEST_SRID}))`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('streets')
		.values({
			name_fa: 'کوچه گلستان',
			class: 'local',
			width_m: 8,
			geom: sql<string>`ST_Multi(ST_GeomFromText('LINESTRING(562500 3612000, 562500 3613000)', ${TEST_SRID}))`
		})
		.execute();
	await db
		.insertInto('widening_lines')
		.values({
			street_id: arterial.id,
			planned_width_m: 35.5,
			geom: sql<string>`ST_Multi(ST_GeomFromText('LINESTRING(560000 3612517.75, 566000 3612517.75)', ${TEST_SRID}))`
		})
		.execute();
	await db
		.insertInto('zoning_zones')
		.values({
			code: 'R121',
			land_use: 'residential',
			density_pct: 240,
			occupancy_pct: 60,
			max_floors: 4,
			geom: polygon(`POLYGON((${rect(562000, 3612000, 564000, 3614000)}))`)
		})
		.execute();
	await db
		.insertInto('overlays')
		.values({
			kind: 'heritage',
			name_fa: 'حریم میدان نقش جهان',
			name_en: 'Naqsh-e Jahan buffer',
			max_height_m: 12.5,
			geom: polygon(`POLYGON((${rect(562000, 3612000, 562600, 3612600)}))`)
		})
		.execute();
	const parcel = await db
		.insertInto('parcels')
		.values({ renovation_code: '3-12-45', district_id: district.id, geom: polygon(`POLYGON((${rect(562700, 3612600, 562720, 3612630)}))`) })
		.returning('id')
		.executeTakeFirstOrThrow();
	parcelId = parcel.id;
	// a parcel around a courtyard: the hole must survive as a hole
	courtyardId = (
		await db
			.insertInto('parcels')
			.values({
				renovation_code: '3-12-46',
				geom: polygon(`POLYGON((${rect(562600, 3612600, 562640, 3612640)}), (${rect(562610, 3612610, 562620, 3612620)}))`)
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await db
		.insertInto('cases')
		.values([
			{ parcel_id: parcelId, tracking_code: 'T-1', kind: 'permit', title_fa: 'پروانه', status: 'open' },
			{ parcel_id: parcelId, tracking_code: 'T-2', kind: 'inquiry', title_fa: 'استعلام', status: 'open' },
			{ parcel_id: parcelId, tracking_code: 'T-3', kind: 'inquiry', title_fa: 'استعلام', status: 'closed' }
		])
		.execute();

	// an approved trench in the street beside the parcel, 10 m × 0.8 m
	const utility = await db.insertInto('organisations').values({ code: 'abfa', kind: 'water', name_fa: 'آبفا' }).returning('id').executeTakeFirstOrThrow();
	await db
		.insertInto('excavation_works')
		.values({
			reference: 'EXC-1405-00001',
			organisation_id: utility.id,
			purpose: 'repair',
			category: 'standard',
			status: 'approved',
			starts_on: '2026-12-01',
			ends_on: '2026-12-10',
			features: '[]',
			footprint: polygon(`POLYGON((${rect(562690, 3612600, 562700, 3612600.8)}))`),
			length_m: 10
		})
		.execute();

	const { rows } = await sql<{ lon: number; lat: number; xmin: number; ymin: number; xmax: number; ymax: number }>`
		select ST_X(c) as lon, ST_Y(c) as lat, ST_XMin(g) as xmin, ST_YMin(g) as ymin, ST_XMax(g) as xmax, ST_YMax(g) as ymax
		from (select ST_Transform(ST_Centroid(geom), 4326) as c, geom_3857 as g from parcels where id = ${parcelId}) p`.execute(db);
	parcelBox = rows[0];
	parcelCentre = rows[0];
	parcelTile = tileAt(rows[0].lon, rows[0].lat, 15);
});

afterAll(async () => {
	await database?.close();
});

function decode(bytes: Uint8Array) {
	return new VectorTile(new Pbf(bytes));
}

function params(layer: string, { z, x, y }: TileCoord) {
	return { layer, z: String(z), x: String(x), y: String(y) };
}

/** The z15 tile of the known parcel, zoomed to z (its parent or child holding the same centre). */
function around(z: number): TileCoord {
	const shift = z - parcelTile.z;
	return shift >= 0
		? { z, x: parcelTile.x * 2 ** shift, y: parcelTile.y * 2 ** shift }
		: { z, x: Math.floor(parcelTile.x / 2 ** -shift), y: Math.floor(parcelTile.y / 2 ** -shift) };
}

const backendName = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
// On PostgreSQL both encoders can run: ST_AsMVT (what the server uses there) and ours (the embedded one).
const encoders: { name: string; backend: Backend }[] = process.env.DATABASE_URL
	? [
			{ name: 'ST_AsMVT', backend: 'postgres' },
			{ name: 'TypeScript encoder', backend: 'embedded' }
		]
	: [{ name: 'TypeScript encoder', backend: 'embedded' }];

describe.each(encoders)(`vector tiles on ${backendName} through $name`, ({ backend }) => {
	async function layerOf(name: TileLayerName, tile: TileCoord, db: Kysely<DB> = database.db) {
		const bytes = await tileBytes(db, backend, { layer: tileLayer(name), tile });
		return { bytes, layer: bytes.byteLength ? decode(bytes).layers[name] : undefined };
	}

	it('puts the known parcel in its z15 tile at the right pixels, with its id as the feature id and its open cases', async () => {
		const { layer } = await layerOf('parcels', parcelTile);
		expect(layer?.name).toBe('parcels');
		expect(layer!.extent).toBe(4096);
		const features = Array.from({ length: layer!.length }, (_, i) => layer!.feature(i));
		const parcel = features.find((f) => f.id === parcelId);
		expect(parcel).toBeDefined();
		expect(parcel!.type).toBe(3);
		// z15 carries no id or renovation code field (the size budget); open_cases only where there are any
		expect(parcel!.properties).toEqual({ open_cases: 2 });
		expect(features.find((f) => f.id !== parcelId)!.properties).toEqual({});

		const { a, e, xoff, yoff } = tilePixelTransform(parcelTile);
		const clamp = (v: number) => Math.min(Math.max(v, -64), 4096 + 64);
		const [x1, y1, x2, y2] = parcel!.bbox();
		expect(Math.abs(x1 - clamp(a * parcelBox.xmin + xoff))).toBeLessThanOrEqual(2);
		expect(Math.abs(x2 - clamp(a * parcelBox.xmax + xoff))).toBeLessThanOrEqual(2);
		// y grows downwards: the north edge (ymax) is the smaller pixel row
		expect(Math.abs(y1 - clamp(e * parcelBox.ymax + yoff))).toBeLessThanOrEqual(2);
		expect(Math.abs(y2 - clamp(e * parcelBox.ymin + yoff))).toBeLessThanOrEqual(2);
	});

	it('carries id and renovation code from zoom 16 on', async () => {
		const { layer } = await layerOf('parcels', tileAt(parcelCentre.lon, parcelCentre.lat, 16));
		const features = Array.from({ length: layer!.length }, (_, i) => layer!.feature(i));
		expect(features.find((f) => f.id === parcelId)!.properties).toEqual({ id: parcelId, renovation_code: '3-12-45', open_cases: 2 });
		for (const other of features.filter((f) => f.id !== parcelId)) {
			expect(other.properties).toEqual({ id: other.id, renovation_code: expect.stringMatching(/^3-12-/) });
		}
	});

	it('keeps every vertex within the tile and its buffer, exteriors clockwise and holes as holes', async () => {
		const { layer } = await layerOf('parcels', parcelTile);
		const courtyard = Array.from({ length: layer!.length }, (_, i) => layer!.feature(i)).find((f) => f.id === courtyardId);
		const rings = courtyard!.loadGeometry();
		expect(rings).toHaveLength(2);
		const areas = rings.map((ring) => ringArea(ring.map((p) => [p.x, p.y])));
		expect(areas[0]).toBeGreaterThan(0);
		expect(areas[1]).toBeLessThan(0);
		for (let i = 0; i < layer!.length; i++) {
			for (const ring of layer!.feature(i).loadGeometry()) {
				for (const p of ring) {
					expect(p.x).toBeGreaterThanOrEqual(-64);
					expect(p.x).toBeLessThanOrEqual(4160);
					expect(p.y).toBeGreaterThanOrEqual(-64);
					expect(p.y).toBeLessThanOrEqual(4160);
				}
			}
		}
	});

	it('repairs a self-intersecting (bow-tie) parcel into valid polygon parts', async () => {
		const rollback = new Error('rollback');
		await expect(
			database.db.transaction().execute(async (trx) => {
				// the database refuses invalid polygons (parcels_geom_valid, migrations/0155); lifted inside this
				// rolled-back transaction, a stored bow-tie stands for a polygon that snapping to the tile's grid breaks
				await sql`alter table parcels drop constraint parcels_geom_valid`.execute(trx);
				const bowTie = 'POLYGON((562650 3612650, 562670 3612670, 562670 3612650, 562650 3612670, 562650 3612650))';
				const { id } = await trx
					.insertInto('parcels')
					.values({ renovation_code: '3-12-98', geom: sql<string>`ST_Multi(ST_GeomFromText(${bowTie}, ${TEST_SRID}))` })
					.returning('id')
					.executeTakeFirstOrThrow();
				const { layer } = await layerOf('parcels', parcelTile, trx);
				const feature = Array.from({ length: layer!.length }, (_, i) => layer!.feature(i)).find((f) => f.id === id);
				expect(feature?.type).toBe(3);
				const rings = feature!.loadGeometry();
				// two triangles meeting at the crossing, each an exterior ring
				expect(rings).toHaveLength(2);
				for (const ring of rings) expect(ringArea(ring.map((p) => [p.x, p.y]))).toBeGreaterThan(0);
				throw rollback;
			})
		).rejects.toBe(rollback);
	});

	it('serves no parcels below zoom 15 and no blocks below zoom 14', async () => {
		expect((await layerOf('parcels', around(14))).bytes.byteLength).toBe(0);
		expect((await layerOf('blocks', around(13))).bytes.byteLength).toBe(0);
		expect((await layerOf('blocks', around(14))).layer?.length).toBe(1);
	});

	it('draws arterials from zoom 11 and local streets only from zoom 14', async () => {
		const classesAt = async (z: number) => {
			const { layer } = await layerOf('streets', around(z));
			return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i).properties.class).sort();
		};
		expect(await classesAt(10)).toEqual([]);
		expect(await classesAt(12)).toEqual(['arterial']);
		expect(await classesAt(14)).toEqual(['arterial', 'local']);
	});

	it('carries the properties each layer promises', async () => {
		const first = async (name: TileLayerName, z: number) => (await layerOf(name, around(z))).layer!.feature(0);
		expect((await first('zoning', 14)).properties).toMatchObject({ code: 'R121', land_use: 'residential', density_pct: 240, max_floors: 4 });
		expect((await first('overlays', 14)).properties).toMatchObject({ kind: 'heritage', name_en: 'Naqsh-e Jahan buffer', max_height_m: 12.5 });
		expect((await first('districts', 12)).properties).toMatchObject({ code: '3', name_fa: 'منطقه ۳', name_en: 'District 3' });
		const street = await first('streets', 12);
		expect(street.type).toBe(2);
		expect(street.properties).toMatchObject({ name_fa: 'خیابان چهارباغ', class: 'arterial', width_m: 30, planned_width_m: 35.5 });
		const widening = await first('widening_lines', 14);
		expect(widening.properties).toMatchObject({ planned_width_m: 35.5 });
		expect(typeof widening.properties.street_id).toBe('number');
	});

	it('serves each layer from exactly the zoom /tiles/layers.json names, which is where the map starts asking', async () => {
		const listed = (await (await layersRoute({} as Parameters<typeof layersRoute>[0])).json()) as {
			layers: { id: TileLayerName; minzoom: number; maxzoom: number }[];
		};
		expect(listed.layers.map((l) => l.id)).toEqual(TILE_LAYER_NAMES);
		for (const { id, minzoom } of listed.layers.filter((l) => l.minzoom > 0)) {
			expect((await layerOf(id, around(minzoom - 1))).bytes.byteLength, `${id} at z${minzoom - 1}`).toBe(0);
			expect((await layerOf(id, around(minzoom))).layer?.length, `${id} at z${minzoom}`).toBeGreaterThan(0);
		}
	});

	it('answers an empty tile far from the city', async () => {
		expect((await layerOf('districts', { z: 15, x: 0, y: 0 })).bytes.byteLength).toBe(0);
	});

	it('keeps the ETag while the tile is unchanged and changes it with the data', async () => {
		const renderParcels = (db: Kysely<DB>) => renderTile(db, backend, params('parcels', parcelTile));
		const before = await renderParcels(database.db);
		expect((await renderParcels(database.db)).etag).toBe(before.etag);
		expect(before.etag).toMatch(/^"[\w-]+"$/);
		// a new parcel in the same tile, rolled back afterwards so the other tests see the same city
		const rollback = new Error('rollback');
		await expect(
			database.db.transaction().execute(async (trx) => {
				await trx
					.insertInto('parcels')
					.values({ renovation_code: '3-12-99', geom: polygon(`POLYGON((${rect(562650, 3612650, 562670, 3612670)}))`) })
					.execute();
				expect((await renderParcels(trx)).etag).not.toBe(before.etag);
				throw rollback;
			})
		).rejects.toBe(rollback);
		expect((await renderParcels(database.db)).etag).toBe(before.etag);
	});

	it('renders a tile’s features in id order, whatever order the rows are read in (stored order, parallel workers)', async () => {
		const rollback = new Error('rollback');
		await expect(
			database.db.transaction().execute(async (trx) => {
				// workers hand rows to the leader in whatever order they finish: the tile must not follow it
				for (const setting of ['parallel_setup_cost', 'parallel_tuple_cost', 'min_parallel_table_scan_size', 'min_parallel_index_scan_size']) {
					await sql`select set_config(${setting}, '0', true)`.execute(trx);
				}
				const idsOf = (bytes: Uint8Array) => {
					const layer = new VectorTile(new Pbf(bytes)).layers.parcels;
					return Array.from({ length: layer.length }, (_, i) => Number(layer.feature(i).id));
				};
				// three parcels stored in descending id order: a scan meets the highest first
				for (const [i, id] of [9_000_003, 9_000_002, 9_000_001].entries()) {
					const x = 562600 + i * 20;
					await trx
						.insertInto('parcels')
						.values({ id, renovation_code: `3-12-9${i}`, geom: polygon(`POLYGON((${rect(x, 3612600, x + 10, 3612610)}))`) })
						.execute();
				}
				const first = await renderTile(trx, backend, params('parcels', parcelTile));
				const ids = idsOf(first.bytes);
				expect(ids).toEqual(expect.arrayContaining([9_000_001, 9_000_002, 9_000_003]));
				expect(ids).toEqual([...ids].sort((a, b) => a - b));
				for (let i = 0; i < 3; i++) expect((await renderTile(trx, backend, params('parcels', parcelTile))).etag).toBe(first.etag);
				throw rollback;
			})
		).rejects.toBe(rollback);
	});

	it.runIf(hasOgrinfo())('reads back in GDAL’s MVT driver with the right layer and feature count', async () => {
		const { bytes, layer } = await layerOf('parcels', parcelTile);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-mvt-'));
		try {
			const file = path.join(dir, 'tile.mvt');
			fs.writeFileSync(file, bytes);
			const { z, x, y } = parcelTile;
			const out = execFileSync('ogrinfo', ['-ro', '-al', '-so', '-oo', `Z=${z}`, '-oo', `X=${x}`, '-oo', `Y=${y}`, file], {
				encoding: 'utf8'
			});
			expect(out).toMatch(/Layer name: parcels/);
			expect(out).toMatch(new RegExp(`Feature Count: ${layer!.length}\\b`));
			expect(out).toMatch(/open_cases: Integer/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe(`tile SQL on ${backendName}`, () => {
	it.each(TILE_LAYER_NAMES)('selects the catalogue’s fields for %s that its tiles carry at the zoom, and no other, typed as declared', async (name) => {
		const layer = tileLayer(name);
		const tile = around(Math.max(layer.minZoom, 14));
		const bbox = sql`ST_TileEnvelope(${tile.z}::int, ${tile.x}::int, ${tile.y}::int)`;
		const { rows } = await sql<Record<string, unknown>>`select * from (${layer.source(tile.z, bbox)}) f`.execute(database.db);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			// a layer's source may leave out below a zoom what its tiles do not carry there (excavations)
			const keys = Object.keys(row);
			expect(keys).toEqual(expect.arrayContaining(['fid', 'geom', ...tileFieldsAt(layer, tile.z)]));
			expect(keys.filter((key) => !['fid', 'geom', ...Object.keys(layer.fields)].includes(key))).toEqual([]);
			for (const [field, type] of Object.entries(layer.fields)) {
				if (!(field in row)) continue;
				const value = row[field];
				if (value === null) continue;
				if (type === 'string') expect(typeof value, field).toBe('string');
				else if (type === 'int') expect(Number.isInteger(value), `${field} = ${String(value)}`).toBe(true);
				else expect(typeof value, field).toBe('number');
			}
		}
	});

	it('finds a tile’s parcels through the GiST index on geom_3857', async () => {
		const query =
			database.backend === 'postgres'
				? mvtTileQuery(tileLayer('parcels'), parcelTile)
				: tileFeaturesQuery(tileLayer('parcels'), parcelTile);
		const plan = await database.db.transaction().execute(async (trx) => {
			// on a handful of rows a sequential scan is cheaper; forbid it so the test checks the index is usable
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
		expect(plan).toMatch(/parcels_geom_3857_idx/);
	});
});

describe.runIf(backendName === 'PostgreSQL')('tile statements prepared once per connection', () => {
	it('sends each tile the statement compiled for it, though compiled once per layer and zoom', () => {
		for (const name of TILE_LAYER_NAMES) {
			for (const z of [tileLayer(name).minZoom, 16]) {
				for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [3, 2]]) {
					const at = around(z);
					const tile = { z, x: at.x + dx, y: at.y + dy };
					const fresh = prepared(mvtTileQuery(tileLayer(name), tile)).compile(database.db);
					const sent = tileStatement(tileLayer(name), tile);
					expect(sent.sql, `${name} ${z}/${tile.x}/${tile.y}`).toBe(fresh.sql);
					expect(sent.parameters, `${name} ${z}/${tile.x}/${tile.y}`).toEqual(fresh.parameters);
				}
			}
		}
	});

	it('prepares a tile’s statement on the connection that renders it, and runs it again by name with the same bytes', async () => {
		const request = { layer: tileLayer('parcels'), tile: parcelTile };
		const compiled = mvtTileQuery(request.layer, parcelTile).compile(database.db);
		await database.db.connection().execute(async (conn) => {
			const prepared = () =>
				sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn).then((r) => r.rows);
			const first = await tileBytes(conn, 'postgres', request);
			expect(first.byteLength).toBeGreaterThan(0);
			const statements = await prepared();
			const tileStatement = statements.find((s) => s.statement.endsWith(compiled.sql));
			expect(tileStatement, 'the tile statement among the prepared ones').toBeDefined();
			// even once PostgreSQL plans it generically (its plan cache may, after five runs), same tile, index used
			await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
			try {
				const again = await tileBytes(conn, 'postgres', request);
				expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
				expect(await prepared()).toHaveLength(statements.length);
				await sql`set enable_seqscan = off`.execute(conn);
				const literals = compiled.parameters.map((p) => (typeof p === 'string' ? `'${p}'` : String(p))).join(', ');
				const { rows } = await sql<{ 'QUERY PLAN': string }>`explain execute ${sql.raw(tileStatement!.name)}(${sql.raw(literals)})`.execute(conn);
				expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/parcels_geom_3857_idx/);
			} finally {
				await sql`reset plan_cache_mode`.execute(conn);
				await sql`reset enable_seqscan`.execute(conn);
			}
			// a statement not marked is not prepared
			await sql`select 1 as one`.execute(conn);
			expect(await prepared()).toHaveLength(statements.length);
		});
	});

	it('renders tiles on connections of their own that keep one generic plan per statement; other statements are planned as before', async () => {
		const show = async (run: Statements) => (await run(sql<{ plan_cache_mode: string }>`show plan_cache_mode`.compile(database.db)))[0].plan_cache_mode;
		const tiles = database.tilesOn(database.db);
		expect(await show(tiles)).toBe('force_generic_plan');
		expect(await show(statementsOn(database.db))).toBe('auto');
		// without a replica, reads from "the replica" are the primary's: the same tile connections
		expect(database.tilesOn(database.replica)).toBe(tiles);
		// every layer's tile statement, run the service's way, is executed on its generic plan, never
		// planned per tile. Each statement is lent a connection by the pool for itself alone; one after
		// another they get the same one (the pool lends the connection released last)
		for (const name of TILE_LAYER_NAMES) {
			const layer = tileLayer(name);
			for (const z of [layer.minZoom, 16]) {
				const at = around(z);
				const n = 2 ** z;
				for (const [dx, dy] of [[0, 0], [1, 0], [0, 1]]) await selectMvtTile(tiles, layer, { z, x: (at.x + dx) % n, y: (at.y + dy) % n });
			}
		}
		const rows = await tiles(
			sql<{ statement: string; generic_plans: number; custom_plans: number }>`
				select statement, generic_plans, custom_plans from pg_prepared_statements where name like 'pelak_%'`.compile(database.db)
		);
		expect(rows.length).toBeGreaterThanOrEqual(TILE_LAYER_NAMES.length);
		for (const row of rows) {
			expect(row.custom_plans, row.statement.slice(0, 200)).toBe(0);
			expect(row.generic_plans).toBeGreaterThanOrEqual(3);
		}
	});
});

describe(`GET /tiles/<layer>/<z>/<x>/<y>.mvt on ${backendName}`, () => {
	async function get(layer: string, z: string, x: string, y: string, headers: Record<string, string> = {}) {
		const url = `http://localhost/tiles/${layer}/${z}/${x}/${y}.mvt`;
		const event = {
			params: { layer, z, x, y },
			locals: { db: database.db, backend: database.backend, lang: 'en' as const, tiles: tileServiceOf(database, 0) },
			request: new Request(url, { headers }),
			url: new URL(url)
		};
		return tileRoute(event as unknown as Parameters<typeof tileRoute>[0]);
	}
	const at = (tile: TileCoord) => [String(tile.z), String(tile.x), String(tile.y)] as const;

	it('answers a tile with its content type, ETag and cache policy, and 304 when the client has it', async () => {
		const res = await get('parcels', ...at(parcelTile));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(MVT_CONTENT_TYPE);
		// browsers ask again each time, so a change shows on the next read (a 304 from memory when unchanged)
		expect(res.headers.get('cache-control')).toBe('public, no-cache');
		const etag = res.headers.get('etag')!;
		const body = new Uint8Array(await res.arrayBuffer());
		expect(decode(body).layers.parcels.length).toBe(2);
		const again = await get('parcels', ...at(parcelTile), { 'if-none-match': `W/"other", ${etag}` });
		expect(again.status).toBe(304);
		expect(again.headers.get('etag')).toBe(etag);
		expect((await again.arrayBuffer()).byteLength).toBe(0);
	});

	it('answers an empty 200 tile outside the layer’s zoom range', async () => {
		const res = await get('parcels', ...at(around(12)));
		expect(res.status).toBe(200);
		expect((await res.arrayBuffer()).byteLength).toBe(0);
	});

	it('refuses an unknown layer with 404, naming it and the known layers', async () => {
		const res = await get('buildingz', '15', '0', '0');
		expect(res.status).toBe(404);
		const body = await res.json();
		expect(body.error.code).toBe('unknown_tile_layer');
		expect(body.error.message).toMatch(/buildingz/);
		expect(body.error.message).toMatch(/parcels/);
		expect(body.error.message).toMatch(/zoning/);
	});

	it.each([
		['23', '0', '0', 'invalid_tile_zoom'],
		['15', '32768', '0', 'invalid_tile_index'],
		['15', '0', '32768', 'invalid_tile_index'],
		['abc', '0', '0', 'invalid_tile_coordinate'],
		['15', '-3', '0', 'invalid_tile_coordinate'],
		['15', '1', '2.5', 'invalid_tile_coordinate']
	])('refuses z=%s x=%s y=%s with 400 %s', async (z, x, y, code) => {
		const res = await get('parcels', z, x, y);
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect((await res.json()).error.code).toBe(code);
	});
});

function hasOgrinfo(): boolean {
	try {
		execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		console.warn('[tiles.test] ogrinfo is not on PATH: skipping the GDAL read-back check');
		return false;
	}
}

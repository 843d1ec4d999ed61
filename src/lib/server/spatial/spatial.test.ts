import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import proj4 from 'proj4';
import type { MultiPolygon } from 'geojson';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../../../../tests/db';
import {
	asGeoJson,
	bboxColumns,
	lonLatColumns,
	lonLatToStorage,
	pointOnSurfaceWgs84,
	storageGeom,
	storageSrid,
	toWgs84,
	wgs84Geom
} from '.';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

/** UTM 39N (the test database's storage CRS), computed outside PostGIS to check it against. */
const UTM39N = '+proj=utm +zone=39 +datum=WGS84 +units=m +no_defs';
const toUtm = (lon: number, lat: number) => proj4('EPSG:4326', UTM39N, [lon, lat]);
const toLonLat = (x: number, y: number) => proj4(UTM39N, 'EPSG:4326', [x, y]);

/** An L-shaped parcel (its centroid falls outside it) near Isfahan's Naqsh-e Jahan square, in UTM 39N. */
const L_SHAPE: [number, number][] = [
	[563500, 3613100],
	[563600, 3613100],
	[563600, 3613110],
	[563510, 3613110],
	[563510, 3613200],
	[563500, 3613200],
	[563500, 3613100]
];
const lShape = sql<string>`ST_Multi(ST_GeomFromText(${`POLYGON((${L_SHAPE.map((p) => p.join(' ')).join(', ')}))`}, ${TEST_SRID}::int))`;

describe(`spatial helpers (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('reads the storage CRS once per database handle', async () => {
		const first = storageSrid(database.db);
		expect(await first).toBe(TEST_SRID);
		expect(storageSrid(database.db)).toBe(first);
	});

	it('puts a WGS84 longitude/latitude at the right storage-CRS coordinates', async () => {
		const naqshJahan = { lon: 51.6776, lat: 32.6546 };
		const { rows } = await sql<{ x: number; y: number; srid: number }>`
			select ST_X(pt) as x, ST_Y(pt) as y, ST_SRID(pt) as srid
			from (select ${lonLatToStorage(naqshJahan, TEST_SRID)} as pt) q`.execute(database.db);
		const [x, y] = toUtm(naqshJahan.lon, naqshJahan.lat);
		expect(rows[0].srid).toBe(TEST_SRID);
		// PostGIS's PROJ and proj4js agree to well under a millimetre
		expect(rows[0].x).toBeCloseTo(x, 3);
		expect(rows[0].y).toBeCloseTo(y, 3);
		expect(rows[0].x).toBeCloseTo(563544.68, 1);
	});

	it('sends the point as query parameters, never as SQL text', () => {
		const { sql: text, parameters } = lonLatToStorage({ lon: 51.6776, lat: 32.6546 }, TEST_SRID).compile(database.db);
		expect(text).not.toMatch(/51\.6776|32\.6546/);
		expect(parameters).toEqual([51.6776, 32.6546, 4326, TEST_SRID]);
	});

	it('gives stored geometry back as WGS84 GeoJSON to 7 decimals, with its bbox and a point inside it', async () => {
		const { rows } = await sql<{
			geometry: MultiPolygon;
			west: number;
			south: number;
			east: number;
			north: number;
			inside_lon: number;
			inside_lat: number;
		}>`
			select ${asGeoJson<MultiPolygon>(wgs84Geom('w.g'))} as geometry, ${bboxColumns(wgs84Geom('w.g'))},
				${lonLatColumns(pointOnSurfaceWgs84(storageGeom('s.g')), 'inside')}
			from (select ${lShape} as g) s
			cross join lateral (select ${toWgs84(storageGeom('s.g'))} as g) w`.execute(database.db);
		const row = rows[0];
		expect(row.geometry.type).toBe('MultiPolygon');
		const ring = row.geometry.coordinates[0][0];
		expect(ring).toHaveLength(L_SHAPE.length);
		ring.forEach(([lon, lat], i) => {
			const [expectedLon, expectedLat] = toLonLat(...L_SHAPE[i]);
			expect(lon).toBeCloseTo(expectedLon, 6);
			expect(lat).toBeCloseTo(expectedLat, 6);
			expect(Math.round(lon * 1e7) / 1e7).toBe(lon);
		});
		const lons = ring.map((p) => p[0]);
		const lats = ring.map((p) => p[1]);
		expect(row.west).toBeCloseTo(Math.min(...lons), 6);
		expect(row.south).toBeCloseTo(Math.min(...lats), 6);
		expect(row.east).toBeCloseTo(Math.max(...lons), 6);
		expect(row.north).toBeCloseTo(Math.max(...lats), 6);

		// the point is inside the L, where its centroid is not: check by taking it back to the storage CRS
		const { rows: hit } = await sql<{ inside: boolean; centroid_inside: boolean }>`
			select ST_Intersects(s.g, ${lonLatToStorage({ lon: row.inside_lon, lat: row.inside_lat }, TEST_SRID)}) as inside,
				ST_Intersects(s.g, ST_Centroid(s.g)) as centroid_inside
			from (select ${lShape} as g) s`.execute(database.db);
		expect(hit[0]).toEqual({ inside: true, centroid_inside: false });
	});
});

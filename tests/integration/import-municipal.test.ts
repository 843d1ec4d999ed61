import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importLayer, type ImportOptions } from '../../gis/import/import-layer';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { ROOT } from '../db-paths';

/**
 * What a municipality hands over that the importer has never seen: shapefiles in UTM zone 40N, in
 * FD58 / Iraq zone and in a city Lambert on ED50 (ESRI .prj: a datum named, no shift to WGS84), files
 * without a .prj or a .dbf, swapped axes, Persian field names, a windows-1256 .dbf without its .cpg,
 * every kind of bad geometry, and the same file imported twice. The shapefiles and the GeoPackage are
 * written by GDAL (tests/fixtures/import/municipal/make-fixtures.mjs); the rest by the writers here.
 * The tests run in file order: the first ones need the database still empty.
 */

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const municipal = (name: string) => path.join(FIXTURES, 'municipal', name);

let database: TestDatabase;
let tmp: string;
beforeAll(async () => {
	database = await openTestDatabase();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-import-municipal-'));
});
afterAll(async () => {
	await database?.close();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const run = (options: Omit<ImportOptions, 'srid'>) => importLayer(database.db, { srid: TEST_SRID, ...options });

async function count(table: 'parcels' | 'districts' | 'zoning_zones' | 'streets'): Promise<number> {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
	return rows[0].n;
}

/** Each parcel's south-west corner and area, by code. */
async function corners() {
	const { rows } = await sql<{ code: string; x: number; y: number; area: number }>`
		select renovation_code as code, ST_XMin(geom) as x, ST_YMin(geom) as y, area_m2 as area from parcels order by renovation_code`.execute(database.db);
	return rows;
}

/** The three parcels of the municipal fixtures, where GDAL was told they are (UTM 39N). */
function expectParcelsInPlace(rows: { code: string; x: number; y: number; area: number }[], cm = 5) {
	const expected = [
		{ code: 'M-1', x: 561000, y: 3612400, area: 600 },
		{ code: 'M-2', x: 561020, y: 3612400, area: 750 },
		{ code: 'M-3', x: 561045, y: 3612400, area: 600 }
	];
	expect(rows.map((r) => r.code)).toEqual(expected.map((e) => e.code));
	for (const [i, e] of expected.entries()) {
		expect(Math.abs(rows[i].x - e.x) * 100).toBeLessThan(cm);
		expect(Math.abs(rows[i].y - e.y) * 100).toBeLessThan(cm);
		expect(rows[i].area).toBeCloseTo(e.area, 0);
	}
}

/** A shapefile's parts copied to `dir` under the name `name`, leaving out `without`. */
function copyShapefile(from: string, dir: string, name: string, without: string[] = []) {
	fs.mkdirSync(dir, { recursive: true });
	for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
		if (!without.includes(ext) && fs.existsSync(`${from}.${ext}`)) fs.copyFileSync(`${from}.${ext}`, path.join(dir, `${name}.${ext}`));
	}
	return path.join(dir, `${name}.shp`);
}

describe(`import of municipal data (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	describe('into an empty database (no city layers to compare with yet)', () => {
		it('refuses a UTM zone 40 file whose .prj says zone 39, naming the longitude it would land at', async () => {
			const file = copyShapefile(municipal('parcels-utm40'), path.join(tmp, 'zone-mixup'), 'p', ['prj']);
			fs.copyFileSync(fixture('parcels-cp1256.prj'), file.replace(/\.shp$/, '.prj')); // a UTM 39N .prj
			await expect(run({ file, layer: 'parcels' })).rejects.toMatchObject({
				code: 'import_outside_storage_zone',
				messages: { fa: expect.stringContaining('--srs'), en: expect.stringMatching(/longitude 45\.\d°.*51° meridian.*--srs/) }
			});
			// and the reverse: zone 39 numbers declared as zone 40
			const reverse = copyShapefile(fixture('parcels-cp1256'), path.join(tmp, 'zone-mixup-2'), 'p', ['prj']);
			fs.copyFileSync(municipal('parcels-utm40.prj'), reverse.replace(/\.shp$/, '.prj'));
			await expect(run({ file: reverse, layer: 'parcels' })).rejects.toMatchObject({ code: 'import_outside_storage_zone' });
			expect(await count('parcels')).toBe(0);
		});

		it('says when longitude and latitude are swapped', async () => {
			const swapped = JSON.parse(fs.readFileSync(fixture('parcels-wgs84.geojson'), 'utf8'));
			for (const f of swapped.features) f.geometry.coordinates = f.geometry.coordinates.map((ring: number[][]) => ring.map(([x, y]) => [y, x]));
			const file = path.join(tmp, 'swapped.geojson');
			fs.writeFileSync(file, JSON.stringify(swapped));
			await expect(run({ file, layer: 'parcels' })).rejects.toMatchObject({
				code: 'import_axis_swapped',
				messages: { fa: expect.stringContaining('طول و عرض'), en: expect.stringMatching(/swapped/) }
			});
			expect(await count('parcels')).toBe(0);
		});

		it('reads a UTM zone 40N shapefile into the zone 39N store, each corner within 5 cm', async () => {
			const report = await run({ file: municipal('parcels-utm40.shp'), layer: 'parcels' });
			expect(report).toMatchObject({ sourceCrs: 'WGS_1984_UTM_Zone_40N', crsFrom: 'file', read: 3, imported: 3, rejected: [] });
			expectParcelsInPlace(await corners());
		});
	});

	describe('datums named without their shift to WGS84 (an ESRI .prj: WKT, no AUTHORITY, no TOWGS84)', () => {
		it('identifies FD58 / Iraq zone as EPSG:3200 and applies its shift, saying so in the report', async () => {
			const report = await run({ file: municipal('parcels-fd58.shp'), layer: 'parcels', replace: true });
			expect(report).toMatchObject({ sourceCrs: 'FD_1958_Iraq = EPSG:3200', crsFrom: 'file', imported: 3 });
			expect(report.notes).toEqual([expect.stringMatching(/names datum fd_1958 but no shift to WGS84: read as EPSG:3200.*towgs84=-241\.54/)]);
			// read without the shift, every corner would be ~190 m off
			expectParcelsInPlace(await corners());
		});

		it('refuses ED50 / UTM 39N, which fits several EPSG systems with different shifts, naming them; takes --srs EPSG:2059', async () => {
			const file = copyShapefile(fixture('parcels-cp1256'), path.join(tmp, 'ed50-utm'), 'p', ['prj']);
			fs.writeFileSync(
				file.replace(/\.shp$/, '.prj'),
				'PROJCS["ED_1950_UTM_Zone_39N",GEOGCS["GCS_European_1950",DATUM["D_European_1950",SPHEROID["International_1924",6378388.0,297.0]],' +
					'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
					'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",51.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
			);
			await expect(run({ file, layer: 'parcels' })).rejects.toMatchObject({
				code: 'import_datum_unknown',
				messages: { en: expect.stringMatching(/It may be any of EPSG:2059 \(ED50\(ED77\) \/ UTM zone 39N\), EPSG:20439 .*--srs EPSG:2059/) }
			});
			const report = await run({ file, layer: 'parcels', srs: 'EPSG:2059' });
			expect(report).toMatchObject({ sourceCrs: 'EPSG:2059', imported: 2 });
			await database.db.deleteFrom('parcels').where('renovation_code', 'in', ['7-3-10', '7-3-11']).execute();
		});

		it('refuses a city Lambert on ED50 that matches no EPSG system, and takes it with --srs', async () => {
			const before = await corners();
			const file = municipal('parcels-ed50-lambert.shp');
			await expect(run({ file, layer: 'parcels', replace: true })).rejects.toMatchObject({
				code: 'import_datum_unknown',
				messages: {
					fa: expect.stringMatching(/european_1950.*--srs.*\+towgs84/),
					en: expect.stringMatching(/"Iran_Lambert_ED50" names datum european_1950 \(ellipsoid intl\) but not its shift.*hundreds of metres.*--srs/)
				}
			});
			expect(await corners()).toEqual(before);
			const srs = '+proj=lcc +lat_1=30 +lat_2=36 +lat_0=24 +lon_0=54 +x_0=1000000 +y_0=0 +ellps=intl +towgs84=-117,-132,-164,0,0,0,0 +units=m +no_defs';
			const report = await run({ file, layer: 'parcels', replace: true, srs });
			expect(report).toMatchObject({ crsFrom: '--srs', imported: 3, notes: [] });
			expectParcelsInPlace(await corners());
		});
	});

	describe('incomplete shapefiles change nothing', () => {
		it('refuses a shapefile without its .prj, naming the .prj and --srs', async () => {
			const file = copyShapefile(municipal('parcels-utm40'), path.join(tmp, 'no-prj'), 'p', ['prj']);
			await expect(run({ file, layer: 'parcels', replace: true })).rejects.toMatchObject({
				code: 'import_crs_mismatch',
				messages: { fa: expect.stringMatching(/\.prj.*--srs EPSG:32639.*--srs EPSG:32640/), en: expect.stringMatching(/has no \.prj.*--srs EPSG:32640/) }
			});
			const report = await run({ file, layer: 'parcels', replace: true, srs: 'EPSG:32640' });
			expect(report).toMatchObject({ crsFrom: '--srs', imported: 3 });
			expectParcelsInPlace(await corners());
		});

		it('refuses a shapefile without its .dbf, on disk and in a .zip, even with --replace', async () => {
			const before = await corners();
			const file = copyShapefile(municipal('parcels-utm40'), path.join(tmp, 'no-dbf'), 'p', ['dbf']);
			const refused = { code: 'import_shapefile_without_dbf', messages: { fa: expect.stringContaining('‎.dbf'), en: expect.stringMatching(/has no \.dbf/) } };
			await expect(run({ file, layer: 'parcels', replace: true })).rejects.toMatchObject(refused);
			const zip = path.join(tmp, 'no-dbf.zip');
			const part = (ext: string) => new Uint8Array(fs.readFileSync(municipal(`parcels-utm40.${ext}`)));
			fs.writeFileSync(zip, zipSync({ 'parcels/p.shp': part('shp'), 'parcels/p.shx': part('shx'), 'parcels/p.prj': part('prj') }));
			await expect(run({ file: zip, layer: 'parcels', replace: true })).rejects.toMatchObject(refused);
			expect(await corners()).toEqual(before);
		});

		it('reads a windows-1256 .dbf without its .cpg, and says it chose windows-1256', async () => {
			const file = copyShapefile(fixture('parcels-cp1256'), path.join(tmp, 'no-cpg'), 'p', ['cpg']);
			const report = await run({ file, layer: 'parcels' });
			expect(report).toMatchObject({ imported: 2, rejected: [] });
			expect(report.notes).toEqual([expect.stringMatching(/no \.cpg.*windows-1256/)]);
			const { address } = await database.db.selectFrom('parcels').select('address').where('renovation_code', '=', '7-3-10').executeTakeFirstOrThrow();
			expect(address).toBe('اصفهان، میدان نقش جهان، بازار');
		});
	});

	it('names Persian field names a UTF-8 .dbf cut mid-letter by what is left of them, usable in --map', async () => {
		const file = municipal('parcels-cut-names.shp');
		const report = await run({ file, layer: 'parcels', map: ['renovation_code=کد نو'] });
		expect(report).toMatchObject({ imported: 1, mapping: { renovation_code: 'کد نو', address: 'نشانی' } });
		expect(report.notes).toEqual([expect.stringMatching(/cut in the middle of a letter.*"کد نو"/)]);
		expect(report.unmapped.join()).not.toContain('\uFFFD');
		await database.db.deleteFrom('parcels').where('renovation_code', '=', 'M-9').execute();
	});

	it('maps Persian field names with spaces and Arabic letters, reads Persian digits, and computes areas itself', async () => {
		const report = await run({ file: municipal('zoning-persian-fields.gpkg'), layer: 'zoning' });
		expect(report).toMatchObject({ format: 'GeoPackage', read: 2, imported: 2, rejected: [], invalidValues: [] });
		expect(report.mapping).toEqual({ code: 'كد پهنه', land_use: 'كاربري', density_pct: 'تراكم ساختمانی', occupancy_pct: 'Sath Eshghal', max_floors: 'حداكثر طبقات' });
		expect(report.unmapped).toEqual(['AREA']);
		const zones = await sql<{ code: string; land_use: string; density_pct: number; occupancy_pct: number; max_floors: number; area: number }>`
			select code, land_use, density_pct, occupancy_pct, max_floors, ST_Area(geom) as area from zoning_zones order by code desc`.execute(database.db);
		// AREA says 4 and 2 (hectares): the stored area is the geometry's, in m² of the metric storage CRS
		expect(zones.rows).toEqual([
			{ code: 'R121', land_use: 'مسکونی', density_pct: 120, occupancy_pct: 60, max_floors: 2, area: expect.closeTo(40000, 0) },
			{ code: 'C211', land_use: 'تجاری', density_pct: 240.5, occupancy_pct: 70, max_floors: 4, area: expect.closeTo(20000, 0) }
		]);
	});

	it('repairs, rejects and keeps every kind of bad geometry, each counted with its reason, and stores them valid and 2D', async () => {
		const X = 561300;
		const Y = 3612600;
		const square = (x: number, y: number, w: number, h: number) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
		const circle: number[][] = [];
		for (let i = 0; i < 100_000; i++) circle.push([X + 500 + 40 * Math.cos((2 * Math.PI * i) / 100_000), Y + 40 * Math.sin((2 * Math.PI * i) / 100_000)]);
		circle.push(circle[0]);
		const geometries: [string, unknown][] = [
			['G-bowtie', { type: 'Polygon', coordinates: [[[X, Y], [X + 20, Y + 20], [X + 20, Y], [X, Y + 20], [X, Y]]] }],
			['G-unclosed', { type: 'Polygon', coordinates: [[[X + 30, Y], [X + 50, Y], [X + 50, Y + 20], [X + 30, Y + 20]]] }],
			['G-repeated', { type: 'Polygon', coordinates: [[[X + 60, Y], [X + 80, Y], [X + 80, Y], [X + 80, Y], [X + 80, Y + 20], [X + 60, Y + 20], [X + 60, Y]]] }],
			['G-spike', { type: 'Polygon', coordinates: [[[X + 90, Y], [X + 110, Y], [X + 110, Y + 10], [X + 130, Y + 10], [X + 110, Y + 10], [X + 110, Y + 20], [X + 90, Y + 20], [X + 90, Y]]] }],
			['G-empty', { type: 'Polygon', coordinates: [] }],
			['G-null', null],
			['G-multi', { type: 'MultiPolygon', coordinates: [[square(X + 140, Y, 10, 10)], [square(X + 160, Y, 10, 10)]] }],
			['G-3d', { type: 'Polygon', coordinates: [[[X + 180, Y, 1500], [X + 200, Y, 1500], [X + 200, Y + 20, 1501], [X + 180, Y + 20, 1502], [X + 180, Y, 1500]]] }],
			['G-hole', { type: 'Polygon', coordinates: [square(X + 210, Y, 30, 30), square(X + 220, Y + 10, 10, 10).reverse()] }],
			['G-huge', { type: 'Polygon', coordinates: [circle] }]
		];
		const file = path.join(tmp, 'geometries.geojson');
		fs.writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32639' } },
				features: geometries.map(([code, geometry]) => ({ type: 'Feature', properties: { 'Code Nosazi': code }, geometry }))
			})
		);
		const report = await run({ file, layer: 'parcels' });
		expect(report).toMatchObject({ read: 10, imported: 8 });
		expect(report.repaired.map((r) => r.feature)).toEqual([1, 2, 4]);
		expect(report.repaired[0]).toEqual({ feature: 1, reason: 'invalid geometry repaired', detail: expect.stringMatching(/Self-intersection/i) });
		// closed by the importer before the database parses it (the embedded PostGIS mishandled it)
		expect(report.repaired[1]).toEqual({ feature: 2, reason: 'invalid geometry repaired', detail: '1 ring not closed: closed' });
		expect(report.rejected).toEqual([
			{ feature: 5, reason: 'empty geometry' },
			{ feature: 6, reason: 'no geometry' }
		]);
		const { rows } = await sql<{ code: string; area: number; valid: boolean; dims: number; parts: number; points: number }>`
			select renovation_code as code, area_m2 as area, ST_IsValid(geom) as valid, ST_NDims(geom) as dims,
				ST_NumGeometries(geom) as parts, ST_NPoints(geom) as points
			from parcels where renovation_code like 'G-%' order by renovation_code`.execute(database.db);
		const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
		expect(rows.every((r) => r.valid && r.dims === 2)).toBe(true);
		expect(byCode['G-bowtie']).toMatchObject({ parts: 2, area: expect.closeTo(200, 1) });
		expect(byCode['G-unclosed'].area).toBeCloseTo(400, 1);
		expect(byCode['G-repeated'].area).toBeCloseTo(400, 1);
		expect(byCode['G-spike'].area).toBeCloseTo(400, 1);
		expect(byCode['G-multi']).toMatchObject({ parts: 2, area: expect.closeTo(200, 1) });
		expect(byCode['G-3d'].area).toBeCloseTo(400, 1);
		expect(byCode['G-hole'].area).toBeCloseTo(800, 1);
		expect(byCode['G-huge'].points).toBe(100_001);
		expect(byCode['G-huge'].area).toBeCloseTo(Math.PI * 40 * 40, 0);
	});

	describe('the same file twice', () => {
		it('refuses a second import of the same streets, saying the file is already in, and loads it again with --replace', async () => {
			const first = await run({ file: fixture('streets.geojson'), layer: 'streets' });
			expect(first.imported).toBe(2);
			await expect(run({ file: fixture('streets.geojson'), layer: 'streets' })).rejects.toMatchObject({
				code: 'import_nothing_imported',
				messages: { fa: expect.stringContaining('از پیش در پایگاه داده است'), en: expect.stringMatching(/All 2 features of this file are already in the database.*--replace/) },
				report: {
					imported: 0,
					rejected: [
						{ feature: 1, reason: expect.stringMatching(/^already in the database: the same geometry and values/), detail: expect.stringMatching(/^streets id \d+$/) },
						{ feature: 2, reason: expect.stringMatching(/^already in the database/) }
					]
				}
			});
			expect(await count('streets')).toBe(2);
			const again = await run({ file: fixture('streets.geojson'), layer: 'streets', replace: true });
			expect(again).toMatchObject({ imported: 2, replaced: 2 });
			expect(await count('streets')).toBe(2);
		});

		it('keeps a street with the same line but other values, and rejects a feature repeated within the file', async () => {
			const doc = JSON.parse(fs.readFileSync(fixture('streets.geojson'), 'utf8'));
			const [chaharbagh] = doc.features;
			doc.features = [{ ...chaharbagh, properties: { ...chaharbagh.properties, ARZ_TARH: 35 } }, chaharbagh, chaharbagh];
			const file = path.join(tmp, 'streets-again.geojson');
			fs.writeFileSync(file, JSON.stringify(doc));
			// feature 2 is stored already (previous test); feature 3 repeats it; feature 1 differs in planned width
			await expect(run({ file, layer: 'streets' })).resolves.toMatchObject({
				imported: 1,
				rejected: [
					{ feature: 2, reason: expect.stringMatching(/^already in the database/) },
					{ feature: 3, reason: 'duplicate feature (the same geometry and values)', detail: 'the same as feature 2' }
				]
			});
			expect(await count('streets')).toBe(3);
		});
	});

	it('refuses JSON that is not GeoJSON, and a GeoJSON with no features, changing nothing', async () => {
		const before = await count('parcels');
		const notGeoJson = path.join(tmp, 'export.json');
		fs.writeFileSync(notGeoJson, JSON.stringify({ parcels: [{ code: '1', x: 561000, y: 3612000 }] }));
		await expect(run({ file: notGeoJson, layer: 'parcels', replace: true })).rejects.toMatchObject({ code: 'import_not_geojson' });
		const empty = path.join(tmp, 'empty.geojson');
		fs.writeFileSync(empty, JSON.stringify({ type: 'FeatureCollection', features: [] }));
		await expect(run({ file: empty, layer: 'parcels', replace: true })).rejects.toMatchObject({
			code: 'import_nothing_imported',
			messages: { en: expect.stringMatching(/has no features/) }
		});
		expect(await count('parcels')).toBe(before);
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importLayer, type ImportOptions } from '../../gis/import/import-layer';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { ROOT } from '../db-paths';

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);

let database: TestDatabase;
let tmp: string;
beforeAll(async () => {
	database = await openTestDatabase();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-import-'));
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

async function parcel(code: string) {
	const { rows } = await sql<{
		id: number;
		xmin: number;
		ymin: number;
		area_m2: number;
		postal_code: string | null;
		address: string | null;
		registration_plate: string | null;
		plate_main: string | null;
		registry_section: string | null;
		district_id: number | null;
		attributes: Record<string, unknown>;
		geom_type: string;
		parts: number;
	}>`
		select id, ST_XMin(geom) as xmin, ST_YMin(geom) as ymin, area_m2, postal_code, address, registration_plate,
			plate_main, registry_section, district_id, attributes, GeometryType(geom) as geom_type, ST_NumGeometries(geom) as parts
		from parcels where renovation_code = ${code}`.execute(database.db);
	return rows[0];
}

describe(`import (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('imports districts first, mapping CODE / NAME / NAME_EN', async () => {
		const report = await run({ file: fixture('districts.geojson'), layer: 'districts' });
		expect(report).toMatchObject({ read: 2, imported: 2, rejected: [] });
		expect(report.mapping).toEqual({ code: 'CODE', name_fa: 'NAME', name_en: 'NAME_EN' });
		const names = await database.db.selectFrom('districts').select(['code', 'name_fa']).orderBy('code').execute();
		// Persian digits in names are normalised to Latin ones, as everywhere
		expect(names).toEqual([
			{ code: '6', name_fa: 'منطقه 6' },
			{ code: '7', name_fa: 'منطقه 7' }
		]);
	});

	it('reads WGS84 GeoJSON, lands a known corner within 5 cm of its UTM position and maps odd field names', async () => {
		const report = await run({ file: fixture('parcels-wgs84.geojson'), layer: 'parcels' });
		expect(report).toMatchObject({ format: 'GeoJSON', crsFrom: 'assumed WGS84', read: 3, imported: 3, rejected: [], repaired: [] });
		expect(report.mapping).toMatchObject({
			renovation_code: 'RENOV_CODE',
			postal_code: 'POSTCODE',
			address: 'Address',
			registration_plate: 'پلاک_ثبتی',
			registry_section: 'BAKHSH'
		});
		const p1 = await parcel('6-12-1');
		expect(Math.abs(p1.xmin - 561000)).toBeLessThan(0.05);
		expect(Math.abs(p1.ymin - 3612000)).toBeLessThan(0.05);
		expect(p1.area_m2).toBeCloseTo(600, 1);
		expect(p1.registration_plate).toBe('123/4');
		expect(p1.plate_main).toBe('123');
		expect(p1.registry_section).toBe('5');
		expect(p1.attributes).toEqual({ OWNER_TYPE: 'private' });
	});

	it('normalises Persian digits and Arabic yeh/kaf, and reports a bad postal code by feature number', async () => {
		const report = await run({ file: fixture('parcels-wgs84.geojson'), layer: 'parcels', replace: true });
		expect(report.replaced).toBe(3);
		const p2 = await parcel('6-12-2');
		expect(p2.postal_code).toBe('8174673112');
		expect(p2.address).toBe('اصفهان، خیابان کاوه');
		expect(report.invalidValues).toEqual([
			expect.objectContaining({ feature: 3, field: 'postal_code', source: 'POSTCODE', value: '12345', reason: expect.stringMatching(/10-digit/) })
		]);
		const p3 = await parcel('6-12-3');
		expect(p3.postal_code).toBeNull();
		// the value that could not be stored is kept, not lost
		expect(p3.attributes).toMatchObject({ POSTCODE: '12345' });
	});

	it('fills district_id by spatial join when the file has none', async () => {
		const six = await database.db.selectFrom('districts').select('id').where('code', '=', '6').executeTakeFirstOrThrow();
		expect((await parcel('6-12-1')).district_id).toBe(six.id);
	});

	it('honours a legacy GeoJSON crs member (urn:ogc:def:crs:EPSG::32639)', async () => {
		const report = await run({ file: fixture('parcels-utm-legacy-crs.geojson'), layer: 'parcels', replace: true });
		expect(report).toMatchObject({ sourceCrs: 'EPSG:32639', crsFrom: 'file', imported: 3 });
		const p1 = await parcel('6-12-1');
		expect(p1.xmin).toBeCloseTo(561000, 3);
		expect(p1.ymin).toBeCloseTo(3612000, 3);
	});

	it('reads a shapefile in a US-feet Lambert conformal conic CRS from its .prj, with exact areas in m²', async () => {
		const report = await run({ file: fixture('parcels-lcc-usft.shp'), layer: 'parcels', replace: true });
		expect(report).toMatchObject({ format: 'Shapefile', crsFrom: 'file', read: 3, imported: 3 });
		expect(report.mapping).toMatchObject({ renovation_code: 'NOSAZI', postal_code: 'ZIP', address: 'ADDR', registration_plate: 'PELAK' });
		// 20 × 30, 25 × 30 and 15.5 × 40 m in UTM 39N, written in LCC feet by ogr2ogr
		expect((await parcel('6-12-1')).area_m2).toBeCloseTo(600, 2);
		expect((await parcel('6-12-2')).area_m2).toBeCloseTo(750, 2);
		expect((await parcel('6-12-3')).area_m2).toBeCloseTo(620, 2);
		expect((await parcel('6-12-1')).xmin).toBeCloseTo(561000, 2);
		expect((await parcel('6-12-1')).attributes).toEqual({ LANDUSE_OL: 'R' });
	});

	it('reads the same shapefile from a .zip', async () => {
		const report = await run({ file: fixture('parcels-lcc-usft.zip'), layer: 'parcels', replace: true });
		expect(report).toMatchObject({ format: 'Shapefile', read: 3, imported: 3 });
		expect((await parcel('6-12-3')).area_m2).toBeCloseTo(620, 2);
	});

	it('reads windows-1256 attribute values and a Persian field name, normalising to Persian letters', async () => {
		const report = await run({ file: fixture('parcels-cp1256.shp'), layer: 'parcels' });
		expect(report).toMatchObject({ imported: 2, rejected: [] });
		expect(report.mapping).toMatchObject({ renovation_code: 'کد_نوسازي', address: 'NESHANI' });
		const p = await parcel('7-3-10');
		expect(p.address).toBe('اصفهان، میدان نقش جهان، بازار');
		expect(p.attributes).toEqual({ KARBARI: 'تجاری' });
	});

	it('refuses projected coordinates with no CRS, telling the user to pass --srs; accepts them with --srs', async () => {
		const dir = path.join(tmp, 'noprj');
		fs.mkdirSync(dir);
		for (const ext of ['shp', 'shx', 'dbf', 'cpg']) fs.copyFileSync(fixture(`parcels-cp1256.${ext}`), path.join(dir, `p.${ext}`));
		const before = await count('parcels');
		await expect(run({ file: path.join(dir, 'p.shp'), layer: 'parcels', replace: true })).rejects.toThrow(/--srs/);
		expect(await count('parcels')).toBe(before);
		const report = await run({ file: path.join(dir, 'p.shp'), layer: 'parcels', srs: 'EPSG:32639', replace: true });
		expect(report).toMatchObject({ crsFrom: '--srs', imported: 2 });
		expect((await parcel('7-3-10')).area_m2).toBeCloseTo(216, 3);
	});

	it('refuses a wrong CRS guess: degrees declared for metres, and data landing far from the city', async () => {
		const before = await count('parcels');
		await expect(run({ file: fixture('parcels-utm-legacy-crs.geojson'), layer: 'parcels', srs: 'EPSG:4326' })).rejects.toMatchObject({
			code: 'import_crs_mismatch'
		});
		await expect(run({ file: fixture('parcels-wgs84.geojson'), layer: 'parcels', srs: 'EPSG:32639' })).rejects.toMatchObject({
			code: 'import_crs_mismatch'
		});
		// UTM zone 40 instead of 39: the parcels would land ~560 km east of the districts, outside the storage zone
		await expect(run({ file: fixture('parcels-utm-legacy-crs.geojson'), layer: 'parcels', srs: 'EPSG:32640', replace: true })).rejects.toMatchObject({
			code: 'import_outside_storage_zone'
		});
		// a false easting off by 200 km: still in the zone, but 200 km from the districts
		await expect(
			run({ file: fixture('parcels-utm-legacy-crs.geojson'), layer: 'parcels', srs: '+proj=tmerc +lat_0=0 +lon_0=51 +k=0.9996 +x_0=700000 +y_0=0 +datum=WGS84 +units=m +no_defs', replace: true })
		).rejects.toMatchObject({ code: 'import_far_from_city', message: expect.stringMatching(/about (199|200|201) km/) });
		expect(await count('parcels')).toBe(before);
	});

	it('reads a GeoPackage (Web Mercator) into zoning, with --map for a field nobody could guess', async () => {
		// nothing survives without a code: refused, with the report of why
		await expect(run({ file: fixture('zoning-3857.gpkg'), layer: 'zoning' })).rejects.toMatchObject({
			code: 'import_nothing_imported',
			report: {
				imported: 0,
				rejected: [
					{ feature: 1, reason: expect.stringMatching(/missing required code.*--map code=/) },
					{ feature: 2, reason: expect.stringMatching(/missing required code/) }
				]
			}
		});
		expect(await count('zoning_zones')).toBe(0);

		const report = await run({ file: fixture('zoning-3857.gpkg'), layer: 'zoning', map: ['code=ZN'] });
		expect(report).toMatchObject({ format: 'GeoPackage', sourceCrs: 'EPSG:3857', read: 2, imported: 2 });
		expect(report.mapping).toMatchObject({
			code: 'ZN',
			land_use: 'KARBARI',
			density_pct: 'Density',
			occupancy_pct: 'SATH_ESHGHAL',
			max_floors: 'TABAGHE',
			max_height_m: 'HEIGHT'
		});
		// 140 % occupancy is impossible: reported and left empty, the zone still imported
		expect(report.invalidValues).toEqual([expect.objectContaining({ feature: 2, field: 'occupancy_pct', value: '140' })]);
		const zones = await sql<{ code: string; land_use: string; density_pct: number; occupancy_pct: number | null; max_floors: number; max_height_m: number; area: number }>`
			select code, land_use, density_pct, occupancy_pct, max_floors, max_height_m, ST_Area(geom) as area from zoning_zones order by code`.execute(database.db);
		expect(zones.rows).toEqual([
			{ code: 'M231', land_use: 'مختلط', density_pct: 180, occupancy_pct: null, max_floors: 3, max_height_m: 12, area: expect.closeTo(40000, 1) },
			{ code: 'R121', land_use: 'مسکونی', density_pct: 120, occupancy_pct: 60, max_floors: 2, max_height_m: 8.5, area: expect.closeTo(40000, 1) }
		]);
	});

	it('matches map targets and sources case-insensitively and refuses unknown ones', async () => {
		await expect(run({ file: fixture('zoning-3857.gpkg'), layer: 'zoning', map: ['zone_code=ZN'] })).rejects.toMatchObject({ code: 'import_bad_mapping' });
		await expect(run({ file: fixture('zoning-3857.gpkg'), layer: 'zoning', map: ['code=NOPE'] })).rejects.toThrow(/no field "NOPE"/);
		const report = await run({ file: fixture('zoning-3857.gpkg'), layer: 'zoning', map: ['code=zn', 'description=karbari'], replace: true });
		expect(report.mapping).toMatchObject({ code: 'ZN', description: 'KARBARI' });
		// KARBARI went to description, so no land_use: a zone needs only its code
		expect(report.imported).toBe(2);
		const zones = await database.db.selectFrom('zoning_zones').select(['code', 'land_use', 'description']).orderBy('code').execute();
		expect(zones).toEqual([
			{ code: 'M231', land_use: null, description: 'مختلط' },
			{ code: 'R121', land_use: null, description: 'مسکونی' }
		]);
	});

	it('repairs a bow-tie with ST_MakeValid, rejects a point and a missing geometry, and reports each', async () => {
		const report = await run({ file: fixture('parcels-invalid.geojson'), layer: 'parcels' });
		expect(report).toMatchObject({ read: 4, imported: 2 });
		expect(report.repaired).toEqual([{ feature: 1, reason: 'invalid geometry repaired', detail: expect.stringMatching(/Self-intersection/i) }]);
		expect(report.rejected).toEqual([
			{ feature: 2, reason: 'a point where a polygon is expected' },
			{ feature: 3, reason: 'no geometry' }
		]);
		const bowtie = await parcel('B-1');
		expect(bowtie.geom_type).toBe('MULTIPOLYGON');
		expect(bowtie.parts).toBe(2);
		expect(bowtie.area_m2).toBeCloseTo(200, 1);
		expect((await parcel('B-4')).area_m2).toBeCloseTo(100, 1);
	});

	it('rejects a sliver polygon and a line of a few millimetres, naming their size, and keeps the rest', async () => {
		const file = path.join(tmp, 'slivers.geojson');
		// a digitising slip: a triangle 10 m long and 0.1 mm high (RENO_CODE: a spelling the matcher knows)
		const sliver = { type: 'Polygon', coordinates: [[[51.6655, 32.65], [51.6656, 32.65], [51.6656, 32.650000001], [51.6655, 32.65]]] };
		const square = { type: 'Polygon', coordinates: [[[51.6658, 32.65], [51.666, 32.65], [51.666, 32.6502], [51.6658, 32.6502], [51.6658, 32.65]]] };
		fs.writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{ type: 'Feature', properties: { RENO_CODE: 'S-1' }, geometry: sliver },
					{ type: 'Feature', properties: { RENO_CODE: 'S-2' }, geometry: square }
				]
			})
		);
		const report = await run({ file, layer: 'parcels' });
		expect(report.mapping).toMatchObject({ renovation_code: 'RENO_CODE' });
		expect(report.imported).toBe(1);
		expect(report.rejected).toEqual([{ feature: 1, reason: 'a polygon of next to no area (under 0.01 m²)', detail: expect.stringMatching(/^0\.00\d+ m²$/) }]);
		expect((await parcel('S-2')).area_m2).toBeGreaterThan(300);
		expect(await parcel('S-1')).toBeUndefined();

		const short = path.join(tmp, 'short-street.geojson');
		fs.writeFileSync(short, JSON.stringify({ type: 'Feature', properties: { NAME: 'کوچه' }, geometry: { type: 'LineString', coordinates: [[51.6655, 32.651], [51.66550005, 32.651]] } }));
		const streets = await count('streets');
		await expect(run({ file: short, layer: 'streets' })).rejects.toMatchObject({
			code: 'import_nothing_imported',
			report: { rejected: [{ feature: 1, reason: 'a line of next to no length (under 0.01 m)', detail: expect.stringMatching(/ m$/) }] }
		});
		expect(await count('streets')).toBe(streets);
	});

	it('rejects a renovation code already stored, and duplicates within the file', async () => {
		const file = path.join(tmp, 'dupes.geojson');
		const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 32.65], [x + 0.0002, 32.65], [x + 0.0002, 32.6502], [x, 32.6502], [x, 32.65]]] });
		fs.writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{ type: 'Feature', properties: { renovation_code: 'B-4' }, geometry: square(51.66) },
					{ type: 'Feature', properties: { renovation_code: 'D-1' }, geometry: square(51.661) },
					{ type: 'Feature', properties: { renovation_code: 'D-1' }, geometry: square(51.662) }
				]
			})
		);
		const report = await run({ file, layer: 'parcels' });
		expect(report.imported).toBe(1);
		expect(report.rejected).toEqual([
			{ feature: 1, reason: 'renovation_code already in the database (use --replace)', detail: '"B-4"' },
			{ feature: 3, reason: 'duplicate renovation_code', detail: '"D-1" (also feature 2)' }
		]);
	});

	it('imports streets with Persian class names and Persian digits', async () => {
		const report = await run({ file: fixture('streets.geojson'), layer: 'streets' });
		expect(report).toMatchObject({ imported: 2, rejected: [], invalidValues: [], wideningCorridors: 2 });
		const streets = await database.db.selectFrom('streets').select(['name_fa', 'class', 'width_m', 'planned_width_m']).orderBy('id').execute();
		expect(streets).toEqual([
			{ name_fa: 'خیابان چهارباغ', class: 'arterial', width_m: 24, planned_width_m: 30 },
			{ name_fa: 'کوچه 12', class: 'alley', width_m: 6, planned_width_m: 8 }
		]);
		// the corridors are rebuilt in the same transaction: Chaharbagh's is 400 m long, 30 m wide
		const corridor = await sql<{ area: number }>`
			select ST_Area(c.geom) as area from widening_corridors c join streets s on s.id = c.street_id
			where s.name_fa = 'خیابان چهارباغ'`.execute(database.db);
		expect(corridor.rows[0].area).toBeCloseTo(400 * 30, 0);
	});

	describe('a bad file changes nothing', () => {
		it('refuses a truncated .shp', async () => {
			const before = await count('parcels');
			await expect(run({ file: fixture('broken-truncated.shp'), layer: 'parcels', replace: true })).rejects.toMatchObject({
				code: 'import_broken_shapefile',
				messages: { fa: expect.stringContaining('خراب'), en: expect.stringMatching(/broken/) }
			});
			expect(await count('parcels')).toBe(before);
		});

		it('refuses malformed JSON', async () => {
			const before = await count('parcels');
			await expect(run({ file: fixture('broken-malformed.geojson'), layer: 'parcels', replace: true })).rejects.toMatchObject({
				code: 'import_malformed_geojson'
			});
			expect(await count('parcels')).toBe(before);
		});

		it('refuses a missing file, an unknown layer and an unreadable .prj', async () => {
			await expect(run({ file: fixture('nope.geojson'), layer: 'parcels' })).rejects.toMatchObject({ code: 'import_file_missing' });
			await expect(run({ file: fixture('districts.geojson'), layer: 'roads' })).rejects.toMatchObject({ code: 'import_unknown_layer' });
			const dir = path.join(tmp, 'badprj');
			fs.mkdirSync(dir);
			for (const ext of ['shp', 'shx', 'dbf', 'cpg']) fs.copyFileSync(fixture(`parcels-lcc-usft.${ext}`), path.join(dir, `p.${ext}`));
			fs.writeFileSync(path.join(dir, 'p.prj'), 'PROJCS["broken",GEOGCS[');
			await expect(run({ file: path.join(dir, 'p.shp'), layer: 'parcels' })).rejects.toMatchObject({ code: 'import_unreadable_crs', message: expect.stringMatching(/\.prj/) });
		});

		it('rolls back the --replace delete when an insert fails inside the transaction', async () => {
			const before = await database.db.selectFrom('parcels').select('renovation_code').orderBy('renovation_code').execute();
			expect(before.length).toBeGreaterThan(0);
			// a trigger stands in for any failure the checks above cannot foresee
			await sql`create function pelak_test_refuse() returns trigger language plpgsql as $$
				begin if new.renovation_code = '6-12-2' then raise exception 'refused by test trigger'; end if; return new; end $$`.execute(database.db);
			await sql`create trigger pelak_test_refuse before insert on parcels for each row execute function pelak_test_refuse()`.execute(database.db);
			try {
				await expect(run({ file: fixture('parcels-lcc-usft.shp'), layer: 'parcels', replace: true })).rejects.toMatchObject({
					code: 'import_failed',
					message: expect.stringMatching(/nothing was changed.*refused by test trigger/)
				});
			} finally {
				await sql`drop trigger pelak_test_refuse on parcels`.execute(database.db);
				await sql`drop function pelak_test_refuse()`.execute(database.db);
			}
			const after = await database.db.selectFrom('parcels').select('renovation_code').orderBy('renovation_code').execute();
			expect(after).toEqual(before);
		});

		it('refuses to replace parcels that cases are filed on, and changes nothing', async () => {
			const target = await database.db.selectFrom('parcels').select('id').orderBy('id').executeTakeFirstOrThrow();
			await database.db
				.insertInto('cases')
				.values({ parcel_id: target.id, tracking_code: 'T-REPLACE-1', kind: 'building_permit', title_fa: 'پروانه ساختمانی' })
				.execute();
			const before = await database.db.selectFrom('parcels').select('renovation_code').orderBy('renovation_code').execute();
			try {
				await expect(run({ file: fixture('parcels-lcc-usft.shp'), layer: 'parcels', replace: true })).rejects.toMatchObject({
					code: 'replace_has_cases',
					message: expect.stringMatching(/1 cases are filed/)
				});
				const after = await database.db.selectFrom('parcels').select('renovation_code').orderBy('renovation_code').execute();
				expect(after).toEqual(before);
			} finally {
				await database.db.deleteFrom('cases').where('tracking_code', '=', 'T-REPLACE-1').execute();
			}
		});
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { importLayer } from '../../gis/import/import-layer';
import { exportLayer } from '../../gis/export/export-layer';
import { main } from '../../gis/cli';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { ROOT, TEMPLATE_DIR } from '../db-paths';

const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/import', name);

let database: TestDatabase;
let tmp: string;
beforeAll(async () => {
	database = await openTestDatabase();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-export-'));
});
afterAll(async () => {
	await database?.close();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const readCollection = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection<MultiPolygon>;

/** Shoelace area of a lon/lat ring: positive when counter-clockwise. */
const signedArea = (ring: number[][]) => ring.slice(1).reduce((s, p, i) => s + (ring[i][0] * p[1] - p[0] * ring[i][1]), 0) / 2;

async function areas(): Promise<Record<string, number>> {
	const rows = await database.db.selectFrom('parcels').select(['renovation_code', 'area_m2']).execute();
	return Object.fromEntries(rows.map((r) => [r.renovation_code, r.area_m2]));
}

describe(`export (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('writes parcels as an RFC 7946 FeatureCollection in WGS84 with their columns and kept attributes', async () => {
		await importLayer(database.db, { file: fixture('parcels-lcc-usft.shp'), layer: 'parcels', srid: TEST_SRID });
		const file = path.join(tmp, 'parcels.geojson');
		const report = await exportLayer(database.db, { layer: 'parcels', file });
		expect(report.features).toBe(3);

		const fc = readCollection(file);
		expect(fc.type).toBe('FeatureCollection');
		expect(fc).not.toHaveProperty('crs');
		const p1 = fc.features.find((f) => f.properties?.renovation_code === '6-12-1')!;
		expect(p1.properties).toMatchObject({ postal_code: '8174673111', registration_plate: '123/4', plate_main: '123', LANDUSE_OL: 'R' });
		expect(p1.properties!.area_m2).toBeCloseTo(600, 2);
		expect(p1.properties).not.toHaveProperty('geom');
		expect(p1.properties).not.toHaveProperty('attributes');
		for (const f of fc.features) {
			for (const [lon, lat] of f.geometry.coordinates.flat(2)) {
				expect(lon).toBeGreaterThan(51.6);
				expect(lon).toBeLessThan(51.75);
				expect(lat).toBeGreaterThan(32.6);
				expect(lat).toBeLessThan(32.7);
			}
			// RFC 7946 §3.1.6: exterior rings counter-clockwise
			expect(signedArea(f.geometry.coordinates[0][0])).toBeGreaterThan(0);
		}
	});

	it('round-trips: re-importing the export keeps areas to 0.01 m² and the source attributes', async () => {
		const before = await areas();
		const file = path.join(tmp, 'parcels.geojson');
		const report = await importLayer(database.db, { file, layer: 'parcels', srid: TEST_SRID, replace: true });
		expect(report).toMatchObject({ read: 3, imported: 3, replaced: 3, rejected: [] });
		const after = await areas();
		for (const [code, area] of Object.entries(before)) expect(after[code]).toBeCloseTo(area, 2);
		const p1 = await database.db.selectFrom('parcels').select(['attributes', 'postal_code']).where('renovation_code', '=', '6-12-1').executeTakeFirstOrThrow();
		// derived columns (id, area_m2, plate_main...) are not read back as attributes
		expect(p1.attributes).toEqual({ LANDUSE_OL: 'R' });
		expect(p1.postal_code).toBe('8174673111');
	});

	it('exports buildings with dates as YYYY-MM-DD (a Jalali permit date converted) and numbers as numbers', async () => {
		const file = path.join(tmp, 'buildings.geojson');
		fs.writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				crs: { type: 'name', properties: { name: 'EPSG:32639' } },
				features: [
					{
						type: 'Feature',
						properties: { TABAGHE: '۳', ZIRBANA: '1,250.5', MOJAZ: 1400, PARVANE: 'P-77', TARIKH_PARVANE: '1402/05/17' },
						geometry: { type: 'Polygon', coordinates: [[[561002, 3612002], [561018, 3612002], [561018, 3612020], [561002, 3612020], [561002, 3612002]]] }
					}
				]
			})
		);
		const imported = await importLayer(database.db, { file, layer: 'buildings', srid: TEST_SRID });
		expect(imported).toMatchObject({ imported: 1, invalidValues: [] });
		const out = path.join(tmp, 'buildings-out.geojson');
		await exportLayer(database.db, { layer: 'buildings', file: out });
		const [building] = readCollection(out).features;
		const parcel = await database.db.selectFrom('parcels').select('id').where('renovation_code', '=', '6-12-1').executeTakeFirstOrThrow();
		expect(building.properties).toEqual({
			id: expect.any(Number),
			parcel_id: parcel.id,
			floors: 3,
			built_floor_area_m2: 1250.5,
			permitted_floor_area_m2: 1400,
			permit_no: 'P-77',
			permit_date: '2023-08-08'
		});
		// replacing parcels takes their buildings with them (ON DELETE CASCADE): the report says so
		const replaced = await importLayer(database.db, { file: path.join(tmp, 'parcels.geojson'), layer: 'parcels', srid: TEST_SRID, replace: true });
		expect(replaced.notes).toContain('--replace also deleted 1 buildings linked to the old parcels');
	});

	it('refuses an unknown layer and leaves no partial file', async () => {
		const file = path.join(tmp, 'nope.geojson');
		await expect(exportLayer(database.db, { layer: 'roads', file })).rejects.toMatchObject({ code: 'export_unknown_layer' });
		expect(fs.existsSync(file)).toBe(false);
	});
});

describe('gis CLI', () => {
	const capture = () => {
		const out: string[] = [];
		const err: string[] = [];
		return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
	};

	it('answers an unknown command, an unknown flag and a missing --layer with usage errors (exit 2)', async () => {
		for (const argv of [['frobnicate'], ['import', 'a.geojson', '--layer', 'parcels', '--colour', 'red'], ['import', 'a.geojson'], ['export', '--layer', 'parcels']]) {
			const c = capture();
			expect(await main(argv, c.io)).toBe(2);
			expect(c.err.join('\n')).toMatch(/خطا \/ error: .+/);
		}
		const help = capture();
		expect(await main(['help'], help.io)).toBe(0);
		expect(help.out.join('\n')).toMatch(/import <file> --layer <layer>/);
	});

	it('migrates, imports and exports through the command line, failing with exit 1 and both languages on a bad file', async () => {
		let env: NodeJS.ProcessEnv;
		if (database.url) {
			env = { DATABASE_URL: database.url, PELAK_SRID: String(TEST_SRID), PELAK_ROOT: ROOT };
		} else {
			// the test's own database is open in this process: the CLI gets its own copy
			const dataDir = path.join(tmp, 'cli-pgdata');
			fs.cpSync(path.join(TEMPLATE_DIR, 'pgdata'), dataDir, { recursive: true });
			env = { PELAK_DATA_DIR: dataDir, PELAK_SRID: String(TEST_SRID), PELAK_ROOT: ROOT };
		}
		const migrate = capture();
		expect(await main(['migrate'], { ...migrate.io, env })).toBe(0);
		expect(migrate.out.join('\n')).toMatch(/up to date/);

		const imported = capture();
		expect(await main(['import', fixture('zoning-3857.gpkg'), '--layer', 'zoning', '--map', 'code=ZN', '--replace'], { ...imported.io, env })).toBe(0);
		expect(imported.out.join('\n')).toMatch(/imported: 2/);
		expect(imported.out.join('\n')).toMatch(/occupancy_pct ← SATH_ESHGHAL: 1 \(features 2; e\.g\. "140": /);

		const broken = capture();
		expect(await main(['import', fixture('broken-truncated.shp'), '--layer', 'zoning', '--replace'], { ...broken.io, env })).toBe(1);
		expect(broken.err.join('\n')).toMatch(/خطا: .*خراب[\s\S]*error: .*broken/);

		const file = path.join(tmp, 'zoning.geojson');
		const exported = capture();
		expect(await main(['export', '--layer', 'zoning', file], { ...exported.io, env })).toBe(0);
		expect(readCollection(file).features.map((f) => f.properties?.code).sort()).toEqual(['M231', 'R121']);
	}, 150_000); // embedded: four opens of a PGlite copy
});

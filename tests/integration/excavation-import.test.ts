/**
 * `npm run gis -- import <file> --layer street_surfaces|restrictions`: field names and values as
 * municipal files write them (Persian, Jalali dates), the street each feature belongs to, and the
 * features that must be refused one by one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importLayer } from '../../gis/import/import-layer';
import { exportLayer } from '../../gis/export/export-layer';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { E0, lonLat, N0 } from '../factories/excavation-world';

let database: TestDatabase;
let tmp: string;
let chaharbagh: number;
beforeAll(async () => {
	database = await openTestDatabase();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-excavation-import-'));
	chaharbagh = (
		await database.db
			.insertInto('streets')
			.values({
				name_fa: 'خیابان چهارباغ',
				class: 'arterial',
				width_m: 20,
				geom: sql<string>`ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 - 300}::float8, ${N0}::float8), ST_MakePoint(${E0 + 300}::float8, ${N0}::float8)), ${TEST_SRID}::int))`
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	await database?.close();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A WGS84 rectangle (metres from E0, N0) as a GeoJSON feature with these properties. */
function rect(x0: number, y0: number, x1: number, y1: number, properties: Record<string, unknown>) {
	const ring = [lonLat(x0, y0), lonLat(x1, y0), lonLat(x1, y1), lonLat(x0, y1), lonLat(x0, y0)];
	return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function file(name: string, features: unknown[]): string {
	const p = path.join(tmp, name);
	fs.writeFileSync(p, JSON.stringify({ type: 'FeatureCollection', features }));
	return p;
}

describe(`importing excavation layers (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('reads street surfaces with Persian fields and values, linking each to its street', async () => {
		const report = await importLayer(database.db, {
			srid: TEST_SRID,
			layer: 'street_surfaces',
			file: file('surfaces.geojson', [
				rect(-300, -7, 300, 7, { 'نوع رویه': 'آسفالت', محل: 'سواره‌رو' }),
				rect(-300, 7, 300, 10, { 'نوع رویه': 'موزائيک', محل: 'پیاده رو' }),
				rect(-300, -10, 300, -7, { 'نوع رویه': 'Concrete' }),
				rect(-300, 10, 300, 12, { 'نوع رویه': 'گلی', محل: 'پیاده‌رو' })
			])
		});
		expect(report.mapping).toEqual({ surface: 'نوع رویه', location: 'محل' });
		expect(report.imported).toBe(3);
		expect(report.rejected).toEqual([{ feature: 4, reason: expect.stringMatching(/missing required surface/) }]);
		expect(report.invalidValues[0]).toMatchObject({ feature: 4, field: 'surface', reason: expect.stringMatching(/not one of asphalt, concrete, paving, unpaved/) });
		const rows = await database.db.selectFrom('street_surfaces').select(['surface', 'location', 'street_id']).orderBy('id').execute();
		expect(rows).toEqual([
			{ surface: 'asphalt', location: 'carriageway', street_id: chaharbagh },
			{ surface: 'paving', location: 'footway', street_id: chaharbagh },
			{ surface: 'concrete', location: 'carriageway', street_id: chaharbagh }
		]);
	});

	it('reads moratoriums with Jalali dates, refusing one that ends before it starts', async () => {
		const report = await importLayer(database.db, {
			srid: TEST_SRID,
			layer: 'restrictions',
			file: file('moratoriums.geojson', [
				rect(-300, -10, 300, 10, { علت: 'روکش آسفالت', 'از تاریخ': '1405/03/11', 'تا تاریخ': '1408/03/11', قرارداد: 'ق-۱۴۰۵-۱۲' }),
				rect(-300, -10, 0, 10, { علت: 'روکش', 'از تاریخ': '1405/03/11', 'تا تاریخ': '1404/03/10' }),
				rect(0, -10, 300, 10, { علت: 'بازسازی پل', 'از تاریخ': '2026-06-01' })
			])
		});
		expect(report.mapping).toEqual({ reason: 'علت', starts_on: 'از تاریخ', ends_on: 'تا تاریخ', source: 'قرارداد' });
		expect(report.imported).toBe(2);
		expect(report.rejected).toEqual([{ feature: 2, reason: 'ends_on 2025-05-31 is before starts_on 2026-06-01' }]);
		const rows = await sql<{ reason: string; starts_on: string; ends_on: string | null; period: string; source: string | null; street_id: number }>`
			select reason, starts_on::text, ends_on::text, period::text, source, street_id from restrictions order by id`.execute(database.db);
		expect(rows.rows).toEqual([
			{ reason: 'روکش آسفالت', starts_on: '2026-06-01', ends_on: '2029-05-31', period: '[2026-06-01,2029-06-01)', source: 'ق-1405-12', street_id: chaharbagh },
			{ reason: 'بازسازی پل', starts_on: '2026-06-01', ends_on: null, period: '[2026-06-01,)', source: null, street_id: chaharbagh }
		]);
	});

	it('exports what it imported, so a round trip keeps the fields', async () => {
		const out = path.join(tmp, 'out.geojson');
		const report = await exportLayer(database.db, { layer: 'restrictions', file: out });
		expect(report.features).toBe(2);
		const first = JSON.parse(fs.readFileSync(out, 'utf8')).features[0].properties;
		expect(first).toMatchObject({ reason: 'روکش آسفالت', starts_on: '2026-06-01', ends_on: '2029-05-31' });
	});
});

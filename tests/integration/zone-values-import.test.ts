/**
 * `npm run gis -- import <file> --layer zone_values`: P per use class from a municipality's file,
 * its field names matched like the other layers (KARBARI, GHEYMAT, SAL), Persian use names and
 * digits read, a feature without a readable use or P rejected by number; then P is found at a parcel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importLayer } from '../../gis/import/import-layer';
import { exportLayer } from '../../gis/export/export-layer';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { ROOT } from '../db-paths';
import { zoneValueAtParcel } from '../../src/lib/server/fees';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`zone values import (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('maps the fields, reads Persian use names and digits, and rejects features without a use class or P', async () => {
		const report = await importLayer(database.db, { file: path.join(ROOT, 'tests/fixtures/import/zone-values.geojson'), layer: 'zone_values', srid: TEST_SRID });
		expect(report.mapping).toEqual({ use_class: 'KARBARI', p_rial_per_m2: 'GHEYMAT', jalali_year: 'SAL', source_ref: 'DAFTARCHE' });
		expect(report).toMatchObject({ read: 4, imported: 2 });
		expect(report.rejected.map((r) => r.feature)).toEqual([3, 4]);
		expect(report.invalidValues).toEqual([expect.objectContaining({ feature: 3, field: 'use_class' })]);
		const rows = await database.db
			.selectFrom('zone_values')
			.select(['use_class', 'p_rial_per_m2', 'jalali_year', 'source_ref', sql<number>`ST_Area(geom)`.as('area')])
			.orderBy('use_class', 'desc')
			.execute();
		expect(rows).toEqual([
			{ use_class: 'residential', p_rial_per_m2: 3_500_000, jalali_year: 1404, source_ref: 'دفترچهٔ ماده 64، 1404', area: 10_000 },
			{ use_class: 'commercial', p_rial_per_m2: 8_200_000, jalali_year: 1404, source_ref: null, area: 10_000 }
		]);
	});

	it('finds the imported P at a parcel inside it, and exports the layer again', async () => {
		const { id } = await database.db
			.insertInto('parcels')
			.values({ renovation_code: 'z-1', geom: sql<string>`ST_Multi(ST_MakeEnvelope(560010, 3612010, 560030, 3612040, ${TEST_SRID}::int))` })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await zoneValueAtParcel(database.db, id, 'residential', 1404)).toMatchObject({ p_rial_per_m2: 3_500_000, share: 1 });
		expect(await zoneValueAtParcel(database.db, id, 'residential', 1403)).toBeNull();
		const file = path.join(os.tmpdir(), `zone-values-${process.pid}.geojson`);
		try {
			expect((await exportLayer(database.db, { layer: 'zone_values', file })).features).toBe(2);
			const back = JSON.parse(fs.readFileSync(file, 'utf8'));
			expect(back.features[0].properties).toMatchObject({ use_class: 'residential', p_rial_per_m2: 3_500_000 });
		} finally {
			fs.rmSync(file, { force: true });
		}
	});
});

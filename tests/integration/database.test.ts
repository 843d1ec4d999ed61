import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate } from '../../src/lib/server/db';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { MIGRATIONS_DIR } from '../db-paths';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('runs PostGIS and has every migration applied', async () => {
		const { rows } = await sql<{ v: string }>`select postgis_lib_version() as v`.execute(database.db);
		expect(rows[0].v).toMatch(/^3\.\d+/);
		const applied = await database.db.selectFrom('pelak_migrations').select('name').orderBy('name').execute();
		expect(applied.map((r) => r.name)).toContain('0002_city_layers.sql');
	});

	it('applies nothing the second time', async () => {
		const result = await migrate(database.db, MIGRATIONS_DIR, TEST_SRID);
		expect(result.applied).toEqual([]);
		expect(result.alreadyApplied).toBeGreaterThanOrEqual(2);
	});

	it('refuses to run against a database stored in another CRS', async () => {
		await expect(migrate(database.db, MIGRATIONS_DIR, 32640)).rejects.toThrow(/EPSG:32639 but PELAK_SRID is 32640/);
	});

	it('refuses a migration edited after it was applied, before applying any later one', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-migrations-'));
		try {
			fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
			fs.appendFileSync(path.join(dir, '0002_city_layers.sql'), '\n-- edited afterwards\n');
			fs.writeFileSync(path.join(dir, '9999_later.sql'), 'create table later_table (id int);');
			await expect(migrate(database.db, dir, TEST_SRID)).rejects.toThrow(/0002_city_layers\.sql changed after it was applied/);
			const later = await sql<{ found: boolean }>`select to_regclass('later_table') is not null as found`.execute(database.db);
			expect(later.rows[0].found).toBe(false);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('measures parcel area in square metres in the storage CRS', async () => {
		const inserted = await database.db
			.insertInto('parcels')
			.values({
				renovation_code: 'T-1',
				geom: sql<string>`ST_Multi(ST_MakeEnvelope(560000, 3610000, 560020, 3610015, ${TEST_SRID}))`
			})
			.returning(['id', 'area_m2', 'plate_main'])
			.executeTakeFirstOrThrow();
		expect(inserted.area_m2).toBeCloseTo(300, 6);
		expect(typeof inserted.id).toBe('number');
	});

	// a bow-tie: two 10 × 20 m triangles crossing at (10, 10), whose signed areas cancel (ST_Area 0)
	const bowTie = (x: number, y: number) =>
		sql<string>`ST_Multi(ST_GeomFromText(${`POLYGON((${x} ${y}, ${x + 20} ${y + 20}, ${x + 20} ${y}, ${x} ${y + 20}, ${x} ${y}))`}, ${TEST_SRID}))`;

	it('refuses an invalid polygon written around the importer, naming the constraint', async () => {
		await expect(
			database.db.insertInto('parcels').values({ renovation_code: 'BOW-1', geom: bowTie(560000, 3610000) }).execute()
		).rejects.toThrow(/parcels_geom_valid/);
		await expect(
			database.db.insertInto('zoning_zones').values({ code: 'R1', land_use: 'residential', geom: bowTie(560000, 3610000) }).execute()
		).rejects.toThrow(/zoning_zones_geom_valid/);
		// a valid row of the same table is still accepted, and changing it into an invalid one is refused too
		const ok = await database.db
			.insertInto('zoning_zones')
			.values({ code: 'R1', land_use: 'residential', geom: sql<string>`ST_Multi(ST_MakeEnvelope(560000, 3610000, 560020, 3610020, ${TEST_SRID}))` })
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(
			database.db.updateTable('zoning_zones').set({ geom: bowTie(560000, 3610000) }).where('id', '=', ok.id).execute()
		).rejects.toThrow(/zoning_zones_geom_valid/);
		await database.db.deleteFrom('zoning_zones').where('id', '=', ok.id).execute();
	});

	it('repairs invalid polygons stored before the rule, the way the importer does, then enforces it', async () => {
		const migration = fs
			.readFileSync(path.join(MIGRATIONS_DIR, '0155_valid_geometries.sql'), 'utf8')
			.replaceAll('{{srid}}', String(TEST_SRID));
		const rolledBack = new Error('rolled back');
		await expect(
			database.db.transaction().execute(async (trx) => {
				await sql`alter table parcels drop constraint parcels_geom_valid`.execute(trx);
				const stored = await trx
					.insertInto('parcels')
					.values({ renovation_code: 'BOW-2', geom: bowTie(560100, 3610100) })
					.returning(['id', 'area_m2'])
					.executeTakeFirstOrThrow();
				expect(stored.area_m2).toBe(0);
				await sql.raw(migration).execute(trx);
				const repaired = await trx
					.selectFrom('parcels')
					.select(['area_m2', sql<boolean>`ST_IsValid(geom)`.as('valid'), sql<number>`ST_NumGeometries(geom)`.as('parts')])
					.where('id', '=', stored.id)
					.executeTakeFirstOrThrow();
				expect(repaired).toEqual({ area_m2: expect.closeTo(200, 6), valid: true, parts: 2 });
				await expect(
					trx.insertInto('parcels').values({ renovation_code: 'BOW-3', geom: bowTie(560200, 3610200) }).execute()
				).rejects.toThrow(/parcels_geom_valid/);
				throw rolledBack;
			})
		).rejects.toBe(rolledBack);
	});

	it('rolls back a failed transaction completely', async () => {
		await expect(
			database.db.transaction().execute(async (trx) => {
				await trx.insertInto('districts').values({ code: 'X', name_fa: 'آزمون', geom: sql<string>`ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, ${TEST_SRID}))` }).execute();
				await trx.insertInto('districts').values({ code: 'X', name_fa: 'تکراری', geom: sql<string>`ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, ${TEST_SRID}))` }).execute();
			})
		).rejects.toThrow(/duplicate key/);
		const count = await database.db.selectFrom('districts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(count.n).toBe(0);
	});
});

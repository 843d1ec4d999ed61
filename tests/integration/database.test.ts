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

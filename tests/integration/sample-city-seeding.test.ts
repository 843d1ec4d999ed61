import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { openDatabase } from '../../src/lib/server/db';
import { seedSampleData, type SampleCitySeeder } from '../../src/lib/server/sample-data';
import { sampleCitySeeder } from '../../gis/sample-city/seeder';
import { jalaliYearAt } from '../../src/lib/server/fees';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
	vi.restoreAllMocks();
	await database?.close();
});

const counts = async () =>
	(
		await sql<{ parcels: number; users: number }>`
			select (select count(*)::int from parcels) as parcels, (select count(*)::int from users) as users`.execute(database.db)
	).rows[0];

describe(`start-up seeding (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('fills an empty database with the sample city and the demo accounts', async () => {
		await seedSampleData(database.db, sampleCitySeeder, { parcels: 200, srid: TEST_SRID });
		expect((await counts()).parcels).toBe(200);
		const staff = await database.db.selectFrom('users').select('username').where('username', 'in', ['admin', 'officer.d6', 'planner']).execute();
		expect(staff.map((u) => u.username).sort()).toEqual(['admin', 'officer.d6', 'planner']);
		// the SAMPLE tariff book, published for this Jalali year, so fees can be assessed at once
		const books = await database.db.selectFrom('tariff_books').select(['status', 'is_sample', 'jalali_year']).execute();
		expect(books).toEqual([{ status: 'published', is_sample: true, jalali_year: jalaliYearAt(new Date()) }]);
	});

	it('leaves a database that already has a city as it was', async () => {
		const before = await counts();
		const loadNever: SampleCitySeeder = {
			hasCity: sampleCitySeeder.hasCity,
			load: () => Promise.reject(new Error('a city that has parcels must not be seeded again'))
		};
		await seedSampleData(database.db, loadNever, { parcels: 200, srid: TEST_SRID });
		expect(await counts()).toEqual(before);
	});

	it.runIf(process.env.DATABASE_URL)('loads the city once when two servers start together on one empty database', async () => {
		const empty = await openTestDatabase();
		const other = await openDatabase({ databaseUrl: empty.url, dataDir: '', poolSize: 2 });
		try {
			await Promise.all([empty.db, other.db].map((db) => seedSampleData(db, sampleCitySeeder, { parcels: 200, srid: TEST_SRID })));
			const { rows } = await sql<{ n: number }>`select count(*)::int as n from parcels`.execute(empty.db);
			expect(rows[0].n).toBe(200);
		} finally {
			await other.close();
			await empty.close();
		}
	});
});

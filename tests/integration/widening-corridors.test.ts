import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { rebuildWideningCorridors } from '../../src/lib/server/streets/widening.repository';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

const X = 560000;
const Y = 3610000;
/** A straight east–west street 100 m long at northing Y + dy. */
const street = (dy: number) => sql<string>`ST_Multi(ST_MakeLine(ST_MakePoint(${X}, ${Y + dy}), ST_MakePoint(${X + 100}, ${Y + dy})))::geometry(MultiLineString, ${sql.lit(TEST_SRID)})`;
const withSrid = (g: ReturnType<typeof street>) => sql<string>`ST_SetSRID(${g}, ${sql.lit(TEST_SRID)})`;

describe(`widening corridors (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('builds a corridor of the planned width for each street to be widened, and none for the rest', async () => {
		const ids = await database.db
			.insertInto('streets')
			.values([
				{ name_fa: 'تعریض', class: 'collector', width_m: 12, planned_width_m: 20, geom: withSrid(street(0)) },
				{ name_fa: 'بدون تعریض', class: 'local', width_m: 12, planned_width_m: 12, geom: withSrid(street(200)) },
				{ name_fa: 'عرض نامعلوم', class: 'local', width_m: null, planned_width_m: 16, geom: withSrid(street(400)) },
				{ name_fa: 'بی‌طرح', class: 'alley', width_m: 6, planned_width_m: null, geom: withSrid(street(600)) }
			])
			.returning('id')
			.execute();
		expect(await rebuildWideningCorridors(database.db)).toBe(2);
		const corridors = await database.db
			.selectFrom('widening_corridors')
			.select(['street_id', 'planned_width_m', sql<number>`ST_Area(geom)`.as('area'), sql<number>`ST_XMin(geom)`.as('xmin')])
			.orderBy('street_id')
			.execute();
		expect(corridors.map((c) => c.street_id)).toEqual([ids[0].id, ids[2].id]);
		expect(corridors.map((c) => c.planned_width_m)).toEqual([20, 16]);
		// Flat end caps: exactly length × planned width, nothing beyond the street's ends.
		expect(corridors[0].area).toBeCloseTo(100 * 20, 3);
		expect(corridors[1].area).toBeCloseTo(100 * 16, 3);
		expect(corridors[0].xmin).toBeCloseTo(X, 6);
	});

	it('replaces the corridors when the plan changes, inside a caller’s transaction', async () => {
		await database.db.transaction().execute(async (trx) => {
			await trx.updateTable('streets').set({ planned_width_m: 12 }).where('name_fa', '=', 'تعریض').execute();
			expect(await rebuildWideningCorridors(trx)).toBe(1);
		});
		const left = await database.db.selectFrom('widening_corridors').select('planned_width_m').execute();
		expect(left).toEqual([{ planned_width_m: 16 }]);
	});

	it('gives a parcel fronting a widened street the strip beyond the widening line as setback', async () => {
		await database.db.updateTable('streets').set({ planned_width_m: 20 }).where('name_fa', '=', 'تعریض').execute();
		await rebuildWideningCorridors(database.db);
		// Parcel 20 m × 30 m whose front edge lies on the current street edge (6 m from the centre line):
		// the plan's edge is at 10 m, so 4 m × 20 m is setback.
		const { rows } = await sql<{ setback: number }>`
			select ST_Area(ST_Intersection(ST_MakeEnvelope(${X + 40}, ${Y + 6}, ${X + 60}, ${Y + 36}, ${sql.lit(TEST_SRID)}), c.geom)) as setback
			from widening_corridors c join streets s on s.id = c.street_id where s.name_fa = 'تعریض'`.execute(database.db);
		expect(rows[0].setback).toBeCloseTo(80, 3);
	});
});

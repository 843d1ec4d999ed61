/**
 * The proposal check's facts for a parcel whose setback shares its edges: the setback is cut from the
 * parcel itself, and on the embedded PostGIS the exact overlay of the two (ST_Difference) failed for
 * parcel 1199 of the default sample city and took the whole row with it, no error raised: the check
 * said «no parcel has id 1199» and the demo's first start stopped. The net area is now cut on a 1 mm
 * grid. The parcel and its corridor are the sample city's own (tests/fixtures/coincident-setback.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { findProposalFacts } from '../../src/lib/server/rules/proposal-facts.repository';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/coincident-setback.json'), 'utf8')) as { srid: number; parcel: string; corridor: string };

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`the proposal facts of a parcel whose setback shares its edges (${backend})`, () => {
	it('come back with the parcel, its setback and its depth after widening', async () => {
		expect(fixture.srid).toBe(TEST_SRID);
		const db = database.db;
		const geom = (wkt: string) => sql<string>`ST_Multi(ST_GeomFromText(${wkt}, ${TEST_SRID}::int))`;
		await db.insertInto('widening_corridors').values({ planned_width_m: 12, geom: geom(fixture.corridor) }).execute();
		const { id } = await db
			.insertInto('parcels')
			.values({ renovation_code: 'T-1199', registration_plate: '1199/1', registry_section: '5', postal_code: '8100000000', address: 'آزمون', geom: geom(fixture.parcel) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const facts = await findProposalFacts(db, Number(id), null);
		expect(facts).not.toBeNull();
		expect(facts!.gross_area_m2).toBeCloseTo(199.36, 1);
		expect(facts!.setback_area_m2).toBeCloseTo(18.61, 1);
		expect(facts!.parcel_depth_m).toBeGreaterThan(10);
		// a footprint drawn on the parcel's own lines (a building to its boundary, snapped on the map): the same coincident edges
		const { rows } = await sql<{ f: string }>`select ST_AsGeoJSON(ST_Transform(geom, 4326), 9) as f from parcels where id = ${id}`.execute(db);
		const onItsLines = await findProposalFacts(db, Number(id), rows[0].f);
		expect(onItsLines).not.toBeNull();
		expect(onItsLines!.footprint!.area_m2).toBeCloseTo(199.36, 0);
		expect(onItsLines!.footprint!.outside_parcel_m2).toBeLessThan(0.01);
		expect(onItsLines!.footprint!.beyond_widening_m2).toBeCloseTo(18.61, 0);
	});
});

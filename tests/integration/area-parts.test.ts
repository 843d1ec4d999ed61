/**
 * The area layers' pieces (migrations/0156 and 0158, src/lib/server/db/area-parts.ts): a zone of thousands of vertices is
 * kept cut into pieces of at most 255, exactly, through insert, change and delete; a parcel's overlaps measured
 * by the pieces equal those measured against the whole polygon; and the parcel's panel, rules and fee read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { overlapsWith } from '../../src/lib/server/db/area-parts';
import { findParcelDetail } from '../../src/lib/server/parcels/parcel.repository';
import { findParcelZoneCode } from '../../src/lib/server/rules/rule-book.repository';
import { findParcelFeeFacts } from '../../src/lib/server/permits/permit.repository';
import { zoneValueAtParcel } from '../../src/lib/server/fees/zone-value.repository';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const X = 560000;
const Y = 3610000;

/** A disc of radius `r` m around (X + dx, Y) traced with about `vertices` vertices, as the storage CRS's MultiPolygon. */
const disc = (dx: number, r: number, vertices: number) =>
	sql<string>`ST_Multi(ST_Segmentize(ST_Buffer(ST_SetSRID(ST_MakePoint(${X + dx}::float8, ${Y}::float8), ${TEST_SRID}::int), ${r}::float8, 64), ${(2 * Math.PI * r) / vertices}::float8))`;

async function pieces(zoneId: number) {
	return (
		await sql<{ n: number; most: number; area: number; zone_area: number }>`
			select count(*)::int as n, max(ST_NPoints(x.geom))::int as most, sum(ST_Area(x.geom)) as area,
				(select ST_Area(geom) from zoning_zones where id = ${zoneId}::int) as zone_area
			from zoning_zone_parts x where x.zone_id = ${zoneId}::int`.execute(database.db)
	).rows[0];
}

describe(`area layers cut into pieces (${backend})`, () => {
	let big: number;
	let small: number;
	let parcel: number;

	it('keeps a zone of 20,000 vertices as pieces of at most 255 that cover it exactly', async () => {
		big = (
			await database.db
				.insertInto('zoning_zones')
				.values({ code: 'G1', land_use: 'green', geom: disc(0, 400, 20_000) })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const { n, most, area, zone_area } = await pieces(big);
		expect(n).toBeGreaterThan(20_000 / 255);
		expect(most).toBeLessThanOrEqual(255);
		expect(area).toBeCloseTo(zone_area, 3);
	});

	it('measures a parcel against the pieces as against the whole polygon', async () => {
		// a 20 × 30 m parcel across the disc's edge at x = 400 m, and a second zone covering the rest of it
		small = (
			await database.db
				.insertInto('zoning_zones')
				.values({ code: 'R2', land_use: 'residential', geom: sql<string>`ST_Multi(ST_Difference(ST_MakeEnvelope(${X + 380}, ${Y - 50}, ${X + 450}, ${Y + 50}, ${TEST_SRID}), (select geom from zoning_zones where id = ${big}::int)))` })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		parcel = (
			await database.db
				.insertInto('parcels')
				.values({ renovation_code: 'AP-1', geom: sql<string>`ST_Multi(ST_MakeEnvelope(${X + 385}, ${Y - 15}, ${X + 405}, ${Y + 15}, ${TEST_SRID}))` })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const byPieces = await sql<{ id: number; overlap_m2: number }>`
			select x.* from parcels p cross join lateral (${overlapsWith('zoning_zones', sql.ref('p.geom'))}) x
			where p.id = ${parcel}::int8 order by x.id`.execute(database.db);
		const whole = await sql<{ id: number; overlap_m2: number }>`
			select z.id, ST_Area(ST_Intersection(z.geom, p.geom)) as overlap_m2 from parcels p join zoning_zones z on ST_Intersects(z.geom, p.geom)
			where p.id = ${parcel}::int8 order by z.id`.execute(database.db);
		expect(byPieces.rows.map((r) => r.id)).toEqual([big, small]);
		byPieces.rows.forEach((r, i) => expect(r.overlap_m2).toBeCloseTo(whole.rows[i].overlap_m2, 6));
		// most of the parcel (x 385–400 of 385–405) lies inside the disc
		expect(byPieces.rows[0].overlap_m2).toBeGreaterThan(byPieces.rows[1].overlap_m2);
		expect(byPieces.rows[0].overlap_m2 + byPieces.rows[1].overlap_m2).toBeCloseTo(600, 3);
	});

	it("gives the parcel's panel, rule book zone and fee facts from the pieces", async () => {
		const detail = await findParcelDetail(database.db, { id: parcel });
		// largest share first; the two shares make the whole parcel
		expect(detail!.zones.map((z) => z.code)).toEqual(['G1', 'R2']);
		expect(detail!.zones[0].share_pct! + detail!.zones[1].share_pct!).toBeCloseTo(100, 3);
		expect(await findParcelZoneCode(database.db, parcel)).toEqual({ found: true, zone_code: 'G1' });
		expect(await findParcelFeeFacts(database.db, parcel)).toMatchObject({ land_use: 'green', area_m2: expect.closeTo(600, 6) });
	});

	it('cuts a zone again when its polygon changes, and drops its pieces with it', async () => {
		// the disc shrinks to 100 m: the parcel at 385–405 m is now wholly in R2's envelope, outside G1
		await database.db.updateTable('zoning_zones').set({ geom: disc(0, 100, 2_000) }).where('id', '=', big).execute();
		const after = await pieces(big);
		expect(after.area).toBeCloseTo(after.zone_area, 3);
		expect(after.n).toBeLessThan(40);
		expect(await findParcelZoneCode(database.db, parcel)).toEqual({ found: true, zone_code: 'R2' });
		// a change of another column leaves the pieces alone
		await database.db.updateTable('zoning_zones').set({ description: 'پارک' }).where('id', '=', big).execute();
		expect((await pieces(big)).n).toBe(after.n);
		await database.db.deleteFrom('zoning_zones').where('id', '=', big).execute();
		expect((await pieces(big)).n).toBe(0);
	});

	it('cuts overlays and zone values too, and the fee reads the zone value through them', async () => {
		const overlay = await database.db
			.insertInto('overlays')
			.values({ kind: 'heritage', name_fa: 'حریم', geom: disc(390, 50, 5_000) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const value = await database.db
			.insertInto('zone_values')
			.values({ use_class: 'residential', p_rial_per_m2: 12_000_000, jalali_year: 1405, geom: disc(390, 60, 5_000) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const counts = await sql<{ overlays: number; values: number }>`
			select (select count(*)::int from overlay_parts where overlay_id = ${overlay.id}::int) as overlays,
				(select count(*)::int from zone_value_parts where zone_value_id = ${value.id}::int) as values`.execute(database.db);
		expect(counts.rows[0].overlays).toBeGreaterThan(5_000 / 255);
		expect(counts.rows[0].values).toBeGreaterThan(5_000 / 255);
		const detail = await findParcelDetail(database.db, { id: parcel });
		expect(detail!.overlays.map((o) => o.id)).toEqual([overlay.id]);
		const zv = await zoneValueAtParcel(database.db, parcel, 'residential', 1405);
		expect(zv).toMatchObject({ zone_value_id: value.id, p_rial_per_m2: 12_000_000 });
		expect(Number(zv!.share)).toBeCloseTo(1, 6);
		// land taken for a street is priced from the same pieces (migrations/0158): the residential P covering most of it
		const priced = await sql<{ p: string | null }>`
			select pelak_setback_acquisition_p(geom) as p from parcels where id = ${parcel}::int8`.execute(database.db);
		expect(Number(priced.rows[0].p)).toBe(12_000_000);
	});
});

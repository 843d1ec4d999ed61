import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { buildParcelCity, E0, N0, toLonLat, type ParcelCity } from '../factories/parcel-city';
import { findParcelAt, getParcelDetail, searchParcels } from '../../src/lib/server/parcels/parcel.service';
import { parcelAtPoint, parcelDetailQuery, storageSrid, streetSearchQuery } from '../../src/lib/server/parcels/parcel.repository';
import { searchKey, searchWords } from '../../src/lib/domain/text';
import { BadInputError, NotFoundError } from '../../src/lib/server/errors';

let database: TestDatabase;
let f: ParcelCity;
beforeAll(async () => {
	database = await openTestDatabase();
	f = await buildParcelCity(database.db);
});
afterAll(async () => {
	await database?.close();
});

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

describe(`parcel detail (${backend})`, () => {
	it('measures area, setback and net area in m² of the projected CRS', async () => {
		const d = await getParcelDetail(database.db, f.p1);
		expect(d.area_m2).toBeCloseTo(600, 1);
		expect(d.setback.area_m2).toBeCloseTo(100, 1);
		expect(d.net_area_m2).toBeCloseTo(500, 1);
		expect(d.setback.streets).toEqual([
			{ id: f.streetId, name_fa: 'خیابان چهارباغ عباسی', name_en: 'Chaharbagh Abbasi St.', width_m: 10, planned_width_m: 20 }
		]);
		expect(d.setback.geometry?.type).toMatch(/^(Multi)?Polygon$/);
	});

	it('draws the setback in WGS84 along the street side of the parcel', async () => {
		const d = await getParcelDetail(database.db, f.p1);
		const [, south] = await toLonLat(database.db, 0, 5);
		const [, widening] = await toLonLat(database.db, 0, 10);
		const coords = JSON.stringify(d.setback.geometry!.coordinates).match(/-?\d+\.\d+/g)!.map(Number);
		const lats = coords.filter((_, i) => i % 2 === 1);
		// to about 1 m: a UTM grid line is not a parallel, so corners differ slightly in latitude
		expect(Math.min(...lats)).toBeCloseTo(south, 5);
		expect(Math.max(...lats)).toBeCloseTo(widening, 5);
	});

	it('lets density govern on a plain residential parcel and subtracts the permitted floor area', async () => {
		const d = await getParcelDetail(database.db, f.p1);
		expect(d.zoning).toMatchObject({ id: f.residentialZoneId, code: 'R121', land_use: 'residential', share_pct: 100 });
		expect(d.other_zones).toEqual([]);
		expect(d.overlays).toEqual([]);
		expect(d.capacity).toMatchObject({
			governing_rule: 'density',
			max_floor_area_m2: 600, // 500 m² net × 120 %
			permitted_floor_area_m2: 250,
			remaining_floor_area_m2: 350
		});
		expect(d.capacity!.rules.map((r) => [r.rule, r.floor_area_m2])).toEqual([
			['density', 600],
			['height', 750], // floor(12 / 3.5) = 3 × 50 % × 500
			['floors', 1000]
		]);
	});

	it('lists ids, district, block, buildings and only the open cases', async () => {
		const d = await getParcelDetail(database.db, f.p1);
		expect(d).toMatchObject({
			id: f.p1,
			renovation_code: '3-101-001',
			registration_plate: '1234/56',
			plate_main: '1234',
			plate_sub: '56',
			registry_section: '5',
			postal_code: '8146512345',
			district: { id: f.districtId, code: '3', name_fa: 'منطقهٔ ۳', name_en: 'District 3' },
			block_code: '101'
		});
		expect(d.buildings).toEqual([
			expect.objectContaining({ floors: 2, built_floor_area_m2: 240, permitted_floor_area_m2: 250, permit_no: 'P-1399-77', permit_date: '2020-05-01' })
		]);
		expect(d.open_cases).toHaveLength(1);
		expect(d.open_cases[0]).toMatchObject({ tracking_code: 'C-0001', opened_at: '2025-01-10T08:30:00.000Z', due_on: '2025-02-10', imported: true });
	});

	it('returns WGS84 geometry, centroid and bbox around the parcel', async () => {
		const d = await getParcelDetail(database.db, f.p1);
		const [west, south] = await toLonLat(database.db, 0, 5);
		const [east, north] = await toLonLat(database.db, 20, 35);
		expect(d.geometry.type).toBe('MultiPolygon');
		// to about 1 m: the corners of a UTM rectangle are not on one meridian or parallel
		expect(d.bbox[0]).toBeCloseTo(west, 5);
		expect(d.bbox[1]).toBeCloseTo(south, 5);
		expect(d.bbox[2]).toBeCloseTo(east, 5);
		expect(d.bbox[3]).toBeCloseTo(north, 5);
		expect(d.centroid[0]).toBeGreaterThan(d.bbox[0]);
		expect(d.centroid[0]).toBeLessThan(d.bbox[2]);
		expect(d.centroid[1]).toBeGreaterThan(d.bbox[1]);
		expect(d.centroid[1]).toBeLessThan(d.bbox[3]);
	});

	it("lets the heritage overlay's height limit govern inside the buffer", async () => {
		const d = await getParcelDetail(database.db, f.p2);
		expect(d.setback).toEqual({ area_m2: 0, geometry: null, streets: [] });
		expect(d.net_area_m2).toBeCloseTo(600, 1);
		expect(d.overlays).toEqual([expect.objectContaining({ id: f.heritageId, kind: 'heritage', max_height_m: 7 })]);
		expect(d.capacity!.governing_rule).toBe('overlay_height');
		expect(d.capacity!.max_floor_area_m2).toBeCloseTo(600, 1); // 2 floors × 50 % × 600
		expect(d.capacity!.rules[0].overlay_id).toBe(f.heritageId);
		expect(d.capacity!.remaining_floor_area_m2).toBeCloseTo(600, 1);
	});

	it('ignores an overlay that only touches the parcel along an edge', async () => {
		const d = await getParcelDetail(database.db, f.p4);
		expect(d.overlays).toEqual([]);
		expect(d.capacity!.governing_rule).toBe('density');
	});

	it('takes the zone covering most of a parcel that straddles two zones', async () => {
		const d = await getParcelDetail(database.db, f.p3);
		expect(d.zoning).toMatchObject({ id: f.commercialZoneId, code: 'C211', share_pct: 75 });
		expect(d.other_zones).toEqual([expect.objectContaining({ id: f.residentialZoneId, share_pct: 25 })]);
		expect(d.capacity).toMatchObject({ governing_rule: 'density', max_floor_area_m2: 960 });
	});

	it('refuses an unknown id with a not-found error', async () => {
		await expect(getParcelDetail(database.db, 999_999)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getParcelDetail(database.db, 999_999)).rejects.toMatchObject({ code: 'parcel_not_found', status: 404 });
	});

	it('has no capacity for a parcel outside the detailed plan', async () => {
		const outside = await database.db
			.insertInto('parcels')
			.values({ renovation_code: 'X-1', geom: sql<string>`ST_Multi(ST_MakeEnvelope(570000, 3620000, 570010, 3620010, ${TEST_SRID}::int))` })
			.returning('id')
			.executeTakeFirstOrThrow();
		const d = await getParcelDetail(database.db, outside.id);
		expect(d.zoning).toBeNull();
		expect(d.capacity).toBeNull();
		expect(d.district).toBeNull();
		await database.db.deleteFrom('parcels').where('id', '=', outside.id).execute();
	});
});

describe(`parcel at a point (${backend})`, () => {
	it('reads the storage CRS from the settings', async () => {
		expect(await storageSrid(database.db)).toBe(TEST_SRID);
	});

	it('finds the parcel under a WGS84 point', async () => {
		const [lon, lat] = await toLonLat(database.db, 40, 30);
		const d = await findParcelAt(database.db, lon, lat);
		expect(d.id).toBe(f.p2);
	});

	it('picks the lowest id where parcels overlap or share a boundary', async () => {
		// Within floating-point error a point on a shared edge is in both parcels; an exact copy of
		// P1 makes that overlap certain.
		const copy = await database.db
			.insertInto('parcels')
			.values({ renovation_code: 'DUP-1', geom: sql<string>`(select geom from parcels where id = ${f.p1})` })
			.returning('id')
			.executeTakeFirstOrThrow();
		try {
			const [lon, lat] = await toLonLat(database.db, 10, 20);
			expect((await findParcelAt(database.db, lon, lat)).id).toBe(f.p1);
			expect((await findParcelAt(database.db, lon, lat)).id).toBe(f.p1);
		} finally {
			await database.db.deleteFrom('parcels').where('id', '=', copy.id).execute();
		}
	});

	it('answers not found in a street', async () => {
		const [lon, lat] = await toLonLat(database.db, 60, 0);
		await expect(findParcelAt(database.db, lon, lat)).rejects.toMatchObject({ code: 'no_parcel_at_point', status: 404 });
	});

	it("refuses a point outside the city's CRS area of use", async () => {
		await expect(findParcelAt(database.db, 2.35, 48.85)).rejects.toBeInstanceOf(BadInputError);
		await expect(findParcelAt(database.db, 2.35, 48.85)).rejects.toMatchObject({ code: 'outside_city_area' });
	});

	it('uses the GiST index on parcels.geom', async () => {
		const [lon, lat] = await toLonLat(database.db, 10, 20);
		const plan = await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${parcelAtPoint(lon, lat, TEST_SRID)}`.execute(trx);
			return rows.map((r) => Object.values(r)[0]).join('\n');
		});
		expect(plan).toContain('parcels_geom_idx');
	});
});

describe(`parcel detail query plan (${backend})`, () => {
	it('reaches every layer through its index, never by scanning a table', async () => {
		const [lon, lat] = await toLonLat(database.db, 10, 20);
		const plan = await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql`explain ${parcelDetailQuery({ lon, lat, srid: TEST_SRID })}`.execute(trx);
			return rows.map((r) => Object.values(r as object)[0]).join('\n');
		});
		for (const index of ['parcels_geom_idx', 'zoning_zone_parts_geom_idx', 'zoning_zones_pkey', 'overlay_parts_geom_idx', 'overlays_pkey', 'widening_corridors_geom_idx', 'buildings_parcel_idx', 'cases_parcel_open_idx']) {
			expect(plan).toContain(index);
		}
		expect(plan).not.toMatch(/Seq Scan on (parcels|zoning_zones|zoning_zone_parts|overlays|overlay_parts|widening_corridors|buildings|cases)\b/);
	});
});

describe(`parcel search (${backend})`, () => {
	it('finds a parcel by its renovation code', async () => {
		const hits = await searchParcels(database.db, '3-101-001', 10);
		expect(hits[0]).toMatchObject({ id: f.p1, matched: 'renovation_code', label: '3-101-001' });
	});

	it('finds parcels by a renovation code prefix, within the limit', async () => {
		expect((await searchParcels(database.db, '3-101', 10)).map((h) => h.id).sort()).toEqual([f.p1, f.p2, f.p3, f.p4].sort());
		expect(await searchParcels(database.db, '3-101', 2)).toHaveLength(2);
	});

	it('finds a registration plate typed in Persian digits', async () => {
		const hits = await searchParcels(database.db, '۱۲۳۴/۵۶', 10);
		expect(hits).toHaveLength(1);
		expect(hits[0]).toMatchObject({ id: f.p1, matched: 'registration_plate', label: '1234/56' });
	});

	it('finds every sub plate of a main plate', async () => {
		const hits = await searchParcels(database.db, '1234', 10);
		expect(hits.filter((h) => h.matched === 'registration_plate').map((h) => h.id).sort()).toEqual([f.p1, f.p4].sort());
	});

	it('finds a postal code typed with a dash, and in Persian digits', async () => {
		for (const q of ['81465-12345', '۸۱۴۶۵۱۲۳۴۵']) {
			const hits = await searchParcels(database.db, q, 10);
			expect(hits[0]).toMatchObject({ id: f.p1, matched: 'postal_code', label: '8146512345' });
		}
	});

	it('finds an address despite Arabic letters and a ZWNJ where the data has a space', async () => {
		const hits = await searchParcels(database.db, 'چهارباغ‌عباسي', 10);
		// the street of that name first, then the parcels on it
		expect(hits[0]).toMatchObject({ matched: 'street', label: 'خیابان چهارباغ عباسی' });
		const parcels = hits.slice(1);
		expect(parcels.map((h) => h.id).sort()).toEqual([f.p1, f.p4].sort());
		expect(parcels.every((h) => h.matched === 'address')).toBe(true);
	});

	it('finds words that start with the typed words anywhere in an address', async () => {
		const hits = await searchParcels(database.db, 'قيصر بازار', 10);
		expect(hits.map((h) => [h.id, h.matched])).toEqual([[f.p2, 'address']]);
		expect(hits[0].label).toBe('اصفهان، میدان امام، بازار قیصریه');
	});

	it('finds the start of an address first', async () => {
		const hits = await searchParcels(database.db, 'اصفهان، ميدان', 10);
		expect(hits.map((h) => h.id)).toEqual([f.p2]);
	});

	it('gives each parcel hit its renovation code and block, which tell apart two parcels at one address', async () => {
		// a second parcel at p3's address (a split lot, as «خیابان سپه، پلاک ۱» twice in the sample city), with no block; rolled back
		const rollback = new Error('rollback');
		const hits = await database.db
			.transaction()
			.execute(async (trx) => {
				const [{ geom }] = (await sql<{ geom: string }>`select geom::text as geom from parcels where id = ${f.p3}`.execute(trx)).rows;
				await trx.insertInto('parcels').values({ renovation_code: '3-109-001', address: 'اصفهان، خیابان سپه، پلاک ۹', geom }).execute();
				const found = await searchParcels(trx, 'خیابان سپه، پلاک ۹', 10);
				throw Object.assign(rollback, { found });
			})
			.catch((e: Error & { found?: Awaited<ReturnType<typeof searchParcels>> }) => {
				if (e !== rollback) throw e;
				return e.found!;
			});
		const same = hits.filter((h) => h.label === 'اصفهان، خیابان سپه، پلاک ۹');
		expect(same).toHaveLength(2);
		expect(same.map((h) => [h.renovation_code, h.block]).sort()).toEqual([
			['3-101-003', '101'],
			['3-109-001', null]
		]);
		// the code a parcel is found by is there too, and a street has none
		expect((await searchParcels(database.db, '3-101-002', 1))[0]).toMatchObject({ matched: 'renovation_code', renovation_code: '3-101-002', block: '101' });
		expect((await searchParcels(database.db, 'چهارباغ', 10)).find((h) => h.matched === 'street')).not.toHaveProperty('block');
	});

	it('returns a centroid inside the bbox of the hit, in WGS84', async () => {
		const [hit] = await searchParcels(database.db, '3-101-002', 1);
		expect(hit.bbox[0]).toBeGreaterThan(51);
		expect(hit.bbox[1]).toBeGreaterThan(32);
		expect(hit.centroid[0]).toBeGreaterThan(hit.bbox[0]);
		expect(hit.centroid[0]).toBeLessThan(hit.bbox[2]);
		expect(hit.centroid[1]).toBeGreaterThan(hit.bbox[1]);
		expect(hit.centroid[1]).toBeLessThan(hit.bbox[3]);
	});

	it('finds nothing for text no parcel has, and treats % literally', async () => {
		expect(await searchParcels(database.db, 'ناموجود', 10)).toEqual([]);
		expect(await searchParcels(database.db, '3-%', 10)).toEqual([]);
	});

	it('builds the same address key and words in SQL as in TypeScript', async () => {
		const text = 'اصفهان،  خيابانِ چهـارباغ‌عباسی - كوچهٔ ۱۲ (پلاک ٤/۱) «Bazaar» Sq.';
		const { rows } = await sql<{ key: string; words: string }>`
			select pelak_search_key(${text}) as key, pelak_search_words(${text})::text as words`.execute(database.db);
		expect(rows[0].key).toBe(searchKey(text));
		// tsvector text: 'word':positions ..., in lexeme order
		const lexemes = [...rows[0].words.matchAll(/'([^']+)':/g)].map((m) => m[1]).sort();
		expect(lexemes).toEqual([...new Set(searchWords(text))].sort());
	});
});

describe(`street search (${backend})`, () => {
	it('finds a street by a word of its name, with or without «خیابان», in Arabic letters or English, the whole street as one hit', async () => {
		// two segments of one street, end to end: one street
		await sql`insert into streets (name_fa, name_en, class, geom) values ('خیابان کاوه', 'Kaveh St', 'local',
			ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 + 0}::float8, ${N0 + 100}::float8), ST_MakePoint(${E0 + 200}::float8, ${N0 + 100}::float8)), ${TEST_SRID}::int))),
			('خیابان کاوه', 'Kaveh St', 'local',
			ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 + 200}::float8, ${N0 + 100}::float8), ST_MakePoint(${E0 + 400}::float8, ${N0 + 100}::float8)), ${TEST_SRID}::int)))`.execute(database.db);
		for (const q of ['کاوه', 'خیابان کاوه', 'خ كاوه', 'kaveh']) {
			const hits = (await searchParcels(database.db, q, 10)).filter((h) => h.matched === 'street');
			expect(hits.map((h) => h.label), q).toEqual(['خیابان کاوه']);
			const [west, south, east, north] = hits[0].bbox;
			const [w, s] = await toLonLat(database.db, 0, 100);
			const [e, n] = await toLonLat(database.db, 400, 100);
			expect(west).toBeCloseTo(w, 5);
			expect(east).toBeCloseTo(e, 5);
			expect(south).toBeCloseTo(Math.min(s, n), 4);
			expect(north).toBeCloseTo(Math.max(s, n), 4);
			expect(hits[0].centroid[0]).toBeGreaterThan(west);
			expect(hits[0].centroid[0]).toBeLessThan(east);
			// its line, to highlight: the two segments as one
			expect(hits[0].geometry?.type).toMatch(/^(Multi)?LineString$/);
			expect(JSON.stringify(hits[0].geometry!.coordinates).match(/\[-?\d/g)!.length).toBeGreaterThanOrEqual(3);
		}
	});

	it('gives two streets of one name far apart as two hits, and ranks streets before parcel addresses', async () => {
		await sql`insert into streets (name_fa, name_en, class, geom) values ('کوچه هاتف', null, 'alley',
			ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 + 0}::float8, ${N0 + 500}::float8), ST_MakePoint(${E0 + 100}::float8, ${N0 + 500}::float8)), ${TEST_SRID}::int))),
			('کوچه هاتف', null, 'alley',
			ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 + 2000}::float8, ${N0 + 500}::float8), ST_MakePoint(${E0 + 2100}::float8, ${N0 + 500}::float8)), ${TEST_SRID}::int)))`.execute(database.db);
		expect((await searchParcels(database.db, 'هاتف', 10)).map((h) => h.matched)).toEqual(['street', 'street']);
		// «چهارباغ» is a street's name and the address of two parcels: the street first
		expect((await searchParcels(database.db, 'چهارباغ', 10)).map((h) => h.matched)).toEqual(['street', 'address', 'address']);
	});

	it('reads streets through their name indexes, never by scanning the table', async () => {
		const plan = await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql`explain ${streetSearchQuery(['خیابان', 'کاوه'], 10)}`.execute(trx);
			return rows.map((r) => Object.values(r as object)[0]).join('\n');
		});
		expect(plan).toContain('streets_name_words_idx');
		expect(plan).toContain('streets_name_fa_idx');
		expect(plan).not.toMatch(/Seq Scan on streets/);
	});

	it('gathers a name’s segments through the name index by the planner’s own choice, on a city-sized street table', async () => {
		// the 1M bench city's shape: 10,000 segments under 200 names, 50 each (the flat join was planned for the
		// limit's 10 names at the average name's segments, and scanned the whole table for every search)
		const rollback = new Error('rolled back');
		let plan = '';
		let found = -1;
		await database.db
			.transaction()
			.execute(async (trx) => {
				await sql`insert into streets (name_fa, name_en, class, geom)
					select 'خیابان سنجه' || (g % 200), 'Sanjeh' || (g % 200) || ' St', 'local',
						ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0}::float8 + (g % 100) * 80, ${N0 + 3000}::float8 + (g / 100) * 80),
							ST_MakePoint(${E0}::float8 + (g % 100) * 80 + 40, ${N0 + 3000}::float8 + (g / 100) * 80)), ${TEST_SRID}::int))
					from generate_series(1, 10000) g`.execute(trx);
				await sql`analyze streets`.execute(trx);
				const { rows } = await sql`explain ${streetSearchQuery(['سنجه199'], 10)}`.execute(trx);
				plan = rows.map((r) => Object.values(r as object)[0]).join('\n');
				// every segment of the one name is gathered (50, 80 m apart: each its own street)
				found = (await streetSearchQuery(['سنجه199'], 60).execute(trx)).rows.length;
				throw rollback;
			})
			.catch((err) => {
				if (err !== rollback) throw err;
			});
		expect(found).toBe(50);
		expect(plan).toContain('streets_name_words_idx');
		expect(plan).toContain('streets_name_fa_idx');
		expect(plan).not.toMatch(/Seq Scan on streets/);
	});
});

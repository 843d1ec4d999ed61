/**
 * The parcel detail and the zoning tiles read the zone's rules from the rule book in force: a
 * zone code the book lacks is "rules not defined" (null limits, no capacity), never zeros; with
 * no book in force the zoning layer's own (legacy) columns still answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildParcelCity, toLonLat, type ParcelCity } from '../factories/parcel-city';
import { SAMPLE_RULE_BOOK } from '../../src/lib/domain/rules';
import { getParcelDetail } from '../../src/lib/server/parcels/parcel.service';
import { saveRuleBook } from '../../src/lib/server/rules';
import { tileLayer } from '../../src/lib/server/tiles/layers';
import { tileAt } from '../../src/lib/server/tiles/tile-coords';
import { tileBytes } from '../../src/lib/server/tiles/tile.service';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let f: ParcelCity;
beforeAll(async () => {
	database = await openTestDatabase();
	f = await buildParcelCity(database.db);
});
afterAll(async () => {
	await database?.close();
});

async function zoningTileProps(dx: number, dy: number) {
	const [lon, lat] = await toLonLat(database.db, dx, dy);
	const bytes = await tileBytes(database.db, database.backend, { layer: tileLayer('zoning'), tile: tileAt(lon, lat, 14) });
	const layer = new VectorTile(new Pbf(bytes)).layers.zoning;
	return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties).sort((a, b) => String(a.code).localeCompare(String(b.code)));
}

describe(`parcel rules from the rule book (${backend})`, () => {
	it('uses the zoning layer’s own limits while no book is in force', async () => {
		const p1 = await getParcelDetail(database.db, f.p1);
		expect(p1.rule_book).toBeNull();
		expect(p1.zoning).toMatchObject({ code: 'R121', density_pct: 120, rules_defined: true });
		expect(p1.capacity?.max_floor_area_m2).toBe(600);
	});

	it('takes the limits and capacity from the book in force, by zone code', async () => {
		// the sample book's R121 row only: C211 is missing from this book
		const r121 = SAMPLE_RULE_BOOK.zones.find((z) => z.zone_code === 'R121')!;
		const id = await database.db.transaction().execute((trx) =>
			saveRuleBook(trx, { title: 'ضوابط آزمون', title_en: 'Test rules', effective_from: '2024-03-20', source: 'test', clauses: {}, is_sample: false }, [r121])
		);
		const p1 = await getParcelDetail(database.db, f.p1);
		expect(p1.rule_book).toEqual({ id, title: 'ضوابط آزمون', title_en: 'Test rules', effective_from: '2024-03-20', sample: false });
		// 180 % density, 60 % occupancy, 3 floors, 11 m instead of the layer's 120 % / 50 % / 4 / 12 m
		expect(p1.zoning).toMatchObject({ code: 'R121', land_use: 'residential', density_pct: 180, occupancy_pct: 60, max_floors: 3, max_height_m: 11, rules_defined: true });
		// net 500 m² × 180 % = 900 m², and 3 floors × 60 % × 500 m² = 900 m² too; 250 m² already permitted
		expect(p1.capacity).toMatchObject({ max_floor_area_m2: 900, remaining_floor_area_m2: 650 });
		expect(p1.capacity?.rules).toContainEqual(expect.objectContaining({ rule: 'density', floor_area_m2: 900, inputs: { net_area_m2: 500, density_pct: 180 } }));
	});

	it('shows a code missing from the book as rules not defined: null limits and no capacity, never zero', async () => {
		const p3 = await getParcelDetail(database.db, f.p3);
		expect(p3.zoning).toEqual(expect.objectContaining({ code: 'C211', land_use: null, density_pct: null, occupancy_pct: null, max_floors: null, max_height_m: null, rules_defined: false }));
		expect(p3.capacity).toBeNull();
		expect(p3.other_zones).toEqual([expect.objectContaining({ code: 'R121', density_pct: 180, rules_defined: true })]);
	});

	it('draws zoning tiles with the book’s land use and limits, and none for a code the book lacks', async () => {
		const props = await zoningTileProps(10, 20);
		expect(props).toEqual([
			expect.objectContaining({ code: 'C211' }),
			expect.objectContaining({ code: 'R121', land_use: 'residential', density_pct: 180, max_floors: 3 })
		]);
		expect(props[0]).not.toHaveProperty('land_use');
		expect(props[0]).not.toHaveProperty('density_pct');
	});
});

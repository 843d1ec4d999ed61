import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { hasParcels, loadSampleCity } from '../../gis/sample-city/index';

const PARCELS = 1500;
const SEED = 1404;
let database: TestDatabase;
let counts: Record<string, number>;

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows[0];

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`sample city load (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('leaves the database empty when the load fails part-way', async () => {
		// Fail once districts, streets and widening lines are in: all of it must roll back.
		const failAfterStreets = (msg: string) => {
			if (msg.includes('streets')) throw new Error('simulated failure after the streets');
		};
		await expect(loadSampleCity(database.db, { parcels: 300, srid: TEST_SRID, seed: SEED, onProgress: failAfterStreets })).rejects.toThrow(
			/simulated failure/
		);
		const left = await one(sql<{ districts: number; streets: number; widening_lines: number }>`
			select (select count(*)::int from districts) as districts, (select count(*)::int from streets) as streets,
			       (select count(*)::int from widening_lines) as widening_lines`);
		expect(left).toEqual({ districts: 0, streets: 0, widening_lines: 0 });
		expect(await hasParcels(database.db)).toBe(false);
	});

	it('loads every layer and reports the counts', async () => {
		counts = await loadSampleCity(database.db, { parcels: PARCELS, srid: TEST_SRID, seed: SEED });
		expect(await hasParcels(database.db)).toBe(true);
		expect(counts.parcels).toBe(PARCELS);
		expect(counts.districts).toBe(15);
		for (const layer of ['blocks', 'streets', 'widening_lines', 'widening_corridors', 'zoning_zones', 'overlays', 'buildings', 'cases', 'zone_values']) {
			expect(counts[layer], layer).toBeGreaterThan(0);
		}
		const stored = await one(sql<{ n: number }>`select count(*)::int as n from parcels where attributes @> '{"sample": true}'`);
		expect(stored.n).toBe(PARCELS);
	});

	it('covers the whole box with districts and zoning, and streets reach across it', async () => {
		const box = sql`ST_Transform(ST_MakeEnvelope(51.60, 32.60, 51.75, 32.70, 4326), ${sql.lit(TEST_SRID)})`;
		const cover = await one(sql<{ districts_gap: number; zoning_gap: number; streets_w: number; streets_h: number; box_w: number; box_h: number }>`
			select ST_Area(ST_Difference(${box}, (select ST_Union(geom) from districts))) as districts_gap,
			       ST_Area(ST_Difference(${box}, (select ST_Union(geom) from zoning_zones))) as zoning_gap,
			       (select ST_XMax(ST_Extent(geom)) - ST_XMin(ST_Extent(geom)) from streets) as streets_w,
			       (select ST_YMax(ST_Extent(geom)) - ST_YMin(ST_Extent(geom)) from streets) as streets_h,
			       ST_XMax(${box}) - ST_XMin(${box}) as box_w, ST_YMax(${box}) - ST_YMin(${box}) as box_h`);
		expect(cover.districts_gap).toBeLessThan(1);
		expect(cover.zoning_gap).toBeLessThan(1);
		expect(cover.streets_w).toBeGreaterThan(cover.box_w * 0.98);
		expect(cover.streets_h).toBeGreaterThan(cover.box_h * 0.98);
		const overlap = await one(sql<{ m2: number }>`
			select coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom))), 0) as m2
			from districts a join districts b on a.id < b.id and ST_Intersects(a.geom, b.geom)`);
		expect(overlap.m2).toBeLessThan(1);
		const zoningOverlap = await one(sql<{ m2: number }>`
			select coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom))), 0) as m2
			from zoning_zones a join zoning_zones b on a.id < b.id and ST_Intersects(a.geom, b.geom)`);
		expect(zoningOverlap.m2).toBeLessThan(1);
	});

	it('makes valid parcels that do not overlap each other', async () => {
		const checks = await one(sql<{ invalid: number; overlapping: number; smallest: number; largest: number }>`
			select (select count(*)::int from parcels where not ST_IsValid(geom)) as invalid,
			       (select count(*)::int from parcels a join parcels b on a.id < b.id and ST_Intersects(a.geom, b.geom)
			         where ST_Area(ST_Intersection(a.geom, b.geom)) > 0.01) as overlapping,
			       (select min(area_m2) from parcels) as smallest, (select max(area_m2) from parcels) as largest`);
		expect(checks.invalid).toBe(0);
		expect(checks.overlapping).toBe(0);
		expect(checks.smallest).toBeGreaterThan(30);
		expect(checks.largest).toBeGreaterThan(1500);
	});

	it('cuts parcels along widened streets: they overlap the planned corridors (setbacks)', async () => {
		const setbacks = await one(sql<{ n: number; streets_cut: number }>`
			select count(distinct p.id)::int as n, count(distinct c.street_id)::int as streets_cut
			from parcels p join widening_corridors c on ST_Intersects(p.geom, c.geom)
			where ST_Area(ST_Intersection(p.geom, c.geom)) > 1`);
		expect(setbacks.n).toBeGreaterThan(PARCELS * 0.05);
		expect(setbacks.streets_cut).toBeGreaterThan(5);
	});

	it('puts a heritage buffer with a height limit over parcels of the historic core', async () => {
		const heritage = await one(sql<{ name_fa: string; max_height_m: number; parcels: number }>`
			select o.name_fa, o.max_height_m, count(p.id)::int as parcels
			from overlays o left join parcels p on ST_Intersects(p.geom, o.geom)
			where o.kind = 'heritage_buffer' group by o.id`);
		expect(heritage.name_fa).toBe('حریم میراث فرهنگی میدان نقش جهان');
		expect(heritage.max_height_m).toBe(9);
		expect(heritage.parcels).toBeGreaterThan(20);
		const kinds = await database.db.selectFrom('overlays').select('kind').distinct().execute();
		expect(kinds.length).toBeGreaterThanOrEqual(2);
	});

	it('has parcels straddling two zones', async () => {
		const straddling = await one(sql<{ n: number }>`
			select count(*)::int as n from (
				select p.id from parcels p join zoning_zones z on ST_Intersects(p.geom, z.geom)
				where ST_Area(ST_Intersection(p.geom, z.geom)) > 5 group by p.id having count(*) > 1) s`);
		expect(straddling.n).toBeGreaterThan(0);
	});

	it('leaves most built parcels with capacity to spare, a few over it, and some open cases', async () => {
		const use = await one(sql<{ partly: number; over: number; open_cases: number; closed_cases: number }>`
			with capacity as (
				select b.permitted_floor_area_m2 as permitted, p.area_m2 * r.density_pct / 100 as max_area
				from buildings b join parcels p on p.id = b.parcel_id
				join zoning_zones z on ST_Intersects(z.geom, ST_PointOnSurface(p.geom))
				join zone_rules r on r.book_id = pelak_rule_book_in_force() and r.zone_code = pelak_zone_key(z.code))
			select (select count(*)::int from capacity where permitted < max_area and permitted > 0) as partly,
			       (select count(*)::int from capacity where permitted > max_area) as over,
			       (select count(*)::int from cases where status = 'open' and due_on is not null) as open_cases,
			       (select count(*)::int from cases where status = 'closed') as closed_cases`);
		expect(use.partly).toBeGreaterThan(counts.buildings * 0.5);
		expect(use.over).toBeGreaterThan(0);
		expect(use.open_cases).toBeGreaterThan(0);
		expect(use.closed_cases).toBeGreaterThan(0);
	});

	it('ships the SAMPLE rule book, in force, with rules for every zone code and zones that carry only their code', async () => {
		const book = await one(sql<{ title: string; is_sample: boolean; rows: number }>`
			select title, is_sample, (select count(*)::int from zone_rules r where r.book_id = b.id) as rows
			from rule_books b where b.id = pelak_rule_book_in_force()`);
		expect(book).toMatchObject({ is_sample: true, rows: counts.zone_rules });
		expect(book.title).toContain('داده نمونه');
		const uncovered = await one(sql<{ n: number }>`
			select count(*)::int as n from zoning_zones z
			where not exists (select 1 from zone_rules r where r.book_id = pelak_rule_book_in_force() and r.zone_code = pelak_zone_key(z.code))`);
		expect(uncovered.n).toBe(0);
		const legacy = await one(sql<{ n: number }>`select count(*)::int as n from zoning_zones where land_use is not null or density_pct is not null`);
		expect(legacy.n).toBe(0);
	});

	it('labels zoning as sample data', async () => {
		const unlabelled = await one(sql<{ n: number }>`select count(*)::int as n from zoning_zones where description <> 'داده نمونه — sample data'`);
		expect(unlabelled.n).toBe(0);
	});

	it('gives every parcel a zone value P per use class, falling from the core outwards, labelled as sample data', async () => {
		const p = await one(sql<{ missing: number; unlabelled: number; core: number; edge: number; commercial_over_residential: boolean }>`
			with residential as (
				select p.id, (select max(z.p_rial_per_m2) from zone_values z
				              where z.use_class = 'residential' and ST_Intersects(z.geom, ST_PointOnSurface(p.geom))) as value
				from parcels p
			)
			select (select count(*)::int from residential where value is null) as missing,
			       (select count(*)::int from zone_values where source_ref not like 'نمونه — sample%') as unlabelled,
			       (select max(value) from residential)::float8 as core, (select min(value) from residential)::float8 as edge,
			       (select min(p_rial_per_m2) from zone_values where use_class = 'commercial')
			         > (select min(p_rial_per_m2) from zone_values where use_class = 'residential') as commercial_over_residential`);
		expect(p.missing).toBe(0);
		expect(p.unlabelled).toBe(0);
		expect(p.core).toBeGreaterThan(p.edge);
		expect(p.core).toBeLessThanOrEqual(9_900_000);
		expect(p.edge).toBeGreaterThanOrEqual(1_350_000);
		expect(p.commercial_over_residential).toBe(true);
	});

	it('surfaces the streets, lays moratoriums and ~60 works in every status, all marked as sample data', async () => {
		expect(counts.street_surfaces).toBeGreaterThan(100);
		expect(counts.restrictions).toBe(6);
		expect(counts.excavation_works).toBe(60);
		const surfaces = await one(sql<{ invalid: number; kinds: string[]; unlinked: number }>`
			select (select count(*)::int from street_surfaces where not ST_IsValid(geom) or ST_IsEmpty(geom)) as invalid,
			       (select array_agg(distinct surface || '/' || location order by surface || '/' || location) from street_surfaces) as kinds,
			       (select count(*)::int from street_surfaces where street_id is null) as unlinked`);
		expect(surfaces).toEqual({ invalid: 0, kinds: ['asphalt/carriageway', 'concrete/carriageway', 'paving/footway', 'unpaved/carriageway'], unlinked: 0 });
		const statuses = await database.db.selectFrom('excavation_works').select('status').distinct().orderBy('status').execute();
		expect(statuses.map((r) => r.status)).toEqual(['active', 'approved', 'cancelled', 'closed', 'completed', 'draft', 'permitted', 'planned', 'refused', 'remedial']);
		const works = await one(sql<{ invalid: number; off_surface: number; shared: number; emergency: number; unmarked: number }>`
			select (select count(*)::int from excavation_works where not ST_IsValid(footprint) or ST_Area(footprint) < 1) as invalid,
			       (select count(*)::int from excavation_works w where not exists (
			         select 1 from street_surfaces s where ST_Intersects(s.geom, w.footprint))) as off_surface,
			       (select count(*)::int from excavation_works where shared_trench_of is not null) as shared,
			       (select count(*)::int from excavation_works where emergency and category = 'immediate') as emergency,
			       (select count(*)::int from organisations where name_fa not like '%داده نمونه%' and code <> 'citizens') as unmarked`);
		expect(works).toEqual({ invalid: 0, off_surface: 0, shared: 2, emergency: 4, unmarked: 0 });
		// the cluster on one arterial clashes: works within 25 m of each other on overlapping dates
		const clashes = await one(sql<{ n: number }>`
			select count(*)::int as n from excavation_works a join excavation_works b
			  on a.id < b.id and ST_DWithin(a.footprint, b.footprint, 25) and a.period && b.period
			where a.status in ('planned', 'approved', 'active') and b.status in ('planned', 'approved', 'active')
			  and b.shared_trench_of is distinct from a.id`);
		expect(clashes.n).toBeGreaterThanOrEqual(2);
		// only emergencies dig under a moratorium; a refused application lies on one
		const underMoratorium = await database.db
			.selectFrom('excavation_works as w')
			.innerJoin('restrictions as r', (j) => j.on(sql<boolean>`ST_Intersects(r.geom, w.footprint) and r.period && w.period`))
			.select(['w.status', 'w.emergency'])
			.where('w.status', 'in', ['approved', 'active'])
			.execute();
		expect(underMoratorium.length).toBeGreaterThan(0);
		expect(underMoratorium.every((w) => w.emergency)).toBe(true);
	});
});

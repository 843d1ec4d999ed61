/**
 * POST /api/excavations/check on a hand-measured street network (tests/factories/excavation-world.ts):
 * areas, streets and surfaces, moratoriums, clashes, referrals, blackouts, the fee, bad input,
 * and the GiST indexes the clash and moratorium queries go through.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildExcavationWorld, drawnTrench, E0, lonLat, N0, pit, trench, type ExcavationWorld } from '../factories/excavation-world';
import { TEST_SRID } from '../db';
import { POST as checkRoute } from '../../src/routes/api/excavations/check/+server';
import { checkPartQueries } from '../../src/lib/server/excavation/check.repository';
import { measureDrawing } from '../../src/lib/server/excavation';
import { checkDrawing } from '../../src/lib/server/excavation/check.service';
import type { ExcavationCheck } from '../../src/lib/api/excavation';
import type { Lang } from '../../src/lib/i18n';

let database: TestDatabase;
let world: ExcavationWorld;
beforeAll(async () => {
	// the route reads the app's clock: these tests run on the day they were written (a planned dig may not start before today)
	vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-30T05:30:00Z'), shouldAdvanceTime: true });
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
});
afterAll(async () => {
	vi.useRealTimers();
	await database?.close();
});

const DECEMBER = { start: '2026-12-01', end: '2026-12-10' };

async function post(body: unknown, lang: Lang = 'en') {
	const url = new URL('/api/excavations/check', 'http://pelak.test');
	const request = new Request(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
	const response = await checkRoute({ url, request, locals: { db: database.db, backend: database.backend, lang, user: null } } as never);
	return { status: response.status, body: await response.json() };
}

async function check(body: Record<string, unknown>): Promise<ExcavationCheck> {
	const res = await post({ ...DECEMBER, ...body });
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return res.body as ExcavationCheck;
}

describe(`excavation check (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('measures a trench as length × width: flat ends, mitred corners', async () => {
		const straight = await check({ features: [trench([[-250, 2], [-200, 2]], 0.8)] });
		expect(straight.length_m).toBeCloseTo(50, 2);
		expect(straight.area_m2).toBeCloseTo(50 * 0.8, 2);
		// an L: 30 m east then 20 m north, 1.2 m wide; a round join or end would add area
		const bent = await measureDrawing(database.db, [{ kind: 'trench', ...trench([[-280, -50], [-250, -50], [-250, -30]], 1.2) }]);
		expect(bent.length_m).toBeCloseTo(50, 2);
		expect(bent.area_m2).toBeCloseTo(50 * 1.2, 2);
	});

	it('names each street dug with its surfaces, and counts a junction once', async () => {
		// along Golestan Alley across Chaharbagh: 40 m × 1 m = 40 m², 14 m of it in the junction both carriageways cover
		const res = await check({ features: [trench([[100, -20], [100, 20]], 1)], emergency: true });
		expect(res.area_m2).toBeCloseTo(40, 2);
		const byStreet = Object.fromEntries(res.streets.map((s) => [s.name_en, s]));
		// the junction is the arterial's (the higher class), so it is not counted for the alley too
		expect(byStreet['Chaharbagh St.']).toMatchObject({ class: 'arterial', area_m2: 14 });
		expect(byStreet['Chaharbagh St.'].surfaces).toEqual([{ surface: 'asphalt', location: 'carriageway', area_m2: 14 }]);
		expect(byStreet['Golestan Alley']).toMatchObject({ class: 'local', area_m2: 26 });
		expect(res.unmapped_m2).toBe(0);
	});

	it('refuses a trench across a street under a moratorium, naming the street and until when', async () => {
		const res = await check({ features: [trench([[60, 50], [140, 50]], 0.8)] });
		expect(res.allowed).toBe(false);
		expect(res.moratoriums).toHaveLength(1);
		const [hit] = res.moratoriums;
		expect(hit).toMatchObject({ id: world.moratoriumId, refuses: true, until: '2029-05-31', street: { id: world.streetB, name_en: 'Golestan Alley' } });
		expect(hit.message.en).toMatch(/Golestan Alley.*until 2029-05-31/);
		expect(hit.message.fa).toContain('کوچه گلستان');
		expect(hit.message.fa).toContain('۱۴۰۸');
		// only the 10 m across the alley is surfaced: 8 m² of 64 m²
		expect(res.streets).toHaveLength(1);
		expect(res.unmapped_m2).toBeCloseTo(56, 2);
	});

	it('lets an emergency dig under a moratorium, charging the resurfaced part as recently paved', async () => {
		const res = await check({ features: [trench([[60, 50], [140, 50]], 0.8)], emergency: true });
		expect(res.allowed).toBe(true);
		expect(res.category).toBe('immediate');
		expect(res.moratoriums[0]).toMatchObject({ refuses: false });
		expect(res.moratoriums[0].message.en).toMatch(/emergency works are exempt/);
		// 8 m² × 4,500,000 × 1.1 (local) × 2 (recently paved) = 79,200,000; deposit 30 % of 8 × 4,500,000
		const paved = res.fee.lines.filter((l) => l.basis.recently_paved);
		const charge = paved.find((l) => l.item_code === '2-1')!;
		expect(charge.basis).toEqual({ surface: 'asphalt', road_class: 'local', recently_paved: true, area_m2: 8 });
		expect(charge.rounded_rial).toBe(79_200_000);
		expect(paved.find((l) => l.item_code === '2-2')!.rounded_rial).toBe(10_800_000);
		// the 56 m² beside the alley, off the surface layer, charged as the alley's asphalt (not resurfaced there):
		// 56 × 4,500,000 × 1.1 = 277,200,000 and a 30 % deposit of 75,600,000
		expect(res.unmapped_charged_as).toEqual({ surface: 'asphalt', road_class: 'local', near: true, within_m: 20 });
		expect(res.fee.lines.filter((l) => !l.basis.recently_paved).map((l) => [l.basis.area_m2, l.rounded_rial])).toEqual([
			[56, 277_200_000],
			[56, 75_600_000]
		]);
		expect(res.fee.total_rial).toBe(90_000_000 + 277_200_000 + 75_600_000);
	});

	it('assesses the fee per surface and road class with the tariff book’s excavation items', async () => {
		// 50 m × 0.8 m on the arterial's asphalt: 40 × 4,500,000 × 1.5 and a 30 % deposit
		const res = await check({ features: [trench([[-250, 2], [-200, 2]], 0.8)] });
		expect(res.fee.lines.map((l) => [l.item_code, l.basis.surface, l.basis.road_class, l.rounded_rial])).toEqual([
			['2-1', 'asphalt', 'arterial', 270_000_000],
			['2-2', 'asphalt', 'arterial', 54_000_000]
		]);
		expect(res.fee.total_rial).toBe(324_000_000);
		expect(res.fee.lines[0].coefficients.map((c) => [c.table, c.value])).toEqual([
			['R_surface', 4_500_000],
			['C_road', 1.5]
		]);
		expect(res.fee.book.sample).toBe(true);
	});

	it('warns of a nearby work at the same time, but not of one at another time or a cancelled one', async () => {
		const near = trench([[-90, 0], [-60, 0]], 0.8);
		const res = await check({ features: [near], start: '2026-12-10', end: '2026-12-12' });
		expect(res.allowed).toBe(true);
		expect(res.clashes.map((c) => c.id)).toEqual([world.w1]);
		expect(res.clashes[0]).toMatchObject({
			reference: 'EXC-1405-00001',
			organisation: { code: 'abfa', kind: 'water' },
			purpose: 'repair',
			status: 'approved',
			start: '2026-12-05',
			end: '2026-12-20',
			share_url: `/api/excavations/${world.w1}`
		});
		// 0.4 m + 0.3 m half-widths between centre lines 3 m apart
		expect(res.clashes[0].distance_m).toBeCloseTo(2.3, 1);
		const later = await check({ features: [near], start: '2026-12-21', end: '2026-12-30' });
		expect(later.clashes).toEqual([]);
		const far = await check({ features: [trench([[-90, 200], [-60, 200]], 0.8)], start: '2026-12-10', end: '2026-12-12' });
		expect(far.clashes).toEqual([]);
	});

	it('warns when the start asked for comes before the officer’s review can finish, and not from the realistic date on', async () => {
		const features = [trench([[-250, 2], [-200, 2]], 0.8)];
		const soon = await check({ features });
		expect(soon.review).toMatchObject({ working_days: 5, late: true, pending_referrals: 0 });
		expect(soon.review!.due_on > DECEMBER.start).toBe(true);
		expect(soon.review!.earliest_start > soon.review!.due_on).toBe(true);
		expect(soon.review!.message!.en).toContain(`(${soon.review!.earliest_start})`);
		const realistic = await check({ features, start: soon.review!.earliest_start, end: '2026-12-20' });
		expect(realistic.review).toMatchObject({ late: false, message: null });
		expect((await check({ features, emergency: true })).review).toBeNull();
	});

	it('does not list a work as a clash with itself when its own dig is checked again', async () => {
		// w1's own trench and dates, as placing sample works checks an existing work
		const own = { features: [drawnTrench([[-100, -3], [-50, -3]], 0.6)], start: '2026-12-05', end: '2026-12-20', emergency: false };
		const anyone = await checkDrawing(database.db, own);
		expect(anyone.check.clashes.map((c) => c.id)).toEqual([world.w1]);
		const itself = await checkDrawing(database.db, own, undefined, { workId: world.w1 });
		expect(itself.check.clashes).toEqual([]);
	});

	it('charges ground off the surface layer as the dearest surface near it, or at the default rate, and says so', async () => {
		// 30 m north from the arterial's centre line, 1 m wide: 7 m² of asphalt carriageway, 3 m² of paved footway,
		// then 20 m² the layer does not cover, beside the arterial: charged as its asphalt carriageway, not left out
		const res = await check({ features: [trench([[-250, 0], [-250, 30]], 1)] });
		expect(res.area_m2).toBeCloseTo(30, 2);
		expect(res.unmapped_m2).toBeCloseTo(20, 2);
		expect(res.unmapped_charged_as).toEqual({ surface: 'asphalt', road_class: 'arterial', near: true, within_m: 20 });
		expect(res.fee.lines.filter((l) => l.item_code === '2-1').map((l) => [l.basis.surface, l.basis.road_class, l.basis.area_m2])).toEqual([
			['asphalt', 'arterial', 27],
			['paving', 'arterial', 3]
		]);
		const charged = res.fee.lines.reduce((sum, l) => sum + l.basis.area_m2, 0) / 2; // each basis has a charge and a deposit line
		expect(charged).toBeCloseTo(res.area_m2, 2);
		// 27 m² × 4,500,000 × 1.5 and a deposit of 30 % of 27 × 4,500,000
		expect(res.fee.lines.filter((l) => l.basis.surface === 'asphalt').map((l) => l.rounded_rial)).toEqual([182_250_000, 36_450_000]);
		// a pit far from any mapped surface: the default ground, flagged for the officer
		const far = await check({ features: [pit(-250, 300, -245, 304)] });
		expect(far.streets).toEqual([]);
		expect(far.unmapped_m2).toBeCloseTo(20, 2);
		expect(far.unmapped_charged_as).toEqual({ surface: 'asphalt', road_class: 'local', near: false, within_m: 20 });
		expect(far.fee.lines.map((l) => l.rounded_rial)).toEqual([99_000_000, 27_000_000]);
		// all of it on the layer: nothing unmapped
		expect((await check({ features: [trench([[-250, 2], [-200, 2]], 0.8)] })).unmapped_charged_as).toBeNull();
	});

	it('refers a dig in a heritage buffer to Cultural Heritage', async () => {
		const res = await check({ features: [pit(250, 30, 255, 35)] });
		expect(res.area_m2).toBeCloseTo(25, 2);
		expect(res.referrals).toEqual([
			expect.objectContaining({ agency_kind: 'cultural_heritage', overlay: expect.objectContaining({ id: world.heritageId, kind: 'heritage_buffer' }) })
		]);
		expect(res.referrals[0].reason.en).toContain('Jameh Mosque buffer');
		expect((await check({ features: [pit(150, 30, 155, 35)] })).referrals).toEqual([]);
	});

	it('charges a dig on a street drawn as one polygon of 20,000 vertices by its pieces, exactly', async () => {
		// real street layers are often the whole road space in a few polygons: a 1,800 × 20 m boulevard traced every 18 cm
		const street = await database.db
			.insertInto('streets')
			.values({ name_fa: 'بلوار کاوه', name_en: 'Kaveh Blvd.', class: 'collector', width_m: 20, planned_width_m: 20, geom: sql<string>`ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 - 900}::float8, ${N0 + 510}::float8), ST_MakePoint(${E0 + 900}::float8, ${N0 + 510}::float8)), ${TEST_SRID}::int))` })
			.returning('id')
			.executeTakeFirstOrThrow();
		const surface = await database.db
			.insertInto('street_surfaces')
			.values({ street_id: street.id, surface: 'concrete', location: 'carriageway', geom: sql<string>`ST_Multi(ST_Segmentize(ST_MakeEnvelope(${E0 - 900}::float8, ${N0 + 500}::float8, ${E0 + 900}::float8, ${N0 + 520}::float8, ${TEST_SRID}::int), 0.18::float8))` })
			.returning('id')
			.executeTakeFirstOrThrow();
		try {
			const parts = await sql<{ n: number; most: number; vertices: number }>`
				select count(*)::int as n, max(ST_NPoints(x.geom))::int as most, (select ST_NPoints(geom) from street_surfaces where id = ${surface.id}::int) as vertices
				from street_surface_parts x where x.street_surface_id = ${surface.id}::int`.execute(database.db);
			expect(parts.rows[0].vertices).toBeGreaterThan(20_000);
			expect(parts.rows[0].most).toBeLessThanOrEqual(255);
			// 790 m along the boulevard, 1 m wide: across many pieces, all of it on the one surface, counted once
			const along = await check({ features: [trench([[-890, 510], [-100, 510]], 1)] });
			expect(along.area_m2).toBeCloseTo(790, 2);
			expect(along.streets).toEqual([expect.objectContaining({ id: street.id, class: 'collector', area_m2: 790 })]);
			expect(along.streets[0].surfaces).toEqual([{ surface: 'concrete', location: 'carriageway', area_m2: 790 }]);
			expect(along.unmapped_m2).toBe(0);
			// across it, 40 m × 1 m: the 20 m on the boulevard charged, the rest unmapped
			const across = await check({ features: [trench([[-800, 490], [-800, 530]], 1)] });
			expect(across.streets).toEqual([expect.objectContaining({ id: street.id, area_m2: 20 })]);
			expect(across.unmapped_m2).toBeCloseTo(20, 2);
			expect(across.unmapped_charged_as).toMatchObject({ surface: 'concrete', road_class: 'collector', near: true });
		} finally {
			await database.db.deleteFrom('street_surfaces').where('id', '=', surface.id).execute();
			await database.db.deleteFrom('streets').where('id', '=', street.id).execute();
		}
		const left = await sql<{ n: number }>`select count(*)::int as n from street_surface_parts where street_surface_id = ${surface.id}::int`.execute(database.db);
		expect(left.rows[0].n).toBe(0);
	});

	it('refuses dates in a calendar blackout unless the works are an emergency', async () => {
		const body = { features: [trench([[-250, 2], [-200, 2]], 0.8)], start: '2027-03-01', end: '2027-03-10' };
		const res = await check(body);
		expect(res.allowed).toBe(false);
		expect(res.blackouts).toEqual([expect.objectContaining({ code: '1406-nowruz', from: '2027-03-06', until: '2027-04-04', refuses: true, estimated: false })]);
		expect(res.blackouts[0].message.en).toMatch(/move the dates/);
		const urgent = await check({ ...body, emergency: true });
		expect(urgent.allowed).toBe(true);
		expect(urgent.blackouts[0].refuses).toBe(false);
		expect((await check({ ...body, start: '2027-02-01', end: '2027-02-10' })).blackouts).toEqual([]);
	});
});

describe(`excavation check input (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	const line = trench([[-250, 2], [-200, 2]], 0.8);
	const bowTie = { geometry: { type: 'Polygon', coordinates: [[lonLat(0, 20), lonLat(10, 30), lonLat(10, 20), lonLat(0, 30), lonLat(0, 20)]] } };
	const metres = { geometry: { type: 'LineString', coordinates: [[560000, 3612000], [560050, 3612000]] }, width_m: 0.8 };
	const manyVertices = { geometry: { type: 'LineString', coordinates: Array.from({ length: 501 }, (_, i) => lonLat(-250 + i * 0.1, 2)) }, width_m: 0.8 };
	it.each([
		['a self-intersecting polygon', { features: [bowTie] }, 'self_intersecting_polygon', /features\[0\] intersects itself/],
		// its two halves have equal and opposite areas: it is refused for crossing, not as a ring without area
		['a symmetric bow-tie', { features: [{ geometry: { type: 'Polygon', coordinates: [[[51.675, 32.655], [51.676, 32.656], [51.676, 32.655], [51.675, 32.656], [51.675, 32.655]]] } }] }, 'self_intersecting_polygon', /features\[0\] intersects itself/],
		['a trench line crossing itself', { features: [{ geometry: { type: 'LineString', coordinates: [lonLat(-250, 0), lonLat(-230, 20), lonLat(-230, 0), lonLat(-250, 20)] }, width_m: 0.8 }] }, 'self_intersecting_line', /trench line features\[0\] crosses or doubles back/],
		['a trench line doubling back', { features: [{ geometry: { type: 'LineString', coordinates: [[51.675, 32.655], [51.677, 32.655], [51.676, 32.655]] }, width_m: 0.8 }] }, 'self_intersecting_line', /doubles back/],
		['a width given as text', { features: [{ ...line, width_m: '0.8' }] }, 'width_not_a_number', /features\[0\]\.width_m\) must be a number of metres, not "0\.8" \(text\)/],
		['a line of one point', { features: [{ geometry: { type: 'LineString', coordinates: [lonLat(0, 0)] }, width_m: 1 }] }, 'line_too_short', /features\[0\] needs at least two/],
		['coordinates in metres', { features: [metres] }, 'coordinates_not_wgs84', /not a WGS84 longitude\/latitude/],
		['coordinates far from the city', { features: [{ ...line, geometry: { type: 'LineString', coordinates: [[53.5, 30], [53.501, 30]] } }] }, 'outside_city_area', /features\[0\] lies in none of the city's districts/],
		['coordinates outside the city’s CRS', { features: [{ ...line, geometry: { type: 'LineString', coordinates: [[10, 30], [10.001, 30]] } }] }, 'outside_city_area', /outside the city/],
		['a line without a width', { features: [{ geometry: line.geometry }] }, 'width_required', /features\[0\]\.width_m/],
		['a line 7 m wide', { features: [{ ...line, width_m: 7 }] }, 'width_out_of_range', /between 0\.1 and 5 m, not 7/],
		['a polygon with a width', { features: [{ ...pit(0, 20, 5, 25), width_m: 1 }] }, 'width_not_allowed', /features\[0\] is a polygon/],
		['a point', { features: [{ geometry: { type: 'Point', coordinates: lonLat(0, 0) } }] }, 'invalid_geometry_type', /LineString .* or Polygon/],
		['no features', { features: [] }, 'features_required', /at least one/],
		['21 features', { features: Array.from({ length: 21 }, () => line) }, 'too_many_features', /At most 20/],
		['501 vertices', { features: [manyVertices] }, 'too_many_vertices', /501 vertices/],
		['the end before the start', { features: [line], start: '2026-12-10', end: '2026-12-01' }, 'end_before_start', /end date .* before the start date/],
		['a year and a day', { features: [line], start: '2026-12-01', end: '2027-12-01' }, 'period_too_long', /366-day/],
		['a date that does not exist', { features: [line], start: '2026-02-30', end: '2026-03-01' }, 'invalid_date', /start date \(start\)/],
		['a planned dig starting yesterday', { features: [line], start: '2026-11-29', end: '2026-12-01' }, 'start_in_past', /start date, 29 Nov 2026 \(2026-11-29\), is in the past: today is 30 Nov 2026/],
		['an emergency begun 4 days ago', { features: [line], emergency: true, start: '2026-11-26', end: '2026-12-01' }, 'start_in_past', /more than 3 days before today, 30 Nov 2026/],
		['an emergency that is not true or false', { features: [line], emergency: 'yes' }, 'invalid_emergency', /emergency/]
	])('refuses %s with 400 naming the problem', async (_what, body, code, message) => {
		const res = await post({ ...DECEMBER, ...body });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe(code);
		expect(res.body.error.message).toMatch(message);
	});

	it('checks an emergency begun up to 3 days ago and a planned dig starting today', async () => {
		expect((await check({ features: [line], emergency: true, start: '2026-11-27', end: '2026-12-01' })).category).toBe('immediate');
		expect((await check({ features: [line], start: '2026-11-30', end: '2026-12-01' })).allowed).toBe(true);
	});

	it('refuses a body that is not JSON, and names problems in Persian by default', async () => {
		expect((await post('{"features": [')).body.error.code).toBe('invalid_json');
		const fa = await post({ ...DECEMBER, features: [{ ...line, width_m: 7 }] }, 'fa');
		expect(fa.body.error.message).toContain('پهنای ترانشه');
		expect(fa.body.error.message).toContain('۷');
	});
});

describe(`excavation check SQL (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	async function plan(query: ReturnType<typeof checkPartQueries.clashes>) {
		return database.db.transaction().execute(async (trx) => {
			// on a handful of rows a sequential scan is cheaper; forbid it so the test checks the index is usable
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
	}

	it('finds clashes through the partial GiST index on (footprint, period)', async () => {
		const { footprint } = await measureDrawing(database.db, [{ kind: 'trench', ...trench([[-90, 0], [-60, 0]], 0.8) }]);
		const text = await plan(checkPartQueries.clashes({ footprint, ...DECEMBER }, 25));
		expect(text).toMatch(/excavation_works_clash_idx/);
		expect(text).toMatch(/Index Cond: .*footprint.*period/s);
	});

	it("cuts the footprint by the street surfaces' pieces, found through their GiST index", async () => {
		const { footprint } = await measureDrawing(database.db, [{ kind: 'trench', ...trench([[90, -20], [110, 20]], 1) }]);
		const text = await plan(checkPartQueries.surfaces({ footprint, ...DECEMBER }));
		expect(text).toMatch(/street_surface_parts_geom_idx/);
		expect(text).not.toMatch(/Seq Scan on street_surfaces/);
	});

	it('finds moratoriums through the GiST index on (geom, period)', async () => {
		const { footprint } = await measureDrawing(database.db, [{ kind: 'trench', ...trench([[60, 50], [140, 50]], 0.8) }]);
		const text = await plan(checkPartQueries.moratoriums({ footprint, ...DECEMBER }));
		expect(text).toMatch(/restrictions_geom_period_idx/);
		expect(text).toMatch(/Index Cond: .*geom.*period/s);
	});
});

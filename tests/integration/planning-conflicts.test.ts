/**
 * The planners' setback conflicts on a hand-built city (tests/factories/planning-city.ts): the
 * figures per parcel, street and district, the filters, the acquisition cost once zone values
 * exist, the files (CSV, GeoJSON, XLSX read back), who may ask, and the indexes the query uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { box, buildPlanningCity, E0, N0, type PlanningCity } from '../factories/planning-city';
import { importLayer } from '../../gis/import/import-layer';
import { rebuildWideningCorridors } from '../../src/lib/server/streets/widening.repository';
import { conflictReport, draftStreetPlan, planImpact } from '../../src/lib/server/planning';
import { conflictsQuery, findConflicts } from '../../src/lib/server/planning/conflicts.repository';
import type { ConflictFilter, ConflictReport } from '../../src/lib/api/planning';
import { GET } from '../../src/routes/api/planning/setback-conflicts/+server';
import type { SessionUser } from '../../src/lib/server/auth';

let database: TestDatabase;
let city: PlanningCity;
beforeAll(async () => {
	database = await openTestDatabase();
	city = await buildPlanningCity(database.db);
});
afterAll(async () => {
	await database?.close();
});

const ALL: ConflictFilter = { district: null, street: null, streetClass: null, status: null, parcel: null };
const SHARE = 132 / 140; // Pc: setback 132 m² over pieces of 80 + 60 m²

async function api(query: string, user: SessionUser | null = city.planner) {
	const url = new URL(`http://pelak.test/api/planning/setback-conflicts?${query}`);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return GET({ url, locals: { db: database.db, readDb: database.replica, lang: 'fa', user } } as any);
}

describe(`setback conflicts (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('lists each parcel a corridor cuts, with the land it takes, its buildings, cases and permits', async () => {
		const report = await conflictReport(database.db, 'parcels', ALL);
		const byKey = Object.fromEntries(report.rows.map((r) => [r.key, r]));
		expect(Object.keys(byKey).sort()).toEqual(
			[`p${city.p1}-s${city.s1}`, `p${city.p2}-s${city.s1}`, `p${city.pc}-s${city.s1}`, `p${city.pc}-s${city.s2}`, `p${city.p4}-s${city.s3}`].sort()
		);
		const p1 = byKey[`p${city.p1}-s${city.s1}`];
		expect(p1.land_m2).toBeCloseTo(80, 6);
		expect(p1.buildings).toBe(1);
		expect(p1.parcel).toMatchObject({ id: city.p1, renovation_code: '1-1-001', open_cases: 1, permits: 1 });
		expect(p1.street).toMatchObject({ id: city.s1, class: 'collector', width_m: 12, planned_width_m: 20, status: 'planned', has_draft: false });
		expect(p1.districts.map((d) => d.code)).toEqual(['1']);
		expect(byKey[`p${city.p2}-s${city.s1}`]).toMatchObject({ buildings: 0, parcel: { open_cases: 0, permits: 1 } });
		// the corner parcel's 8 m² overlap is shared in proportion: its rows add up to its 132 m² setback
		expect(byKey[`p${city.pc}-s${city.s1}`].land_m2).toBeCloseTo(80 * SHARE, 6);
		expect(byKey[`p${city.pc}-s${city.s2}`].land_m2).toBeCloseTo(60 * SHARE, 6);
		expect(byKey[`p${city.pc}-s${city.s1}`].buildings + byKey[`p${city.pc}-s${city.s2}`].buildings).toBe(1);
		expect(report.rows[0].land_m2).toBeCloseTo(150, 6); // largest first
		expect(report.row_count).toBe(5);
		const [w, s, e, n] = p1.bbox!;
		expect([w < e, s < n, w > 51, s > 32]).toEqual([true, true, true, true]);
		const firstTwo = await conflictReport(database.db, 'parcels', ALL, { limit: 2 });
		expect(firstTwo.rows.map((r) => r.key)).toEqual(report.rows.slice(0, 2).map((r) => r.key));
		expect(firstTwo.row_count).toBe(5);
		expect(firstTwo.totals).toEqual(report.totals);
		expect(report.totals).toEqual({
			parcels: 4,
			land_m2: expect.closeTo(80 + 80 + 132 + 150, 6),
			buildings: 2,
			parcels_with_open_cases: 1,
			parcels_with_permits: 2,
			cost_rial: null,
			// no case has proposed a footprint yet (see the last block)
			proposals_beyond: 0,
			permits_beyond: 0,
			proposals_beyond_m2: 0
		});
		expect(report.cost_available).toBe(false);
	});

	it('sums the same figures per street and per district, adding up to the totals', async () => {
		const streets = await conflictReport(database.db, 'streets', { ...ALL, district: city.d1 });
		expect(streets.rows.map((r) => [r.street!.id, r.parcels, r.buildings])).toEqual([
			[city.s1, 3, 2],
			[city.s2, 1, 0]
		]);
		expect(streets.rows[0].land_m2).toBeCloseTo(160 + 80 * SHARE, 6);
		expect(streets.rows[0].bbox![0]).toBeLessThan(streets.rows[0].bbox![2]);
		expect(streets.totals.parcels).toBe(3);
		expect(streets.totals.land_m2).toBeCloseTo(292, 6);

		const districts = await conflictReport(database.db, 'districts', ALL);
		expect(districts.rows.map((r) => [r.districts[0].code, r.parcels, Math.round(r.land_m2 * 1000) / 1000])).toEqual([
			['1', 3, 292],
			['2', 1, 150]
		]);
	});

	it('filters by district, street, street class, plan status and parcel', async () => {
		const keys = async (filter: Partial<ConflictFilter>) =>
			(await conflictReport(database.db, 'parcels', { ...ALL, ...filter })).rows.map((r) => r.key).sort();
		expect(await keys({ district: city.d2 })).toEqual([`p${city.p4}-s${city.s3}`]);
		expect(await keys({ street: city.s2 })).toEqual([`p${city.pc}-s${city.s2}`]);
		expect(await keys({ streetClass: 'arterial' })).toEqual([`p${city.p4}-s${city.s3}`]);
		expect(await keys({ parcel: city.pc })).toEqual([`p${city.pc}-s${city.s1}`, `p${city.pc}-s${city.s2}`]);
		expect(await keys({ status: 'revised' })).toEqual([]);
		expect((await keys({ status: 'planned' })).length).toBe(5);
		expect(await keys({ street: city.s4 })).toEqual([]);
		await expect(conflictReport(database.db, 'parcels', { ...ALL, street: 999_999 })).rejects.toMatchObject({ status: 404, code: 'street_not_found' });
	});

	it('prices the land with the residential zone value covering most of it, once zone values exist', async () => {
		await database.db.transaction().execute(async (trx) => {
			await sql`insert into zone_values (geom, use_class, p_rial_per_m2) values
				(${box(-500, -500, 0, 500)}, 'residential', 1000000), (${box(0, -500, 500, 500)}, 'residential', 2000000),
				(${box(-500, -500, 500, 500)}, 'commercial', 90000000)`.execute(trx);
			const { rows, totals, costAvailable } = await findConflicts(trx, 'parcels', { ...ALL, district: city.d1 });
			expect(costAvailable).toBe(true);
			const cost = (key: string) => rows.find((r) => r.key === key)!.cost_rial;
			expect(cost(`p${city.p1}-s${city.s1}`)).toBe(80_000_000);
			expect(cost(`p${city.pc}-s${city.s1}`)).toBe(Math.round(80 * SHARE * 2_000_000));
			// S2's piece lies on x 4…6, wholly in the x ≥ 0 polygon
			expect(cost(`p${city.pc}-s${city.s2}`)).toBe(Math.round(60 * SHARE * 2_000_000));
			expect(totals.cost_rial).toBe(160_000_000 + Math.round(80 * SHARE * 2_000_000) + Math.round(60 * SHARE * 2_000_000));
			// land outside every zone value polygon has no price: the street's sum is not invented either
			const p4 = await findConflicts(trx, 'streets', { ...ALL, district: city.d2 });
			expect(p4.rows[0].cost_rial).toBeNull();
			throw new Error('roll back');
		}).catch((err) => expect((err as Error).message).toBe('roll back'));
		expect((await conflictReport(database.db, 'parcels', ALL)).cost_available).toBe(false);
	});

	it('prices again, in the same statement, the pieces a changed or removed zone value touches', async () => {
		await database.db.transaction().execute(async (trx) => {
			await sql`insert into zone_values (geom, use_class, p_rial_per_m2) values (${box(-500, -500, 500, 500)}, 'residential', 1000000)`.execute(trx);
			const cost = async () => (await findConflicts(trx, 'parcels', { ...ALL, district: city.d1 })).rows.find((r) => r.key === `p${city.p1}-s${city.s1}`)!.cost_rial;
			expect(await cost()).toBe(80_000_000);
			await sql`update zone_values set p_rial_per_m2 = 3000000 where use_class = 'residential'`.execute(trx);
			expect(await cost()).toBe(240_000_000);
			// moved away from the piece: its old place is priced again, to nothing
			await sql`update zone_values set geom = ${box(10_000, 10_000, 10_100, 10_100)} where use_class = 'residential'`.execute(trx);
			expect(await cost()).toBeNull();
			await sql`update zone_values set geom = ${box(-500, -500, 500, 500)} where use_class = 'residential'`.execute(trx);
			expect(await cost()).toBe(240_000_000);
			await sql`delete from zone_values`.execute(trx);
			await sql`insert into zone_values (geom, use_class, p_rial_per_m2) values (${box(10_000, 10_000, 10_100, 10_100)}, 'residential', 5)`.execute(trx);
			expect(await cost()).toBeNull();
			throw new Error('roll back');
		}).catch((err) => expect((err as Error).message).toBe('roll back'));
	});
});

describe('conflicts after an import', () => {
	it('counts a building imported into a corridor at once', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-planning-'));
		const file = path.join(dir, 'buildings.geojson');
		// a building on P2 reaching 2 m into S1's corridor (y −10…−6)
		const ring = [[-99, -36], [-81, -36], [-81, -8], [-99, -8], [-99, -36]].map(([x, y]) => [E0 + x, N0 + y]);
		fs.writeFileSync(file, JSON.stringify({
			type: 'FeatureCollection',
			crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${TEST_SRID}` } },
			features: [{ type: 'Feature', properties: { floors: 2 }, geometry: { type: 'Polygon', coordinates: [ring] } }]
		}));
		const before = await conflictReport(database.db, 'parcels', { ...ALL, parcel: city.p2 });
		expect(before.rows[0].buildings).toBe(0);
		await importLayer(database.db, { file, layer: 'buildings', srid: TEST_SRID });
		const after = await conflictReport(database.db, 'parcels', { ...ALL, parcel: city.p2 });
		expect(after.rows[0].buildings).toBe(1);
		fs.rmSync(dir, { recursive: true, force: true });
		await database.db.deleteFrom('buildings').where('parcel_id', '=', city.p2).where('floors', '=', 2).execute();
		await rebuildWideningCorridors(database.db);
	});
});

describe('cases counted on the pieces (migrations/0151)', () => {
	/** Every piece's parcel_cases is its parcel's number of cases. */
	const exact = async (db: Parameters<typeof conflictReport>[0]) => {
		const { rows } = await sql<{ parcel_id: number; kept: number; counted: number }>`
			select s.parcel_id, s.parcel_cases as kept, (select count(*) from cases c where c.parcel_id = s.parcel_id)::int as counted
			from parcel_setbacks s`.execute(db);
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r.kept, `parcel ${r.parcel_id}`).toBe(r.counted);
	};

	it('keeps each piece’s count of its parcel’s cases exact as cases are filed, moved and deleted, and after a rebuild', async () => {
		const openOn = async (db: Parameters<typeof conflictReport>[0], parcel: number) =>
			(await conflictReport(db, 'parcels', { ...ALL, parcel })).rows.filter((r) => r.kind === 'setback').map((r) => r.parcel!.open_cases);
		await exact(database.db);
		await database.db.transaction().execute(async (trx) => {
			expect(await openOn(trx, city.p4)).toEqual([0]);
			const { id } = await trx.insertInto('cases').values({ parcel_id: city.p4, tracking_code: 'PLN-C1', kind: 'building_permit', status: 'open', title_fa: 'پروانهٔ ساختمانی' }).returning('id').executeTakeFirstOrThrow();
			await exact(trx);
			expect(await openOn(trx, city.p4)).toEqual([1]);
			await trx.updateTable('cases').set({ parcel_id: city.pc }).where('id', '=', id).execute();
			await exact(trx);
			expect(await openOn(trx, city.p4)).toEqual([0]);
			expect(await openOn(trx, city.pc)).toEqual([1, 1]);
			await rebuildWideningCorridors(trx);
			await exact(trx);
			expect(await openOn(trx, city.pc)).toEqual([1, 1]);
			await trx.deleteFrom('cases').where('id', '=', id).execute();
			await exact(trx);
			expect(await openOn(trx, city.pc)).toEqual([0, 0]);
			throw new Error('roll back');
		}).catch((err) => expect((err as Error).message).toBe('roll back'));
		await exact(database.db);
	});

	// two connections at once: PostgreSQL only (the embedded database has one)
	it.runIf(!!process.env.DATABASE_URL)('counts a case another connection files while the setbacks are rebuilt', async () => {
		let filing: Promise<{ id: number }> | undefined;
		await database.db.transaction().execute(async (trx) => {
			await rebuildWideningCorridors(trx);
			// filed meanwhile: it waits for the rebuild to commit (the rebuild holds case writes), then counts on the new pieces
			filing = database.db.insertInto('cases').values({ parcel_id: city.p4, tracking_code: 'PLN-RACE', kind: 'building_permit', status: 'open', title_fa: 'پروانهٔ ساختمانی' }).returning('id').executeTakeFirstOrThrow();
			await new Promise((r) => setTimeout(r, 300));
		});
		const { id } = await filing!;
		try {
			await exact(database.db);
		} finally {
			await database.db.deleteFrom('cases').where('id', '=', id).execute();
		}
		await exact(database.db);
	});
});

describe('GET /api/planning/setback-conflicts', () => {
	it('answers planners with rows and totals as JSON', async () => {
		const response = await api(`district=${city.d1}&view=streets`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as ConflictReport;
		expect(body.rows).toHaveLength(2);
		expect(body.totals.parcels).toBe(3);
		const first = (await (await api('limit=2')).json()) as ConflictReport & { row_count: number };
		expect(first.rows.map((r) => r.land_m2)).toEqual([150, 80]);
		expect(first).toMatchObject({ row_count: 5, totals: { parcels: 4 } });
		expect((await api('limit=0')).status).toBe(400);
	});

	it('refuses anonymous visitors with 401 and other staff with 403, and bad filters with 400', async () => {
		expect((await api('', null)).status).toBe(401);
		const forbidden = await api('', city.officer);
		expect(forbidden.status).toBe(403);
		expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('forbidden');
		const bad = await api('view=everything');
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('everything');
		expect((await api('district=abc')).status).toBe(400);
	});

	it('writes CSV with a BOM for Excel, one line per row and formula-safe text', async () => {
		const response = await api(`district=${city.d1}&format=csv`);
		expect(response.headers.get('content-type')).toContain('text/csv');
		expect(response.headers.get('content-disposition')).toContain('attachment');
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).replace(/^\ufeff/, '').trim().split('\r\n');
		expect(lines).toHaveLength(1 + 4);
		expect(lines[0].split(',')).toContain('زمین مورد تملک');
		expect(lines.some((l) => l.includes('1-1-001') && l.includes('خیابان آزمون') && l.split(',').includes('80'))).toBe(true);
	});

	it('writes GeoJSON whose features are the pieces the corridors take, in WGS84', async () => {
		const response = await api(`street=${city.s1}&format=geojson`);
		expect(response.headers.get('content-type')).toContain('application/geo+json');
		const fc = (await response.json()) as GeoJSON.FeatureCollection;
		expect(fc.features).toHaveLength(3);
		for (const f of fc.features) {
			expect(f.geometry.type).toBe('MultiPolygon');
			const [lon, lat] = (f.geometry as GeoJSON.MultiPolygon).coordinates[0][0][0];
			expect(lon).toBeGreaterThan(51);
			expect(lat).toBeGreaterThan(32);
		}
		expect(fc.features.map((f) => f.properties!.parcel.id).sort()).toEqual([city.p1, city.p2, city.pc].sort());
	});

	it('writes XLSX that reads back: right to left, the header, every row and the totals', async () => {
		const response = await api('view=districts&format=xlsx');
		expect(response.headers.get('content-type')).toContain('spreadsheetml');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await response.arrayBuffer());
		const sheet = workbook.worksheets[0];
		expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
		const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
		expect(values(1).slice(0, 4)).toEqual(['منطقه', 'پلاک‌های درگیر', 'زمین مورد تملک', 'ساختمان‌های درگیر']);
		expect(values(2)[0]).toBe('منطقهٔ 1');
		expect(values(2)[1]).toBe(3);
		expect(values(2)[2]).toBeCloseTo(292, 1);
		expect(values(2).slice(3, 6)).toEqual([2, 1, 2]);
		expect(values(3)[0]).toBe('منطقهٔ 2');
		expect(values(4)[0]).toBe('جمع');
		expect(values(4)[1]).toBe(4);
	});
});

describe('the conflicts query plan', () => {
	it("reads a district's conflicts through the district index, not by scanning", async () => {
		await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const query = conflictsQuery('streets', { ...ALL, district: city.d1 }, { cost: sql`null::float8`, withGeometry: false });
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
			const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
			// the district index, or its covering twin that spares the heap (migrations/0151)
			expect(plan).toMatch(/parcel_setbacks_district_(cover_)?idx/);
			expect(plan).not.toMatch(/Seq Scan on parcel_setbacks/);
		});
	});
});

/**
 * Proposals beyond the widening line (kept last: case proposals are append-only). P1's open case
 * PLN-1 proposes a footprint x −55…−45, y 7…25: 10 × 3 = 30 m² inside S1's corridor (y ≤ 10); P2's
 * case PLN-2, closed with a permit issued, one at x −98…−82, y −30…−8: 16 × 2 = 32 m² beyond. P5's
 * open case proposes on a parcel no corridor cuts, and a rejected case's proposal on P1 reaches the
 * corridor but is neither pending nor permitted: neither is listed.
 */
describe('proposals whose footprint reaches beyond the widening line', () => {
	let pending: number;
	let permitted: number;
	beforeAll(async () => {
		const { db } = database;
		const caseOf = async (code: string) => Number((await db.selectFrom('cases').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow()).id);
		pending = await caseOf('PLN-1');
		permitted = await caseOf('PLN-2');
		const rejected = Number((await db.insertInto('cases').values({ parcel_id: city.p1, tracking_code: 'PLN-4', kind: 'building_permit', status: 'closed', title_fa: 'پروانهٔ ساختمانی', decision: 'rejected' }).returning('id').executeTakeFirstOrThrow()).id);
		const propose = (caseId: number, footprint: ReturnType<typeof box>) =>
			sql`insert into case_proposals (case_id, body, footprint, check_ok, check_result, submitted_by)
				values (${caseId}, '{"floors": []}'::jsonb, ${footprint}, true, '{}'::jsonb, ${city.planner.id})`.execute(db);
		// an earlier proposal of the pending case stood clear of the corridor: only the latest counts
		await propose(pending, box(-55, 15, -45, 30));
		await propose(pending, box(-55, 7, -45, 25));
		await propose(permitted, box(-98, -30, -82, -8));
		await propose(Number((await db.selectFrom('cases').select('id').where('tracking_code', '=', 'PLN-3').executeTakeFirstOrThrow()).id), box(-18, 306, -2, 330));
		await propose(rejected, box(-58, 6, -42, 30));
	});

	it('lists each as a row after its parcel, with the area beyond, and counts them in the totals', async () => {
		const report = await conflictReport(database.db, 'parcels', ALL);
		expect(report.row_count).toBe(7);
		const keys = report.rows.map((r) => r.key);
		expect(keys.indexOf(`c${pending}-s${city.s1}`)).toBe(keys.indexOf(`p${city.p1}-s${city.s1}`) + 1);
		expect(keys.indexOf(`c${permitted}-s${city.s1}`)).toBe(keys.indexOf(`p${city.p2}-s${city.s1}`) + 1);
		const row = report.rows.find((r) => r.key === `c${pending}-s${city.s1}`)!;
		expect(row).toMatchObject({ kind: 'proposal', parcels: 0, land_m2: 0, proposals_beyond: 1, permits_beyond: 0, parcel: { id: city.p1 }, street: { id: city.s1 } });
		expect(row.proposal).toMatchObject({ case_id: pending, tracking_code: 'PLN-1', status: 'pending', beyond_m2: expect.closeTo(30, 6) });
		expect(report.rows.find((r) => r.key === `c${permitted}-s${city.s1}`)!.proposal).toMatchObject({ status: 'permit', beyond_m2: expect.closeTo(32, 6) });
		expect(report.rows.find((r) => r.key === `p${city.p1}-s${city.s1}`)).toMatchObject({ kind: 'setback', proposal: null, proposals_beyond: 0 });
		// the parcels' figures are as before; the proposals are counted beside them
		expect(report.totals).toMatchObject({ parcels: 4, buildings: 2, proposals_beyond: 2, permits_beyond: 1, proposals_beyond_m2: expect.closeTo(62, 6) });

		const streets = await conflictReport(database.db, 'streets', ALL);
		expect(streets.rows.find((r) => r.street!.id === city.s1)).toMatchObject({ proposals_beyond: 2, permits_beyond: 1, proposals_beyond_m2: expect.closeTo(62, 6) });
		expect(streets.rows.find((r) => r.street!.id === city.s3)).toMatchObject({ proposals_beyond: 0, proposals_beyond_m2: 0 });
		const districts = await conflictReport(database.db, 'districts', ALL);
		expect(districts.rows.map((r) => [r.districts[0].code, r.proposals_beyond, r.permits_beyond])).toEqual([['1', 2, 1], ['2', 0, 0]]);
		// the filters apply to them as to their parcels
		expect((await conflictReport(database.db, 'parcels', { ...ALL, parcel: city.p2 })).rows.map((r) => r.key)).toEqual([`p${city.p2}-s${city.s1}`, `c${permitted}-s${city.s1}`]);
		expect((await conflictReport(database.db, 'parcels', { ...ALL, district: city.d2 })).totals.proposals_beyond).toBe(0);
	});

	it('writes them to CSV, GeoJSON (the footprint beyond the line) and XLSX', async () => {
		const csv = new TextDecoder().decode(new Uint8Array(await (await api(`street=${city.s1}&format=csv`)).arrayBuffer()));
		const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
		expect(lines).toHaveLength(1 + 5);
		expect(lines[0].split(',')).toEqual(expect.arrayContaining(['نوع تعارض', 'پرونده', 'سطح فراتر از بر (مترمربع)']));
		expect(lines.find((l) => l.includes('PLN-1'))!.split(',')).toEqual(expect.arrayContaining(['طرح پیشنهادی در جریان، فراتر از بر اصلاحی', '30']));
		expect(lines.find((l) => l.includes('PLN-2'))).toContain('پروانهٔ صادرشده، فراتر از بر اصلاحی');

		const fc = (await (await api(`street=${city.s1}&format=geojson`)).json()) as GeoJSON.FeatureCollection;
		const beyond = fc.features.find((f) => f.id === `c${permitted}-s${city.s1}`)!;
		expect(beyond.properties).toMatchObject({ kind: 'proposal', proposal: { tracking_code: 'PLN-2' } });
		expect(beyond.geometry.type).toBe('MultiPolygon');

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await (await api('view=streets&format=xlsx')).arrayBuffer());
		const sheet = workbook.worksheets[0];
		const header = (sheet.getRow(1).values as unknown[]).slice(1);
		const column = header.indexOf('طرح‌های فراتر از بر اصلاحی') + 1;
		expect(column).toBeGreaterThan(0);
		const s1Row = [2, 3, 4, 5].find((n) => sheet.getRow(n).getCell(1).value === 'خیابان آزمون')!;
		expect(sheet.getRow(s1Row).getCell(column).value).toBe(2);
		expect(sheet.getRow(s1Row).getCell(column + 1).value).toBe(1);
	});

	it('shows the permits and proposals a drafted widening would reach', async () => {
		const plan = await draftStreetPlan(database.db, city.planner, { streetId: city.s1, plannedWidthM: 30, reason: 'آزمون', line: null });
		const impact = await planImpact(database.db, plan);
		expect(impact.before).toMatchObject({ proposals_beyond: 2, permits_beyond: 1, proposals_beyond_m2: expect.closeTo(62, 6) });
		// 30 m: the corridor reaches y ±15, so P1's footprint loses 10 × 8 and P2's 16 × 7
		expect(impact.after).toMatchObject({ proposals_beyond: 2, permits_beyond: 1, proposals_beyond_m2: expect.closeTo(80 + 112, 6) });
		expect(impact.parcels.find((p) => p.id === city.p2)).toMatchObject({ proposals_after: 1, permits_after: 1 });
		expect(impact.parcels.find((p) => p.id === city.p1)).toMatchObject({ proposals_after: 1, permits_after: 0 });
	});

	it('finds the proposals through indexes, not by scanning cases or proposals', async () => {
		await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const query = conflictsQuery('parcels', { ...ALL, district: city.d1 }, { cost: sql`null::float8`, withGeometry: false });
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
			const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
			expect(plan).toMatch(/case_proposals_case_idx/);
			expect(plan).not.toMatch(/Seq Scan on (cases|case_proposals|permit_stages|parcel_setbacks)/);
		});
	});
});

/**
 * Street plans on the hand-built planning city: a draft's what-if against the plan in force, a
 * drawn widening line, adoption (the parcel's setback follows at once), the versions kept, and
 * who may do it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildPlanningCity, toLonLat, type PlanningCity } from '../factories/planning-city';
import { adoptStreetPlan, conflictReport, draftStreetPlan, planImpact, streetPlans } from '../../src/lib/server/planning';
import { impactQuery } from '../../src/lib/server/planning/street-plans.repository';
import { getParcelDetail } from '../../src/lib/server/parcels/parcel.service';
import { parseDraftForm } from '../../src/lib/schemas/planning-query';

let database: TestDatabase;
let city: PlanningCity;
beforeAll(async () => {
	database = await openTestDatabase();
	city = await buildPlanningCity(database.db);
});
afterAll(async () => {
	await database?.close();
});

const draft = (streetId: number, plannedWidthM: number, reason = 'تعریض برای خط اتوبوس', line: [number, number][] | null = null) =>
	draftStreetPlan(database.db, city.planner, { streetId, plannedWidthM, reason, line });

async function setbackOf(parcelId: number) {
	return (await getParcelDetail(database.db, parcelId)).setback.area_m2;
}

describe(`street plans (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	let wider: number;

	it('shows what a wider street would take before it is adopted, and changes nothing yet', async () => {
		wider = await draft(city.s1, 30);
		const impact = await planImpact(database.db, wider);
		expect(impact.before).toMatchObject({ parcels: 3, buildings: 2, parcels_with_open_cases: 1, parcels_with_permits: 2, cost_rial: null });
		expect(impact.before.land_m2).toBeCloseTo(240, 6);
		expect(impact.after).toMatchObject({ parcels: 4, buildings: 3, parcels_with_open_cases: 1, parcels_with_permits: 2 });
		expect(impact.after.land_m2).toBeCloseTo(600, 6);
		const p3 = impact.parcels.find((p) => p.id === city.p3)!;
		expect(p3.before_m2).toBe(0);
		expect(p3.after_m2).toBeCloseTo(60, 6);
		const kinds = impact.features.features.map((f) => f.properties!.kind);
		expect(kinds.filter((k) => k === 'piece_after')).toHaveLength(4);
		expect(kinds).toContain('corridor_before');
		expect(kinds).toContain('corridor_after');
		expect(impact.street).toMatchObject({ id: city.s1, planned_width_m: 20, has_draft: true, status: 'planned' });

		expect(await setbackOf(city.p1)).toBeCloseTo(80, 1);
		expect(await setbackOf(city.p3)).toBe(0);
		const statuses = (await conflictReport(database.db, 'streets', { district: null, street: city.s1, streetClass: null, status: 'draft', parcel: null })).rows;
		expect(statuses).toHaveLength(1);
	});

	it('prices the land before and after with the zone value covering it, once zone values exist', async () => {
		await database.db.transaction().execute(async (trx) => {
			await sql`insert into zone_values (geom, use_class, p_rial_per_m2)
				select ST_Multi(ST_Expand(ST_Envelope(ST_Collect(geom)), 1000)), 'residential', 1000000 from parcels`.execute(trx);
			const impact = await planImpact(trx, wider);
			expect(impact.before.cost_rial).toBeCloseTo(240_000_000, -1);
			expect(impact.after.cost_rial).toBeCloseTo(600_000_000, -1);
			throw new Error('roll back');
		}).catch((err) => expect((err as Error).message).toBe('roll back'));
	});

	it('adopts the draft in one go: the street, its corridor, widening lines, conflicts and parcel setbacks follow', async () => {
		const adopted = await adoptStreetPlan(database.db, city.planner, wider);
		expect(adopted).toMatchObject({ status: 'adopted', planned_width_m: 30, previous_planned_width_m: 20, adopted_by: 'کارشناس آزمون' });
		expect(await setbackOf(city.p1)).toBeCloseTo(180, 1);
		expect(await setbackOf(city.p3)).toBeCloseTo(60, 1);
		const detail = await getParcelDetail(database.db, city.p1);
		expect(detail.net_area_m2).toBeCloseTo(600 - 180, 1);
		expect(detail.setback.streets[0]).toMatchObject({ id: city.s1, planned_width_m: 30 });

		const report = await conflictReport(database.db, 'streets', { district: null, street: city.s1, streetClass: null, status: null, parcel: null });
		expect(report.rows[0]).toMatchObject({ parcels: 4, buildings: 3, street: { status: 'revised', planned_width_m: 30, has_draft: false } });

		const { rows: lines } = await sql<{ parts: number; near: number; far: number }>`
			select ST_NumGeometries(w.geom) as parts, ST_Distance(ST_GeometryN(w.geom, 1), s.geom) as near, ST_Distance(ST_GeometryN(w.geom, 2), s.geom) as far
			from widening_lines w join streets s on s.id = w.street_id where w.street_id = ${city.s1}::int`.execute(database.db);
		expect(lines).toHaveLength(1);
		expect(lines[0].parts).toBe(2);
		expect(lines[0].near).toBeCloseTo(15, 6);
		expect(lines[0].far).toBeCloseTo(15, 6);
	});

	it('keeps every version with who, when and why; a later adoption supersedes the earlier one', async () => {
		const narrower = await draft(city.s1, 24, 'بازنگری شورا');
		await adoptStreetPlan(database.db, city.planner, narrower);
		const { street, versions } = await streetPlans(database.db, city.s1);
		expect(street).toMatchObject({ planned_width_m: 24, status: 'revised' });
		expect(versions.map((v) => [v.id, v.status, v.planned_width_m, v.previous_planned_width_m])).toEqual([
			[narrower, 'adopted', 24, 30],
			[wider, 'superseded', 30, 20]
		]);
		expect(versions[1]).toMatchObject({ reason: 'تعریض برای خط اتوبوس', created_by: 'کارشناس آزمون' });
		expect(Date.parse(versions[1].superseded_at!)).toBeGreaterThanOrEqual(Date.parse(versions[1].adopted_at!));
		expect(await setbackOf(city.p1)).toBeCloseTo(20 * 6, 1);

		await expect(adoptStreetPlan(database.db, city.planner, wider)).rejects.toMatchObject({ status: 409, code: 'street_plan_not_draft' });
		await expect(sql`update street_plans set reason = 'x' where id = ${wider}::int8`.execute(database.db)).rejects.toThrow(/kept/);
		await expect(sql`delete from street_plans where id = ${wider}::int8`.execute(database.db)).rejects.toThrow(/kept/);
	});

	it('builds the corridor from a drawn widening line, on the side of the street it is drawn', async () => {
		const along = async (x: number) => Promise.all([toLonLat(database.db, x, 0), toLonLat(database.db, x, 200)]);
		const east = await draft(city.s2, 14, 'بر اصلاحی شرقی', await along(10));
		const eastImpact = await planImpact(database.db, east);
		// the corridor runs 14 m from x = 10 towards the centre line: x −4…10 takes 6 × 30 m of the corner parcel
		expect(eastImpact.after.parcels).toBe(1);
		expect(eastImpact.after.land_m2).toBeCloseTo(180, 3);
		expect(eastImpact.features.features.some((f) => f.properties!.kind === 'widening_line')).toBe(true);
		const west = await draft(city.s2, 14, 'بر اصلاحی غربی', await along(-10));
		expect((await planImpact(database.db, west)).after.parcels).toBe(0);

		await adoptStreetPlan(database.db, city.planner, east);
		expect((await streetPlans(database.db, city.s2)).versions[1].widening_line).toHaveLength(2);
		const { rows } = await sql<{ near: number; far: number }>`
			select min(ST_Distance(ST_GeometryN(w.geom, n), s.geom)) as near, max(ST_Distance(ST_GeometryN(w.geom, n), s.geom)) as far
			from widening_lines w join streets s on s.id = w.street_id, generate_series(1, 2) n where w.street_id = ${city.s2}::int`.execute(database.db);
		expect(rows[0].near).toBeCloseTo(4, 6);
		expect(rows[0].far).toBeCloseTo(10, 6);
	});

	it('refuses a drawn line away from the street, a bad width, and anyone but planners', async () => {
		const far = [await toLonLat(database.db, 400, 0), await toLonLat(database.db, 400, 200)];
		await expect(draft(city.s2, 14, 'دور', far)).rejects.toMatchObject({ status: 400, code: 'widening_line_off_street' });
		await expect(draft(999_999, 14)).rejects.toMatchObject({ status: 404, code: 'street_not_found' });
		await expect(draftStreetPlan(database.db, city.officer, { streetId: city.s1, plannedWidthM: 40, reason: 'x', line: null })).rejects.toMatchObject({ status: 403 });

		const form = (fields: Record<string, string>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(fields)) f.set(k, v);
			return parseDraftForm(f);
		};
		expect(form({ street: '۳', planned_width_m: '۲۴٫۵', reason: 'دلیل' })).toEqual({ ok: true, value: { streetId: 3, plannedWidthM: 24.5, line: null, reason: 'دلیل' } });
		const bad = form({ street: '3', planned_width_m: '-4', reason: 'دلیل' });
		expect(bad.ok || bad.issue).toMatchObject({ code: 'invalid_planned_width' });
		expect(form({ street: '3', planned_width_m: '20', reason: ' ' })).toMatchObject({ ok: false, issue: { code: 'missing_reason' } });
		expect(form({ street: '3', planned_width_m: '20', reason: 'x', line: '[[51.6,32.6]]' })).toMatchObject({ ok: false, issue: { code: 'invalid_widening_line' } });
	});

	it('finds the parcels and buildings of a what-if through their GiST indexes', async () => {
		const id = await draft(city.s3, 40);
		await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const query = impactQuery(id, { before: sql`null::float8`, after: sql`null::float8` });
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
			const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
			expect(plan).toMatch(/parcels_geom_idx/);
			expect(plan).toMatch(/buildings_geom_idx/);
		});
	});
});

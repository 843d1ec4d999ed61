/**
 * A hand-built city for the planners' tests, in UTM 39N near Isfahan, every area worked out by hand
 * (metres from (E0, N0); current street edges at half the current width, planned at half the planned):
 *
 *   District 1 (x −500…500)                                  District 2 (x 500…1500)
 *          S2 (local, 8 → 12 m, x = 0, y 0…200)
 *   P1 ┌──┐      │ ┌──┐ Pc (corner)      P3 ┌──┐ (y 12…42)        P4 ┌──┐ (y 10…40)
 *      └──┘      │ └──┘                      └──┘                     └──┘
 *   ════ S1 (collector, 12 → 20 m, y = 0, x −200…200) ════     ════ S3 (arterial, 20 → 30 m, y = 0, x 600…900) ════
 *   P2 ┌──┐ (y −36…−6)
 *
 * Conflicts now: P1 80 m² (S1) with building B1 in the corridor, one open case and a permitted building;
 * P2 80 m² (S1), a permit issued by a finished case; Pc 80 m² in S1's corridor and 60 m² in S2's,
 * overlapping 8 m² (setback 132 m²: S1 counts 80 × 132/140, S2 60 × 132/140) with building Bc,
 * covered most by S1; P4 150 m² (S3). P3 and P5 are clear.
 * Widening S1 to 30 m takes P1, P2, Pc 180 m² each and P3 60 m², and reaches building B2 too.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { grantRole, insertStaff, type SessionUser } from '../../src/lib/server/auth';
import { rebuildWideningCorridors } from '../../src/lib/server/streets/widening.repository';
import { TEST_SRID } from '../db';

export const E0 = 560000;
export const N0 = 3612000;

export const box = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${E0 + x0}::float8, ${N0 + y0}::float8, ${E0 + x1}::float8, ${N0 + y1}::float8, ${TEST_SRID}::int))`;
const line = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 + x0}::float8, ${N0 + y0}::float8), ST_MakePoint(${E0 + x1}::float8, ${N0 + y1}::float8)), ${TEST_SRID}::int))`;

export interface PlanningCity {
	d1: number;
	d2: number;
	s1: number;
	s2: number;
	s3: number;
	s4: number;
	p1: number;
	p2: number;
	p3: number;
	p4: number;
	pc: number;
	p5: number;
	planner: SessionUser;
	officer: SessionUser;
}

const staff = (id: number, role: 'planner' | 'district_officer', name: string): SessionUser => ({
	id,
	kind: 'staff',
	displayName: name,
	nationalId: null,
	mobile: null,
	username: name,
	roles: [{ role, districtId: null, agencyKind: null, engineeringOfficeId: null }]
});

export async function buildPlanningCity(db: Kysely<DB>): Promise<PlanningCity> {
	const district = (code: string, x0: number, x1: number) =>
		db.insertInto('districts').values({ code, name_fa: `منطقهٔ ${code}`, name_en: `District ${code}`, geom: box(x0, -500, x1, 500) })
			.returning('id').executeTakeFirstOrThrow().then((r) => r.id);
	const d1 = await district('1', -500, 500);
	const d2 = await district('2', 500, 1500);

	const street = (name: string, cls: 'arterial' | 'collector' | 'local', width: number, planned: number, geom: ReturnType<typeof line>) =>
		db.insertInto('streets').values({ name_fa: name, name_en: name, class: cls, width_m: width, planned_width_m: planned, geom })
			.returning('id').executeTakeFirstOrThrow().then((r) => r.id);
	const s1 = await street('خیابان آزمون', 'collector', 12, 20, line(-200, 0, 200, 0));
	const s2 = await street('کوچهٔ نبش', 'local', 8, 12, line(0, 0, 0, 200));
	const s3 = await street('بزرگراه نمونه', 'arterial', 20, 30, line(600, 0, 900, 0));
	const s4 = await street('کوچهٔ بی‌تعریض', 'local', 8, 8, line(-200, 300, 200, 300));

	const parcel = (code: string, districtId: number, geom: ReturnType<typeof box>) =>
		db.insertInto('parcels').values({ renovation_code: code, district_id: districtId, geom })
			.returning('id').executeTakeFirstOrThrow().then((r) => Number(r.id));
	const p1 = await parcel('1-1-001', d1, box(-60, 6, -40, 36));
	const p2 = await parcel('1-1-002', d1, box(-100, -36, -80, -6));
	const p3 = await parcel('1-1-003', d1, box(100, 12, 120, 42));
	const pc = await parcel('1-1-004', d1, box(4, 6, 24, 36));
	const p5 = await parcel('1-2-001', d1, box(-20, 304, 0, 334));
	const p4 = await parcel('2-1-001', d2, box(700, 10, 730, 40));

	await db.insertInto('buildings').values([
		{ parcel_id: p1, floors: 2, permitted_floor_area_m2: 300, permit_no: 'P-1', geom: box(-58, 7, -42, 20) },
		{ parcel_id: p2, floors: 1, permitted_floor_area_m2: 0, geom: box(-98, -30, -82, -12) },
		{ parcel_id: pc, floors: 3, permitted_floor_area_m2: 0, geom: box(5, 7, 20, 30) }
	]).execute();
	await db.insertInto('cases').values([
		{ parcel_id: p1, tracking_code: 'PLN-1', kind: 'building_permit', status: 'open', title_fa: 'پروانهٔ ساختمانی' },
		{ parcel_id: p2, tracking_code: 'PLN-2', kind: 'building_permit', status: 'closed', title_fa: 'پروانهٔ ساختمانی', issued: 'building_permit' },
		{ parcel_id: p5, tracking_code: 'PLN-3', kind: 'building_permit', status: 'open', title_fa: 'پروانهٔ ساختمانی' }
	]).execute();

	await rebuildWideningCorridors(db);

	const plannerId = await insertStaff(db, { username: 'planner.test', passwordHash: 'x', displayName: 'کارشناس آزمون' });
	await grantRole(db, plannerId, { role: 'planner' });
	const officerId = await insertStaff(db, { username: 'officer.test', passwordHash: 'x', displayName: 'کارشناس منطقه' });
	await grantRole(db, officerId, { role: 'district_officer', districtId: d1 });
	return {
		d1, d2, s1, s2, s3, s4, p1, p2, p3, p4, pc, p5,
		planner: staff(plannerId, 'planner', 'کارشناس آزمون'),
		officer: staff(officerId, 'district_officer', 'کارشناس منطقه')
	};
}

/** WGS84 [lon, lat] of a point given in metres from (E0, N0). */
export async function toLonLat(db: Kysely<DB>, dx: number, dy: number): Promise<[number, number]> {
	const { rows } = await sql<{ lon: number; lat: number }>`
		select ST_X(g) as lon, ST_Y(g) as lat
		from ST_Transform(ST_SetSRID(ST_MakePoint(${E0 + dx}::float8, ${N0 + dy}::float8), ${TEST_SRID}::int), 4326) g`.execute(db);
	return [rows[0].lon, rows[0].lat];
}

/**
 * The dashboards count the building permits the workflow issues (migrations/0120): a permit issued
 * through the real two-stage permit flow on the permit world (tests/factories/permit-world.ts) —
 * filed, zoning statement, proposal, drawings, fees paid through the sandbox gateway — writes no
 * buildings row, yet appears in permits_issued of its district and month with the floor area of the
 * proposal it was issued from, and in the floor area permitted to date; revoked, it no longer
 * counts. A permit on the parcels' record (the buildings layer) still counts beside it.
 */
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../db';
import { fixture } from '../factories/case-world';
import { usePermitWorld, building, drawn, type PermitWorld } from '../factories/permit-world';
import { actOnCase, fileRequest } from '../../src/lib/server/cases';
import { submitProposal, uploadDrawings } from '../../src/lib/server/permits';
import { parseProposal } from '../../src/lib/domain/rules';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { changeIssuedStatus } from '../../src/lib/server/issued-documents';
import { districtReport, monthlySeries, refreshDashboard } from '../../src/lib/server/dashboard';
import { tehranDate } from '../../src/lib/domain/working-days';
import { toJalali } from '../../src/lib/domain/jalali';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const CALLBACK = 'https://pelak.example.ir/payments/callback';
const YEAR = { from: '2025-03-21', to: '2026-03-20' };

let database: TestDatabase;
let world: PermitWorld;
let gateway: SandboxGateway;

usePermitWorld((setup) => ({ database, world, gateway } = setup));

const ctx = () => world.ctx({ sender: null });

/** A building permit case taken through both stages to its permit, as the applicant and the officer do. */
async function issuePermitThroughWorkflow(): Promise<{ caseId: number; permitId: number }> {
	const { db } = database;
	const kase = await fileRequest(
		db,
		world.users.zahra,
		{ parcelId: world.parcel6b, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')] },
		ctx()
	);
	await actOnCase(db, world.users.officer6, kase.id, { type: 'approve', stepId: 'district_review', to: 'zoning_statement' } as never, {}, ctx());
	const body = building(256, await drawn(db, 42, 10, 58, 26)); // pilotis and three floors of 256 m²: 1,024 m² in all
	const parsed = parseProposal(body);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	await submitProposal(db, world.users.zahra, kase.id, parsed.value, body, ctx());
	await uploadDrawings(db, world.users.zahra, kase.id, [fixture('deed.pdf', 'engineering_drawings', 'plans.pdf')], ctx());
	await actOnCase(db, world.users.zahra, kase.id, { type: 'approve', stepId: 'drawings_submission' } as never, {}, ctx());
	const engineerUser = await db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
	await db
		.insertInto('supervising_engineers')
		.values({ user_id: engineerUser.id, licence_no: 'TEST-DASH-1', grade: 'senior', yearly_area_quota_m2: 100000, yearly_work_quota: 50 })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ active: true }))
		.execute();
	const bill = await db.selectFrom('fee_assessments').select('id').where('case_id', '=', kase.id).where('status', '=', 'open').executeTakeFirstOrThrow();
	const started = await startPayment(db, gateway, world.users.zahra, bill.id, { callbackUrl: CALLBACK, now: world.now });
	const back = new URL(await gateway.settle(started.authority, true));
	expect((await completePayment(db, gateway, back.searchParams, { now: world.now })).outcome).toBe('paid');
	const stage = await db.selectFrom('permit_stages').select('permit_id').where('case_id', '=', kase.id).executeTakeFirstOrThrow();
	expect(stage.permit_id).not.toBeNull();
	return { caseId: kase.id, permitId: Number(stage.permit_id) };
}

describe(`permits issued on the dashboards (${backend})`, () => {
	let permitId: number;

	it('counts a permit the workflow issued in its district and month, with its proposal’s floor area', async () => {
		const { db } = database;
		await refreshDashboard(db);
		const before = await districtReport(db, YEAR, { now: world.now });
		expect(before.city).toMatchObject({ permits_issued: 0, permitted_floor_area_m2: 0 });
		const remainingBefore = before.districts.find((d) => d.district.id === world.d6)!.remaining_floor_area_m2;

		({ permitId } = await issuePermitThroughWorkflow());
		const buildings = await db.selectFrom('buildings').select('id').where('parcel_id', '=', world.parcel6b).where('permit_no', 'is not', null).execute();
		expect(buildings).toEqual([]); // the workflow writes no buildings row: the figure reads the issued permit
		await refreshDashboard(db);
		const after = await districtReport(db, YEAR, { now: world.now });
		const d6 = after.districts.find((d) => d.district.id === world.d6)!;
		expect(d6).toMatchObject({ permits_issued: 1, permitted_floor_area_m2: 1024 });
		expect(after.districts.find((d) => d.district.id === world.d7)).toMatchObject({ permits_issued: 0 });
		expect(after.city).toMatchObject({ permits_issued: 1, permitted_floor_area_m2: 1024 });
		if (remainingBefore !== null) expect(d6.remaining_floor_area_m2).toBeCloseTo(remainingBefore - 1024, 1);

		// …in the Jalali month it was issued
		const issued = toJalali(tehranDate(world.now));
		const months = await monthlySeries(db, YEAR, world.d6, { now: world.now });
		expect(months.find((m) => m.year === issued.year && m.month === issued.month)).toMatchObject({ permits_issued: 1 });
		expect(months.reduce((s, m) => s + m.permits_issued, 0)).toBe(1);
	});

	it('counts a permit on the parcels’ record beside it, and a revoked permit no longer', async () => {
		const { db } = database;
		await db.insertInto('buildings').values({ parcel_id: world.parcel7, floors: 4, permitted_floor_area_m2: 480, permit_no: 'BP-ARCHIVE-1', permit_date: '2025-06-10' }).execute();
		await refreshDashboard(db);
		const both = await districtReport(db, YEAR, { now: world.now });
		expect(both.city).toMatchObject({ permits_issued: 2, permitted_floor_area_m2: 1504 });

		await changeIssuedStatus(db, world.users.officer6, permitId, { to: 'revoked', reason: 'آزمون: ابطال پروانه' }, world.now);
		await refreshDashboard(db);
		const revoked = await districtReport(db, YEAR, { now: world.now });
		expect(revoked.districts.find((d) => d.district.id === world.d6)).toMatchObject({ permits_issued: 0, permitted_floor_area_m2: 0 });
		expect(revoked.city).toMatchObject({ permits_issued: 1, permitted_floor_area_m2: 480 });
	});
});

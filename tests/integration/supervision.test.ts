/**
 * Supervision of permits (issue 8, §7). First the regression: the supervising engineer could not
 * open the supervisor-report step of a certificate (the case answered 404 although it sat in their
 * cartable), so the step could never be worked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, type CaseWorld } from '../factories/case-world';
import { actOnCase, claimCase, fileRequest, getCase, listCartable } from '../../src/lib/server/cases';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import type { SessionUser } from '../../src/lib/server/auth';
import { assignSupervisingEngineer, fileSupervisionReport } from '../../src/lib/server/supervision';
import { ROUGH_CONSTRUCTION_STAGES } from '../../src/lib/domain/supervision';
import { pointOn, poolEngineer } from '../factories/supervision';

let database: TestDatabase;
let world: CaseWorld;
let supervisor: SessionUser;

/** A building permit issued on the parcel before the workflow (a legacy record), so certificates may be filed. */
async function permitIssuedOn(parcelId: number, code: string): Promise<number> {
	const { rows } = await sql<{ id: number }>`insert into cases (parcel_id, tracking_code, kind, status, title_fa, issued, closed_at)
		values (${parcelId}, ${code}, 'building_permit', 'closed', 'پروانه ساختمانی', 'building_permit', now()) returning id`.execute(database.db);
	return rows[0].id;
}

/** The supervisor supervises the permit and has reported the stages up to rough construction (the certificate needs them). */
async function stagesReported(permitCaseId: number, parcelId: number) {
	await poolEngineer(database.db, supervisor);
	await assignSupervisingEngineer(database.db, permitCaseId, { floorAreaM2: 400, now: new Date('2025-05-01T06:00:00Z') });
	const location = await pointOn(database.db, parcelId);
	for (const stage of ROUGH_CONSTRUCTION_STAGES) {
		const report = { permitCaseId, stage, reportedOn: '2025-05-03', body: 'گزارش مرحله', progressPct: 50, location, photos: [fixture('jpeg-photo.jpg', 'supervision_photo')] };
		await fileSupervisionReport(database.db, supervisor, report, world.ctx({ sender: null }));
	}
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	const { id } = await database.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
	supervisor = (await findActiveUser(database.db, id))!;
	await stagesReported(await permitIssuedOn(world.parcel6b, '90000000001'), world.parcel6b);
});

afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('the supervising engineer on a certificate', () => {
	it('opens, claims and approves the supervisor-report step from their cartable', async () => {
		const owner = [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card'), fixture('deed.pdf', 'earlier_permit')];
		const filed = await fileRequest(
			database.db,
			world.users.zahra,
			{ parcelId: world.parcel6b, requestType: 'rough_construction_certificate', documents: owner },
			world.ctx({ sender: null })
		);
		expect(filed.step.id).toBe('supervisor_report');
		expect((await listCartable(database.db, supervisor, 'unassigned', world.ctx())).map((c) => c.id)).toContain(filed.id);

		const seen = await getCase(database.db, supervisor, filed.id, world.ctx());
		expect(seen.step.id).toBe('supervisor_report');
		await claimCase(database.db, supervisor, filed.id, world.ctx({ sender: null }));
		const approved = await actOnCase(database.db, supervisor, filed.id, { type: 'approve', stepId: 'supervisor_report', to: 'site_inspection' }, {}, world.ctx({ sender: null }));
		expect(approved.step.id).toBe('site_inspection');
	});

	it('still does not see cases that are not at a supervising step', async () => {
		const other = await fileRequest(
			database.db,
			world.users.maryam,
			{ parcelId: world.parcel6, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')] },
			world.ctx({ sender: null })
		);
		await expect(getCase(database.db, supervisor, other.id, world.ctx())).rejects.toMatchObject({ status: 404 });
	});
});

/**
 * Supervision of permits (issue 8, §7). First the regression: the supervising engineer could not
 * open the supervisor-report step of a certificate (the case answered 404 although it sat in their
 * cartable), so the step could never be worked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, type CaseWorld } from '../factories/case-world';
import { actOnCase, assignCase, claimCase, fileRequest, getCase, listCartable } from '../../src/lib/server/cases';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import type { SessionUser } from '../../src/lib/server/auth';
import { assignSupervisingEngineer, fileSupervisionReport, reassignSupervisingEngineer } from '../../src/lib/server/supervision';
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

/**
 * Least privilege (issue 7 §2): the engineer step of a certificate belongs to the engineer assigned
 * to the permit of that building, and after an officer's reassignment to their replacement only.
 * Any other engineer is refused (403, naming another engineer's supervision) and nothing changes.
 */
describe('the engineer step belongs to the building’s own engineer', () => {
	let permitId: number;
	let certId: number;
	let assigned: SessionUser;
	let other: SessionUser;

	const userByName = async (username: string) => {
		const { id } = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
		return (await findActiveUser(database.db, id))!;
	};
	const engineerIdOf = async (u: SessionUser) =>
		(await database.db.selectFrom('supervising_engineers').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow()).id;
	const rowState = async () => {
		const { rows } = await sql<Record<string, unknown>>`select
			(select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events,
			(select count(*)::int from supervision_assignments) as assignments,
			(select row(assigned_user_id, current_step, workflow_status, holder_role, waiting, step_started_at)::text from cases where id = ${certId}) as cert`.execute(database.db);
		return rows[0];
	};
	/** Refused with 403 `not_your_supervision`, and not one row changed. */
	const refusedUnchanged = async (call: () => Promise<unknown>) => {
		const before = await rowState();
		await expect(call()).rejects.toMatchObject({ status: 403, code: 'not_your_supervision' });
		expect(await rowState()).toEqual(before);
	};
	const unassignedIds = async (u: SessionUser) => (await listCartable(database.db, u, 'unassigned', world.ctx())).map((c) => c.id);
	const mineIds = async (u: SessionUser) => (await listCartable(database.db, u, 'mine', world.ctx())).map((c) => c.id);

	beforeAll(async () => {
		const supervisor2 = await userByName('supervisor2');
		await poolEngineer(database.db, supervisor2);
		permitId = await permitIssuedOn(world.parcel6, '90000000002');
		const assignment = await assignSupervisingEngineer(database.db, permitId, { floorAreaM2: 400, now: new Date('2025-05-02T06:00:00Z') });
		// whoever the rotation picked supervises this building; the other engineer of the pool does not
		[assigned, other] = assignment.engineer_user_id === supervisor.id ? [supervisor, supervisor2] : [supervisor2, supervisor];
		const location = await pointOn(database.db, world.parcel6);
		for (const stage of ROUGH_CONSTRUCTION_STAGES) {
			const report = { permitCaseId: permitId, stage, reportedOn: '2025-05-03', body: 'گزارش مرحله', progressPct: 60, location, photos: [fixture('jpeg-photo.jpg', 'supervision_photo')] };
			await fileSupervisionReport(database.db, assigned, report, world.ctx({ sender: null }));
		}
		const owner = [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card'), fixture('deed.pdf', 'earlier_permit')];
		const filed = await fileRequest(database.db, world.users.maryam, { parcelId: world.parcel6, requestType: 'rough_construction_certificate', documents: owner }, world.ctx({ sender: null }));
		expect(filed.step.id).toBe('supervisor_report');
		certId = filed.id;
	});

	it('lists, shows and lets claim only the assigned engineer; another engineer is refused with 403 and no row changes', async () => {
		expect(await unassignedIds(assigned)).toContain(certId);
		expect(await unassignedIds(other)).not.toContain(certId);
		expect((await getCase(database.db, assigned, certId, world.ctx())).canClaim).toBe(true);

		const err = await getCase(database.db, other, certId, world.ctx()).catch((e) => e);
		expect(err).toMatchObject({ status: 403, code: 'not_your_supervision' });
		expect(err.messages.fa).toContain('مهندس ناظر دیگری');
		expect(err.messages.en).toContain('another engineer’s supervision');
		await refusedUnchanged(() => claimCase(database.db, other, certId, world.ctx({ sender: null })));
		await refusedUnchanged(() => actOnCase(database.db, other, certId, { type: 'approve', stepId: 'supervisor_report', to: 'site_inspection' }, {}, world.ctx({ sender: null })));
		await refusedUnchanged(() => actOnCase(database.db, other, certId, { type: 'return_to_applicant', stepId: 'supervisor_report', reason: 'امضا ندارد' }, {}, world.ctx({ sender: null })));
		// nor can the officer hand the step to the other engineer
		await expect(assignCase(database.db, world.users.officer6, certId, other.id, world.ctx({ sender: null }))).rejects.toMatchObject({ status: 403 });

		await claimCase(database.db, assigned, certId, world.ctx({ sender: null }));
		expect(await mineIds(assigned)).toContain(certId);
		expect(await mineIds(other)).not.toContain(certId);
	});

	it('after an officer reassigns the supervision, the new engineer takes the step and the old one is refused', async () => {
		const previous = assigned;
		const next = other;
		await reassignSupervisingEngineer(database.db, world.users.officer6, permitId, { engineerId: await engineerIdOf(next), reason: 'انصراف مهندس ناظر' });
		// the old engineer's claim went back unclaimed with the reassignment, on the case's timeline
		const cert = await database.db.selectFrom('cases').select('assigned_user_id').where('id', '=', certId).executeTakeFirstOrThrow();
		expect(cert.assigned_user_id).toBeNull();
		const released = await database.db.selectFrom('case_events').select(['action', 'actor_user_id']).where('case_id', '=', certId).where('action', '=', 'assign').orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(released).toMatchObject({ action: 'assign', actor_user_id: world.users.officer6.id });

		expect(await unassignedIds(next)).toContain(certId);
		expect(await unassignedIds(previous)).not.toContain(certId);
		expect(await mineIds(previous)).not.toContain(certId);
		await refusedUnchanged(() => getCase(database.db, previous, certId, world.ctx()));
		await refusedUnchanged(() => claimCase(database.db, previous, certId, world.ctx({ sender: null })));
		await refusedUnchanged(() => actOnCase(database.db, previous, certId, { type: 'approve', stepId: 'supervisor_report', to: 'site_inspection' }, {}, world.ctx({ sender: null })));

		await claimCase(database.db, next, certId, world.ctx({ sender: null }));
		const approved = await actOnCase(database.db, next, certId, { type: 'approve', stepId: 'supervisor_report', to: 'site_inspection' }, {}, world.ctx({ sender: null }));
		expect(approved.step.id).toBe('site_inspection');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, caseSnapshot, caseTableCounts, fixture, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import {
	actOnCase,
	assignCase,
	claimCase,
	decidePowerOfAttorney,
	fileRequest,
	getCase,
	listCartable,
	listMyCases,
	postMessage,
	trackPublic,
	type CaseView
} from '../../src/lib/server/cases';
import { FileStore } from '../../src/lib/server/documents';
import { DomainError } from '../../src/lib/server/errors';
import { grantRole, insertStaff, DEMO_CITIZENS, type SessionUser } from '../../src/lib/server/auth';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import type { CaseAction } from '../../src/lib/server/workflows';

let database: TestDatabase;
let world: CaseWorld;
let permit: CaseView; // maryam's building permit on parcel6, at district_review
let counterCase: CaseView; // filed at the counter for ali on parcel6b
let officer6b: SessionUser; // a second officer of district 6
const owner = { deed: fixture('deed.pdf', 'deed'), card: fixture('jpeg-photo.jpg', 'national_card') };

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	const { db } = database;
	const ctx = world.ctx({ sender: null });
	// Filed at the counter first, online second, at the same moment: equal deadlines.
	counterCase = await fileRequest(
		db,
		world.users.officer6,
		{ parcelId: world.parcel6b, requestType: 'building_permit_new', onBehalfOf: { nationalId: DEMO_CITIZENS[1].nationalId }, documents: [owner.deed, owner.card] },
		ctx
	);
	permit = await fileRequest(db, world.users.maryam, { parcelId: world.parcel6, requestType: 'building_permit_new', documents: [owner.deed, owner.card] }, ctx);
	const id = await insertStaff(db, { username: 'officer2.d6', passwordHash: 'scrypt$x', displayName: 'کارشناس دوم' });
	await grantRole(db, id, { role: 'district_officer', districtId: world.d6 });
	officer6b = (await findActiveUser(db, id))!;
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

/** Runs a refused call and asserts it failed with `status`/`code` and changed nothing at all. */
async function refusedWithoutChange(call: () => Promise<unknown>, status: number, code?: string) {
	const { db } = database;
	const before = await caseTableCounts(db);
	const snapshots = await Promise.all([caseSnapshot(db, permit.id), caseSnapshot(db, counterCase.id)]);
	const error = await call().then(
		() => null,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(DomainError);
	expect((error as DomainError).status).toBe(status);
	if (code) expect((error as DomainError).code).toBe(code);
	expect(await caseTableCounts(db)).toEqual(before);
	expect(await Promise.all([caseSnapshot(db, permit.id), caseSnapshot(db, counterCase.id)])).toEqual(snapshots);
}

const approve = (stepId = 'district_review', to?: string): CaseAction => ({ type: 'approve', stepId, ...(to ? { to } : {}) });

describe('a citizen sees only their own cases', () => {
	it('answers 404 (not 403) to another citizen, so case ids cannot be probed', async () => {
		const { db } = database;
		await expect(getCase(db, world.users.ali, permit.id)).rejects.toMatchObject({ status: 404, code: 'case_not_found' });
		await expect(getCase(db, world.users.ali, 9_999_999)).rejects.toMatchObject({ status: 404, code: 'case_not_found' });
		expect((await listMyCases(db, world.users.zahra)).length).toBe(0);
		expect((await listMyCases(db, world.users.maryam)).map((c) => c.id)).toEqual([permit.id]);
		// ali's counter-filed case is his.
		expect((await listMyCases(db, world.users.ali)).map((c) => c.id)).toEqual([counterCase.id]);
	});

	it('refuses another citizen acting, messaging or withdrawing, changing nothing', async () => {
		const { db } = database;
		await refusedWithoutChange(() => actOnCase(db, world.users.ali, permit.id, { type: 'withdraw', stepId: 'district_review' }, {}, world.ctx()), 404);
		await refusedWithoutChange(() => postMessage(db, world.users.ali, permit.id, 'سلام', world.ctx()), 404);
	});

	it('keeps the cartable from citizens', async () => {
		await expect(listCartable(database.db, world.users.maryam, 'mine')).rejects.toMatchObject({ status: 403 });
	});
});

describe('a representative files for an owner only with a power of attorney', () => {
	it('refuses a filing without the power of attorney, creating nothing', async () => {
		const { db } = database;
		await refusedWithoutChange(
			() =>
				fileRequest(
					db,
					world.users.engineer,
					{ parcelId: world.parcel7, requestType: 'building_permit_new', onBehalfOf: { nationalId: DEMO_CITIZENS[2].nationalId }, documents: [owner.deed, owner.card] },
					world.ctx()
				),
			400,
			'power_of_attorney_required'
		);
	});

	it('files with it, sees that case and no other, and the owner sees it too', async () => {
		const { db } = database;
		const filed = await fileRequest(
			db,
			world.users.engineer,
			{
				parcelId: world.parcel7,
				requestType: 'building_permit_new',
				onBehalfOf: { nationalId: DEMO_CITIZENS[2].nationalId },
				documents: [owner.deed, owner.card, fixture('deed.pdf', 'power_of_attorney', 'vekalat.pdf')]
			},
			world.ctx({ sender: null })
		);
		expect(filed.representative?.id).toBe(world.users.engineer.id);
		expect(filed.applicant.id).toBe(world.users.zahra.id);
		const poa = await db.selectFrom('cases').select('power_of_attorney_document_id').where('id', '=', filed.id).executeTakeFirstOrThrow();
		expect(filed.documents.find((d) => d.kind === 'power_of_attorney')?.id).toBe(poa.power_of_attorney_document_id);
		// Until an officer accepts the power of attorney the representative has no applicant rights.
		expect(filed.actions).toEqual([]);
		expect(await listMyCases(db, world.users.engineer)).toEqual([]);
		await expect(getCase(db, world.users.engineer, filed.id)).rejects.toMatchObject({ status: 404 });
		await refusedWithoutChange(() => actOnCase(db, world.users.engineer, filed.id, { type: 'withdraw', stepId: 'district_review' }, {}, world.ctx()), 404);
		await decidePowerOfAttorney(db, world.users.officer7, filed.id, { accept: true }, world.ctx({ sender: null }));
		expect((await listMyCases(db, world.users.engineer)).map((c) => c.id)).toEqual([filed.id]);
		expect((await getCase(db, world.users.engineer, filed.id)).side).toBe('representative');
		expect((await getCase(db, world.users.zahra, filed.id)).side).toBe('applicant');
		await expect(getCase(db, world.users.engineer, permit.id)).rejects.toMatchObject({ status: 404 });
		// A citizen cannot file for someone else.
		await refusedWithoutChange(
			() => fileRequest(db, world.users.ali, { parcelId: world.parcel7, requestType: 'bank_inquiry', onBehalfOf: { nationalId: DEMO_CITIZENS[0].nationalId } }, world.ctx()),
			403
		);
	});
});

describe('an officer sees and acts only in their districts', () => {
	it('hides district 6 cases from the district 7 officer, in getCase and in every cartable tab', async () => {
		const { db } = database;
		await expect(getCase(db, world.users.officer7, permit.id)).rejects.toMatchObject({ status: 404 });
		for (const tab of ['mine', 'unassigned', 'overdue', 'closed'] as const) {
			const ids = (await listCartable(db, world.users.officer7, tab, world.ctx({ now: new Date('2026-01-01T06:00:00Z') }))).map((c) => c.id);
			expect(ids).not.toContain(permit.id);
		}
		await refusedWithoutChange(() => actOnCase(db, world.users.officer7, permit.id, approve(), {}, world.ctx()), 404);
		await refusedWithoutChange(() => claimCase(db, world.users.officer7, permit.id, world.ctx()), 404);
	});

	it('lists unassigned work by deadline with online-filed requests first at an equal deadline', async () => {
		const list = await listCartable(database.db, world.users.officer6, 'unassigned', world.ctx());
		expect(permit.dueOn).toBe(counterCase.dueOn);
		expect(list.map((c) => [c.id, c.filedOnline])).toEqual([
			[permit.id, true],
			[counterCase.id, false]
		]);
		const overdue = await listCartable(database.db, world.users.officer6, 'overdue', world.ctx({ now: new Date(SUNDAY_MORNING.getTime() + 30 * 86_400_000) }));
		expect(overdue.map((c) => c.id)).toEqual([permit.id, counterCase.id]);
		expect(overdue.every((c) => c.overdue)).toBe(true);
		expect(await listCartable(database.db, world.users.officer6, 'overdue', world.ctx())).toEqual([]);
	});

	it('refuses a step one does not hold, a stale step, a skipped step and a guessed id — changing nothing', async () => {
		const { db } = database;
		// the inspector does not hold the district review
		await refusedWithoutChange(() => actOnCase(db, world.users.inspector6, permit.id, approve(), {}, world.ctx()), 403, 'not_your_step');
		// the case is not at the site inspection yet (a stale page, or a skip)
		await refusedWithoutChange(() => actOnCase(db, world.users.officer6, permit.id, approve('site_inspection'), {}, world.ctx()), 403, 'not_current_step');
		// the definition does not allow jumping to the technical review
		await refusedWithoutChange(() => actOnCase(db, world.users.officer6, permit.id, approve('district_review', 'technical_review'), {}, world.ctx()), 403, 'transition_not_allowed');
		// the citizen cannot approve the officer's step
		await refusedWithoutChange(() => actOnCase(db, world.users.maryam, permit.id, approve(), {}, world.ctx()), 403);
		// a reason is required to reject
		await refusedWithoutChange(() => actOnCase(db, world.users.officer6, permit.id, { type: 'reject', stepId: 'district_review', reason: '  ' }, {}, world.ctx()), 400, 'reason_required');
		// guessed ids
		await refusedWithoutChange(() => actOnCase(db, world.users.officer6, 123456789, approve(), {}, world.ctx()), 404);
		await refusedWithoutChange(() => actOnCase(db, world.users.officer6, -1, approve(), {}, world.ctx()), 404);
	});

	it('lets only the claimant act once a case is claimed, and assigns only to someone who can hold the step', async () => {
		const { db } = database;
		await claimCase(db, world.users.officer6, counterCase.id, world.ctx());
		await refusedWithoutChange(() => claimCase(db, officer6b, counterCase.id, world.ctx()), 409, 'already_claimed');
		await refusedWithoutChange(() => actOnCase(db, officer6b, counterCase.id, approve(), {}, world.ctx()), 403, 'not_your_step');
		await refusedWithoutChange(() => assignCase(db, world.users.officer6, counterCase.id, world.users.inspector6.id, world.ctx()), 400, 'assignee_cannot_hold_step');
		await refusedWithoutChange(() => assignCase(db, world.users.officer6, counterCase.id, world.users.officer7.id, world.ctx()), 400, 'assignee_cannot_hold_step');
		const assigned = await assignCase(db, world.users.officer6, counterCase.id, officer6b.id, world.ctx());
		expect(assigned.assignedUserId).toBe(officer6b.id);
		expect((await listCartable(db, officer6b, 'mine', world.ctx())).map((c) => c.id)).toEqual([counterCase.id]);
		expect(assigned.timeline.slice(-2).map((e) => e.action)).toEqual(['claim', 'assign']);
	});
});

describe('an agency acts only on cases referred to it, read-only apart from its reply', () => {
	it('does not see a case before it is referred, then sees it read-only and may only reply', async () => {
		const { db } = database;
		await expect(getCase(db, world.users.heritage, permit.id)).rejects.toMatchObject({ status: 404 });
		await actOnCase(
			db,
			world.users.officer6,
			permit.id,
			{ type: 'refer_to_agency', stepId: 'district_review', agency: 'cultural_heritage', question: 'حریم؟' },
			{},
			world.ctx({ sender: null })
		);
		const view = await getCase(db, world.users.heritage, permit.id);
		expect(view.readOnly).toBe(true);
		// another agency still gets 404
		await expect(getCase(db, world.users.experts, permit.id)).rejects.toMatchObject({ status: 404 });
		await refusedWithoutChange(() => actOnCase(db, world.users.experts, permit.id, { type: 'agency_reply', stepId: 'district_review', reply: 'x', verdict: 'agree' }, {}, world.ctx()), 404);
		// the referred agency cannot approve, message, or claim
		await refusedWithoutChange(() => actOnCase(db, world.users.heritage, permit.id, approve(), {}, world.ctx()), 403, 'agency_read_only');
		await refusedWithoutChange(() => postMessage(db, world.users.heritage, permit.id, 'سلام', world.ctx()), 403, 'agency_read_only');
		await refusedWithoutChange(() => claimCase(db, world.users.heritage, permit.id, world.ctx()), 403);
		// the officer cannot act while the agency holds the case
		await refusedWithoutChange(() => actOnCase(db, world.users.officer6, permit.id, approve(), {}, world.ctx()), 403, 'not_your_step');
	});
});

describe('eligibility from the parcel record', () => {
	it('refuses a second open permit on the same parcel, creating nothing', async () => {
		await refusedWithoutChange(
			() => fileRequest(database.db, world.users.maryam, { parcelId: world.parcel6, requestType: 'building_permit_new', documents: [owner.deed, owner.card] }, world.ctx()),
			409,
			'not_eligible_no_open_case_of_kind'
		);
	});

	it('refuses a completion certificate before any permit was issued', async () => {
		await refusedWithoutChange(
			() => fileRequest(database.db, world.users.maryam, { parcelId: world.parcel6, requestType: 'completion_certificate', documents: [owner.deed, owner.card, fixture('deed.pdf', 'earlier_permit'), fixture('deed.pdf', 'supervisor_report')] }, world.ctx()),
			409,
			'not_eligible_has_issued'
		);
	});

	it('refuses an unknown request type, a missing parcel and missing documents', async () => {
		const { db } = database;
		await refusedWithoutChange(() => fileRequest(db, world.users.ali, { parcelId: world.parcel7, requestType: 'nope', documents: [] }, world.ctx()), 400, 'unknown_request_type');
		await refusedWithoutChange(() => fileRequest(db, world.users.ali, { parcelId: 424242, requestType: 'building_permit_new', documents: [owner.deed, owner.card] }, world.ctx()), 404);
		await refusedWithoutChange(() => fileRequest(db, world.users.ali, { parcelId: world.parcel7, requestType: 'building_permit_new', documents: [owner.deed] }, world.ctx()), 400, 'documents_missing');
	});
});

describe('the public status page', () => {
	it('answers only for the right national id, with the same 404 otherwise', async () => {
		const { db } = database;
		await expect(trackPublic(db, permit.trackingCode, DEMO_CITIZENS[1].nationalId)).rejects.toMatchObject({ status: 404 });
		await expect(trackPublic(db, '123', DEMO_CITIZENS[0].nationalId)).rejects.toMatchObject({ status: 400 });
		const status = await trackPublic(db, permit.trackingCode, DEMO_CITIZENS[0].nationalId);
		expect(Object.keys(status).sort()).toEqual(['dueOn', 'filedOn', 'overdue', 'requestType', 'status', 'statusText', 'step', 'trackingCode']);
	});
});

describe('the audit log is append-only in the database itself', () => {
	it('refuses UPDATE, DELETE and TRUNCATE on case_events', async () => {
		const { db } = database;
		const before = await db.selectFrom('case_events').selectAll().orderBy('id').execute();
		expect(before.length).toBeGreaterThan(0);
		await expect(sql`update case_events set text = 'edited'`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from case_events`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`truncate case_events`.execute(db)).rejects.toThrow(/append-only/);
		expect(await db.selectFrom('case_events').selectAll().orderBy('id').execute()).toEqual(before);
	});

	it('keeps documents: no delete, and no change but marking one superseded', async () => {
		const { db } = database;
		await expect(sql`delete from documents`.execute(db)).rejects.toThrow(/kept/);
		await expect(sql`update documents set original_name = 'x'`.execute(db)).rejects.toThrow(/kept/);
	});
});

describe('a failed multi-step write leaves nothing behind', () => {
	it('rolls back the case, its events and document rows, and removes the files it wrote, when storing a later file fails', async () => {
		const { db } = database;
		let puts = 0;
		class FailingSecondPut extends FileStore {
			override async put(bytes: Uint8Array) {
				if (++puts === 2) throw new Error('disk full');
				return super.put(bytes);
			}
		}
		const files = new FailingSecondPut(world.filesDir);
		const unique = fixture('deed.pdf', 'deed');
		unique.bytes = new Uint8Array([...unique.bytes, ...new TextEncoder().encode('%unique-to-this-test\n')]);
		const fsMod = await import('node:fs');
		const storedFiles = () => (fsMod.readdirSync(world.filesDir, { recursive: true }) as string[]).filter((f) => /[0-9a-f]{64}$/.test(f)).length;
		const keysBefore = storedFiles();
		await refusedWithoutChange(
			() => fileRequest(db, world.users.ali, { parcelId: world.parcel7, requestType: 'bank_inquiry', documents: [unique, owner.card, fixture('deed.pdf', 'bank_letter', 'bank.pdf')] }, world.ctx({ files })).catch((err) => {
				// the file store's own error is not a DomainError: rewrap so the helper can check nothing changed
				throw err instanceof DomainError ? err : new DomainError(500, 'store_failed', { fa: '', en: String(err) }, { cause: err });
			}),
			500
		);
		expect(puts).toBe(2);
		expect(storedFiles()).toBe(keysBefore);
		expect(keysBefore).toBeGreaterThan(0);
	});
});

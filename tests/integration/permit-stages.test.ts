/**
 * The two-stage building permit (issue 8, §3–5) on the hand-measured permit world (see
 * tests/factories/permit-world.ts): stage 1 the zoning statement issued by itself (or by the planner
 * when something blocks it), stage 2 the proposal stored and checked on the server, the fees
 * assessed when the case reaches the fee step, the bill paid through the sandbox gateway, and the
 * permit issued by itself, verifiable at /verify; the officer's override with a reason, and every
 * guard that keeps a person from skipping what the automation guards.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestDatabase } from '../db';
import { fixture } from '../factories/case-world';
import { usePermitWorld, payOpenBill, building, drawn, type PermitWorld } from '../factories/permit-world';
import { actOnCase, fileRequest, getCase, type CaseView } from '../../src/lib/server/cases';
import { systemTextIn } from '../../src/lib/i18n';
import { overrideProposal, submitProposal, uploadDrawings } from '../../src/lib/server/permits';
import { parseProposal } from '../../src/lib/domain/rules';
import { toPersianDigits } from '../../src/lib/domain/text';
import { SandboxGateway } from '../../src/lib/server/payments';
import { changeIssuedStatus, issuedDocumentPdf, verifyDocument } from '../../src/lib/server/issued-documents';
import { pdftotext, readable } from '../../src/lib/server/pdf/pdf-reading.test-support';
import type { SessionUser } from '../../src/lib/server/auth';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let world: PermitWorld;
let gateway: SandboxGateway;

usePermitWorld((setup) => ({ database, world, gateway } = setup));

const ctx = () => world.ctx({ sender: null });
const owner = () => [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')];
const proposal = (body: unknown) => {
	const parsed = parseProposal(body);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
};
const submit = (user: SessionUser, caseId: number, body: unknown) => submitProposal(database.db, user, caseId, proposal(body), body, ctx());
const act = (user: SessionUser, caseId: number, stepId: string, type: 'approve' | 'complete' = 'approve', to?: string) =>
	actOnCase(database.db, user, caseId, { type, stepId, ...(to ? { to } : {}) } as never, {}, ctx());
const stage = (caseId: number) => database.db.selectFrom('permit_stages').selectAll().where('case_id', '=', caseId).executeTakeFirst();
const events = async (caseId: number) =>
	(await database.db.selectFrom('case_events').select(['action', 'actor_role', 'actor_user_id', 'from_step', 'to_step', 'text']).where('case_id', '=', caseId).orderBy('id').execute());

const pay = (caseId: number, user: SessionUser) => payOpenBill(database.db, gateway, user, caseId, world.now);

describe(`two-stage permit (${backend})`, () => {
	let permit: CaseView;

	it('stage 1: the zoning statement is issued by itself when nothing blocks it, stating the rules and the net area, and the rule book is recorded', async () => {
		permit = await fileRequest(database.db, world.users.zahra, { parcelId: world.parcel6b, requestType: 'building_permit_new', documents: owner() }, ctx());
		expect(permit.step.id).toBe('district_review');
		const after = await act(world.users.officer6, permit.id, 'district_review', 'approve', 'zoning_statement');
		expect(after.step.id).toBe('drawings_submission');
		const s = await stage(permit.id);
		expect(s?.rule_book_id).toBe(world.ruleBookId);
		expect(s?.zoning_statement_id).not.toBeNull();
		const doc = await database.db.selectFrom('issued_documents').selectAll().where('id', '=', s!.zoning_statement_id!).executeTakeFirstOrThrow();
		expect(doc).toMatchObject({ kind: 'zoning_statement', case_id: permit.id, issued_by: null, status: 'valid' });
		const text = readable(pdftotext((await issuedDocumentPdf(database.db, world.users.zahra, doc.id)).pdf));
		expect(text).toContain('دستور نقشه');
		expect(text).toContain('مساحت خالص پس از اصلاحی');
		expect(text).toMatch(/۵۰۰(٫۰+)?\s*م²/); // 600 m² less the 100 m² behind the widening line
		expect(text).toMatch(/۱۸۰\s*٪|٪\s*۱۸۰/); // R121's density from the book
		expect(text).toContain('R121');
		const log = await events(permit.id);
		expect(log.at(-1)).toMatchObject({ action: 'approve', actor_role: 'system', actor_user_id: null, from_step: 'zoning_statement', to_step: 'drawings_submission' });
	});

	it('stage 2 refuses to move on without drawings and a proposal, and checks the proposal on the server', async () => {
		const before = await database.db.selectFrom('cases').select(['current_step']).where('id', '=', permit.id).executeTakeFirstOrThrow();
		await expect(act(world.users.zahra, permit.id, 'drawings_submission')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });
		expect(await database.db.selectFrom('cases').select(['current_step']).where('id', '=', permit.id).executeTakeFirstOrThrow()).toEqual(before);
		// another citizen does not see the case at all
		await expect(submit(world.users.maryam, permit.id, building(256, 256))).rejects.toMatchObject({ status: 404 });
		// staff do not submit the applicant's proposal
		await expect(submit(world.users.officer6, permit.id, building(256, 256))).rejects.toMatchObject({ status: 403 });

		const fp = await drawn(database.db, 42, 10, 58, 26); // 16 × 16 m, 5 m behind the widening line, 16 m deep
		const stored = await submit(world.users.zahra, permit.id, building(256, fp));
		expect(stored.ok, JSON.stringify(stored.rules.filter((r) => r.verdict !== 'pass'))).toBe(true);
		expect(stored.facts).toMatchObject({ net_area_m2: 500, setback_area_m2: 100 });
		const { rows } = await sql<{ area: number; srid: number }>`select ST_Area(footprint) as area, ST_SRID(footprint) as srid from case_proposals where id = ${stored.proposal_id}`.execute(database.db);
		expect(Number(rows[0].area)).toBeCloseTo(256, 1); // kept in the storage CRS, metres
		expect(rows[0].srid).toBe(32639);
		await expect(act(world.users.zahra, permit.id, 'drawings_submission')).rejects.toMatchObject({ code: 'step_requirements_missing' });
		await uploadDrawings(database.db, world.users.zahra, permit.id, [fixture('deed.pdf', 'engineering_drawings', 'plans.pdf')], ctx());
	});

	it('a passing proposal goes through the technical review by itself; reaching the fee step assesses and bills the fees', async () => {
		const after = await act(world.users.zahra, permit.id, 'drawings_submission');
		expect(after.step.id).toBe('payment');
		const a = await database.db.selectFrom('fee_assessments').selectAll().where('case_id', '=', permit.id).execute();
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({ status: 'open', request_kind: 'building_permit', parcel_id: world.parcel6b });
		expect(a[0].bill_id).toMatch(/^\d{6,13}$/);
		expect(a[0].inputs).toMatchObject({ use: 'residential', floor_area: 768, units: 3, net_land_area: 500, base_density_pct: 180, missing_parking_spaces: 0, P: 5_000_000 });
		const log = await events(permit.id);
		expect(log.slice(-3).map((e) => [e.from_step, e.to_step, e.actor_role])).toEqual([
			['drawings_submission', 'technical_review', 'citizen'],
			['technical_review', 'fee_calculation', 'system'],
			['fee_calculation', 'payment', 'system']
		]);
	});

	it('the applicant cannot approve the payment step before paying; paying through the sandbox issues the permit and completes the case', async () => {
		await expect(act(world.users.zahra, permit.id, 'payment')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });
		// one supervising engineer in the pool: the permit's issue assigns them, for the proposal's floor area
		const engineerUser = await database.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
		const engineer = await database.db
			.insertInto('supervising_engineers')
			.values({ user_id: engineerUser.id, licence_no: 'TEST-PERMIT-1', grade: 'senior', yearly_area_quota_m2: 100000, yearly_work_quota: 50 })
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ active: true }))
			.returning('id')
			.executeTakeFirstOrThrow();
		expect((await pay(permit.id, world.users.zahra)).outcome).toBe('paid');
		const assignment = await database.db.selectFrom('supervision_assignments').selectAll().where('permit_case_id', '=', permit.id).executeTakeFirstOrThrow();
		expect(assignment).toMatchObject({ engineer_id: engineer.id, assigned_by: null, ended_at: null });
		expect(Number(assignment.floor_area_m2)).toBeGreaterThan(0);
		const kase = await database.db.selectFrom('cases').select(['workflow_status', 'issued', 'decision']).where('id', '=', permit.id).executeTakeFirstOrThrow();
		expect(kase).toMatchObject({ workflow_status: 'completed', issued: 'building_permit', decision: 'approved' });
		// the system closed it: its reason, kept in both languages, is read in one
		const view = await getCase(database.db, world.users.zahra, permit.id);
		expect(view.closedBySystem).toBe(true);
		expect(systemTextIn(view.closedReason!, 'en')).toMatch(/^The permit was issued automatically\./);
		expect(systemTextIn(view.closedReason!, 'fa')).toMatch(/^پروانه خودکار صادر شد\./);
		const s = (await stage(permit.id))!;
		expect(s.permit_id).not.toBeNull();
		const doc = await database.db.selectFrom('issued_documents').selectAll().where('id', '=', s.permit_id!).executeTakeFirstOrThrow();
		expect(doc).toMatchObject({ kind: 'building_permit', status: 'valid', issued_by: null });
		// the fees' calculation is printed in words: the book's names, no formula syntax or identifiers
		const feeRows = (doc.spec as { sections: { kind: string; rows?: { formula?: string }[] }[] }).sections.filter((x) => x.kind === 'items').flatMap((x) => x.rows ?? []);
		expect(feeRows.length).toBeGreaterThan(0);
		for (const row of feeRows) expect(row.formula!.replace(/\([A-Z]\)/g, '')).not.toMatch(/[A-Za-z_?*]|table\(/);
		expect(feeRows.map((r) => r.formula).join(' ')).toContain('قیمت منطقه‌ای');
		expect(await verifyDocument(database.db, doc.verification_code)).toMatchObject({ valid: true, kind: 'building_permit', number: doc.number, renovation_code: '6-101-2' });
		const text = readable(pdftotext((await issuedDocumentPdf(database.db, world.users.zahra, doc.id)).pdf));
		expect(text).toContain('پروانهٔ ساختمان');
		expect(text).toContain('با همهٔ ضوابط طرح تفصیلی تطبیق داده شد');
		// it names the engineer assigned with it, and the bill it was paid with
		expect(text).toContain('مهندس ناظر');
		expect(text).toContain('TEST-PERMIT-1');
		const bill = await database.db.selectFrom('fee_bills as b').innerJoin('fee_assessments as a', 'a.id', 'b.assessment_id').select(['b.bill_id', 'b.payment_id']).where('a.case_id', '=', permit.id).executeTakeFirstOrThrow();
		expect(text).toContain(`شناسهٔ قبض ${toPersianDigits(bill.bill_id)}`);
		expect(text).toContain(`شناسهٔ پرداخت ${toPersianDigits(bill.payment_id)}`);
	});

	it('the district officer suspends and revokes the permit with a reason: /verify shows it and the PDF download says so', async () => {
		const s = (await stage(permit.id))!;
		const valid = pdftotext((await issuedDocumentPdf(database.db, world.users.zahra, s.permit_id!)).pdf, '-raw').replace(/\s/g, '');
		expect(valid).not.toContain('SUSPENDED');
		await expect(changeIssuedStatus(database.db, world.users.zahra, s.permit_id!, { to: 'revoked', reason: 'x' }, world.now)).rejects.toMatchObject({ status: 403 });
		await expect(changeIssuedStatus(database.db, world.users.officer6, s.permit_id!, { to: 'suspended', reason: '  ' }, world.now)).rejects.toMatchObject({ status: 400 });
		await changeIssuedStatus(database.db, world.users.officer6, s.permit_id!, { to: 'suspended', reason: 'گزارش ناظر: اضافه بنا' }, world.now);
		const stamped = await issuedDocumentPdf(database.db, world.users.zahra, s.permit_id!);
		expect(stamped.status).toBe('suspended');
		expect(pdftotext(stamped.pdf, '-raw').replace(/\s/g, '')).toContain('SUSPENDED'); // stamped across the page
		const code = (await database.db.selectFrom('issued_documents').select('verification_code').where('id', '=', s.permit_id!).executeTakeFirstOrThrow()).verification_code;
		expect(await verifyDocument(database.db, code)).toMatchObject({ valid: false, status: 'suspended' });
		await changeIssuedStatus(database.db, world.users.officer6, s.permit_id!, { to: 'revoked', reason: 'ابطال به حکم کمیسیون ماده ۱۰۰' }, world.now);
		expect(await verifyDocument(database.db, code)).toMatchObject({ valid: false, status: 'revoked' });
		const history = await database.db.selectFrom('issued_document_events').select(['from_status', 'to_status', 'reason', 'actor_user_id']).where('issued_document_id', '=', s.permit_id!).orderBy('id').execute();
		expect(history.map((h) => h.to_status)).toEqual(['valid', 'suspended', 'revoked']);
		expect(history[2]).toMatchObject({ reason: 'ابطال به حکم کمیسیون ماده ۱۰۰', actor_user_id: world.users.officer6.id });
	});
});

describe(`two-stage permit, the officer's side (${backend})`, () => {
	let permit: CaseView;

	it('an open blocking case on the parcel sends the zoning statement to the planner, who issues it on approval', async () => {
		await sql`insert into cases (parcel_id, tracking_code, kind, status, title_fa) values (${world.parcel7}, 'VIOL-0001', 'violation', 'open', 'تخلف ساختمانی')`.execute(database.db);
		permit = await fileRequest(database.db, world.users.ali, { parcelId: world.parcel7, requestType: 'building_permit_new', documents: owner() }, ctx());
		const held = await act(world.users.officer7, permit.id, 'district_review', 'approve', 'zoning_statement');
		expect(held.step.id).toBe('zoning_statement');
		expect((await stage(permit.id))?.zoning_statement_id ?? null).toBeNull();
		const log = await events(permit.id);
		expect(log.at(-1)).toMatchObject({ action: 'automation_held', actor_role: 'system' });
		expect(log.at(-1)!.text).toContain('VIOL-0001');
		const approved = await act(world.users.planner, permit.id, 'zoning_statement');
		expect(approved.step.id).toBe('drawings_submission');
		const s = (await stage(permit.id))!;
		const doc = await database.db.selectFrom('issued_documents').select(['kind', 'issued_by']).where('id', '=', s.zoning_statement_id!).executeTakeFirstOrThrow();
		expect(doc).toEqual({ kind: 'zoning_statement', issued_by: world.users.planner.id });
	});

	it('a failing proposal stays with the officer, who may not approve it without a recorded override and a reason', async () => {
		const fp = await drawn(database.db, 1502, 10, 1518, 26);
		const stored = await submit(world.users.ali, permit.id, building(256, fp, 4)); // 4 floors where 3 are allowed
		expect(stored.ok).toBe(false);
		expect(stored.rules.find((r) => r.rule === 'floors')).toMatchObject({ verdict: 'fail' });
		await uploadDrawings(database.db, world.users.ali, permit.id, [fixture('deed.pdf', 'engineering_drawings', 'plans.pdf')], ctx());
		expect((await act(world.users.ali, permit.id, 'drawings_submission')).step.id).toBe('technical_review');
		await expect(act(world.users.officer7, permit.id, 'technical_review')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });
		await expect(overrideProposal(database.db, world.users.officer7, permit.id, '   ', ctx())).rejects.toMatchObject({ status: 409, code: 'reason_required' });
		await expect(overrideProposal(database.db, world.users.officer6, permit.id, 'x', ctx())).rejects.toMatchObject({ status: 404 });
		await expect(overrideProposal(database.db, world.users.ali, permit.id, 'x', ctx())).rejects.toMatchObject({ status: 403 });
		await overrideProposal(database.db, world.users.officer7, permit.id, 'طبقهٔ چهارم با مصوبهٔ کمیسیون ماده ۵ مجاز است.', ctx());
		const s = (await stage(permit.id))!;
		expect(s).toMatchObject({ override_proposal_id: stored.proposal_id, override_by: world.users.officer7.id });
		const moved = await act(world.users.officer7, permit.id, 'technical_review');
		expect(moved.step.id).toBe('payment');
	});

	it('paying issues a permit that prints the override reason; a closed case takes no further proposal', async () => {
		expect((await pay(permit.id, world.users.ali)).outcome).toBe('paid');
		const s = (await stage(permit.id))!;
		const text = readable(pdftotext((await issuedDocumentPdf(database.db, world.users.ali, s.permit_id!)).pdf));
		expect(text).toContain('طبقهٔ چهارم با مصوبهٔ کمیسیون ماده ۵ مجاز است');
		// the case is done: no further proposal is taken
		await expect(submit(world.users.ali, permit.id, building(256, 256))).rejects.toMatchObject({ status: 409, code: 'proposal_not_expected' });
	});
});

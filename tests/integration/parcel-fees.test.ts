/**
 * The fee steps of the requests that bring no proposed building (completion certificate, notary
 * inquiry, transfer; renewals and amendments work the same way), on the hand-measured permit world
 * (tests/factories/permit-world.ts): entering the fee step assesses the request's own fee kind from
 * the book, read from the parcel alone, and bills it; the case waits at payment until the bill is
 * paid in the sandbox gateway; where the system cannot assess, the officer does by hand, and no one
 * approves a fee step with nothing assessed or a payment step with nothing paid.
 */
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../db';
import { fileOnCase, fixture } from '../factories/case-world';
import { P_A, type FeeWorld } from '../factories/fee-world';
import { usePermitWorld, payOpenBill, P_D7 } from '../factories/permit-world';
import { actOnCase, fileRequest, getCase, type CaseView } from '../../src/lib/server/cases';
import { assessAsStaff, assessmentFormFor, getAssessmentView } from '../../src/lib/server/fees';
import { OutboxSandboxSender, listOutbox } from '../../src/lib/server/notify';
import { billExpiresAt, billLastDayOf } from '../../src/lib/domain/bills';
import { addCalendarDays, addWorkingDays, dueDate, tehranDate, workingCalendar } from '../../src/lib/domain/working-days';
import { recordOfficeClosure } from '../../src/lib/server/admin';
import { formatDateInput } from '../../src/lib/i18n/format';
import { formatJalali } from '../../src/lib/domain/jalali';
import { SandboxGateway } from '../../src/lib/server/payments';
import { permitPanel } from '../../src/lib/server/permits';
import type { SessionUser } from '../../src/lib/server/auth';
import { parcelFeeFactsQuery } from '../../src/lib/server/permits/permit.repository';
import { sql } from 'kysely';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let world: FeeWorld;
let gateway: SandboxGateway;

usePermitWorld((setup) => ({ database, world, gateway } = setup));

const ctx = () => world.ctx({ sender: null });
const owner = () => [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')];
const act = (user: SessionUser, caseId: number, stepId: string, to?: string) =>
	actOnCase(database.db, user, caseId, { type: 'approve', stepId, ...(to ? { to } : {}) } as never, {}, ctx());
const assessments = (caseId: number) => database.db.selectFrom('fee_assessments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
const stepOf = async (caseId: number) => (await database.db.selectFrom('cases').select('current_step').where('id', '=', caseId).executeTakeFirstOrThrow()).current_step;
const events = (caseId: number) =>
	database.db.selectFrom('case_events').select(['action', 'actor_role', 'from_step', 'to_step', 'text']).where('case_id', '=', caseId).orderBy('id').execute();

const pay = (caseId: number, user: SessionUser) => payOpenBill(database.db, gateway, user, caseId, world.now);

/**
 * A case standing at the officer's review on parcel6b: the eligibility of a completion certificate
 * or a renewal (a permit, every stage reported) is other tests' subject, so the case is put there
 * as the workflow would have left it.
 */
async function atReview(requestType: string, trackingCode: string): Promise<number> {
	const { id } = await database.db
		.insertInto('cases')
		.values({
			parcel_id: world.parcel6b,
			tracking_code: trackingCode,
			kind: requestType,
			title_fa: requestType,
			title_en: requestType,
			request_type: requestType,
			applicant_user_id: world.users.zahra.id,
			district_id: world.d6,
			workflow_status: 'in_progress',
			current_step: 'district_review',
			holder_role: 'district_officer',
			holder_district_id: world.d6,
			step_started_at: world.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await fileOnCase(database.db, world.files, id, requestType, world.users.zahra.id);
	return id;
}

describe(`fees of requests without a proposal (${backend})`, () => {
	let completion: number;

	it('a completion certificate entering the fee step is assessed from the book and billed, and waits at payment', async () => {
		completion = await atReview('completion_certificate', 'FEE-PK-0001');
		const after = await act(world.users.officer6, completion, 'district_review', 'fee_calculation');
		expect(after.step.id).toBe('payment');
		const [a] = await assessments(completion);
		// 3-3: 1 % × P × land area; parcel6b is 600 m² under zone value B (5,000,000 rial/m²)
		expect(a).toMatchObject({ request_kind: 'completion_certificate', status: 'open', total_rial: 30_000_000, issued_by: null });
		expect(a.inputs).toMatchObject({ use: 'residential', land_area: 600, P: 5_000_000 });
		expect(a.bill_id).toMatch(/^\d{6,13}$/);
		const log = await events(completion);
		expect(log.slice(-2).map((e) => [e.from_step, e.to_step, e.actor_role])).toEqual([
			['district_review', 'fee_calculation', 'district_officer'],
			['fee_calculation', 'payment', 'system']
		]);
	});

	it('the applicant cannot approve the payment step before paying; paying in the sandbox gateway moves it on', async () => {
		await expect(act(world.users.zahra, completion, 'payment')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });
		expect(await stepOf(completion)).toBe('payment');
		expect((await pay(completion, world.users.zahra)).outcome).toBe('paid');
		expect(await stepOf(completion)).toBe('issue');
		expect((await events(completion)).at(-1)).toMatchObject({ action: 'approve', actor_role: 'system', from_step: 'payment', to_step: 'issue' });
		const [a] = await assessments(completion);
		expect(a.status).toBe('paid');
	});

	it('a permit renewal is charged its own kind, not the building permit’s: 2 % × P × land area', async () => {
		const renewal = await atReview('building_permit_renewal', 'FEE-PK-0002');
		expect((await act(world.users.officer6, renewal, 'district_review', 'fee_calculation')).step.id).toBe('payment');
		const [a] = await assessments(renewal);
		expect(a).toMatchObject({ request_kind: 'permit_renewal', status: 'open', total_rial: 0.02 * 5_000_000 * 600 });
		// the case page shows its bill, not the two-stage permit's panel
		const panel = await permitPanel(database.db, world.users.zahra, renewal);
		expect(panel.twoStage).toBe(false);
		expect(panel.fees?.assessments.map((x) => [x.id, x.requestKind])).toEqual([[a.id, 'permit_renewal']]);
	});

	it('one payment deadline: the case at its payment step, its timeline, the bill and the SMS name the bill\'s last day, and the case is overdue when the bill expires', async () => {
		const sender = new OutboxSandboxSender(database.db);
		const mobile = (await database.db.selectFrom('users').select('mobile').where('id', '=', world.users.zahra.id).executeTakeFirstOrThrow()).mobile!;
		const id = await atReview('building_permit_renewal', 'FEE-PK-0010');
		const now = ctx().now!;
		expect((await actOnCase(database.db, world.users.officer6, id, { type: 'approve', stepId: 'district_review', to: 'fee_calculation' } as never, {}, world.ctx({ sender }))).step.id).toBe('payment');
		const [a] = await assessments(id);
		const lastDay = billLastDayOf(a.expires_at);
		// thirty calendar days from the day of issue, not the payment step's ten working days
		expect(lastDay).toBe(addCalendarDays(tehranDate(now), 30));
		expect(lastDay).not.toBe(dueDate(now, 10, workingCalendar()));
		const kase = await getCase(database.db, world.users.zahra, id, { now });
		expect(kase.dueOn).toBe(lastDay);
		expect(kase.timeline.at(-1)).toMatchObject({ fromStep: expect.objectContaining({ id: 'fee_calculation' }), dueOn: lastDay });
		const bill = await getAssessmentView(database.db, world.users.zahra, a.id, { now });
		expect(bill.payableUntil).toBe(lastDay);
		const [sms] = await listOutbox(database.db, { recipient: mobile });
		expect(sms.body).toContain(`مهلت: ${formatJalali(lastDay)}`);

		// the whole last day is in time; the moment the bill expires the case is overdue
		const endOfLastDay = billExpiresAt(lastDay);
		expect((await getCase(database.db, world.users.zahra, id, { now: endOfLastDay })).overdue).toBe(false);
		expect((await getAssessmentView(database.db, world.users.zahra, a.id, { now: endOfLastDay })).status).toBe('open');
		const later = new Date(endOfLastDay.getTime() + 1000);
		expect((await getCase(database.db, world.users.zahra, id, { now: later })).overdue).toBe(true);
		expect((await getAssessmentView(database.db, world.users.zahra, a.id, { now: later })).status).toBe('expired');

		// a bill re-issued by hand while the case waits to be paid moves the deadline with it
		const reissuedAt = new Date(now.getTime() + 5 * 86_400_000);
		const form = (await assessmentFormFor(database.db, world.users.officer6, { caseId: id }, { now: reissuedAt })).prefill;
		await assessAsStaff(database.db, world.users.officer6, { caseId: id }, 'permit_renewal', { ...form, P: '5000000' }, { now: reissuedAt, sender: null });
		const reissued = (await assessments(id)).at(-1)!;
		expect(billLastDayOf(reissued.expires_at)).toBe(addCalendarDays(lastDay, 5));
		expect((await getCase(database.db, world.users.zahra, id, { now: reissuedAt })).dueOn).toBe(addCalendarDays(lastDay, 5));

		// an office closure moves the offices' deadlines, not a bill's last day: the case stays due with its bill
		const closed = addWorkingDays(tehranDate(reissuedAt), 2, workingCalendar());
		await recordOfficeClosure(database.db, world.users.admin, { day: formatDateInput(closed, 'fa'), reasonFa: 'آلودگی هوا', reasonEn: 'Air pollution' }, { ip: null }, reissuedAt);
		expect((await getCase(database.db, world.users.zahra, id, { now: reissuedAt })).dueOn).toBe(billLastDayOf((await assessments(id)).at(-1)!.expires_at));
	});

	it('a notary inquiry is charged the renovation fee: years × 1.5 % × P × land area, the current year by default', async () => {
		const inquiry: CaseView = await fileRequest(
			database.db,
			world.users.maryam,
			{ parcelId: world.parcel6, requestType: 'notary_inquiry', documents: [...owner(), fixture('deed.pdf', 'notary_letter')] },
			ctx()
		);
		expect((await act(world.users.officer6, inquiry.id, 'district_review', 'fee_calculation')).step.id).toBe('payment');
		const [a] = await assessments(inquiry.id);
		// parcel6: 600 m², zone value A covers most of it
		expect(a).toMatchObject({ request_kind: 'renovation', status: 'open', total_rial: 1 * 0.015 * P_A * 600 });
		expect((a.lines as { lines: { item_code: string }[] }).lines.map((l) => l.item_code)).toEqual(['4-1']);
		// the building permit's own fee is not looked for: no building_permit assessment was made
		expect((await assessments(inquiry.id)).map((x) => x.request_kind)).toEqual(['renovation']);
		expect((await pay(inquiry.id, world.users.maryam)).outcome).toBe('paid');
		expect(await stepOf(inquiry.id)).toBe('issue');
	});

	it('without a zone value the fee step stays with the officer, who may not approve it until they assess by hand; nothing due passes payment by itself', async () => {
		await database.db.deleteFrom('zone_values').where('p_rial_per_m2', '=', P_D7).execute();
		const transfer = await fileRequest(
			database.db,
			world.users.ali,
			{ parcelId: world.parcel7, requestType: 'transfer_request', documents: [...owner(), fixture('deed.pdf', 'sale_agreement')] },
			ctx()
		);
		expect((await act(world.users.officer7, transfer.id, 'district_review', 'fee_calculation')).step.id).toBe('fee_calculation');
		expect(await assessments(transfer.id)).toEqual([]);
		const held = (await events(transfer.id)).at(-1)!;
		expect(held).toMatchObject({ action: 'automation_held', actor_role: 'system', from_step: 'fee_calculation' });
		expect(held.text).toContain('کارشناس منطقه محاسبه می‌کند');
		expect(held.text).toContain('the district officer assesses them');

		await expect(act(world.users.officer7, transfer.id, 'fee_calculation')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });
		expect(await stepOf(transfer.id)).toBe('fee_calculation');

		// the officer assesses on /assessments/new, which offers the transfer's own kind first: the renovation charge was paid up this year, nothing is due
		expect((await assessmentFormFor(database.db, world.users.officer7, { caseId: transfer.id }, { now: world.now })).caseKind).toBe('renovation');
		const byHand = await assessAsStaff(database.db, world.users.officer7, { caseId: transfer.id }, 'renovation', { P: '4000000', land_area: '600', renovation_years: '0' }, { now: world.now });
		expect(byHand.row).toMatchObject({ status: 'nothing_due', total_rial: 0, issued_by: world.users.officer7.id });
		const moved = await act(world.users.officer7, transfer.id, 'fee_calculation');
		expect(moved.step.id).toBe('issue');
		expect((await events(transfer.id)).slice(-2).map((e) => [e.from_step, e.to_step, e.actor_role])).toEqual([
			['fee_calculation', 'payment', 'district_officer'],
			['payment', 'issue', 'system']
		]);
	});

	it('demolition and reconstruction: the fee step waits for the officer to assess it as a permit; neither fee step can be approved hollow', async () => {
		const id = await atReview('demolition_reconstruction', '059000000777');
		await database.db.updateTable('cases').set({ current_step: 'technical_review' }).where('id', '=', id).execute();
		expect((await act(world.users.officer6, id, 'technical_review')).step.id).toBe('fee_calculation');
		// no proposal to charge from: nothing is assessed, and no "held" line either (the officer's step, as designed)
		expect(await assessments(id)).toEqual([]);
		expect((await events(id)).at(-1)).toMatchObject({ from_step: 'technical_review', to_step: 'fee_calculation', actor_role: 'district_officer' });
		await expect(act(world.users.officer6, id, 'fee_calculation')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });

		expect((await assessmentFormFor(database.db, world.users.officer6, { caseId: id }, { now: world.now })).caseKind).toBe('building_permit');
		const form = { use: 'residential', floor_area: '360', units: '2', net_land_area: '500', base_density_pct: '180', P: '4000000' };
		const byHand = await assessAsStaff(database.db, world.users.officer6, { caseId: id }, 'building_permit', form, { now: world.now });
		expect(byHand.row).toMatchObject({ status: 'open', request_kind: 'building_permit', issued_by: world.users.officer6.id });
		expect(byHand.row.total_rial).toBeGreaterThan(0);
		expect((await act(world.users.officer6, id, 'fee_calculation')).step.id).toBe('payment');
		await expect(act(world.users.zahra, id, 'payment')).rejects.toMatchObject({ status: 409, code: 'step_requirements_missing' });
		expect((await pay(id, world.users.zahra)).outcome).toBe('paid');
		expect(await stepOf(id)).toBe('issue');
	});

	it('reads the parcel by its key and the zones through their pieces\' GiST index', async () => {
		const plan = await database.db.transaction().execute(async (trx) => {
			// the test city has a handful of zones: forbid the sequential scan so the test checks the index is usable
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${parcelFeeFactsQuery(1)}`.execute(trx);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
		expect(plan).toMatch(/parcels_pkey/);
		expect(plan).toMatch(/Index Scan using zoning_zone_parts_geom_idx/);
		expect(plan).toMatch(/zoning_zones_pkey/);
	});
});

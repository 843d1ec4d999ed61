/**
 * When staff may issue a case's fee bill by hand, and what the applicant is told of it: a
 * building-permit case is billed only at its fee or payment step (not at the district review, before
 * the zoning statement and drawings the fee is assessed from), a request type without a fee step not
 * at all, and the form says why before it is filled in. A bill issued by hand and its payment go into
 * the case's history and reach the applicant by SMS (the sandbox outbox), and the case page offers
 * the payer a pay button.
 */
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../db';
import type { FeeWorld } from '../factories/fee-world';
import { usePermitWorld } from '../factories/permit-world';
import { assessAsStaff, assessmentFormFor, listCaseAssessments } from '../../src/lib/server/fees';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { formatTrackingCode } from '../../src/lib/domain/tracking-code';
import { getReceipt, receiptSpec } from '../../src/lib/server/payments/receipt';
import { receiptContent } from '../../src/lib/server/permits/receipt-pdf.service';
import { OutboxSandboxSender, listOutbox } from '../../src/lib/server/notify';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let world: FeeWorld;
let gateway: SandboxGateway;

usePermitWorld((setup) => ({ database, world, gateway } = setup));

const FORM = { use: 'residential', floor_area: '360', units: '2', net_land_area: '500', base_density_pct: '180', P: '4000000' };

async function caseAt(requestType: string, step: string, trackingCode: string): Promise<number> {
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
			current_step: step,
			holder_role: 'district_officer',
			holder_district_id: world.d6,
			step_started_at: world.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}
const events = (caseId: number) =>
	database.db.selectFrom('case_events').select(['action', 'actor_role', 'actor_user_id', 'text', 'details']).where('case_id', '=', caseId).orderBy('id').execute();
const mobile = async () => (await database.db.selectFrom('users').select('mobile').where('id', '=', world.users.zahra.id).executeTakeFirstOrThrow()).mobile!;

describe(`issuing a case's fee bill by hand (${backend})`, () => {
	it('refuses a building-permit case still at the district review, naming the step, on the form and on submit', async () => {
		const id = await caseAt('building_permit_new', 'district_review', '059000000901');
		const spec = await assessmentFormFor(database.db, world.users.officer6, { caseId: id }, { now: world.now });
		expect(spec.refusal?.fa).toContain('«بررسی کارشناس منطقه»');
		expect(spec.refusal?.fa).toContain('«محاسبه عوارض»');
		expect(spec.refusal?.en).toContain('"District officer review"');
		expect(spec.about.trackingCode).toBe('059000000901');
		const refused = await assessAsStaff(database.db, world.users.officer6, { caseId: id }, 'building_permit', FORM, { now: world.now, sender: null }).catch((e: unknown) => e);
		expect(refused).toMatchObject({ status: 409, code: 'case_not_at_fee_step' });
		expect((refused as { messages: { fa: string } }).messages.fa).toContain('«بررسی کارشناس منطقه»');
		expect(await database.db.selectFrom('fee_assessments').select('id').where('case_id', '=', id).execute()).toEqual([]);
	});

	it('refuses a request type whose workflow has no fee step, and a closed case', async () => {
		const bank = await caseAt('bank_inquiry', 'district_review', '059000000902');
		const spec = await assessmentFormFor(database.db, world.users.officer6, { caseId: bank }, { now: world.now });
		expect(spec.refusal?.en).toContain('has no fee or payment step');
		await expect(assessAsStaff(database.db, world.users.officer6, { caseId: bank }, 'building_permit', FORM, { now: world.now, sender: null })).rejects.toMatchObject({ code: 'case_not_at_fee_step' });

		const closed = await caseAt('building_permit_new', 'payment', '059000000903');
		await database.db.updateTable('cases').set({ workflow_status: 'withdrawn' }).where('id', '=', closed).execute();
		await expect(assessAsStaff(database.db, world.users.officer6, { caseId: closed }, 'building_permit', FORM, { now: world.now, sender: null })).rejects.toMatchObject({ code: 'case_not_at_fee_step' });
	});

	it('at the fee step: the form is prefilled from the parcel and rules; the bill and its payment reach the history and the applicant', async () => {
		const id = await caseAt('demolition_reconstruction', 'fee_calculation', '059000000904');
		const spec = await assessmentFormFor(database.db, world.users.officer6, { caseId: id }, { now: world.now });
		expect(spec.refusal).toBeNull();
		expect(spec.about.step?.fa).toBe('محاسبه عوارض');
		expect(spec.prefill.use).toBe('residential');
		expect(Number(spec.prefill.net_land_area)).toBeGreaterThan(0);
		expect(Number(spec.prefill.base_density_pct)).toBeGreaterThan(0);

		const sender = new OutboxSandboxSender(database.db);
		const to = await mobile();
		const before = (await listOutbox(database.db, { recipient: to })).length;
		const bill = await assessAsStaff(database.db, world.users.officer6, { caseId: id }, 'building_permit', FORM, { now: world.now, sender });
		expect(bill.row.status).toBe('open');
		const billed = (await events(id)).at(-1)!;
		expect(billed).toMatchObject({ action: 'fee_billed', actor_user_id: world.users.officer6.id, actor_role: 'district_officer' });
		expect(billed.text).toContain('فیش عوارض');
		let sms = await listOutbox(database.db, { recipient: to });
		expect(sms.length).toBe(before + 1);
		expect(sms[0].body).toContain('صادر شد');
		expect(sms[0].body).toContain(formatTrackingCode('059000000904'));

		// the applicant's case page lists the bill as open: the fee section offers them the pay button
		const listed = await listCaseAssessments(database.db, world.users.zahra, id, { now: world.now });
		expect(listed.side).toBe('payer');
		expect(listed.assessments[0]).toMatchObject({ id: bill.id, status: 'open' });

		const started = await startPayment(database.db, gateway, world.users.zahra, bill.id, { callbackUrl: 'https://pelak.example.ir/payments/callback', now: world.now });
		const back = new URL(await gateway.settle(started.authority, true));
		const done = await completePayment(database.db, gateway, back.searchParams, { now: world.now, sender });
		expect(done.outcome).toBe('paid');
		// the receipt PDF's content: the bank's reference and the item codes in Persian digits, the calculation in words
		const content = receiptContent(receiptSpec(await getReceipt(database.db, world.users.zahra, done.paymentRowId)), null);
		const facts = content.sections.find((x) => x.kind === 'facts')!;
		const receiptNo = facts.kind === 'facts' ? String(facts.rows.find((r) => r.label === 'شمارهٔ رسید')!.value) : '';
		expect(receiptNo).toMatch(/^[۰-۹]+-[۰-۹]+$/);
		const items = content.sections.find((x) => x.kind === 'items')!;
		const rows = items.kind === 'items' ? items.rows : [];
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row.title).toMatch(/^[۰-۹]+-[۰-۹]+ — /);
			expect(row.formula).not.toMatch(/[A-Za-z_]/);
		}
		expect(rows.map((r) => r.formula).join(' ')).toMatch(/برای [۰-۹٬٫]+ مترمربع/);
		const after = await events(id);
		const paid = after.find((e) => e.action === 'fee_paid')!;
		expect(paid).toMatchObject({ actor_role: 'system', actor_user_id: null });
		expect(paid.text).toContain('پرداخت شد');
		// recorded before the moves the payment lets the case make
		expect(after.findIndex((e) => e.action === 'fee_paid')).toBeLessThan(after.length);
		sms = await listOutbox(database.db, { recipient: to });
		expect(sms[0].body).toContain('پرداخت شد');
	});
});

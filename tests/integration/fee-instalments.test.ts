/**
 * A fee too large for one payment id (issue 8, §5; permits-fees.md §A: 8 digits of thousands of
 * rials, at most 99,999,999,000 rials a bill): a huge building's assessment is issued as several
 * bills under one bill id, each with its own payment id (consecutive periods) valid by the check
 * digits, each known to GET /api/bills/check, shown itemised on the assessment page, each paid
 * through the sandbox gateway; the assessment (and the case's fee step) is paid only with the
 * last. A tampered amount is refused and changes nothing; a paid instalment cannot be paid again;
 * the file cannot be re-assessed while it is paid in part. Everything runs at the real time (the
 * bill check and the pages read the clock), under the sample book in force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildFeeWorld, feeTableCounts, type FeeWorld } from '../factories/fee-world';
import { assessForCase, checkBill, getAssessmentView, type StoredAssessment } from '../../src/lib/server/fees';
import { DomainError } from '../../src/lib/server/errors';
import { completePayment, getReceipt, receiptSpec, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { MAX_BILL_AMOUNT_RIAL, validateBill } from '../../src/lib/domain/bills';
import { GET as checkBillRoute } from '../../src/routes/api/bills/check/+server';
import * as assessmentPage from '../../src/routes/assessments/[id=id]/+page.server';
import { permitReadiness } from '../../src/lib/server/permits';

let database: TestDatabase;
let world: FeeWorld;
let gateway: SandboxGateway;
let huge: StoredAssessment;

const CALLBACK = 'http://pelak.test/payments/callback';
/** A 90,000 m² single-unit residential building: hundreds of billions of rials. */
const HUGE = { use: 'residential', floor_area: 90_000, units: 1, net_land_area: 200, base_density_pct: 120 } as const;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildFeeWorld(database.db);
	gateway = new SandboxGateway(database.db);
	huge = await assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: HUGE });
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const start = (assessmentId: number, seq?: number) => startPayment(database.db, gateway, world.users.maryam, assessmentId, { callbackUrl: CALLBACK, seq });
const callback = (query: URLSearchParams) => completePayment(database.db, gateway, query);
const payAtGateway = async (authority: string) => new URL(await gateway.settle(authority, true)).searchParams;
const status = async (id: number) => (await database.db.selectFrom('fee_assessments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const caseState = () => database.db.selectFrom('cases').select(['current_step', 'workflow_status']).where('id', '=', world.caseId).executeTakeFirstOrThrow();
/** The permit's fee requirements on the case: assessed, and paid. */
const feeStep = async () => {
	const { requirements } = await permitReadiness(database.db, world.caseId);
	return Object.fromEntries(requirements.filter((r) => r.code.startsWith('fees_')).map((r) => [r.code, r.met]));
};

async function refusedWith(code: string, call: () => Promise<unknown>) {
	const before = await feeTableCounts(database.db);
	const payments = await database.db.selectFrom('payments').select(['id', 'status']).orderBy('id').execute();
	const error = (await call().catch((e: unknown) => e)) as DomainError;
	expect(error).toBeInstanceOf(DomainError);
	expect(error.code).toBe(code);
	expect(error.messages.fa).toBeTruthy();
	expect(await feeTableCounts(database.db)).toEqual(before);
	expect(await database.db.selectFrom('payments').select(['id', 'status']).orderBy('id').execute()).toEqual(payments);
}

async function checkRoute(bill_id: string, payment_id: string) {
	const url = new URL(`/api/bills/check?bill_id=${bill_id}&payment_id=${payment_id}`, 'http://pelak.test');
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const response = await checkBillRoute({ url, locals: { db: database.db, lang: 'en' } } as any);
	expect(response.status).toBe(200);
	return response.json();
}

describe(`a fee too large for one payment id (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('is issued as the fewest bills that fit: one bill id, distinct payment ids, each valid by the check digits, adding up to the total', async () => {
		const total = huge.row.total_rial;
		expect(total).toBeGreaterThan(2 * MAX_BILL_AMOUNT_RIAL);
		const n = Math.ceil(total / MAX_BILL_AMOUNT_RIAL);
		expect(huge.bills).toHaveLength(n);
		expect(huge.bills.reduce((s, b) => s + b.amount_rial, 0)).toBe(total);
		expect(new Set(huge.bills.map((b) => b.bill_id)).size).toBe(1);
		expect(new Set(huge.bills.map((b) => b.payment_id)).size).toBe(n);
		expect(huge.bills.map((b) => b.period)).toEqual(huge.bills.map((_, i) => i));
		for (const b of huge.bills) {
			expect(b.amount_rial).toBeLessThanOrEqual(MAX_BILL_AMOUNT_RIAL);
			expect(validateBill(b.bill_id, b.payment_id, { amount_rial: b.amount_rial, service_type: 6 })).toMatchObject({ valid: true, problems: [] });
		}
		// the assessment row carries the first bill; every bill is stored
		expect(huge.row).toMatchObject({ status: 'open', bill_id: huge.bills[0].bill_id, payment_id: huge.bills[0].payment_id, period: 0 });
		const stored = await database.db.selectFrom('fee_bills').select(['seq', 'period', 'bill_id', 'payment_id', 'amount_rial']).where('assessment_id', '=', huge.id).orderBy('seq').execute();
		expect(stored).toEqual(huge.bills.map(({ seq, period, bill_id, payment_id, amount_rial }) => ({ seq, period, bill_id, payment_id, amount_rial })));
	});

	it('answers GET /api/bills/check for each bill: valid, issued by Pelak, which instalment, open', async () => {
		for (const b of huge.bills) {
			expect(await checkRoute(b.bill_id, b.payment_id)).toEqual({
				valid: true,
				amount_rial: b.amount_rial,
				service_type: 6,
				problems: [],
				issued_by_pelak: true,
				assessment_status: 'open',
				instalment: { seq: b.seq, of: huge.bills.length }
			});
		}
		// the total on one payment id cannot even be written: 9 digits of thousands
		const forged = await checkBill(database.db, huge.bills[0].bill_id, `${huge.row.total_rial / 1000}400`.padEnd(13, '0').slice(0, 13), 'en');
		expect(forged).toMatchObject({ valid: false, issued_by_pelak: false });
	});

	it('shows the citizen every bill itemised, each payable on its own', async () => {
		const view = await getAssessmentView(database.db, world.users.maryam, huge.id);
		expect(view.totalRial).toBe(huge.row.total_rial);
		expect(view.bills.map((b) => ({ seq: b.seq, paymentId: b.paymentId, amountRial: b.amountRial, canPay: b.canPay, paid: b.paid }))).toEqual(
			huge.bills.map((b) => ({ seq: b.seq, paymentId: b.payment_id, amountRial: b.amount_rial, canPay: true, paid: null }))
		);
		expect(view.bills.every((b) => b.barcode.length === 26 && b.barcode.startsWith(b.billId.padStart(13, '0')))).toBe(true);
		expect(view.canPay).toBe(true);
	});

	it('pays one bill through the page and the sandbox gateway: that bill is paid, the fee step is not complete', async () => {
		const before = await caseState();
		const params = { id: String(huge.id) };
		const request = new Request(`http://pelak.test/assessments/${huge.id}?/pay`, { method: 'POST', body: new URLSearchParams({ seq: '2' }) });
		const thrown = await Promise.resolve(
			assessmentPage.actions.pay({
				url: new URL(request.url),
				params,
				request,
				locals: { db: database.db, lang: 'fa', user: world.users.maryam },
				getClientAddress: () => '192.0.2.7',
				cookies: { get: () => undefined }
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
			} as any)
		).catch((e: unknown) => e);
		expect(isRedirect(thrown)).toBe(true);
		const authority = (thrown as { location: string }).location.split('/').pop()!;
		// the gateway is asked for the second bill's own ids and amount, never the total
		expect(await gateway.transaction(authority)).toMatchObject({ amount_rial: huge.bills[1].amount_rial, bill_id: huge.bills[1].bill_id, payment_id: huge.bills[1].payment_id });

		const outcome = await callback(await payAtGateway(authority));
		expect(outcome).toMatchObject({ outcome: 'paid', assessmentId: huge.id });
		expect(await status(huge.id)).toBe('open');
		expect(await caseState()).toEqual(before);
		expect(await feeStep()).toEqual({ fees_assessed: true, fees_paid: false });

		const view = await getAssessmentView(database.db, world.users.maryam, huge.id);
		expect(view.bills.map((b) => b.paid !== null)).toEqual(huge.bills.map((b) => b.seq === 2));
		expect(view.bills.map((b) => b.canPay)).toEqual(huge.bills.map((b) => b.seq !== 2));
		expect(await checkRoute(huge.bills[1].bill_id, huge.bills[1].payment_id)).toMatchObject({ assessment_status: 'paid', instalment: { seq: 2 } });
		expect(await checkRoute(huge.bills[0].bill_id, huge.bills[0].payment_id)).toMatchObject({ assessment_status: 'open' });

		// its receipt names the bill paid and its own amount, and says which instalment it was
		const receipt = await getReceipt(database.db, world.users.maryam, outcome.paymentRowId);
		expect(receipt).toMatchObject({ amountRial: huge.bills[1].amount_rial, billId: huge.bills[1].bill_id, paymentId: huge.bills[1].payment_id });
		expect(receiptSpec(receipt)).toMatchObject({
			totalRial: huge.row.total_rial,
			amountPaidRial: huge.bills[1].amount_rial,
			paymentId: huge.bills[1].payment_id,
			instalment: { seq: 2, of: huge.bills.length }
		});
	});

	it('refuses to pay a paid bill again, a bill the assessment does not have, and a re-assessment of a file paid in part', async () => {
		await refusedWith('assessment_not_open', () => start(huge.id, 2));
		await refusedWith('bill_not_found', () => start(huge.id, huge.bills.length + 1));
		await refusedWith('assessment_partly_paid', () =>
			assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: { ...HUGE, floor_area: 80_000 } })
		);
	});

	it('refuses a tampered amount: the gateway paid less than the bill, or the attempt rewritten to another bill’s amount', async () => {
		const first = await start(huge.id, 1);
		await database.db.updateTable('sandbox_gateway_transactions').set({ amount_rial: huge.bills[0].amount_rial - 1000 }).where('authority', '=', first.authority).execute();
		const query = await payAtGateway(first.authority);
		await refusedWith('amount_mismatch', () => callback(query));

		const again = await start(huge.id, 1);
		const other = huge.bills.find((b) => b.amount_rial !== huge.bills[0].amount_rial) ?? { amount_rial: huge.bills[0].amount_rial - 1000 };
		await database.db.updateTable('payments').set({ amount_rial: other.amount_rial }).where('id', '=', again.payment_row_id).execute();
		await database.db.updateTable('sandbox_gateway_transactions').set({ amount_rial: other.amount_rial }).where('authority', '=', again.authority).execute();
		await refusedWith('amount_mismatch', async () => callback(await payAtGateway(again.authority)));

		// ids of another assessment's bill on an attempt of this one
		const third = await start(huge.id, 1);
		await database.db.updateTable('payments').set({ payment_id: '15234040120' }).where('id', '=', third.payment_row_id).execute();
		await refusedWith('ids_mismatch', async () => callback(await payAtGateway(third.authority)));
		expect(await status(huge.id)).toBe('open');
	});

	it('completes the fee step only with the last bill paid', async () => {
		const before = await caseState();
		const unpaid = huge.bills.filter((b) => b.seq !== 2);
		for (const [i, b] of unpaid.entries()) {
			const started = await start(huge.id); // the first bill not paid yet
			expect(await gateway.transaction(started.authority)).toMatchObject({ payment_id: b.payment_id, amount_rial: b.amount_rial });
			await callback(await payAtGateway(started.authority));
			const last = i === unpaid.length - 1;
			expect(await status(huge.id)).toBe(last ? 'paid' : 'open');
			expect(await feeStep()).toEqual({ fees_assessed: true, fees_paid: last });
			if (!last) expect(await caseState()).toEqual(before);
		}
		const view = await getAssessmentView(database.db, world.users.maryam, huge.id);
		expect(view).toMatchObject({ status: 'paid', canPay: false });
		expect(view.paidAt).not.toBeNull();
		expect(view.bills.every((b) => b.paid !== null && !b.canPay)).toBe(true);
		const paid = await database.db.selectFrom('payments').select(['payment_id', 'amount_rial']).where('assessment_id', '=', huge.id).where('status', '=', 'paid').orderBy('payment_id').execute();
		expect(paid).toEqual(huge.bills.map((b) => ({ payment_id: b.payment_id, amount_rial: b.amount_rial })).sort((a, b) => a.payment_id.localeCompare(b.payment_id)));
		for (const b of huge.bills) expect(await checkRoute(b.bill_id, b.payment_id)).toMatchObject({ assessment_status: 'paid' });
		await refusedWith('assessment_not_open', () => start(huge.id));
	});

	it('continues the file’s periods after a split assessment: a re-assessment once paid takes the next period', async () => {
		// a paid file may be assessed again (e.g. an extension); its bill id stays, the period goes on
		const next = await assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: { ...HUGE, floor_area: 180 } }).catch((e: unknown) => e);
		if (next instanceof Error) throw next;
		const again = next as StoredAssessment;
		expect(again.bills).toHaveLength(1);
		expect(again.row.file_id).toBe(huge.row.file_id);
		expect(again.bills[0].bill_id).toBe(huge.bills[0].bill_id);
		expect(again.row.period).toBe(huge.bills.length);
		expect(validateBill(again.bills[0].bill_id, again.bills[0].payment_id).valid).toBe(true);
	});
});

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { getAssessmentView } from '../fees';
import { findAssessment, findAssessmentByBill, markAssessmentPaid, unpaidBillCount, type AssessmentRow, type BillRow } from '../fees/assessment.repository';
import type { PaymentGateway, VerifyRefusal } from './gateway';
import { findPaymentByAuthority, insertPayment, markPaymentCancelled, markPaymentPaid, type Executor, type PaymentRow } from './payment.repository';
import { PaymentError, type PaymentErrorCode } from './errors';
import { settleWorkPayment } from '../excavation/lifecycle.service';
import { notifyBill, recordOnCase } from '../fees/case-billing';
import type { MessageSender } from '../notify';
import { onAssessmentPaid } from '../permits/automation.service';
import { workingCalendarOf } from '../calendar/closures';
import { issueReceipt } from '../permits/receipt-pdf.service';

/**
 * The receipt is issued with the payment, in its transaction, so receipts are numbered in the order
 * payments are made (not the order they are first opened). A receipt that cannot be issued must
 * not lose a payment the gateway has verified: it is rolled back to a savepoint, logged, and issued
 * on first download instead.
 */
async function issueReceiptWithPayment(trx: Transaction<DB>, paymentRowId: number, now: Date): Promise<void> {
	await sql`savepoint pelak_receipt`.execute(trx);
	try {
		await issueReceipt(trx, paymentRowId, { now });
		await sql`release savepoint pelak_receipt`.execute(trx);
	} catch (err) {
		await sql`rollback to savepoint pelak_receipt`.execute(trx);
		console.error(`payment ${paymentRowId}: its receipt could not be issued with it; it will be issued on first download`, err);
	}
}

/**
 * Paying an assessment through a gateway. Starting a payment records the attempt under the
 * gateway's authority; the callback is checked against what Pelak itself stored (the attempt, the
 * open assessment, its ids and amount) and then verified with the gateway server to server, and
 * only then are the payment and the assessment marked paid, in one transaction. A callback that
 * is replayed, tampered with or unknown is refused and changes nothing.
 *
 * An assessment too large for one payment id has several bills (instalments); each is paid on
 * its own, and the assessment (and the step waiting on it) is paid only with the last of them.
 */

export async function startPayment(
	db: Kysely<DB>,
	gateway: PaymentGateway,
	user: SessionUser,
	assessmentId: number,
	{ callbackUrl, now = new Date(), seq }: { callbackUrl: string; now?: Date; /** Which bill (instalment) to pay; the first unpaid one by default. */ seq?: number }
): Promise<{ redirect_url: string; authority: string; payment_row_id: number }> {
	const view = await getAssessmentView(db, user, assessmentId, { now });
	if (view.status === 'expired') throw new PaymentError('assessment_expired');
	if (!view.canPay) throw new PaymentError('assessment_not_open');
	if (seq !== undefined && !view.bills.some((b) => b.seq === seq)) throw new PaymentError('bill_not_found');
	const bill = seq === undefined ? view.bills.find((b) => b.canPay) : view.bills.find((b) => b.seq === seq);
	if (!bill?.canPay) throw new PaymentError('assessment_not_open');
	if (view.book.sample && !gateway.sandbox) throw new PaymentError('sample_not_payable');
	const of = view.bills.length > 1 ? `, instalment ${bill.seq} of ${view.bills.length}` : '';
	const requested = await gateway.request({
		amount_rial: bill.amountRial,
		bill_id: bill.billId,
		payment_id: bill.paymentId,
		callback_url: callbackUrl,
		description: `Pelak fee assessment ${view.id} (bill ${bill.billId}${of})`
	});
	const id = await insertPayment(db, {
		assessment_id: view.id,
		gateway: gateway.name,
		authority: requested.authority,
		bill_id: bill.billId,
		payment_id: bill.paymentId,
		amount_rial: bill.amountRial,
		requested_by: user.id,
		requested_at: now
	});
	return { redirect_url: requested.redirect_url, authority: requested.authority, payment_row_id: id };
}

/**
 * Everything Pelak stored must agree before the gateway is even asked: the attempt is pending,
 * its assessment open, its ids one of that assessment's bills (not yet paid), its amount that bill's.
 */
async function refusal(db: Executor, payment: PaymentRow, assessment: AssessmentRow | undefined): Promise<PaymentErrorCode | null> {
	if (payment.status === 'paid') return 'payment_replayed';
	if (payment.status === 'cancelled') return 'payment_cancelled';
	if (!assessment || assessment.status !== 'open') return 'assessment_not_open';
	const found = await findAssessmentByBill(db, payment.bill_id, payment.payment_id);
	const bill: BillRow | undefined = found?.assessment.id === assessment.id ? found.bill : undefined;
	if (!bill) return 'ids_mismatch';
	if (payment.amount_rial !== bill.amount_rial) return 'amount_mismatch';
	if (await billPaid(db, bill)) return 'assessment_not_open';
	return null;
}

async function billPaid(db: Executor, bill: BillRow): Promise<boolean> {
	const row = await db
		.selectFrom('payments')
		.select('id')
		.where('assessment_id', '=', bill.assessment_id)
		.where('bill_id', '=', bill.bill_id)
		.where('payment_id', '=', bill.payment_id)
		.where('status', '=', 'paid')
		.executeTakeFirst();
	return row !== undefined;
}

const VERIFY_REFUSALS: Record<VerifyRefusal, PaymentErrorCode> = {
	unknown_authority: 'unknown_authority',
	not_paid: 'not_paid_at_gateway',
	amount_mismatch: 'amount_mismatch'
};

export interface CallbackOutcome {
	outcome: 'paid' | 'cancelled';
	assessmentId: number;
	paymentRowId: number;
}

/** The callback's query, kept for disputes: short string values only. */
function rawCallback(query: URLSearchParams): Record<string, string> {
	const raw: Record<string, string> = {};
	for (const [key, value] of [...query].slice(0, 20)) raw[key.slice(0, 40)] = value.slice(0, 200);
	return raw;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

/**
 * The gateway's callback. `Status=NOK` cancels the pending attempt (the bill stays open);
 * `Status=OK` is proof of nothing until the gateway verifies the authority for the assessed amount.
 */
export async function completePayment(
	db: Kysely<DB>,
	gateway: PaymentGateway,
	query: URLSearchParams,
	{ now = new Date(), sender }: { now?: Date; sender?: MessageSender | null } = {}
): Promise<CallbackOutcome> {
	const callback = gateway.readCallback(query);
	if (!callback) throw new PaymentError('callback_malformed');
	const payment = await findPaymentByAuthority(db, callback.authority);
	if (!payment || payment.gateway !== gateway.name) throw new PaymentError('unknown_authority');
	const before = await refusal(db, payment, await findAssessment(db, payment.assessment_id));
	if (before) throw new PaymentError(before);
	const raw = rawCallback(query);
	const done = (outcome: CallbackOutcome['outcome']) => ({ outcome, assessmentId: payment.assessment_id, paymentRowId: payment.id });

	if (callback.status === 'NOK') {
		if (!(await markPaymentCancelled(db, payment.id, raw))) throw new PaymentError('payment_replayed');
		return done('cancelled');
	}
	// The amount asked for is the assessed one Pelak stored, never one the browser brought.
	const verified = await gateway.verify(callback.authority, payment.amount_rial);
	if (!verified.ok) throw new PaymentError(VERIFY_REFUSALS[verified.reason]);

	let settled = false;
	try {
		await db.transaction().execute(async (trx) => {
			const locked = (await findPaymentByAuthority(trx, callback.authority, { forUpdate: true }))!;
			const again = await refusal(trx, locked, await findAssessment(trx, locked.assessment_id, { forUpdate: true }));
			if (again) throw new PaymentError(again);
			await markPaymentPaid(trx, locked.id, { ref_id: verified.ref_id, at: now, callback: raw });
			await issueReceiptWithPayment(trx, locked.id, now);
			// a split fee: the assessment waits for its other instalments
			if ((await unpaidBillCount(trx, locked.assessment_id)) > 0) return;
			await markAssessmentPaid(trx, locked.assessment_id, now);
			// the payment in the case's history, before the moves it lets the case make
			await recordOnCase(trx, locked.assessment_id, 'fee_paid', now, null);
			settled = true;
			// An excavation work's fee: its permit is issued in the same transaction.
			await settleWorkPayment(trx, locked.assessment_id, now);
			// the case waiting on this bill moves on (and its permit is issued) in the same transaction
			await onAssessmentPaid(trx, locked.assessment_id, { now, calendar: await workingCalendarOf(trx), ip: null });
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new PaymentError('payment_replayed', { cause: err });
		throw err;
	}
	if (settled) await notifyBill(db, payment.assessment_id, 'fee_paid', sender);
	return done('paid');
}

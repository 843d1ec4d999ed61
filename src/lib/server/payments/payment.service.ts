import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { getAssessmentView } from '../fees';
import { findAssessment, markAssessmentPaid, type AssessmentRow } from '../fees/assessment.repository';
import type { PaymentGateway, VerifyRefusal } from './gateway';
import { findPaymentByAuthority, insertPayment, markPaymentCancelled, markPaymentPaid, type PaymentRow } from './payment.repository';
import { PaymentError, type PaymentErrorCode } from './errors';
import { settleWorkPayment } from '../excavation/lifecycle.service';
import { onAssessmentPaid } from '../permits/automation.service';
import { municipalCalendar } from '../calendar';

/**
 * Paying an assessment through a gateway. Starting a payment records the attempt under the
 * gateway's authority; the callback is checked against what Pelak itself stored (the attempt, the
 * open assessment, its ids and amount) and then verified with the gateway server to server, and
 * only then are the payment and the assessment marked paid, in one transaction. A callback that
 * is replayed, tampered with or unknown is refused and changes nothing.
 */

export async function startPayment(
	db: Kysely<DB>,
	gateway: PaymentGateway,
	user: SessionUser,
	assessmentId: number,
	{ callbackUrl, now = new Date() }: { callbackUrl: string; now?: Date }
): Promise<{ redirect_url: string; authority: string; payment_row_id: number }> {
	const view = await getAssessmentView(db, user, assessmentId, { now });
	if (view.status === 'expired') throw new PaymentError('assessment_expired');
	if (!view.canPay || !view.bill) throw new PaymentError('assessment_not_open');
	if (view.book.sample && !gateway.sandbox) throw new PaymentError('sample_not_payable');
	const requested = await gateway.request({
		amount_rial: view.totalRial,
		bill_id: view.bill.billId,
		payment_id: view.bill.paymentId,
		callback_url: callbackUrl,
		description: `Pelak fee assessment ${view.id} (bill ${view.bill.billId})`
	});
	const id = await insertPayment(db, {
		assessment_id: view.id,
		gateway: gateway.name,
		authority: requested.authority,
		bill_id: view.bill.billId,
		payment_id: view.bill.paymentId,
		amount_rial: view.totalRial,
		requested_by: user.id,
		requested_at: now
	});
	return { redirect_url: requested.redirect_url, authority: requested.authority, payment_row_id: id };
}

/** Everything Pelak stored must agree before the gateway is even asked. */
function refusal(payment: PaymentRow, assessment: AssessmentRow | undefined): PaymentErrorCode | null {
	if (payment.status === 'paid') return 'payment_replayed';
	if (payment.status === 'cancelled') return 'payment_cancelled';
	if (!assessment || assessment.status !== 'open') return 'assessment_not_open';
	if (payment.bill_id !== assessment.bill_id || payment.payment_id !== assessment.payment_id) return 'ids_mismatch';
	if (payment.amount_rial !== assessment.total_rial) return 'amount_mismatch';
	return null;
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
	{ now = new Date() }: { now?: Date } = {}
): Promise<CallbackOutcome> {
	const callback = gateway.readCallback(query);
	if (!callback) throw new PaymentError('callback_malformed');
	const payment = await findPaymentByAuthority(db, callback.authority);
	if (!payment || payment.gateway !== gateway.name) throw new PaymentError('unknown_authority');
	const before = refusal(payment, await findAssessment(db, payment.assessment_id));
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

	try {
		await db.transaction().execute(async (trx) => {
			const locked = (await findPaymentByAuthority(trx, callback.authority, { forUpdate: true }))!;
			const again = refusal(locked, await findAssessment(trx, locked.assessment_id, { forUpdate: true }));
			if (again) throw new PaymentError(again);
			await markPaymentPaid(trx, locked.id, { ref_id: verified.ref_id, at: now, callback: raw });
			await markAssessmentPaid(trx, locked.assessment_id, now);
			// An excavation work's fee: its permit is issued in the same transaction.
			await settleWorkPayment(trx, locked.assessment_id, now);
			// the case waiting on this bill moves on (and its permit is issued) in the same transaction
			await onAssessmentPaid(trx, locked.assessment_id, { now, calendar: municipalCalendar(), ip: null });
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new PaymentError('payment_replayed', { cause: err });
		throw err;
	}
	return done('paid');
}

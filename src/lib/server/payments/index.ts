/**
 * Payments: a gateway interface in the shape of Iranian PSPs, the SANDBOX gateway that is the
 * default («درگاه آزمایشی — sandbox»), starting a payment, the verified callback, receipts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { PaymentGateway } from './gateway';
import { SandboxGateway } from './sandbox-gateway';

export type { PaymentGateway, PaymentRequest, PaymentRequested, VerifyResult, CallbackParams } from './gateway';
export { SandboxGateway, SANDBOX_LABEL } from './sandbox-gateway';
export { startPayment, completePayment, type CallbackOutcome } from './payment.service';
export { getReceipt, receiptSpec, type Receipt, type ReceiptSpec } from './receipt';
export { PaymentError, type PaymentErrorCode } from './errors';

/** The gateway payments go through. Only the sandbox exists so far; a PSP plugs in here. */
export function paymentGateway(db: Kysely<DB>): PaymentGateway {
	return new SandboxGateway(db);
}

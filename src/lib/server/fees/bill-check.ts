import type { Lang } from '../errors';
import type { FeeAssessmentStatus } from '../db/schema';
import { validateBill, type BillField, type BillProblemCode } from '../../domain/bills';
import { billsOf, findAssessmentByBill } from './assessment.repository';
import type { Executor } from './book.repository';
import { effectiveStatus } from './assessment-view';

/** The answer of GET /api/bills/check: the digits checked, and whether Pelak issued the pair. */
export interface BillCheck {
	valid: boolean;
	amount_rial: number | null;
	service_type: number | null;
	problems: { code: BillProblemCode; field: BillField; message: string }[];
	issued_by_pelak: boolean;
	/**
	 * Present when Pelak issued the pair: this bill's status, 'paid' once it has a verified payment
	 * (an instalment can be paid while the assessment waits for the others), else the assessment's.
	 */
	assessment_status?: FeeAssessmentStatus;
	/** Present when Pelak issued the pair: which bill of the assessment it is, e.g. 2 of 3. */
	instalment?: { seq: number; of: number };
}

/**
 * Checks any bill id + payment id pair: every check digit and the service type (problems named
 * in the reader's language), then whether Pelak issued exactly this pair, and the bill's status.
 */
export async function checkBill(db: Executor, billInput: string, paymentInput: string, lang: Lang, { now = new Date() } = {}): Promise<BillCheck> {
	const result = validateBill(billInput, paymentInput);
	const issued = result.valid ? await findAssessmentByBill(db, result.bill_id, result.payment_id) : undefined;
	const bills = issued ? await billsOf(db, issued.assessment.id) : [];
	const mine = bills.find((b) => b.id === issued?.bill.id);
	return {
		valid: result.valid,
		amount_rial: result.amount_rial,
		service_type: result.service_type,
		problems: result.problems.map((p) => ({ code: p.code, field: p.field, message: p.message[lang] })),
		issued_by_pelak: issued !== undefined,
		...(issued
			? { assessment_status: mine?.paid_payment_id != null ? 'paid' : effectiveStatus(issued.assessment, now), instalment: { seq: issued.bill.seq, of: bills.length } }
			: {})
	};
}

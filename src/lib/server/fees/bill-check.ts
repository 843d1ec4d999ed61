import type { Lang } from '../errors';
import type { FeeAssessmentStatus } from '../db/schema';
import { validateBill, type BillField, type BillProblemCode } from '../../domain/bills';
import { findAssessmentByBill } from './assessment.repository';
import type { Executor } from './book.repository';
import { effectiveStatus } from './assessment-view';

/** The answer of GET /api/bills/check: the digits checked, and whether Pelak issued the pair. */
export interface BillCheck {
	valid: boolean;
	amount_rial: number | null;
	service_type: number | null;
	problems: { code: BillProblemCode; field: BillField; message: string }[];
	issued_by_pelak: boolean;
	/** Present when Pelak issued the pair. */
	assessment_status?: FeeAssessmentStatus;
}

/**
 * Checks any bill id + payment id pair: every check digit and the service type (problems named
 * in the reader's language), then whether Pelak issued exactly this pair, and the bill's status.
 */
export async function checkBill(db: Executor, billInput: string, paymentInput: string, lang: Lang, { now = new Date() } = {}): Promise<BillCheck> {
	const result = validateBill(billInput, paymentInput);
	const issued = result.valid ? await findAssessmentByBill(db, result.bill_id, result.payment_id) : undefined;
	return {
		valid: result.valid,
		amount_rial: result.amount_rial,
		service_type: result.service_type,
		problems: result.problems.map((p) => ({ code: p.code, field: p.field, message: p.message[lang] })),
		issued_by_pelak: issued !== undefined,
		...(issued ? { assessment_status: effectiveStatus(issued, now) } : {})
	};
}

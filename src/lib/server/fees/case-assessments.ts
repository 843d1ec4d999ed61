import type { Kysely } from 'kysely';
import type { DB, FeeAssessmentStatus } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { assessmentSide, type AssessmentSide } from './access';
import { effectiveStatus } from './assessment-view';
import { FeeError } from './errors';

export interface CaseAssessmentSummary {
	id: number;
	requestKind: string;
	status: FeeAssessmentStatus;
	totalRial: number;
	issuedAt: string;
	billId: string | null;
	paymentId: string | null;
}

/**
 * A case's fee assessments, newest first, for those who may see them (the case page's fee
 * section): the applicant side pays, staff may also assess again (/assessments/new?case=<id>).
 */
export async function listCaseAssessments(
	db: Kysely<DB>,
	user: SessionUser,
	caseId: number,
	{ now = new Date() } = {}
): Promise<{ side: AssessmentSide; assessments: CaseAssessmentSummary[] }> {
	const kase = await db.selectFrom('cases').select('parcel_id').where('id', '=', caseId).executeTakeFirst();
	if (!kase) throw new FeeError('case_not_found');
	const side = await assessmentSide(db, user, { case_id: caseId, parcel_id: kase.parcel_id }).catch((err) => {
		throw err instanceof FeeError ? new FeeError('case_not_found', { cause: err }) : err;
	});
	const rows = await db
		.selectFrom('fee_assessments')
		.select(['id', 'request_kind', 'status', 'expires_at', 'total_rial', 'issued_at', 'bill_id', 'payment_id'])
		.where('case_id', '=', caseId)
		.orderBy('id', 'desc')
		.execute();
	return {
		side,
		assessments: rows.map((r) => ({
			id: r.id,
			requestKind: r.request_kind,
			status: effectiveStatus(r, now),
			totalRial: r.total_rial,
			issuedAt: new Date(r.issued_at).toISOString(),
			billId: r.bill_id,
			paymentId: r.payment_id
		}))
	};
}

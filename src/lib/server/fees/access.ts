import type { SessionUser } from '../auth/types';
import { hasRole } from '../auth/guards';
import { loadVisibleCase } from '../cases';
import { NotFoundError } from '../errors';
import type { AssessmentRow } from './assessment.repository';
import type { Executor } from './book.repository';
import { parcelDistrict } from './zone-value.repository';
import { FeeError } from './errors';
import { findWork } from '../excavation/lifecycle.repository';
import { actorsFor, isExcavationStaff } from '../excavation/actors';

/** An excavation work's fee: its organisation's applicant (or the citizen who filed it) pays; excavation staff see it. */
async function excavationAssessmentSide(db: Executor, user: SessionUser, workId: number): Promise<AssessmentSide> {
	const work = await findWork(db, workId);
	if (work && actorsFor(user, work).includes('applicant')) return 'payer';
	if (work && isExcavationStaff(user)) return 'staff';
	throw new FeeError('assessment_not_found');
}

/**
 * Who may see an assessment (and its receipt), following the case it belongs to: the applicant
 * and their representative (who pay), and staff who may see the case. An assessment without a
 * case is for staff of the parcel's district, planners and admins. Anyone else gets the same 404
 * as for an assessment that does not exist, and agencies (who see a referred case read-only)
 * do not see its bills.
 */
export type AssessmentSide = 'payer' | 'staff';

export async function assessmentSide(
	db: Executor,
	user: SessionUser,
	row: Pick<AssessmentRow, 'case_id' | 'parcel_id'> & Partial<Pick<AssessmentRow, 'excavation_work_id'>>
): Promise<AssessmentSide> {
	if (row.excavation_work_id != null) return excavationAssessmentSide(db, user, row.excavation_work_id);
	if (row.case_id !== null) {
		try {
			const { side } = await loadVisibleCase(db, user, row.case_id);
			if (side === 'applicant' || side === 'representative') return 'payer';
			if (side === 'staff') return 'staff';
		} catch (err) {
			if (!(err instanceof NotFoundError)) throw err;
		}
		throw new FeeError('assessment_not_found');
	}
	const parcel = row.parcel_id === null ? undefined : await parcelDistrict(db, row.parcel_id);
	const districtId = parcel?.district_id ?? null;
	const staff =
		hasRole(user, 'admin') ||
		hasRole(user, 'planner') ||
		(districtId !== null && (hasRole(user, 'district_officer', { districtId }) || hasRole(user, 'inspector', { districtId })));
	if (!staff) throw new FeeError('assessment_not_found');
	return 'staff';
}

import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { startCase, type Actor } from '../workflows';
import { BUILDING_VIOLATION } from '../workflows/definitions/violations';
import { generateTrackingCode } from '../../domain/tracking-code';
import { tehranDate } from '../../domain/working-days';
import { toJalali } from '../../domain/jalali';
import { stateColumns } from '../cases/case-state';
import { caseErrors } from '../cases/errors';
import { transitionEvent } from '../cases/audit';
import { appendEvent } from '../cases/case-events.repository';
import { insertCase, trackingCodeExists } from '../cases/cases.repository';
import type { CaseEnv } from '../cases/context';
import type { PermitCaseRow } from './assignments.repository';

export interface OpenedViolation {
	caseId: number;
	trackingCode: string;
	/** The owner to notify; null when the permit predates the workflow and names no owner account. */
	ownerId: number | null;
	/** Writes the case's first timeline entry once the report (and its photos) exist. */
	recordFiling: (text: string, details: Record<string, unknown>) => Promise<void>;
}

/**
 * Opens a building-violation case (Article 100 commission) on the permit's parcel inside the
 * report's transaction. It lands in the district officer's cartable. The owner of the permit is its
 * applicant side; a legacy permit record names no owner account, and then the reporting engineer
 * stands in as the party of record (they cannot withdraw it either: the type is not withdrawable).
 */
export async function openViolationCase(trx: Transaction<DB>, env: CaseEnv, permit: PermitCaseRow, engineerUserId: number): Promise<OpenedViolation> {
	if (permit.district_id === null) throw caseErrors.parcelWithoutDistrict();
	const definition = BUILDING_VIOLATION;
	const applicantId = permit.applicant_user_id ?? engineerUserId;
	const filedBy: Actor = { userId: String(engineerUserId), role: 'supervising_engineer' };
	const started = startCase(definition, { applicantId: String(applicantId), representativeId: null, districtId: permit.district_id }, filedBy, env.now, env.calendar);
	const year = toJalali(tehranDate(env.now)).year;
	let trackingCode: string;
	do trackingCode = generateTrackingCode(year);
	while (await trackingCodeExists(trx, trackingCode));
	const caseId = await insertCase(trx, {
		parcel_id: permit.parcel_id,
		tracking_code: trackingCode,
		kind: definition.id,
		title_fa: definition.name.fa,
		title_en: definition.name.en,
		opened_at: env.now.toISOString(),
		request_type: definition.id,
		applicant_user_id: applicantId,
		applicant_type: 'natural_person',
		representative_user_id: null,
		district_id: permit.district_id,
		filed_online: true,
		// opened by the municipality on the engineer's report, not filed by an owner or a representative
		owner_verified: false,
		poa_status: null,
		...stateColumns(definition, started.state, null)
	});
	return {
		caseId,
		trackingCode,
		ownerId: permit.applicant_user_id,
		recordFiling: async (text, details) => {
			await appendEvent(trx, transitionEvent(caseId, { ...started.audit, text }, env.ip, details));
		}
	};
}

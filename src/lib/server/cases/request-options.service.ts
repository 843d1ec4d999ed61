import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Bilingual } from '../errors';
import { getParcelDetail } from '../parcels/parcel.service';
import { evaluateEligibility, REQUEST_TYPES, type IssuedKind, type ParcelFacts, type RequestTypeDefinition } from '../workflows';
import { caseErrors } from './errors';
import { issuedOnParcel } from './parcel-record.repository';
import { openCaseKinds, type Executor } from './cases.repository';
import { supervisionStagesReported } from '../supervision/reports.repository';

// Cases filed before the workflow carry the request family as their legacy kind.
const LEGACY_KINDS: Record<string, string> = { building_permit: 'building_permit_new' };

/**
 * What the parcel's record says for eligibility: open cases (those that block `applicantId`, see
 * openCaseKinds), what was issued, remaining capacity, buildings.
 */
export async function parcelFacts(db: Executor, parcelId: number, applicantId: number | null = null): Promise<ParcelFacts> {
	const kinds = (await openCaseKinds(db, parcelId, applicantId)).map((k) => LEGACY_KINDS[k] ?? k);
	const record = await issuedOnParcel(db, parcelId);
	const issued = record.issued as IssuedKind[];
	if (record.hasPermittedBuilding && !issued.includes('building_permit')) issued.push('building_permit');
	const detail = await getParcelDetail(db, parcelId);
	return {
		openCaseKinds: kinds,
		issued,
		remainingFloorAreaM2: detail.capacity?.remaining_floor_area_m2 ?? null,
		hasBuilding: record.hasBuilding,
		supervisionStagesReported: await supervisionStagesReported(db, parcelId)
	};
}

export interface RequestOption {
	definition: RequestTypeDefinition;
	eligible: boolean;
	/** Why it may not be filed now; empty when eligible. */
	reasons: Bilingual[];
}

/**
 * The request types a parcel may be filed for now, each with its eligibility (and the reasons it
 * is refused), for the filing page. The same facts `fileRequest` checks, read without locking.
 * @throws NotFoundError for a parcel that does not exist
 */
export async function requestOptions(db: Kysely<DB>, parcelId: number, applicantId: number | null = null): Promise<RequestOption[]> {
	if (!Number.isSafeInteger(parcelId) || parcelId <= 0) throw caseErrors.parcelNotFound();
	const facts = await db.transaction().execute((trx) => parcelFacts(trx, parcelId, applicantId));
	return REQUEST_TYPES.map((definition) => {
		const result = evaluateEligibility(definition, facts);
		return { definition, eligible: result.eligible, reasons: result.eligible ? [] : result.failures.map((f) => f.message) };
	});
}

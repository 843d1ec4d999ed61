import { sql, type Kysely, type Transaction } from 'kysely';
import type { AgencyKind, CaseWorkflowStatus, DB } from '../db/schema';

/** Every case repository takes the database or the caller's transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** A case row as the services read it; dates as ISO `YYYY-MM-DD` strings, never JS Dates. */
export interface CaseRecord {
	id: number;
	parcel_id: number;
	tracking_code: string;
	status: 'open' | 'closed';
	title_fa: string;
	title_en: string | null;
	step_fa: string | null;
	step_en: string | null;
	opened_at: Date;
	due_on: string | null;
	closed_at: Date | null;
	request_type: string;
	applicant_user_id: number;
	applicant_type: 'natural_person' | 'legal_person';
	representative_user_id: number | null;
	power_of_attorney_document_id: number | null;
	/** The deeds registry named the applicant an owner when the case was filed (migrations/0110). */
	owner_verified: boolean;
	/** A representative's power of attorney: pending until an officer decides; null without a representative. */
	poa_status: 'pending' | 'accepted' | 'refused' | null;
	district_id: number;
	workflow_status: CaseWorkflowStatus;
	current_step: string;
	waiting: Record<string, unknown> | null;
	holder_role: string | null;
	holder_district_id: number | null;
	holder_agency_kind: AgencyKind | null;
	assigned_user_id: number | null;
	step_started_at: Date;
	filed_online: boolean;
	decision: 'approved' | 'rejected' | null;
	closed_reason: string | null;
	issued: string | null;
}

const CASE_COLUMNS = sql.raw(`c.id, c.parcel_id, c.tracking_code, c.status, c.title_fa, c.title_en, c.step_fa, c.step_en,
	c.opened_at, c.due_on::text as due_on, c.closed_at, c.request_type, c.applicant_user_id, c.applicant_type,
	c.representative_user_id, c.power_of_attorney_document_id, c.owner_verified, c.poa_status, c.district_id, c.workflow_status, c.current_step,
	c.waiting, c.holder_role, c.holder_district_id, c.holder_agency_kind, c.assigned_user_id, c.step_started_at,
	c.filed_online, c.decision, c.closed_reason, c.issued`);

/** A workflow case (cases filed before the workflow have no request type and are not returned). */
export async function findCase(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<CaseRecord | null> {
	const lock = options.forUpdate ? sql`for update` : sql``;
	const { rows } = await sql<CaseRecord>`select ${CASE_COLUMNS} from cases c
		where c.id = ${id} and c.request_type is not null ${lock}`.execute(db);
	return rows[0] ?? null;
}

export async function findCaseByTrackingCode(db: Executor, code: string): Promise<CaseRecord | null> {
	const { rows } = await sql<CaseRecord>`select ${CASE_COLUMNS} from cases c
		where c.tracking_code = ${code} and c.request_type is not null`.execute(db);
	return rows[0] ?? null;
}

export async function trackingCodeExists(db: Executor, code: string): Promise<boolean> {
	const row = await db.selectFrom('cases').select('id').where('tracking_code', '=', code).executeTakeFirst();
	return row !== undefined;
}

/**
 * Request types of the parcel's open cases that block a new filing by `applicantId` (issue 7: one
 * applicant cannot block a parcel for its owners). An open case blocks everyone when the deeds
 * registry named its applicant an owner and no representative stands in between whose power of
 * attorney is not accepted; any other open case (a non-owner's inquiry, a representative's filing
 * awaiting its power of attorney) blocks only its own applicant filing again in person. Cases filed
 * before the workflow have no request type: their legacy `kind` stands in and they always block.
 * Served by `cases_parcel_open_idx`; the extra conditions filter the parcel's few open cases.
 */
export async function openCaseKinds(db: Executor, parcelId: number, applicantId: number | null = null): Promise<string[]> {
	const rows = await db
		.selectFrom('cases')
		.select(sql<string>`coalesce(request_type, kind)`.as('kind'))
		.where('parcel_id', '=', parcelId)
		.where('status', '=', 'open')
		.where((eb) =>
			eb.or([
				eb('request_type', 'is', null),
				eb.and([eb('owner_verified', '=', true), eb.or([eb('representative_user_id', 'is', null), eb('poa_status', '=', 'accepted')])]),
				...(applicantId === null ? [] : [eb.and([eb('applicant_user_id', '=', applicantId), eb('representative_user_id', 'is', null)])])
			])
		)
		.execute();
	return rows.map((r) => r.kind);
}

// ── writes ──

/** The columns a workflow step change writes. */
export interface CaseStateColumns {
	workflow_status: CaseWorkflowStatus;
	/** Legacy open/closed flag, kept in step with workflow_status (the map and parcel panel count by it). */
	status: 'open' | 'closed';
	current_step: string;
	waiting: string | null;
	holder_role: string | null;
	holder_district_id: number | null;
	holder_agency_kind: AgencyKind | null;
	assigned_user_id: number | null;
	step_started_at: string;
	due_on: string | null;
	step_fa: string;
	step_en: string;
	closed_at: string | null;
	decision: 'approved' | 'rejected' | null;
	closed_reason: string | null;
	issued: string | null;
}

export interface NewCaseRow extends CaseStateColumns {
	parcel_id: number;
	tracking_code: string;
	/** Legacy column: the request type again, so pre-workflow readers of `kind` keep working. */
	kind: string;
	title_fa: string;
	title_en: string;
	opened_at: string;
	request_type: string;
	applicant_user_id: number;
	applicant_type: 'natural_person' | 'legal_person';
	representative_user_id: number | null;
	owner_verified: boolean;
	poa_status: 'pending' | null;
	district_id: number;
	filed_online: boolean;
}

export async function insertCase(db: Executor, row: NewCaseRow): Promise<number> {
	const { id } = await db.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function updateCase(
	db: Executor,
	id: number,
	values: Partial<CaseStateColumns> & { power_of_attorney_document_id?: number | null; representative_user_id?: number | null }
): Promise<void> {
	await db.updateTable('cases').set(values).where('id', '=', id).execute();
}

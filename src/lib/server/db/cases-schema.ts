import type { ColumnType, Generated } from 'kysely';
import type { AgencyKind, Geometry } from './schema';

/** The case workflow's own tables (migrations/0011_case_workflow.sql; part of `DB` in ./schema.ts): the audit log, tasks, referrals, messages, site visits, documents. */

/** An agency's verdict on a case referral (migrations/0164). */
export type ReferralVerdict = 'agree' | 'agree_with_conditions' | 'disagree';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type ReadOnly<T> = ColumnType<T, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The append-only audit log: the database refuses UPDATE, DELETE and TRUNCATE. */
export interface CaseEvents {
	id: Generated<number>;
	case_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	actor_role: string;
	action: string;
	from_step: string | null;
	to_step: string | null;
	status: string | null;
	due_on: ColumnType<string | null, string | null | undefined, never>;
	text: string | null;
	details: ColumnType<Record<string, unknown>, string | undefined, never>;
	ip: string | null;
}

export interface CaseTasks {
	id: Generated<number>;
	case_id: number;
	kind: 'document' | 'question' | 'correction';
	prompt: string;
	document_kinds: ColumnType<string[], string[] | undefined, string[]>;
	step: string;
	requested_by: number;
	requested_at: CreatedAt;
	due_on: ColumnType<string | null, string | null | undefined, string | null>;
	status: ColumnType<'open' | 'answered' | 'cancelled', 'open' | 'answered' | 'cancelled' | undefined, 'open' | 'answered' | 'cancelled'>;
	answer_text: string | null;
	answered_by: number | null;
	answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CaseReferrals {
	id: Generated<number>;
	case_id: number;
	agency_kind: AgencyKind;
	question: string;
	step: string;
	referred_by: number;
	referred_at: CreatedAt;
	due_on: ColumnType<string, string, string>;
	status: ColumnType<'open' | 'answered' | 'withdrawn', 'open' | 'answered' | 'withdrawn' | undefined, 'open' | 'answered' | 'withdrawn'>;
	reply_text: string | null;
	/** migrations/0164: the agency's verdict; null on replies given before it existed. */
	verdict: ColumnType<ReferralVerdict | null, ReferralVerdict | null | undefined, ReferralVerdict | null>;
	replied_by: number | null;
	replied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CaseMessages {
	id: Generated<number>;
	case_id: number;
	author_user_id: number;
	author_role: string;
	side: 'applicant' | 'staff';
	body: string;
	created_at: CreatedAt;
}

export interface SiteVisits {
	id: Generated<number>;
	case_id: number;
	visited_by: number;
	visited_at: Timestamp;
	step: string;
	notes: string;
	location: Geometry | null;
	created_at: CreatedAt;
}

export type DocumentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/vnd.dxf' | 'image/vnd.dwg';

/** A stored file's record; the bytes live under PELAK_FILES_DIR by SHA-256. Only superseded_by ever changes. */
export interface Documents {
	id: Generated<number>;
	case_id: number;
	kind: string;
	version: number;
	original_name: string;
	media_type: DocumentMediaType;
	size_bytes: number;
	sha256: string;
	storage_key: string;
	uploaded_by: number;
	created_at: CreatedAt;
	superseded_by: number | null;
	task_id: number | null;
	referral_id: number | null;
	site_visit_id: number | null;
}

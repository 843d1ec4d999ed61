import type { ColumnType, Generated } from 'kysely';
import type { Geometry } from './schema';

/** Tables of migrations/0030_fees_and_payments.sql (part of `DB` in ./schema.ts): tariff books, zone values, assessments, payments. */

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type ReadOnly<T> = ColumnType<T, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type TariffBookStatusColumn = 'draft' | 'approved' | 'published' | 'superseded';
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** A council's tariff book; only a draft is edited, the status moves draft → approved → published → superseded. */
export interface TariffBooks {
	id: Generated<number>;
	jalali_year: number;
	status: ColumnType<TariffBookStatusColumn, TariffBookStatusColumn | undefined, TariffBookStatusColumn>;
	/** The book (a TariffBook without its status), as JSON. */
	document: ColumnType<unknown, string, string>;
	sha256: string;
	is_sample: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
	created_by: Nullable<number>;
	published_at: Nullable<Date>;
	published_by: Nullable<number>;
	superseded_at: Nullable<Date>;
	superseded_by: Nullable<number>;
}

export interface TariffItemAnnulments {
	id: Generated<number>;
	book_id: number;
	item_code: string;
	ruling_ref: string;
	/** YYYY-MM-DD (Gregorian; shown in Jalali) */
	ruling_date: Nullable<string>;
	annulled_at: CreatedAt;
	annulled_by: Nullable<number>;
}

export type TariffBookAction = 'created' | 'edited' | 'approved' | 'returned_to_draft' | 'published' | 'superseded' | 'item_annulled';

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
export interface TariffBookEvents {
	id: Generated<number>;
	book_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	action: TariffBookAction;
	details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** Zone value P (قیمت منطقه‌ای) per use class, rials per m². */
export interface ZoneValues {
	id: Generated<number>;
	use_class: string;
	p_rial_per_m2: number;
	jalali_year: Nullable<number>;
	source_ref: Nullable<string>;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export type FeeAssessmentStatus = 'open' | 'paid' | 'cancelled' | 'expired' | 'nothing_due';

/** Frozen once written: only status, paid_at and closed_at change, and only from 'open'. */
export interface FeeAssessments {
	id: Generated<number>;
	case_id: number | null;
	/** null for an excavation work's assessment (migrations/0090), which has excavation_work_id instead */
	parcel_id: number | null;
	excavation_work_id: ColumnType<number | null, number | null | undefined, never>;
	request_kind: string;
	book_id: number;
	book_sha256: string;
	engine_version: number;
	inputs: ColumnType<Record<string, unknown>, string, never>;
	input_sources: ColumnType<Record<string, unknown>, string | undefined, never>;
	lines: ColumnType<unknown, string, never>;
	total_rial: number;
	status: ColumnType<FeeAssessmentStatus, FeeAssessmentStatus | undefined, FeeAssessmentStatus>;
	file_id: number;
	period: number;
	bill_id: string | null;
	payment_id: string | null;
	issued_at: CreatedAt;
	issued_by: number | null;
	expires_at: Timestamp;
	paid_at: Nullable<Date>;
	closed_at: Nullable<Date>;
}

export type PaymentStatus = 'pending' | 'paid' | 'cancelled';

export interface Payments {
	id: Generated<number>;
	assessment_id: number;
	gateway: string;
	authority: string;
	bill_id: string;
	payment_id: string;
	amount_rial: number;
	status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>;
	requested_at: CreatedAt;
	requested_by: number | null;
	verified_at: Nullable<Date>;
	ref_id: Nullable<string>;
	callback: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

/** The SANDBOX gateway's own ledger; no money moves. */
export interface SandboxGatewayTransactions {
	authority: string;
	amount_rial: number;
	callback_url: string;
	description: string | null;
	bill_id: string | null;
	payment_id: string | null;
	status: ColumnType<'requested' | 'paid' | 'cancelled', 'requested' | 'paid' | 'cancelled' | undefined, 'requested' | 'paid' | 'cancelled'>;
	ref_id: Nullable<string>;
	created_at: CreatedAt;
	paid_at: Nullable<Date>;
	verified_at: Nullable<Date>;
}

/** One bill of an assessment (migrations/0130): the only one, or one instalment of a fee too large for one payment id. Frozen. */
export interface FeeBills {
	id: Generated<number>;
	assessment_id: number;
	/** 1-based instalment number */
	seq: number;
	period: number;
	bill_id: string;
	payment_id: string;
	amount_rial: number;
}

export interface FeeBillTables {
	fee_bills: FeeBills;
}

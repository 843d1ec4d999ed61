import type { ColumnType } from 'kysely';

/** Tables of migrations/0110_trust.sql (part of `DB` in ./schema.ts); the new `cases` columns are in `Cases`. */

/** Filings and upload bytes of one user on one Tehran day (the daily quotas). */
export interface UserDailyUsage {
	user_id: number;
	day: ColumnType<string, string, string>;
	filings: ColumnType<number, number | undefined, number>;
	upload_bytes: ColumnType<number, number | undefined, number>;
}

/** The case documents an officer attached to a referral: what the agency sees. */
export interface CaseReferralDocuments {
	referral_id: number;
	document_id: number;
}

export interface TrustTables {
	user_daily_usage: UserDailyUsage;
	case_referral_documents: CaseReferralDocuments;
}

import type { ColumnType, Generated } from 'kysely';

/** Tables of migrations/0080_permit_stages.sql (part of `DB` in ./schema.ts): proposals on cases and what each permit stage produced. */

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** A proposal submitted on a case: append-only, the latest is the case's. */
export interface CaseProposals {
	id: Generated<number>;
	case_id: number;
	body: ColumnType<unknown, string, never>;
	/** EWKB hex in the storage CRS; write it with SQL. */
	footprint: ColumnType<string | null, string | null | undefined, never>;
	check_ok: boolean;
	check_result: ColumnType<unknown, string, never>;
	rule_book_id: number | null;
	submitted_by: number;
	submitted_at: CreatedAt;
}

export interface PermitStages {
	case_id: number;
	rule_book_id: number | null;
	zoning_statement_id: number | null;
	permit_id: number | null;
	override_proposal_id: number | null;
	override_reason: string | null;
	override_by: number | null;
	override_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PaymentReceipts {
	payment_id: number;
	issued_document_id: number;
}

export interface PermitTables {
	case_proposals: CaseProposals;
	permit_stages: PermitStages;
	payment_receipts: PaymentReceipts;
}

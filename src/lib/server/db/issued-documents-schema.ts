import type { ColumnType, Generated } from 'kysely';

/** Tables of migrations/0070_issued_documents.sql (part of `DB` in ./schema.ts): official documents and their status history. */

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type IssuedDocumentKind = 'zoning_statement' | 'building_permit' | 'receipt' | 'certificate' | 'excavation_permit';
export type IssuedDocumentStatus = 'valid' | 'suspended' | 'revoked' | 'superseded';

/** A registered official document. Only the status columns ever change (the database refuses the rest). */
export interface IssuedDocuments {
	id: Generated<number>;
	kind: IssuedDocumentKind;
	number: string;
	number_year: number;
	number_seq: number;
	verification_code: string;
	case_id: number | null;
	parcel_id: number | null;
	renovation_code: string | null;
	issued_on: ColumnType<string, string, never>;
	issued_at: CreatedAt;
	issued_by: number | null;
	status: ColumnType<IssuedDocumentStatus, IssuedDocumentStatus | undefined, IssuedDocumentStatus>;
	status_reason: string | null;
	status_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	superseded_by: number | null;
	/** The OfficialDocumentSpec the PDF was drawn from. */
	spec: ColumnType<unknown, string, never>;
	/** null until its first render when issued without one (issue.service's `render: false`). */
	pdf_sha256: ColumnType<string | null, string | null, string>;
}

/** The status history of an issued document: append-only. */
export interface IssuedDocumentEvents {
	id: Generated<number>;
	issued_document_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	from_status: IssuedDocumentStatus | null;
	to_status: IssuedDocumentStatus;
	reason: string | null;
}

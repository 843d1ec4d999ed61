import { sql } from 'kysely';
import type { IssuedDocumentKind, IssuedDocumentStatus } from '../db/schema';
import type { Executor } from '../cases/cases.repository';

/** An issued document's row as the services read it; dates as ISO `YYYY-MM-DD`. */
export interface IssuedDocumentRecord {
	id: number;
	kind: IssuedDocumentKind;
	number: string;
	verification_code: string;
	case_id: number | null;
	parcel_id: number | null;
	renovation_code: string | null;
	issued_on: string;
	issued_at: Date;
	issued_by: number | null;
	status: IssuedDocumentStatus;
	status_reason: string | null;
	status_changed_at: Date | null;
	superseded_by: number | null;
	spec: unknown;
	/** null until the first render of a document issued without one (IssueEnv's `render: false`). */
	pdf_sha256: string | null;
}

const COLUMNS = sql.raw(`d.id, d.kind, d.number, d.verification_code, d.case_id, d.parcel_id, d.renovation_code,
	d.issued_on::text as issued_on, d.issued_at, d.issued_by, d.status, d.status_reason, d.status_changed_at,
	d.superseded_by, d.spec, d.pdf_sha256`);

export async function findIssuedDocument(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<IssuedDocumentRecord | null> {
	const lock = options.forUpdate ? sql`for update` : sql``;
	const { rows } = await sql<IssuedDocumentRecord>`select ${COLUMNS} from issued_documents d where d.id = ${id} ${lock}`.execute(db);
	return rows[0] ?? null;
}

export async function findByVerificationCode(db: Executor, code: string): Promise<IssuedDocumentRecord | null> {
	const { rows } = await sql<IssuedDocumentRecord>`select ${COLUMNS} from issued_documents d where d.verification_code = ${code}`.execute(db);
	return rows[0] ?? null;
}

export async function listIssuedForCase(db: Executor, caseId: number): Promise<IssuedDocumentRecord[]> {
	const { rows } = await sql<IssuedDocumentRecord>`select ${COLUMNS} from issued_documents d
		where d.case_id = ${caseId} order by d.id`.execute(db);
	return rows;
}

/**
 * The next sequence number of a kind in a Jalali year. The transaction-scoped advisory lock makes
 * two issues of the same kind and year take turns, so neither reads the same maximum.
 */
export async function nextNumberSeq(trx: Executor, kind: IssuedDocumentKind, year: number): Promise<number> {
	await sql`select pg_advisory_xact_lock(hashtext(${`issued_documents:${kind}:${year}`}))`.execute(trx);
	const { rows } = await sql<{ seq: number }>`select coalesce(max(number_seq), 0) + 1 as seq from issued_documents
		where kind = ${kind} and number_year = ${year}`.execute(trx);
	return Number(rows[0].seq);
}

export interface NewIssuedDocument {
	kind: IssuedDocumentKind;
	number: string;
	numberYear: number;
	numberSeq: number;
	verificationCode: string;
	caseId: number | null;
	parcelId: number | null;
	renovationCode: string | null;
	issuedOn: string;
	issuedAt: Date;
	issuedBy: number | null;
	spec: unknown;
	pdfSha256: string | null;
}

export async function insertIssuedDocument(trx: Executor, row: NewIssuedDocument): Promise<number> {
	const { id } = await trx
		.insertInto('issued_documents')
		.values({
			kind: row.kind,
			number: row.number,
			number_year: row.numberYear,
			number_seq: row.numberSeq,
			verification_code: row.verificationCode,
			case_id: row.caseId,
			parcel_id: row.parcelId,
			renovation_code: row.renovationCode,
			issued_on: row.issuedOn,
			issued_at: row.issuedAt,
			issued_by: row.issuedBy,
			spec: JSON.stringify(row.spec),
			pdf_sha256: row.pdfSha256
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function setIssuedStatus(
	trx: Executor,
	id: number,
	change: { status: IssuedDocumentStatus; reason: string | null; at: Date; supersededBy?: number | null }
): Promise<void> {
	await trx
		.updateTable('issued_documents')
		.set({ status: change.status, status_reason: change.reason, status_changed_at: change.at, superseded_by: change.supersededBy ?? null })
		.where('id', '=', id)
		.execute();
}

export async function insertIssuedEvent(
	trx: Executor,
	event: { documentId: number; at: Date; actorUserId: number | null; from: IssuedDocumentStatus | null; to: IssuedDocumentStatus; reason: string | null }
): Promise<void> {
	await trx
		.insertInto('issued_document_events')
		.values({
			issued_document_id: event.documentId,
			at: event.at,
			actor_user_id: event.actorUserId,
			from_status: event.from,
			to_status: event.to,
			reason: event.reason
		})
		.execute();
}

export async function issuedDocumentHistory(db: Executor, id: number) {
	return db
		.selectFrom('issued_document_events')
		.select(['at', 'actor_user_id', 'from_status', 'to_status', 'reason'])
		.where('issued_document_id', '=', id)
		.orderBy('id')
		.execute();
}

export async function parcelRenovationCode(db: Executor, parcelId: number): Promise<string | null> {
	const row = await db.selectFrom('parcels').select('renovation_code').where('id', '=', parcelId).executeTakeFirst();
	return row?.renovation_code ?? null;
}

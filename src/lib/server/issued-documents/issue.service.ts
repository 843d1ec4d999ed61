import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { tehranDate } from '../../domain/working-days';
import type { DB, IssuedDocumentKind, IssuedDocumentStatus } from '../db/schema';
import { loadConfig } from '../config';
import { NotFoundError } from '../errors';
import { renderOfficialDocument, SANDBOX_WATERMARK, type DocumentSection, type OfficialDocumentSpec } from '../pdf';
import { findCase, type Executor } from '../cases/cases.repository';
import { loadVisibleCase } from '../cases/access';
import { caseErrors } from '../cases/errors';
import type { SessionUser } from '../auth/types';
import { documentNumber, numberYear } from './document-numbers';
import { newVerificationCode } from './verification-code';
import { issuedErrors } from './errors';
import {
	findIssuedDocument,
	insertIssuedDocument,
	insertIssuedEvent,
	nextNumberSeq,
	parcelRenovationCode
} from './issued-documents.repository';

/** What a service that issues a document says; the registry adds the number, date and verification code. */
export interface IssueInput {
	kind: IssuedDocumentKind;
	/** The case it was issued on (its parcel is the document's); null for a document without one. */
	caseId: number | null;
	parcelId?: number | null;
	/** The staff member who issued it; null when the system decided (an automatic zoning statement). */
	issuedBy: number | null;
	content: { issuer: string; title: string; titleEn?: string; sections: readonly DocumentSection[] };
}

export interface IssueEnv {
	now?: Date;
	/** The public URL the QR code points under; `ORIGIN` by default. */
	origin?: string;
	/** Printed across every page; the sandbox watermark in demo mode by default. */
	watermark?: string | null;
	/**
	 * false: register the document without rendering it (the SAMPLE history's bulk issue); its first
	 * download renders it from the frozen spec and records the PDF's SHA-256 then. Rendered by default.
	 */
	render?: boolean;
}

export interface IssuedDocument {
	id: number;
	number: string;
	verificationCode: string;
	verifyUrl: string;
	/** Empty when issued with `render: false`. */
	pdf: Buffer;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function defaults(env: IssueEnv): Required<Omit<IssueEnv, 'render'>> {
	const needsConfig = env.origin === undefined || env.watermark === undefined;
	const config = needsConfig ? loadConfig() : null;
	return {
		now: env.now ?? new Date(),
		origin: env.origin ?? config!.origin,
		watermark: env.watermark === undefined ? (config!.mode === 'demo' ? SANDBOX_WATERMARK : null) : env.watermark
	};
}

/**
 * Issues an official document: numbers it (per kind and Jalali year), gives it an unguessable
 * verification code, renders the PDF with the QR code to `<origin>/verify/<code>`, and registers the
 * frozen spec and the PDF's SHA-256, with the first entry of its status history, in one transaction.
 * Given a transaction (the workflow step that issues), it runs inside it.
 */
export async function issueDocument(db: Executor, input: IssueInput, env: IssueEnv = {}): Promise<IssuedDocument> {
	const { now, origin, watermark } = defaults(env);
	const run = async (trx: Executor): Promise<IssuedDocument> => {
		let parcelId = input.parcelId ?? null;
		if (input.caseId !== null) {
			const record = await findCase(trx, input.caseId);
			if (!record) throw caseErrors.caseNotFound();
			parcelId ??= record.parcel_id;
		}
		const renovationCode = parcelId === null ? null : await parcelRenovationCode(trx, parcelId);
		const issuedOn = tehranDate(now);
		const year = numberYear(issuedOn);
		const seq = await nextNumberSeq(trx, input.kind, year);
		const number = documentNumber(input.kind, year, seq);
		const verificationCode = newVerificationCode();
		const spec: OfficialDocumentSpec = {
			kind: input.kind,
			...input.content,
			number,
			issuedOn,
			verification: { origin, code: verificationCode },
			...(watermark ? { watermark } : {})
		};
		const pdf = env.render === false ? null : await renderOfficialDocument(spec);
		const id = await insertIssuedDocument(trx, {
			kind: input.kind,
			number,
			numberYear: year,
			numberSeq: seq,
			verificationCode,
			caseId: input.caseId,
			parcelId,
			renovationCode,
			issuedOn,
			issuedAt: now,
			issuedBy: input.issuedBy,
			spec,
			pdfSha256: pdf && sha256(pdf)
		});
		await insertIssuedEvent(trx, { documentId: id, at: now, actorUserId: input.issuedBy, from: null, to: 'valid', reason: null });
		return { id, number, verificationCode, verifyUrl: `${new URL(origin).origin}/verify/${verificationCode}`, pdf: pdf ?? Buffer.alloc(0) };
	};
	return db.isTransaction ? run(db) : (db as Kysely<DB>).transaction().execute(run);
}

/**
 * The PDF of an issued document, for those who may see its case (anyone else: the same 404 as for
 * no such id). It is re-rendered from the frozen spec and served only if it matches the SHA-256
 * recorded at issue, so what is downloaded is byte for byte what was issued.
 */
export async function issuedDocumentPdf(db: Kysely<DB>, user: SessionUser, id: number): Promise<{ number: string; status: IssuedDocumentStatus; pdf: Buffer }> {
	const doc = Number.isSafeInteger(id) && id > 0 ? await findIssuedDocument(db, id) : null;
	if (!doc) throw issuedErrors.notFound();
	if (doc.case_id === null) {
		if (!user.roles.some((g) => g.role === 'admin' || g.role === 'planner')) throw issuedErrors.notFound();
	} else {
		try {
			await loadVisibleCase(db, user, doc.case_id);
		} catch (err) {
			throw err instanceof NotFoundError ? issuedErrors.notFound() : err;
		}
	}
	const spec = doc.spec as OfficialDocumentSpec;
	const pdf = await renderIssuedPdf(db, doc);
	if (doc.status === 'valid') return { number: doc.number, status: doc.status, pdf };
	// A suspended, revoked or superseded document is served with its status across every page: the
	// content is the verified original, the stamp says it no longer stands.
	const stamp = [STATUS_STAMP[doc.status], spec.watermark].filter(Boolean).join(' · ');
	return { number: doc.number, status: doc.status, pdf: await renderOfficialDocument({ ...spec, watermark: stamp }) };
}

/**
 * An issued document's PDF, re-rendered from its frozen spec: served only if it matches the SHA-256
 * recorded at issue (else `tampered`); a document issued without its PDF (`render: false`) records
 * the fingerprint of this first render, once.
 */
export async function renderIssuedPdf(db: Kysely<DB>, doc: { id: number; number: string; spec: unknown; pdf_sha256: string | null }): Promise<Buffer> {
	const pdf = await renderOfficialDocument(doc.spec as OfficialDocumentSpec);
	if (doc.pdf_sha256 === null) await recordFirstRender(db, doc.id, sha256(pdf));
	else if (sha256(pdf) !== doc.pdf_sha256) throw issuedErrors.tampered(doc.number);
	return pdf;
}

/** A document issued without its PDF (`render: false`): the fingerprint of its first render, recorded once. */
async function recordFirstRender(db: Kysely<DB>, id: number, pdfSha256: string): Promise<void> {
	await db.updateTable('issued_documents').set({ pdf_sha256: pdfSha256 }).where('id', '=', id).where('pdf_sha256', 'is', null).execute();
}

const STATUS_STAMP: Record<Exclude<IssuedDocumentStatus, 'valid'>, string> = {
	suspended: 'معلق — SUSPENDED',
	revoked: 'باطل‌شده — REVOKED',
	superseded: 'جایگزین‌شده — SUPERSEDED'
};

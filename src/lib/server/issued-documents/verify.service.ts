import type { Kysely } from 'kysely';
import { tehranDate } from '../../domain/working-days';
import type { VerificationAnswer, VerifiedDocument } from '../../api/verification';
import type { DB } from '../db/schema';
import { NotFoundError } from '../errors';
import { canonicalVerificationCode } from './verification-code';
import { issuedErrors } from './errors';
import { findByVerificationCode, findIssuedDocument } from './issued-documents.repository';

/**
 * The public answer for a verification code: kind, number, renovation code, issue date and live
 * status; nothing personal (see $lib/api/verification). An unknown, malformed or forged code throws
 * a 404 `document_not_issued`, so a forgery is told apart from a genuine document, never guessed at.
 */
export async function verifyDocument(db: Kysely<DB>, rawCode: string): Promise<VerifiedDocument> {
	const code = canonicalVerificationCode(rawCode);
	const doc = code ? await findByVerificationCode(db, code) : null;
	if (!doc) throw issuedErrors.notIssued();
	const replacement = doc.superseded_by === null ? null : await findIssuedDocument(db, doc.superseded_by);
	return {
		valid: doc.status === 'valid',
		status: doc.status,
		kind: doc.kind,
		number: doc.number,
		renovation_code: doc.renovation_code,
		issued_on: doc.issued_on,
		status_changed_on: doc.status_changed_at ? tehranDate(doc.status_changed_at) : null,
		superseded_by: replacement ? { number: replacement.number, code: replacement.verification_code } : null
	};
}

/** The JSON body of `/verify/<code>.json` for a code on record or not. */
export async function verificationAnswer(db: Kysely<DB>, rawCode: string): Promise<{ status: number; body: VerificationAnswer }> {
	try {
		return { status: 200, body: await verifyDocument(db, rawCode) };
	} catch (err) {
		if (err instanceof NotFoundError) return { status: 404, body: { valid: false, status: 'not_issued' } };
		throw err;
	}
}

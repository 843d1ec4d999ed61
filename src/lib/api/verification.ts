/**
 * The public verification contract (`GET /verify/<code>.json`, and what the `/verify/<code>` page
 * shows): enough to tell a genuine document from a forged or withdrawn one, and no personal data —
 * no owner, applicant or staff names, and not the reason a document was suspended or revoked
 * (staff write it freely, so it may name people).
 */
export type IssuedDocumentKind = 'zoning_statement' | 'building_permit' | 'receipt' | 'certificate' | 'excavation_permit';
export type IssuedDocumentStatus = 'valid' | 'suspended' | 'revoked' | 'superseded';

export interface VerifiedDocument {
	/** True exactly while the status is `valid`. */
	valid: boolean;
	status: IssuedDocumentStatus;
	kind: IssuedDocumentKind;
	number: string;
	renovation_code: string | null;
	/** Gregorian `YYYY-MM-DD` (Tehran); the page shows it in the Jalali calendar. */
	issued_on: string;
	/** When the status last changed (Tehran date), null while it never has. */
	status_changed_on: string | null;
	/** The document that replaced a superseded one: its number and verification code. */
	superseded_by: { number: string; code: string } | null;
}

/** An unknown or forged code (answered with 404). */
export interface NotIssued {
	valid: false;
	status: 'not_issued';
}

export type VerificationAnswer = VerifiedDocument | NotIssued;

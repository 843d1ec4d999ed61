import { checkUpload, documentKindName, STAFF_DOCUMENT_KINDS, type AnyUploadInput, type CheckedUpload, type StoredDocumentKind } from '../documents';
import type { RequestTypeDefinition } from '../workflows';
import { caseErrors } from './errors';
import { trustErrors } from './trust-errors';

/** Checks every upload before anything is written; `forceKind` files them all as one kind (replies, photos). */
export function checkUploads(uploads: AnyUploadInput[] | undefined, forceKind?: StoredDocumentKind): CheckedUpload[] {
	if (uploads !== undefined && !Array.isArray(uploads)) throw caseErrors.documentsInvalid();
	return (uploads ?? []).map((u) => checkUpload(forceKind ? { ...u, kind: forceKind } : u));
}

/** Refuses, naming them, the required kinds that were not uploaded. */
export function requireDocuments(kinds: readonly string[], uploaded: CheckedUpload[]): void {
	const have = new Set<string>(uploaded.map((u) => u.kind));
	const missing = kinds.filter((k) => !have.has(k));
	if (missing.length > 0) throw caseErrors.documentsMissing(missing.map(documentKindName));
}

/**
 * The document kinds the applicant side may upload on a request type, read from its definition:
 * what it lists as the applicant's documents (required or optional, for any applicant type) and
 * what any of its steps may ask for in a document request. Everything else — an agency's reply, a
 * site visit's photos, a kind this request never asks for — is attached by staff or not at all.
 */
export function applicantDocumentKinds(definition: RequestTypeDefinition): ReadonlySet<string> {
	const kinds = new Set<string>(definition.requiredDocuments.map((d) => d.kind));
	for (const step of definition.steps) {
		for (const t of step.transitions) if (t.action === 'request_document') for (const k of t.kinds) kinds.add(k);
	}
	return kinds;
}

/**
 * Server-side check on every applicant upload (a filing, an answer to a task): staff-only kinds are
 * refused (403 `document_kind_staff_only`) and kinds the request type does not ask for too
 * (400 `document_kind_not_asked`), before anything is written.
 */
export function checkApplicantKinds(definition: RequestTypeDefinition, uploads: CheckedUpload[]): void {
	const allowed = applicantDocumentKinds(definition);
	for (const upload of uploads) {
		if (Object.hasOwn(STAFF_DOCUMENT_KINDS, upload.kind)) throw trustErrors.staffOnlyKind(documentKindName(upload.kind));
		if (!allowed.has(upload.kind)) throw trustErrors.kindNotAsked(documentKindName(upload.kind));
	}
}

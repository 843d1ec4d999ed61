import { checkUpload, documentKindName, type CheckedUpload, type StoredDocumentKind, type UploadInput } from '../documents';
import { caseErrors } from './errors';

/** Checks every upload before anything is written; `forceKind` files them all as one kind (replies, photos). */
export function checkUploads(uploads: UploadInput[] | undefined, forceKind?: StoredDocumentKind): CheckedUpload[] {
	if (uploads !== undefined && !Array.isArray(uploads)) throw caseErrors.documentsInvalid();
	return (uploads ?? []).map((u) => checkUpload(forceKind ? { ...u, kind: forceKind } : u));
}

/** Refuses, naming them, the required kinds that were not uploaded. */
export function requireDocuments(kinds: readonly string[], uploaded: CheckedUpload[]): void {
	const have = new Set<string>(uploaded.map((u) => u.kind));
	const missing = kinds.filter((k) => !have.has(k));
	if (missing.length > 0) throw caseErrors.documentsMissing(missing.map(documentKindName));
}

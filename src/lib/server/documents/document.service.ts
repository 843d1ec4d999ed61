import type { Kysely, Transaction } from 'kysely';
import type { DB, DocumentMediaType } from '../db/schema';
import { BadInputError, NotFoundError, type Bilingual } from '../errors';
import type { SessionUser } from '../auth/types';
import { loadVisibleCase } from '../cases/access';
import { agencyMaySeeDocument } from '../cases/agency-scope';
import { acceptedMediaTypes, documentKindName, isCollectionKind, isStoredDocumentKind, type StoredDocumentKind } from './document-kinds';
import { detectMediaType, formatMegabytes, MAX_DOCUMENT_BYTES, MEDIA_TYPE_NAMES } from './media-type';
import { defaultFileStore, FileStore } from './file-store';
import type { StagedFile } from './streamed-upload';
import { createHash } from 'node:crypto';
import {
	findDocument,
	insertDocument,
	isStorageKeyReferenced,
	latestVersion,
	markSuperseded,
	type DocumentRow
} from './document.repository';

/**
 * A file as a page hands it to a service: the kind the user chose, the name it came with, and its
 * bytes — in memory (`bytes`), or streamed to disk (`staged`, see ./streamed-upload.ts).
 */
export interface UploadInput {
	kind: string;
	name: string;
	bytes: Uint8Array;
}

/** A file streamed to disk as it arrived (./streamed-upload.ts): its bytes are never in memory. */
export interface StagedUploadInput {
	kind: string;
	name: string;
	staged: StagedFile;
}

export type AnyUploadInput = UploadInput | StagedUploadInput;

const isStaged = (upload: AnyUploadInput): upload is StagedUploadInput => 'staged' in upload && upload.staged !== undefined;

/** An upload that passed the checks, with what its bytes really are, their size and SHA-256. */
export type CheckedUpload = AnyUploadInput & {
	kind: StoredDocumentKind;
	mediaType: DocumentMediaType;
	size: number;
	sha256: string;
};

export interface DocumentInfo {
	id: number;
	kind: string;
	kindName: Bilingual;
	version: number;
	originalName: string;
	mediaType: DocumentMediaType;
	sizeBytes: number;
	sha256: string;
	uploadedBy: number;
	createdAt: string;
	supersededBy: number | null;
	taskId: number | null;
	referralId: number | null;
	siteVisitId: number | null;
}

export function toDocumentInfo(row: DocumentRow): DocumentInfo {
	return {
		id: row.id,
		kind: row.kind,
		kindName: documentKindName(row.kind),
		version: row.version,
		originalName: row.original_name,
		mediaType: row.media_type,
		sizeBytes: row.size_bytes,
		sha256: row.sha256,
		uploadedBy: row.uploaded_by,
		createdAt: new Date(row.created_at).toISOString(),
		supersededBy: row.superseded_by,
		taskId: row.task_id,
		referralId: row.referral_id,
		siteVisitId: row.site_visit_id
	};
}

/** A file name as shown back to users: no folders, no control characters, at most 200 characters. */
function cleanName(name: string): string {
	// eslint-disable-next-line no-control-regex
	const base = String(name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return (base || 'document').slice(0, 200);
}

/**
 * Checks one upload before anything is written: a known kind, not empty, at most 30 MB, and
 * bytes that are a type this kind accepts (by content; the name is only kept for display).
 * @throws BadInputError `document_kind_unknown`, `document_empty`, `document_too_large`,
 *   `document_type_unsupported`, `document_type_not_accepted`
 */
export function checkUpload(upload: AnyUploadInput): CheckedUpload {
	const name = cleanName(upload.name);
	if (!isStoredDocumentKind(upload.kind)) {
		throw new BadInputError('document_kind_unknown', {
			fa: `نوع مدرک «${String(upload.kind)}» شناخته نیست.`,
			en: `Unknown document kind "${String(upload.kind)}".`
		});
	}
	const size = isStaged(upload) ? upload.staged.size : (upload.bytes?.byteLength ?? 0);
	if (size === 0) {
		throw new BadInputError('document_empty', {
			fa: `فایل «${name}» خالی است.`,
			en: `The file "${name}" is empty.`
		});
	}
	if (size > MAX_DOCUMENT_BYTES) {
		const is = formatMegabytes(size);
		const max = formatMegabytes(MAX_DOCUMENT_BYTES);
		throw new BadInputError('document_too_large', {
			fa: `فایل «${name}» ${is.fa} است؛ حداکثر اندازه هر فایل ${max.fa} است.`,
			en: `The file "${name}" is ${is.en}; each file may be at most ${max.en}.`
		});
	}
	const mediaType = detectMediaType(isStaged(upload) ? upload.staged.head : upload.bytes);
	if (!mediaType) {
		throw new BadInputError('document_type_unsupported', {
			fa: `محتوای فایل «${name}» PDF، JPEG، PNG، DXF یا DWG نیست.`,
			en: `The content of "${name}" is not a PDF, JPEG, PNG, DXF or DWG file.`
		});
	}
	const accepted = acceptedMediaTypes(upload.kind);
	if (!accepted.includes(mediaType)) {
		const kind = documentKindName(upload.kind);
		throw new BadInputError('document_type_not_accepted', {
			fa: `فایل «${name}» در واقع ${MEDIA_TYPE_NAMES[mediaType].fa} است؛ برای «${kind.fa}» فقط ${accepted.map((t) => MEDIA_TYPE_NAMES[t].fa).join('، ')} پذیرفته می‌شود.`,
			en: `The file "${name}" is really a ${MEDIA_TYPE_NAMES[mediaType].en}; "${kind.en}" accepts only ${accepted.map((t) => MEDIA_TYPE_NAMES[t].en).join(', ')}.`
		});
	}
	const sha256 = isStaged(upload) ? upload.staged.sha256 : createHash('sha256').update(upload.bytes).digest('hex');
	return { ...upload, name, kind: upload.kind, mediaType, size, sha256 };
}

/**
 * Files written during one transaction: if the transaction rolls back, the ones this write
 * created and no document row refers to are removed, so a failed write leaves nothing behind.
 */
export class FileWrites {
	readonly created: string[] = [];
	constructor(readonly store: FileStore) {}

	async discardUnreferenced(db: Kysely<DB>): Promise<void> {
		for (const key of this.created) {
			if (!(await isStorageKeyReferenced(db, key))) await this.store.remove(key);
		}
	}
}

export interface DocumentLinks {
	taskId?: number | null;
	referralId?: number | null;
	siteVisitId?: number | null;
}

/**
 * Stores checked uploads on a case inside the caller's transaction: bytes to the file store,
 * a row per file; a new file of a single-file kind becomes its next version and supersedes the
 * current one (both kept).
 */
export async function storeDocuments(
	trx: Transaction<DB>,
	files: FileWrites,
	caseId: number,
	uploadedBy: number,
	uploads: CheckedUpload[],
	links: DocumentLinks = {}
): Promise<DocumentRow[]> {
	const stored: DocumentRow[] = [];
	for (const upload of uploads) {
		const put = isStaged(upload) ? await files.store.putStaged(upload.staged) : await files.store.put(upload.bytes);
		if (put.created) files.created.push(put.key);
		const previous = await latestVersion(trx, caseId, upload.kind);
		const row = await insertDocument(trx, {
			case_id: caseId,
			kind: upload.kind,
			version: (previous?.version ?? 0) + 1,
			original_name: upload.name,
			media_type: upload.mediaType,
			size_bytes: upload.size,
			sha256: put.sha256,
			storage_key: put.key,
			uploaded_by: uploadedBy,
			task_id: links.taskId ?? null,
			referral_id: links.referralId ?? null,
			site_visit_id: links.siteVisitId ?? null
		});
		if (previous && previous.superseded_by === null && !isCollectionKind(upload.kind)) {
			await markSuperseded(trx, previous.id, row.id);
		}
		stored.push(row);
	}
	return stored;
}

const DOCUMENT_NOT_FOUND = { fa: 'مدرکی با این شناسه پیدا نشد.', en: 'No such document.' };

/**
 * A document and its bytes, for someone allowed to see its case (an agency: only the documents of
 * its open referral). Anyone else gets the same 404
 * as for an id that does not exist, so ids cannot be probed.
 */
export async function readDocument(
	db: Kysely<DB>,
	actor: SessionUser,
	id: number,
	options: { files?: FileStore } = {}
): Promise<{ document: DocumentInfo; bytes: Buffer }> {
	if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('document_not_found', DOCUMENT_NOT_FOUND);
	const row = await findDocument(db, id);
	if (!row) throw new NotFoundError('document_not_found', DOCUMENT_NOT_FOUND);
	try {
		const visible = await loadVisibleCase(db, actor, row.case_id);
		// A referred agency reads only what belongs to its open referral (issue 7).
		if (visible.side === 'agency' && !(await agencyMaySeeDocument(db, actor, row.case_id, row.id))) {
			throw new NotFoundError('document_not_found', DOCUMENT_NOT_FOUND);
		}
	} catch (err) {
		if (err instanceof NotFoundError) throw new NotFoundError('document_not_found', DOCUMENT_NOT_FOUND);
		throw err;
	}
	const store = options.files ?? defaultFileStore();
	return { document: toDocumentInfo(row), bytes: await store.get(row.storage_key, row.sha256) };
}

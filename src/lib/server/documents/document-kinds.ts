import type { DocumentMediaType } from '../db/schema';
import type { Bilingual } from '../errors';
import { DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from '../workflows/documents';

/**
 * Which files each document kind accepts, decided on the detected type. A forged name does not
 * matter either way: `deed.pdf` whose bytes are a PNG is a scanned deed and is stored as PNG;
 * the same bytes as structural calculations (a PDF booklet) are refused.
 */

/** Kinds staff attach: an agency's reply, a site visit's photos. */
export const STAFF_DOCUMENT_KINDS = {
	agency_reply: { fa: 'پاسخ استعلام', en: 'Agency reply' },
	site_visit_photo: { fa: 'عکس بازدید', en: 'Site visit photo' },
	supervision_photo: { fa: 'عکس گزارش مهندس ناظر', en: 'Supervision report photo' }
} as const satisfies Record<string, Bilingual>;

export type StoredDocumentKind = DocumentKind | keyof typeof STAFF_DOCUMENT_KINDS;

const SCANS: DocumentMediaType[] = ['application/pdf', 'image/jpeg', 'image/png'];
const DRAWINGS: DocumentMediaType[] = ['application/pdf', 'image/vnd.dxf', 'image/vnd.dwg'];
const PHOTOS: DocumentMediaType[] = ['image/jpeg', 'image/png'];

const ACCEPTS: Partial<Record<StoredDocumentKind, DocumentMediaType[]>> = {
	engineering_drawings: DRAWINGS,
	structural_calculations: ['application/pdf'],
	site_photos: PHOTOS,
	site_visit_photo: PHOTOS,
	supervision_photo: PHOTOS,
	agency_reply: SCANS
};

export function isStoredDocumentKind(value: unknown): value is StoredDocumentKind {
	return isDocumentKind(value) || (typeof value === 'string' && Object.hasOwn(STAFF_DOCUMENT_KINDS, value));
}

export function acceptedMediaTypes(kind: StoredDocumentKind): DocumentMediaType[] {
	return ACCEPTS[kind] ?? SCANS;
}

export function documentKindName(kind: string): Bilingual {
	if (isDocumentKind(kind)) return DOCUMENT_KINDS[kind];
	if (Object.hasOwn(STAFF_DOCUMENT_KINDS, kind)) return STAFF_DOCUMENT_KINDS[kind as keyof typeof STAFF_DOCUMENT_KINDS];
	return { fa: kind, en: kind };
}

/**
 * Kinds that hold many files side by side (photos, replies). Every other kind has one current
 * file: a new upload becomes the next version and the earlier one is kept, marked superseded.
 */
export function isCollectionKind(kind: string): boolean {
	return kind === 'site_photos' || kind === 'site_visit_photo' || kind === 'supervision_photo' || kind === 'agency_reply';
}

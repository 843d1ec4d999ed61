import type { DocumentMediaType } from '../db/schema';
import type { Bilingual } from '../errors';
import { toPersianDigits } from '../../domain/text';

/**
 * What a file is, read from its first bytes, never from its name: a forged name (a PNG called
 * `deed.pdf`) is stored as what it really is, or refused when its document kind does not accept
 * that type. Pure; no I/O.
 */

/** 30 MB, the per-file limit (binary megabytes, as file managers show them). */
export const MAX_DOCUMENT_BYTES = 30 * 1024 * 1024;

export const MEDIA_TYPE_NAMES: Record<DocumentMediaType, Bilingual> = {
	'application/pdf': { fa: 'PDF', en: 'PDF' },
	'image/jpeg': { fa: 'تصویر JPEG', en: 'JPEG image' },
	'image/png': { fa: 'تصویر PNG', en: 'PNG image' },
	'image/vnd.dxf': { fa: 'نقشه DXF', en: 'DXF drawing' },
	'image/vnd.dwg': { fa: 'نقشه DWG', en: 'DWG drawing' }
};

export const EXTENSION_OF: Record<DocumentMediaType, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/vnd.dxf': 'dxf',
	'image/vnd.dwg': 'dwg'
};

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
	if (bytes.length < at + signature.length) return false;
	return signature.every((b, i) => bytes[at + i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** DWG files open with their AutoCAD release, `AC1012` (R13) to `AC1032` (2018+): `AC10` and two digits. */
function isDwg(bytes: Uint8Array): boolean {
	if (!startsWith(bytes, [0x41, 0x43, 0x31, 0x30])) return false; // AC10
	return bytes.length >= 6 && bytes[4] >= 0x30 && bytes[4] <= 0x39 && bytes[5] >= 0x30 && bytes[5] <= 0x39;
}

/**
 * ASCII DXF is group-code/value line pairs and opens with group 0 `SECTION` (optionally after
 * a 999 comment group). Only the head is decoded, so a 30 MB drawing costs nothing.
 */
function isDxf(bytes: Uint8Array): boolean {
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\uFEFF|^ï»¿/, '');
	return /^(\s*999\r?\n[^\r\n]*\r?\n)?\s*0\r?\n\s*SECTION\r?\n/.test(head);
}

/** The media type the bytes are, or null when they are none of the accepted ones. */
export function detectMediaType(bytes: Uint8Array): DocumentMediaType | null {
	if (startsWith(bytes, PDF)) return 'application/pdf';
	if (startsWith(bytes, PNG)) return 'image/png';
	if (startsWith(bytes, JPEG)) return 'image/jpeg';
	if (isDwg(bytes)) return 'image/vnd.dwg';
	if (isDxf(bytes)) return 'image/vnd.dxf';
	return null;
}

/** "31.5 MB" / "۳۱٫۵ مگابایت": sizes as the error messages name them. */
export function formatMegabytes(bytes: number): Bilingual {
	const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
	return { fa: `${toPersianDigits(String(mb)).replace('.', '٫')} مگابایت`, en: `${mb} MB` };
}

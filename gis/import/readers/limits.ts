import fs from 'node:fs';
import path from 'node:path';
import { ImportError } from '../import-error';

/**
 * How much a file may make the importer read into memory. Every reader holds its whole file (and a
 * .zip its unpacked shapefile), so a huge file or a zip bomb would exhaust memory instead of failing
 * with a message. ASVS 12.1.1 / 12.1.2.
 */
export interface ImportLimits {
	/** Largest file (or unpacked .zip member): 512 MiB, about the longest text V8 can hold for a GeoJSON. */
	maxFileBytes: number;
	/** Most bytes the members of a .zip may unpack to, all together. */
	maxUnzippedBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxFileBytes: 512 * 1024 ** 2, maxUnzippedBytes: 1024 ** 3 };

export function importLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
	return { ...DEFAULT_IMPORT_LIMITS, ...overrides };
}

function megabytes(bytes: number): string {
	if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
	return bytes >= 1024 ** 2 ? `${Math.ceil(bytes / 1024 ** 2)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** Refuses a file on disk larger than `limits.maxFileBytes`, before reading it. */
export function checkFileSize(file: string, limits: ImportLimits): void {
	const size = fs.statSync(file).size;
	if (size <= limits.maxFileBytes) return;
	throw new ImportError('import_file_too_large', {
		fa: `فایل «${path.basename(file)}» ${megabytes(size)} است و بیش از ${megabytes(limits.maxFileBytes)} را نمی‌توان درون‌ریزی کرد؛ آن را به چند فایل (مثلاً به تفکیک منطقه) تقسیم کنید.`,
		en: `The file "${path.basename(file)}" is ${megabytes(size)}; files over ${megabytes(limits.maxFileBytes)} cannot be imported. Split it (e.g. by district).`
	});
}

/**
 * Refuses a .zip whose members would unpack past the limits, judged from its directory before
 * anything is unpacked. A member whose header understates its size cannot get past it either:
 * it is unpacked into a buffer of the stated size, so the excess is cut off (and the shapefile's
 * own header check then reports it as broken).
 */
export function checkUnzippedSize(file: string, members: { name: string; originalSize: number }[], limits: ImportLimits): void {
	const total = members.reduce((sum, m) => sum + m.originalSize, 0);
	const biggest = members.reduce((max, m) => (m.originalSize > max.originalSize ? m : max), { name: '', originalSize: 0 });
	if (total <= limits.maxUnzippedBytes && biggest.originalSize <= limits.maxFileBytes) return;
	throw new ImportError('import_zip_too_large', {
		fa: `فایل zip «${path.basename(file)}» باز شده ${megabytes(total)} می‌شود (بزرگ‌ترین عضو: «${biggest.name}»، ${megabytes(biggest.originalSize)})؛ بیشینه ${megabytes(limits.maxUnzippedBytes)} در کل و ${megabytes(limits.maxFileBytes)} برای هر فایل است. اگر zip بمب فشرده‌سازی نیست، آن را به چند فایل تقسیم کنید.`,
		en: `The .zip "${path.basename(file)}" unpacks to ${megabytes(total)} (largest member "${biggest.name}", ${megabytes(biggest.originalSize)}); the limits are ${megabytes(limits.maxUnzippedBytes)} in all and ${megabytes(limits.maxFileBytes)} per file. Unless it is a zip bomb, split it into several files.`
	});
}

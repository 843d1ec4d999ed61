import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../errors';
import { formatMegabytes, MAX_DOCUMENT_BYTES } from './media-type';
import type { FileStore } from './file-store';

/**
 * Uploads streamed to disk, never held whole in memory (issue 7): a `multipart/form-data` body is
 * read chunk by chunk, each file part written as it arrives to a staging file beside the document
 * store (`<files>/incoming/`, the same file system, so keeping it is a rename) while its SHA-256
 * and size are counted; a file over the limit is refused as soon as it passes it. Text fields are
 * kept (small, capped). What the caller does not keep is removed by `discard()`, and what a killed
 * server leaves in `incoming/` is swept later (file-sweep.ts).
 */

/** A file part as it lies on disk: where, how large, its SHA-256 and its first bytes (for its type). */
export interface StagedFile {
	field: string;
	name: string;
	path: string;
	size: number;
	sha256: string;
	head: Uint8Array;
}

export interface StreamedForm {
	/** The text fields, as a FormData with strings only (the pages' form readers take it as it is). */
	fields: FormData;
	files: StagedFile[];
	/** Removes every staged file still in `incoming/` (the ones stored were moved away already). */
	discard(): Promise<void>;
}

export interface StreamLimits {
	/** Largest file part in bytes (default 30 MB, the documents' limit). */
	maxFileBytes?: number;
	/** Most file parts (default 20). */
	maxFiles?: number;
	/** All text fields together, bytes (default 64 KB). */
	maxFieldBytes?: number;
}

export const STAGING_DIR = 'incoming';
const HEAD_BYTES = 512;
const MAX_HEADER_BYTES = 16 * 1024;

const malformed = () =>
	new BadInputError('upload_malformed', {
		fa: 'بدنهٔ فرم ارسالی (multipart/form-data) ناقص یا نادرست است.',
		en: 'The form’s body (multipart/form-data) is incomplete or malformed.'
	});

export const streamErrors = {
	malformed,
	fileTooLarge: (name: string, max: number) =>
		new BadInputError('document_too_large', {
			fa: `فایل «${name}» بزرگ‌تر از ${formatMegabytes(max).fa} است؛ حداکثر اندازه هر فایل ${formatMegabytes(max).fa} است.`,
			en: `The file "${name}" is larger than ${formatMegabytes(max).en}; each file may be at most ${formatMegabytes(max).en}.`
		}),
	tooManyFiles: (max: number) =>
		new BadInputError('too_many_files', { fa: `حداکثر ${max} فایل در یک فرم پذیرفته می‌شود.`, en: `At most ${max} files are accepted in one form.` }),
	interrupted: (cause: unknown) =>
		new BadInputError(
			'upload_interrupted',
			{ fa: 'ارسال فرم نیمه‌کاره قطع شد؛ دوباره بفرستید.', en: 'The form stopped arriving before its end; send it again.' },
			{ cause }
		),
	fieldsTooLarge: () => new BadInputError('form_too_large', { fa: 'متن فرم بیش از حد بلند است.', en: 'The form’s text is too long.' })
};

function boundaryOf(contentType: string | null): string {
	const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	const boundary = match?.[1] ?? match?.[2];
	if (!boundary || boundary.length > 200) throw malformed();
	return boundary;
}

function partHeaders(block: string): { field: string; filename: string | null } {
	const disposition = block.split('\r\n').find((line) => /^content-disposition:/i.test(line));
	if (!disposition) throw malformed();
	const field = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
	if (field === undefined) throw malformed();
	const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
	return { field, filename };
}

/**
 * Reads a `multipart/form-data` request to disk (files) and memory (text fields).
 * @throws BadInputError `upload_malformed`, `document_too_large`, `too_many_files`, `form_too_large`
 *   (staged files are removed before it throws)
 */
export async function readStreamedForm(request: Request, store: FileStore, limits: StreamLimits = {}): Promise<StreamedForm> {
	const maxFile = limits.maxFileBytes ?? MAX_DOCUMENT_BYTES;
	const maxFiles = limits.maxFiles ?? 20;
	const maxFields = limits.maxFieldBytes ?? 64 * 1024;
	const contentType = request.headers.get('content-type');
	if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) return urlEncodedForm(request, maxFields);
	const boundary = boundaryOf(contentType);
	if (!request.body) throw malformed();
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const staging = path.join(store.root, STAGING_DIR);
	await fs.mkdir(staging, { recursive: true });

	const fields = new FormData();
	const files: StagedFile[] = [];
	const opened: string[] = [];
	const discard = async () => {
		await Promise.all(opened.map((p) => fs.rm(p, { force: true })));
	};

	let fieldBytes = 0;
	type Part =
		| { kind: 'field'; field: string; chunks: Buffer[] }
		| { kind: 'file'; field: string; name: string; path: string; handle: fs.FileHandle; hash: ReturnType<typeof createHash>; size: number; head: Buffer[]; headSize: number };
	let part: Part | null = null;
	// a leading CRLF lets the first boundary match the delimiter like every later one
	let buffer: Buffer = Buffer.from('\r\n');
	type State = 'preamble' | 'boundary' | 'headers' | 'body' | 'done';
	let state = 'preamble' as State;

	const write = async (chunk: Buffer) => {
		if (chunk.length === 0 || !part) return;
		if (part.kind === 'field') {
			fieldBytes += chunk.length;
			if (fieldBytes > maxFields) throw streamErrors.fieldsTooLarge();
			part.chunks.push(chunk);
			return;
		}
		part.size += chunk.length;
		if (part.size > maxFile) throw streamErrors.fileTooLarge(part.name, maxFile);
		part.hash.update(chunk);
		if (part.headSize < HEAD_BYTES) {
			part.head.push(chunk.subarray(0, HEAD_BYTES - part.headSize));
			part.headSize += Math.min(chunk.length, HEAD_BYTES - part.headSize);
		}
		await part.handle.write(chunk);
	};
	const end = async () => {
		if (!part) return;
		if (part.kind === 'field') fields.append(part.field, Buffer.concat(part.chunks).toString('utf8'));
		else {
			await part.handle.close();
			// an empty file input (nothing chosen) is no upload
			if (part.size === 0) await fs.rm(part.path, { force: true });
			else files.push({ field: part.field, name: part.name, path: part.path, size: part.size, sha256: part.hash.digest('hex'), head: new Uint8Array(Buffer.concat(part.head)) });
		}
		part = null;
	};
	const begin = async (headers: string) => {
		const { field, filename } = partHeaders(headers);
		if (filename === null) {
			part = { kind: 'field', field, chunks: [] };
			return;
		}
		if (files.length + 1 > maxFiles) throw streamErrors.tooManyFiles(maxFiles);
		const file = path.join(staging, `${process.pid}.${randomBytes(8).toString('hex')}.part`);
		opened.push(file);
		const handle = await fs.open(file, 'wx');
		part = { kind: 'file', field, name: filename, path: file, handle, hash: createHash('sha256'), size: 0, head: [], headSize: 0 };
	};

	/** Consumes what `buffer` holds; returns when it needs more bytes. */
	const consume = async () => {
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = buffer.indexOf(delimiter);
				if (at < 0) {
					// keep what could be the start of a delimiter split across chunks
					const safe = buffer.length - (delimiter.length - 1);
					if (safe > 0) {
						if (state === 'body') await write(buffer.subarray(0, safe));
						buffer = buffer.subarray(safe);
					}
					return;
				}
				if (state === 'body') {
					await write(buffer.subarray(0, at));
					await end();
				}
				buffer = buffer.subarray(at + delimiter.length);
				state = 'boundary';
			}
			if (state === 'boundary') {
				if (buffer.length < 2) return;
				if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
					state = 'done';
					return;
				}
				// transport padding after the boundary, then CRLF
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) {
					if (buffer.length > 256) throw malformed();
					return;
				}
				if (buffer.subarray(0, eol).toString('latin1').trim() !== '') throw malformed();
				buffer = buffer.subarray(eol + 2);
				state = 'headers';
			}
			if (state === 'headers') {
				const at = buffer.indexOf('\r\n\r\n');
				if (at < 0) {
					if (buffer.length > MAX_HEADER_BYTES) throw malformed();
					return;
				}
				await begin(buffer.subarray(0, at).toString('utf8'));
				buffer = buffer.subarray(at + 4);
				state = 'body';
			}
			if (state === 'done') return;
		}
	};

	try {
		const reader = request.body.getReader();
		for (;;) {
			const { done, value } = await reader.read().catch((err: unknown) => {
				// the client went away mid-body (its network dropped): a refusal of the incomplete form, not a server error
				const e = err as { code?: string; message?: string } | null;
				throw e?.code === 'ECONNRESET' || e?.message === 'aborted' ? streamErrors.interrupted(err) : err;
			});
			if (done) break;
			if (state === 'done') continue; // the epilogue is ignored
			buffer = buffer.length ? Buffer.concat([buffer, value]) : Buffer.from(value);
			await consume();
		}
		if (state !== 'done') throw malformed();
	} catch (err) {
		const open = part as Part | null;
		if (open?.kind === 'file') await open.handle.close().catch(() => undefined);
		await discard();
		throw err;
	}
	return { fields, files, discard };
}

/** A form without files (`application/x-www-form-urlencoded`): its fields, read up to the limit. */
async function urlEncodedForm(request: Request, maxFields: number): Promise<StreamedForm> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		const reader = request.body.getReader();
		for (;;) {
			const { done, value } = await reader.read().catch((err: unknown) => {
				// the client went away mid-body (its network dropped): a refusal of the incomplete form, not a server error
				const e = err as { code?: string; message?: string } | null;
				throw e?.code === 'ECONNRESET' || e?.message === 'aborted' ? streamErrors.interrupted(err) : err;
			});
			if (done) break;
			size += value.byteLength;
			if (size > maxFields) {
				await reader.cancel().catch(() => undefined);
				throw streamErrors.fieldsTooLarge();
			}
			chunks.push(value);
		}
	}
	const fields = new FormData();
	for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) fields.append(k, v);
	return { fields, files: [], discard: async () => undefined };
}

/** The files chosen in the input named `field`, as uploads of `kind` (an agency's reply, site visit photos, drawings). */
export function stagedOf(form: StreamedForm, field: string, kind: string): { kind: string; name: string; staged: StagedFile }[] {
	return form.files.filter((f) => f.field === field).map((staged) => ({ kind, name: staged.name, staged }));
}

/** The files chosen in inputs named `doc:<kind>`, as uploads of that kind (the filing and task forms). */
export function stagedByKind(form: StreamedForm): { kind: string; name: string; staged: StagedFile }[] {
	return form.files.filter((f) => f.field.startsWith('doc:')).map((staged) => ({ kind: staged.field.slice(4), name: staged.name, staged }));
}

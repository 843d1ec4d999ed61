import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import type { Lang } from '$lib/i18n';
import type { UploadInput } from '$lib/server/documents';

/**
 * What the case pages share at the edge: reading form fields and files, and turning a domain
 * refusal into a form failure (actions) or an HTTP error (loads), in the reader's language.
 */

export function text(form: FormData, name: string, max = 4000): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max).trim() : '';
}

export function positiveInt(value: string | null | undefined): number | null {
	if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
	const n = Number(value);
	return Number.isSafeInteger(n) ? n : null;
}

async function toUpload(file: File, kind: string): Promise<UploadInput> {
	return { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const isFile = (v: FormDataEntryValue): v is File => typeof v !== 'string' && v.size > 0;

/** Files chosen in inputs named `doc:<kind>` (one kind per input, several files allowed). */
export async function uploadsByKind(form: FormData): Promise<UploadInput[]> {
	const uploads: UploadInput[] = [];
	for (const [key, value] of form.entries()) {
		if (key.startsWith('doc:') && isFile(value)) uploads.push(await toUpload(value, key.slice(4)));
	}
	return uploads;
}

/** Files of one input, all of the given kind (agency replies, site visit photos). */
export async function uploadsOf(form: FormData, name: string, kind: string): Promise<UploadInput[]> {
	return Promise.all(form.getAll(name).filter(isFile).map((f) => toUpload(f, kind)));
}

export function clientIp(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** A refused form action: its status (400 for bad input) and the message that names the problem. */
export function refused<T extends Record<string, unknown>>(err: unknown, lang: Lang, echo: T = {} as T) {
	if (!(err instanceof DomainError)) throw err;
	return fail(err.status, { ...echo, error: err.messages[lang], code: err.code });
}

/** A refused load: 404 / 403 with the domain's message. */
export function loadFailed(err: unknown, lang: Lang): never {
	if (err instanceof DomainError) error(err.status, { message: err.messages[lang], code: err.code });
	throw err;
}

/**
 * Reading HTML form posts, the same way on every page: text fields cut to a length before anything
 * else sees them, ids as positive whole numbers, and chosen files as uploads.
 */
import type { UploadInput } from '../server/documents';
import { positiveInt } from './id';

/** A text field, trimmed and at most `max` characters; '' when absent. */
export function formText(form: FormData, name: string, max = 4000): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max).trim() : '';
}

/** A text field exactly as typed (passwords, codes), at most `max` characters; '' when absent. */
export function formRaw(form: FormData, name: string, max = 100): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A text field, or undefined when it is empty. */
export function optionalText(form: FormData, name: string, max = 4000): string | undefined {
	return formText(form, name, max) || undefined;
}

/**
 * A row id named by a hidden field. 0 when missing or malformed: no row has it, so the service
 * answers exactly as for an id that does not exist.
 */
export function formId(form: FormData, name: string): number {
	return positiveInt(formText(form, name, 20)) ?? 0;
}

const isFile = (v: FormDataEntryValue): v is File => typeof v !== 'string' && v.size > 0;

async function toUpload(file: File, kind: string): Promise<UploadInput> {
	return { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

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

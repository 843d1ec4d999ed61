/**
 * A tariff book as stored: the document the editor wrote (a TariffBook without its status, which
 * lives in its own column), its SHA-256 over canonical JSON, and the court annulments laid over it.
 */
import { createHash } from 'node:crypto';
import { SAMPLE_TARIFF_BOOK, type TariffBook, type TariffBookStatus } from '../../domain/fees';
import { toPersianDigits } from '../../domain/text';
import { FeeError } from './errors';

export type BookDocument = Omit<TariffBook, 'status'>;

/** JSON with object keys sorted at every level, so equal books hash equally however they were written. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** @example bookSha256(doc) // '3f1c…' (64 hex digits) */
export function bookSha256(document: BookDocument): string {
	return createHash('sha256').update(canonicalJson(document), 'utf8').digest('hex');
}

export function toDocument(book: TariffBook): BookDocument {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { status, ...document } = book;
	return document;
}

export function fromDocument(document: BookDocument, status: TariffBookStatus): TariffBook {
	return { ...document, status };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isBilingual = (v: unknown) => isObject(v) && typeof v.fa === 'string' && typeof v.en === 'string';

/** Where the document's shape is wrong, or null; the book's content is checked by validateTariffBook. */
function shapeProblem(doc: unknown): string | null {
	if (!isObject(doc)) return 'not a JSON object';
	if (!isBilingual(doc.title) || !isBilingual(doc.city)) return 'title and city need fa and en';
	if (!Number.isInteger(doc.jalali_year)) return 'jalali_year must be a whole number';
	if (!isObject(doc.rounding)) return 'rounding is missing';
	for (const list of ['variables', 'tables', 'items', 'discounts'] as const) {
		if (!Array.isArray(doc[list])) return `${list} must be a list`;
		if (!(doc[list] as unknown[]).every(isObject)) return `every entry of ${list} must be an object`;
	}
	for (const item of doc.items as Record<string, unknown>[]) {
		const code = typeof item.code === 'string' ? item.code : '?';
		if (typeof item.code !== 'string' || typeof item.formula !== 'string') return `item ${code}: code and formula must be text`;
		if (!isBilingual(item.title) || !isBilingual(item.legal_basis)) return `item ${code}: title and legal_basis need fa and en`;
		if (!Array.isArray(item.applies_to) || !Array.isArray(item.samples)) return `item ${code}: applies_to and samples must be lists`;
		if (!(item.samples as unknown[]).every((s) => isObject(s) && isObject(s.inputs))) return `item ${code}: every sample needs inputs`;
	}
	for (const d of doc.discounts as Record<string, unknown>[]) {
		if (typeof d.code !== 'string' || !Array.isArray(d.items) || typeof d.condition !== 'string') {
			return `discount ${String(d.code)}: code, items and condition are required`;
		}
	}
	return null;
}

/**
 * A book document from the editor's JSON text (or a parsed value), checked for shape; the status
 * field, if present, is dropped (the status is the book row's).
 */
export function parseBookDocument(input: string | unknown): BookDocument {
	let value: unknown = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (err) {
			const reason = (err as Error).message;
			throw new FeeError('book_document_invalid', { detail: { fa: `JSON نادرست است (${reason})`, en: `not valid JSON (${reason})` }, cause: err });
		}
	}
	const problem = shapeProblem(value);
	if (problem) throw new FeeError('book_document_invalid', { detail: { fa: problem, en: problem } });
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { status, ...document } = value as TariffBook;
	return document;
}

export interface Annulment {
	item_code: string;
	ruling_ref: string;
	ruling_date: string | null;
}

/** The book as in force: each annulled item keeps its place and is never charged. */
export function withAnnulments(book: TariffBook, annulments: readonly Annulment[]): TariffBook {
	if (annulments.length === 0) return book;
	const byCode = new Map(annulments.map((a) => [a.item_code, a]));
	return {
		...book,
		items: book.items.map((item) => {
			const a = byCode.get(item.code);
			if (!a || item.annulled) return item;
			return { ...item, annulled: { ruling: { fa: a.ruling_ref, en: a.ruling_ref }, ...(a.ruling_date ? { date: a.ruling_date } : {}) } };
		})
	};
}

/** The SAMPLE book («نمونه — sample») re-dated to a year, its title too. */
export function sampleBookFor(year: number): BookDocument {
	const document = toDocument(SAMPLE_TARIFF_BOOK);
	const from = document.jalali_year;
	return {
		...document,
		jalali_year: year,
		title: {
			fa: document.title.fa.replaceAll(toPersianDigits(from), toPersianDigits(year)),
			en: document.title.en.replaceAll(String(from), String(year))
		}
	};
}

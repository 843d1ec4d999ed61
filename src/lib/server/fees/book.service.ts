import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { validateTariffBook, type TariffBook, type TariffBookValidation } from '../../domain/fees';
import { fromJalali } from '../../domain/jalali';
import { toLatinDigits } from '../../domain/text';
import { bookSha256, fromDocument, parseBookDocument, sampleBookFor, withAnnulments, type Annulment, type BookDocument } from './book-document';
import {
	findBook,
	findPublishedBook,
	insertAnnulment,
	insertBook,
	insertBookEvent,
	listAnnulments,
	listBookEvents,
	listBookSummaries,
	markPublished,
	markSuperseded,
	setDraftStatus,
	updateDraftDocument,
	type BookRow,
	type BookSummary,
	type Executor
} from './book.repository';
import { FeeError } from './errors';

/**
 * The council's tariff books: drafts edited by the administrator, published only when every
 * item's worked samples still give their amounts (the previous book of the year is superseded in
 * the same transaction), and items annulled by a court ruling from then on. Every change is
 * recorded in tariff_book_events with who made it.
 */

function requireAdmin(actor: SessionUser): void {
	if (!actor.roles.some((g) => g.role === 'admin')) throw new FeeError('admin_only');
}

/** The book in force for a year: the published book of that year, else of the latest year before it. */
export interface BookInForce {
	id: number;
	sha256: string;
	is_sample: boolean;
	jalali_year: number;
	/** With the court annulments applied. */
	book: TariffBook;
}

export async function bookInForce(db: Executor, jalaliYear: number): Promise<BookInForce> {
	const row = (await findPublishedBook(db, jalaliYear)) ?? (await latestPublishedBefore(db, jalaliYear));
	if (!row) throw new FeeError('no_book_in_force');
	const book = withAnnulments(fromDocument(row.document, 'published'), await listAnnulments(db, row.id));
	return { id: row.id, sha256: row.sha256, is_sample: row.is_sample, jalali_year: row.jalali_year, book };
}

async function latestPublishedBefore(db: Executor, jalaliYear: number): Promise<BookRow | undefined> {
	const year = await db
		.selectFrom('tariff_books')
		.select(sql<number>`max(jalali_year)`.as('year'))
		.where('status', '=', 'published')
		.where('jalali_year', '<', jalaliYear)
		.executeTakeFirst();
	return year?.year ? findPublishedBook(db, year.year) : undefined;
}

/** Validation that never throws on a malformed document: an unexpected shape is one problem. */
function validate(document: BookDocument): TariffBookValidation {
	try {
		return validateTariffBook(fromDocument(document, 'draft'));
	} catch (err) {
		if (err instanceof FeeError) throw err;
		throw new FeeError('book_document_invalid', { detail: { fa: (err as Error).message, en: (err as Error).message }, cause: err });
	}
}

export async function listTariffBooks(db: Kysely<DB>, actor: SessionUser): Promise<BookSummary[]> {
	requireAdmin(actor);
	return listBookSummaries(db);
}

export interface TariffBookDetail {
	row: Omit<BookRow, 'document'>;
	document: BookDocument;
	annulments: Annulment[];
	events: Awaited<ReturnType<typeof listBookEvents>>;
	validation: TariffBookValidation;
}

export async function getTariffBook(db: Kysely<DB>, actor: SessionUser, id: number): Promise<TariffBookDetail> {
	requireAdmin(actor);
	const row = await findBook(db, id);
	if (!row) throw new FeeError('book_not_found');
	const { document, ...rest } = row;
	const [annulments, events] = await Promise.all([listAnnulments(db, id), listBookEvents(db, id)]);
	let validation: TariffBookValidation;
	try {
		validation = validate(document);
	} catch (err) {
		if (!(err instanceof FeeError)) throw err;
		validation = { valid: false, problems: [] };
	}
	return { row: rest, document, annulments, events, validation };
}

/** A new draft: a copy of an existing book (re-dated to `jalali_year`), or a document given as JSON. */
export async function createDraftBook(
	db: Kysely<DB>,
	actor: SessionUser,
	input: { copyOf: number; jalali_year: number } | { document: string }
): Promise<number> {
	requireAdmin(actor);
	let document: BookDocument;
	if ('copyOf' in input) {
		const source = await findBook(db, input.copyOf);
		if (!source) throw new FeeError('book_not_found');
		document = { ...source.document, jalali_year: input.jalali_year };
	} else {
		document = parseBookDocument(input.document);
	}
	return db.transaction().execute(async (trx) => {
		const id = await insertBook(trx, {
			jalali_year: document.jalali_year,
			document,
			sha256: bookSha256(document),
			is_sample: document.sample === true,
			created_by: actor.id
		});
		await insertBookEvent(trx, { book_id: id, actor_user_id: actor.id, action: 'created', details: 'copyOf' in input ? { copy_of: input.copyOf } : {} });
		return id;
	});
}

/** Saves a draft's new text. It is kept even with problems (an editor saves work in progress); they are returned. */
export async function saveDraftBook(db: Kysely<DB>, actor: SessionUser, id: number, text: string): Promise<TariffBookValidation> {
	requireAdmin(actor);
	const document = parseBookDocument(text);
	const validation = validate(document);
	await db.transaction().execute(async (trx) => {
		const row = await findBook(trx, id, { forUpdate: true });
		if (!row) throw new FeeError('book_not_found');
		if (row.status !== 'draft') throw new FeeError('book_not_draft');
		const sha256 = bookSha256(document);
		await updateDraftDocument(trx, id, document, sha256);
		await insertBookEvent(trx, { book_id: id, actor_user_id: actor.id, action: 'edited', details: { sha256 } });
	});
	return validation;
}

/**
 * Publishes a draft (or approved) book: refused with every problem listed when the book has
 * errors or a worked sample no longer gives its amount; otherwise the year's published book, if
 * any, is superseded by it, in one transaction. `actor` null is the system (sample city seeding).
 */
export async function publishBook(
	db: Kysely<DB>,
	actor: SessionUser | null,
	id: number,
	{ now = new Date() }: { now?: Date } = {}
): Promise<{ superseded: number | null }> {
	if (actor) requireAdmin(actor);
	return db.transaction().execute((trx) => publishIn(trx, actor?.id ?? null, id, now));
}

async function publishIn(trx: Executor, by: number | null, id: number, now: Date): Promise<{ superseded: number | null }> {
	const row = await findBook(trx, id, { forUpdate: true });
	if (!row) throw new FeeError('book_not_found');
	if (row.status !== 'draft' && row.status !== 'approved') throw new FeeError('book_not_draft');
	const validation = validate(row.document);
	if (!validation.valid) throw new FeeError('book_invalid', { problems: validation.problems.filter((p) => p.severity === 'error') });
	const previous = await findPublishedBook(trx, row.jalali_year, { forUpdate: true });
	if (previous) {
		await markSuperseded(trx, previous.id, now, id);
		await insertBookEvent(trx, { book_id: previous.id, actor_user_id: by, action: 'superseded', details: { by_book: id }, at: now });
	}
	await markPublished(trx, id, now, by);
	await insertBookEvent(trx, { book_id: id, actor_user_id: by, action: 'published', details: { sha256: row.sha256, supersedes: previous?.id ?? null }, at: now });
	return { superseded: previous?.id ?? null };
}

/** Marks a draft approved by the council (checked like publishing), or sends an approved book back to draft. */
export async function setBookApproval(db: Kysely<DB>, actor: SessionUser, id: number, approved: boolean): Promise<void> {
	requireAdmin(actor);
	await db.transaction().execute(async (trx) => {
		const row = await findBook(trx, id, { forUpdate: true });
		if (!row) throw new FeeError('book_not_found');
		if (row.status !== (approved ? 'draft' : 'approved')) throw new FeeError('book_not_draft');
		if (approved) {
			const validation = validate(row.document);
			if (!validation.valid) throw new FeeError('book_invalid', { problems: validation.problems.filter((p) => p.severity === 'error') });
		}
		await setDraftStatus(trx, id, approved ? 'approved' : 'draft');
		await insertBookEvent(trx, { book_id: id, actor_user_id: actor.id, action: approved ? 'approved' : 'returned_to_draft' });
	});
}

/** A ruling date as typed: Jalali (1405/06/14, Persian digits too) or ISO; empty is none. */
function rulingDate(text: string | null | undefined): string | null {
	const value = toLatinDigits(text ?? '').trim();
	if (value === '') return null;
	const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
	if (!m) throw new FeeError('ruling_date_invalid');
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 1700) {
		try {
			return fromJalali({ year: y, month: mo, day: d });
		} catch (err) {
			throw new FeeError('ruling_date_invalid', { cause: err });
		}
	}
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw new FeeError('ruling_date_invalid');
	return date.toISOString().slice(0, 10);
}

/**
 * Annuls one item of a published (or superseded) book by a court ruling: from then on it is
 * listed as not charged, with the ruling, on every new assessment. Assessments made before keep
 * what they froze.
 */
export async function annulItem(
	db: Kysely<DB>,
	actor: SessionUser,
	bookId: number,
	input: { item_code: string; ruling_ref: string; ruling_date?: string | null },
	{ now = new Date() }: { now?: Date } = {}
): Promise<void> {
	requireAdmin(actor);
	const rulingRef = input.ruling_ref.trim();
	if (rulingRef === '') throw new FeeError('ruling_ref_required');
	const date = rulingDate(input.ruling_date);
	await db.transaction().execute(async (trx) => {
		const row = await findBook(trx, bookId, { forUpdate: true });
		if (!row) throw new FeeError('book_not_found');
		if (row.status !== 'published' && row.status !== 'superseded') throw new FeeError('book_not_in_force');
		const item = row.document.items.find((i) => i.code === input.item_code);
		if (!item) throw new FeeError('item_not_found');
		const already = (await listAnnulments(trx, bookId)).some((a) => a.item_code === item.code);
		if (item.annulled || already) throw new FeeError('item_already_annulled');
		await insertAnnulment(trx, { book_id: bookId, item_code: item.code, ruling_ref: rulingRef, ruling_date: date, annulled_by: actor.id, annulled_at: now });
		await insertBookEvent(trx, {
			book_id: bookId,
			actor_user_id: actor.id,
			action: 'item_annulled',
			details: { item_code: item.code, ruling_ref: rulingRef, ruling_date: date },
			at: now
		});
	});
}

/**
 * The SAMPLE city's book: SAMPLE_TARIFF_BOOK («نمونه — sample») published for `jalaliYear`, when
 * the database has no tariff book at all. Returns its id, or null when books already exist.
 */
export async function seedSampleTariffBook(db: Kysely<DB>, jalaliYear: number, { now = new Date() } = {}): Promise<number | null> {
	const any = await db.selectFrom('tariff_books').select('id').limit(1).executeTakeFirst();
	if (any) return null;
	const document = sampleBookFor(jalaliYear);
	return db.transaction().execute(async (trx) => {
		const id = await insertBook(trx, { jalali_year: jalaliYear, document, sha256: bookSha256(document), is_sample: true, created_by: null });
		await insertBookEvent(trx, { book_id: id, actor_user_id: null, action: 'created', details: { sample: true }, at: now });
		await publishIn(trx, null, id, now);
		return id;
	});
}

import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, TariffBookAction, TariffBooks, TariffBookStatusColumn } from '../db/schema';
import type { Annulment, BookDocument } from './book-document';

/** The tariff books' tables; the only fees module besides the assessment and zone value repositories that touches Kysely. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type BookRow = Omit<Selectable<TariffBooks>, 'document'> & { document: BookDocument };

export interface BookSummary {
	id: number;
	jalali_year: number;
	status: TariffBookStatusColumn;
	sha256: string;
	is_sample: boolean;
	title_fa: string;
	title_en: string;
	created_at: Date;
	published_at: Date | null;
	superseded_by: number | null;
	assessments: number;
}

export async function findBook(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<BookRow | undefined> {
	let q = db.selectFrom('tariff_books').selectAll().where('id', '=', id);
	if (options.forUpdate) q = q.forUpdate();
	return (await q.executeTakeFirst()) as BookRow | undefined;
}

export async function findPublishedBook(db: Executor, jalaliYear: number, options: { forUpdate?: boolean } = {}): Promise<BookRow | undefined> {
	let q = db.selectFrom('tariff_books').selectAll().where('jalali_year', '=', jalaliYear).where('status', '=', 'published');
	if (options.forUpdate) q = q.forUpdate();
	return (await q.executeTakeFirst()) as BookRow | undefined;
}

export async function listBookSummaries(db: Executor): Promise<BookSummary[]> {
	return db
		.selectFrom('tariff_books as b')
		.select([
			'b.id',
			'b.jalali_year',
			'b.status',
			'b.sha256',
			'b.is_sample',
			'b.created_at',
			'b.published_at',
			'b.superseded_by',
			sql<string>`b.document->'title'->>'fa'`.as('title_fa'),
			sql<string>`b.document->'title'->>'en'`.as('title_en'),
			sql<number>`(select count(*)::int from fee_assessments a where a.book_id = b.id)`.as('assessments')
		])
		.orderBy('b.jalali_year', 'desc')
		.orderBy('b.id', 'desc')
		.execute();
}

export async function insertBook(
	db: Executor,
	row: { jalali_year: number; document: BookDocument; sha256: string; is_sample: boolean; created_by: number | null }
): Promise<number> {
	const { id } = await db
		.insertInto('tariff_books')
		.values({ ...row, document: JSON.stringify(row.document) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function updateDraftDocument(db: Executor, id: number, document: BookDocument, sha256: string): Promise<void> {
	await db
		.updateTable('tariff_books')
		.set({ document: JSON.stringify(document), sha256, jalali_year: document.jalali_year })
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.execute();
}

export async function markPublished(db: Executor, id: number, at: Date, by: number | null): Promise<void> {
	await db.updateTable('tariff_books').set({ status: 'published', published_at: at, published_by: by }).where('id', '=', id).execute();
}

export async function markSuperseded(db: Executor, id: number, at: Date, by: number): Promise<void> {
	await db.updateTable('tariff_books').set({ status: 'superseded', superseded_at: at, superseded_by: by }).where('id', '=', id).execute();
}

export async function setDraftStatus(db: Executor, id: number, status: 'draft' | 'approved'): Promise<void> {
	await db.updateTable('tariff_books').set({ status }).where('id', '=', id).execute();
}

export async function insertBookEvent(
	db: Executor,
	event: { book_id: number; actor_user_id: number | null; action: TariffBookAction; details?: Record<string, unknown>; at?: Date }
): Promise<void> {
	await db
		.insertInto('tariff_book_events')
		.values({ ...event, details: JSON.stringify(event.details ?? {}) })
		.execute();
}

export async function listBookEvents(db: Executor, bookId: number) {
	return db
		.selectFrom('tariff_book_events as e')
		.leftJoin('users as u', 'u.id', 'e.actor_user_id')
		.select(['e.id', 'e.at', 'e.action', 'e.details', 'u.display_name as actor'])
		.where('e.book_id', '=', bookId)
		.orderBy('e.id')
		.execute();
}

export async function listAnnulments(db: Executor, bookId: number): Promise<Annulment[]> {
	return db
		.selectFrom('tariff_item_annulments')
		.select(['item_code', 'ruling_ref', sql<string | null>`ruling_date::text`.as('ruling_date')])
		.where('book_id', '=', bookId)
		.orderBy('id')
		.execute();
}

export async function insertAnnulment(
	db: Executor,
	row: { book_id: number; item_code: string; ruling_ref: string; ruling_date: string | null; annulled_by: number | null; annulled_at?: Date }
): Promise<void> {
	await db.insertInto('tariff_item_annulments').values(row).execute();
}

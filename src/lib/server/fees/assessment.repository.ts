import { sql, type Selectable } from 'kysely';
import type { FeeAssessments } from '../db/schema';
import type { Executor } from './book.repository';

export type AssessmentRow = Selectable<FeeAssessments>;

export async function findAssessment(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<AssessmentRow | undefined> {
	let q = db.selectFrom('fee_assessments').selectAll().where('id', '=', id);
	if (options.forUpdate) q = q.forUpdate();
	return q.executeTakeFirst();
}

export async function findAssessmentByBill(db: Executor, billId: string, paymentId: string): Promise<AssessmentRow | undefined> {
	return db.selectFrom('fee_assessments').selectAll().where('bill_id', '=', billId).where('payment_id', '=', paymentId).executeTakeFirst();
}

/**
 * The file a new assessment belongs to: the latest assessment of the same case and request kind
 * (or, without a case, of the same parcel and kind), locked so two re-assessments queue.
 */
export async function latestOfFile(
	db: Executor,
	key: { case_id: number | null; parcel_id: number; request_kind: string }
): Promise<{ file_id: number; period: number } | undefined> {
	let q = db
		.selectFrom('fee_assessments')
		.select(['file_id', 'period'])
		.where('request_kind', '=', key.request_kind)
		.orderBy('id', 'desc')
		.limit(1)
		.forUpdate();
	q = key.case_id === null ? q.where('case_id', 'is', null).where('parcel_id', '=', key.parcel_id) : q.where('case_id', '=', key.case_id);
	return q.executeTakeFirst();
}

/**
 * Serialises assessments of one case (or one parcel without a case): its row stays locked until
 * commit. Returns the locked row's parcel, or undefined when it does not exist.
 */
export async function lockFileOwner(db: Executor, key: { case_id: number | null; parcel_id: number }): Promise<{ parcel_id: number } | undefined> {
	return key.case_id === null
		? db.selectFrom('parcels').select('id as parcel_id').where('id', '=', key.parcel_id).forUpdate().executeTakeFirst()
		: db.selectFrom('cases').select('parcel_id').where('id', '=', key.case_id).forUpdate().executeTakeFirst();
}

export async function nextFileId(db: Executor): Promise<number> {
	const { rows } = await sql<{ n: number }>`select nextval('fee_file_seq')::int as n`.execute(db);
	return rows[0].n;
}

/** Closes the file's open assessment, if any (a re-assessment replaces it). */
export async function cancelOpenOfFile(db: Executor, fileId: number, at: Date): Promise<void> {
	await db.updateTable('fee_assessments').set({ status: 'cancelled', closed_at: at }).where('file_id', '=', fileId).where('status', '=', 'open').execute();
}

export type NewAssessment = Omit<AssessmentRow, 'id' | 'inputs' | 'input_sources' | 'lines' | 'paid_at' | 'closed_at' | 'status' | 'excavation_work_id'> & {
	status: AssessmentRow['status'];
	/** An excavation work's assessment has a work instead of a parcel (migrations/0090). */
	excavation_work_id?: number | null;
	inputs: Record<string, unknown>;
	input_sources: Record<string, unknown>;
	lines: unknown;
};

export async function insertAssessment(db: Executor, row: NewAssessment): Promise<number> {
	const { id } = await db
		.insertInto('fee_assessments')
		.values({ ...row, inputs: JSON.stringify(row.inputs), input_sources: JSON.stringify(row.input_sources), lines: JSON.stringify(row.lines) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function markAssessmentPaid(db: Executor, id: number, at: Date): Promise<void> {
	await db.updateTable('fee_assessments').set({ status: 'paid', paid_at: at }).where('id', '=', id).where('status', '=', 'open').execute();
}

export async function markAssessmentExpired(db: Executor, id: number, at: Date): Promise<void> {
	await db.updateTable('fee_assessments').set({ status: 'expired', closed_at: at }).where('id', '=', id).where('status', '=', 'open').execute();
}

/** What the assessment page shows beside the lines: the case, parcel and book it belongs to. */
export async function assessmentContext(db: Executor, row: AssessmentRow) {
	return db
		.selectFrom('tariff_books as b')
		.leftJoin('parcels as p', (j) => j.on('p.id', '=', row.parcel_id ?? -1))
		.leftJoin('cases as c', (j) => j.on('c.id', '=', row.case_id ?? -1))
		.leftJoin('excavation_works as w', (j) => j.on('w.id', '=', row.excavation_work_id ?? -1))
		.select([
			'b.is_sample',
			'b.jalali_year as book_year',
			'b.status as book_status',
			'p.renovation_code',
			'p.address',
			'p.district_id',
			'c.tracking_code',
			'c.title_fa as case_title_fa',
			'c.title_en as case_title_en',
			'w.reference as excavation_reference'
		])
		.where('b.id', '=', row.book_id)
		.executeTakeFirstOrThrow();
}

/** The verified payment of an assessment, if it was paid. */
export async function paidPaymentOf(db: Executor, assessmentId: number) {
	return db
		.selectFrom('payments')
		.select(['id', 'ref_id', 'gateway', 'verified_at'])
		.where('assessment_id', '=', assessmentId)
		.where('status', '=', 'paid')
		.executeTakeFirst();
}

/** The labels a book gives the values of its text inputs: variable → value → {fa, en}. */
export async function bookValueLabels(db: Executor, bookId: number): Promise<Record<string, Record<string, { fa: string; en: string }>>> {
	const { rows } = await sql<{ name: string; value: string; fa: string; en: string }>`
		select v->>'name' as name, x->>'value' as value, x->'label'->>'fa' as fa, x->'label'->>'en' as en
		from tariff_books b, jsonb_array_elements(b.document->'variables') v, jsonb_array_elements(coalesce(v->'values', '[]'::jsonb)) x
		where b.id = ${bookId}`.execute(db);
	const labels: Record<string, Record<string, { fa: string; en: string }>> = {};
	for (const r of rows) (labels[r.name] ??= {})[r.value] = { fa: r.fa, en: r.en };
	return labels;
}

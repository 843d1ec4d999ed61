import { sql, type Selectable } from 'kysely';
import type { FeeAssessments, FeeBills } from '../db/schema';
import type { Executor } from './book.repository';

export type AssessmentRow = Selectable<FeeAssessments>;
export type BillRow = Selectable<FeeBills>;

export async function findAssessment(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<AssessmentRow | undefined> {
	let q = db.selectFrom('fee_assessments').selectAll().where('id', '=', id);
	if (options.forUpdate) q = q.forUpdate();
	return q.executeTakeFirst();
}

/** The assessment one of whose bills (the only one or an instalment) is this pair, with that bill. */
export async function findAssessmentByBill(db: Executor, billId: string, paymentId: string): Promise<{ assessment: AssessmentRow; bill: BillRow } | undefined> {
	const bill = await db.selectFrom('fee_bills').selectAll().where('bill_id', '=', billId).where('payment_id', '=', paymentId).executeTakeFirst();
	if (!bill) return undefined;
	const assessment = await findAssessment(db, bill.assessment_id);
	return assessment && { assessment, bill };
}

/** An assessment's bills in order, each with its verified payment when it has one. */
export async function billsOf(db: Executor, assessmentId: number) {
	return db
		.selectFrom('fee_bills as b')
		.leftJoin('payments as p', (j) =>
			j.onRef('p.assessment_id', '=', 'b.assessment_id').onRef('p.bill_id', '=', 'b.bill_id').onRef('p.payment_id', '=', 'b.payment_id').on('p.status', '=', 'paid')
		)
		.select(['b.id', 'b.seq', 'b.period', 'b.bill_id', 'b.payment_id', 'b.amount_rial', 'p.id as paid_payment_id', 'p.ref_id', 'p.gateway', 'p.verified_at'])
		.where('b.assessment_id', '=', assessmentId)
		.orderBy('b.seq')
		.execute();
}

/** How many of an assessment's bills have no verified payment yet. */
export async function unpaidBillCount(db: Executor, assessmentId: number): Promise<number> {
	const { rows } = await sql<{ n: number }>`
		select count(*)::int as n from fee_bills b
		where b.assessment_id = ${assessmentId}
		  and not exists (select 1 from payments p where p.assessment_id = b.assessment_id and p.bill_id = b.bill_id and p.payment_id = b.payment_id and p.status = 'paid')`.execute(db);
	return rows[0].n;
}

/** Whether the file's open assessment already has a bill paid (a split fee paid in part). */
export async function openOfFilePartlyPaid(db: Executor, fileId: number): Promise<boolean> {
	const row = await db
		.selectFrom('fee_assessments as a')
		.innerJoin('payments as p', 'p.assessment_id', 'a.id')
		.select('p.id')
		.where('a.file_id', '=', fileId)
		.where('a.status', '=', 'open')
		.where('p.status', '=', 'paid')
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * The file a new assessment belongs to: the latest assessment of the same case and request kind
 * (or, without a case, of the same parcel and kind), locked so two re-assessments queue.
 */
export async function latestOfFile(
	db: Executor,
	key: { case_id: number | null; parcel_id: number; request_kind: string }
): Promise<{ file_id: number; period: number } | undefined> {
	// the period of the file's last bill: a split assessment used one period per instalment
	let q = db
		.selectFrom('fee_assessments')
		.select(['file_id', sql<number>`coalesce((select max(b.period) from fee_bills b where b.assessment_id = fee_assessments.id), fee_assessments.period)`.as('period')])
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

export type NewBill = Omit<BillRow, 'id' | 'assessment_id'>;

/**
 * Writes an assessment and its bills: `bills` when given (a split fee's instalments), else the
 * one bill the row itself carries (when anything is due). The row's bill id and payment id must
 * be those of the first bill.
 */
export async function insertAssessment(db: Executor, row: NewAssessment, bills?: readonly NewBill[]): Promise<number> {
	const { id } = await db
		.insertInto('fee_assessments')
		.values({ ...row, inputs: JSON.stringify(row.inputs), input_sources: JSON.stringify(row.input_sources), lines: JSON.stringify(row.lines) })
		.returning('id')
		.executeTakeFirstOrThrow();
	const own: NewBill[] = row.bill_id && row.payment_id ? [{ seq: 1, period: row.period, bill_id: row.bill_id, payment_id: row.payment_id, amount_rial: row.total_rial }] : [];
	const all = bills ?? own;
	if (all.length && (all[0].bill_id !== row.bill_id || all[0].payment_id !== row.payment_id)) throw new Error('insertAssessment: the first bill must be the one the assessment carries');
	if (all.length) await db.insertInto('fee_bills').values(all.map((b) => ({ ...b, assessment_id: id }))).execute();
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
			sql<{ fa?: string; en?: string } | null>`b.document->'title'`.as('book_title'),
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

/** The verified payments of an assessment (one per bill paid), in the order they were made. */
export async function paidPaymentsOf(db: Executor, assessmentId: number) {
	return db
		.selectFrom('payments')
		.select(['id', 'ref_id', 'gateway', 'verified_at', 'bill_id', 'payment_id', 'amount_rial'])
		.where('assessment_id', '=', assessmentId)
		.where('status', '=', 'paid')
		.orderBy('id')
		.execute();
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

/** The variables each of a book's lookup tables is keyed by, in order: table → [variable, …]. */
export async function bookTableDimensions(db: Executor, bookId: number): Promise<Record<string, string[]>> {
	const { rows } = await sql<{ name: string; dimensions: string[] }>`
		select t->>'name' as name, t->'dimensions' as dimensions
		from tariff_books b, jsonb_array_elements(coalesce(b.document->'tables', '[]'::jsonb)) t
		where b.id = ${bookId} and jsonb_typeof(t->'dimensions') = 'array'`.execute(db);
	return Object.fromEntries(rows.map((r) => [r.name, r.dimensions]));
}

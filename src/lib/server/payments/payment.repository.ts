import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, Payments } from '../db/schema';

/** The payments table: one row per attempt to pay an assessment through a gateway. */
export type Executor = Kysely<DB> | Transaction<DB>;
export type PaymentRow = Selectable<Payments>;

export async function insertPayment(
	db: Executor,
	row: { assessment_id: number; gateway: string; authority: string; bill_id: string; payment_id: string; amount_rial: number; requested_by: number | null; requested_at: Date }
): Promise<number> {
	const { id } = await db.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function findPaymentByAuthority(db: Executor, authority: string, options: { forUpdate?: boolean } = {}): Promise<PaymentRow | undefined> {
	let q = db.selectFrom('payments').selectAll().where('authority', '=', authority);
	if (options.forUpdate) q = q.forUpdate();
	return q.executeTakeFirst();
}

export async function findPayment(db: Executor, id: number): Promise<PaymentRow | undefined> {
	return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The one change a pending payment sees when verified; nothing else is ever rewritten. */
export async function markPaymentPaid(db: Executor, id: number, paid: { ref_id: string; at: Date; callback: Record<string, string> }): Promise<void> {
	await db
		.updateTable('payments')
		.set({ status: 'paid', ref_id: paid.ref_id, verified_at: paid.at, callback: JSON.stringify(paid.callback) })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.execute();
}

export async function markPaymentCancelled(db: Executor, id: number, callback: Record<string, string>): Promise<boolean> {
	const result = await db
		.updateTable('payments')
		.set({ status: 'cancelled', callback: JSON.stringify(callback) })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, SandboxGatewayTransactions } from '../db/schema';

/** The sandbox gateway's own ledger (sandbox_gateway_transactions): the "PSP side" of a payment. */
type Executor = Kysely<DB> | Transaction<DB>;
export type SandboxTransaction = Selectable<SandboxGatewayTransactions>;

export async function insertSandboxTransaction(
	db: Executor,
	row: { authority: string; amount_rial: number; callback_url: string; description: string; bill_id: string; payment_id: string }
): Promise<void> {
	await db.insertInto('sandbox_gateway_transactions').values(row).execute();
}

export async function findSandboxTransaction(db: Executor, authority: string, options: { forUpdate?: boolean } = {}): Promise<SandboxTransaction | undefined> {
	let q = db.selectFrom('sandbox_gateway_transactions').selectAll().where('authority', '=', authority);
	if (options.forUpdate) q = q.forUpdate();
	return q.executeTakeFirst();
}

/** The payer's choice on the gateway page; only a transaction still waiting for it changes. */
export async function settleSandboxTransaction(
	db: Executor,
	authority: string,
	outcome: { status: 'paid'; ref_id: string; at: Date } | { status: 'cancelled' }
): Promise<boolean> {
	const set = outcome.status === 'paid' ? { status: 'paid' as const, ref_id: outcome.ref_id, paid_at: outcome.at } : { status: 'cancelled' as const };
	const result = await db
		.updateTable('sandbox_gateway_transactions')
		.set(set)
		.where('authority', '=', authority)
		.where('status', '=', 'requested')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function markSandboxVerified(db: Executor, authority: string, at: Date): Promise<void> {
	await db.updateTable('sandbox_gateway_transactions').set({ verified_at: at }).where('authority', '=', authority).where('verified_at', 'is', null).execute();
}

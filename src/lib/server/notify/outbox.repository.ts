import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, Outbox } from '../db/schema';

export type OutboxMessage = Selectable<Outbox>;
type Executor = Kysely<DB> | Transaction<DB>;

export async function insertOutboxMessage(db: Executor, recipient: string, body: string): Promise<OutboxMessage> {
	return db.insertInto('outbox').values({ channel: 'sms', recipient, body }).returningAll().executeTakeFirstOrThrow();
}

/** Newest first: what the admin page's sandbox view lists. */
export async function listOutbox(db: Executor, options: { recipient?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
	let query = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(options.limit ?? 100);
	if (options.recipient) query = query.where('recipient', '=', options.recipient);
	return query.execute();
}

/** Forgets what the sandbox "sent" before `before` (it held sign-in codes in clear). */
export async function deleteOutboxBefore(db: Executor, before: Date): Promise<number> {
	const result = await db.deleteFrom('outbox').where('created_at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { DomainError } from '../errors';

/**
 * Runs `fn` inside a savepoint of `trx`: a domain refusal is rolled back to it and returned (the
 * transaction goes on), anything else is thrown.
 */
export async function inSavepoint<T>(trx: Transaction<DB>, name: string, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: DomainError }> {
	await sql`savepoint ${sql.id(name)}`.execute(trx);
	try {
		const value = await fn();
		await sql`release savepoint ${sql.id(name)}`.execute(trx);
		return { ok: true, value };
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		await sql`rollback to savepoint ${sql.id(name)}`.execute(trx);
		return { ok: false, error: err };
	}
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Queryable = Kysely<DB> | Transaction<DB>;

/**
 * Runs the planners' queries with PostgreSQL's JIT compiler and parallel workers off. PostGIS
 * functions declare high costs, so a district's conflicts cross `jit_above_cost` and LLVM spends
 * seconds compiling a query that runs in tens of milliseconds (measured on 200,000 parcels: 5.1 s
 * of JIT for a 0.8 s query); starting workers costs more than the few thousand rows they would
 * share. Inside a caller's transaction the settings hold until that transaction ends.
 */
async function off(db: Queryable) {
	await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(db);
}

export async function withoutJit<T>(db: Queryable, work: (db: Queryable) => Promise<T>): Promise<T> {
	if (db.isTransaction) {
		await off(db);
		return work(db);
	}
	return db.transaction().execute(async (trx) => {
		await off(trx);
		return work(trx);
	});
}

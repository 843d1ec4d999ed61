import {
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type CompiledQuery,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult
} from 'kysely';
import type pg from 'pg';

/**
 * A Kysely dialect for statements that stand alone (the tiles'): each one is handed to the pool
 * as a whole (pg's `pool.query`), which takes a connection, runs it and gives the connection back in
 * its own callback. Kysely's PostgreSQL dialect checks a connection out, runs the statement on it and
 * releases it, three steps awaited one after another: for a light tile that dance cost a third of the
 * server's own work per request (a z16 streets tile of the 1M city: ≈ 130 µs of CPU per request with
 * it, ≈ 100 µs with this, side by side with wrk at 6 in flight; BENCHMARKS.md, eighth session).
 *
 * There is no connection to hold, so there are no transactions: a statement that needs one belongs on
 * the app's own Kysely. `run` decides where a statement goes (the primary's pool; the replica's, with
 * its fall-back to the primary) and whether it is prepared (`runPrepared`).
 */
export type RunStatement = (text: string, values: readonly unknown[]) => Promise<pg.QueryResult>;

export class StatementDialect implements Dialect {
	constructor(private readonly run: RunStatement) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new StatementDriver(this.run);
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
}

const NO_TRANSACTIONS = 'the tile connections run statements one at a time, without transactions: use the app database for a transaction';

class StatementDriver implements Driver {
	readonly #connection: DatabaseConnection;

	constructor(run: RunStatement) {
		this.#connection = {
			async executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
				const { rows, rowCount, command } = await run(sql, parameters);
				const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
				return { rows: rows as R[], ...(changed && rowCount !== null ? { numAffectedRows: BigInt(rowCount) } : {}) };
			},
			streamQuery() {
				throw new Error('the tile connections do not stream rows');
			}
		};
	}
	async init() {}
	async acquireConnection() {
		return this.#connection;
	}
	async beginTransaction(): Promise<void> {
		throw new Error(NO_TRANSACTIONS);
	}
	async commitTransaction(): Promise<void> {
		throw new Error(NO_TRANSACTIONS);
	}
	async rollbackTransaction(): Promise<void> {
		throw new Error(NO_TRANSACTIONS);
	}
	async releaseConnection() {}
	/** The pools are ended by their owner (database.ts). */
	async destroy() {}
}

import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult
} from 'kysely';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Kysely dialect for PGlite. Kysely 0.29 ships one but needs Node 22; this is the same idea:
 * PGlite is a single connection, so connections are handed out one at a time (a transaction
 * holds the connection until it commits or rolls back).
 */
export class PGliteDialect implements Dialect {
	constructor(private readonly pglite: PGlite) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new PGliteDriver(this.pglite);
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
}

class PGliteDriver implements Driver {
	#queue: Promise<void> = Promise.resolve();
	readonly #connection: PGliteConnection;

	constructor(pglite: PGlite) {
		this.#connection = new PGliteConnection(pglite);
	}

	async init() {}

	async acquireConnection(): Promise<DatabaseConnection> {
		let release!: () => void;
		const previous = this.#queue;
		this.#queue = new Promise<void>((resolve) => (release = resolve));
		await previous;
		this.#connection.release = release;
		return this.#connection;
	}

	async beginTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('begin'));
	}
	async commitTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}
	async rollbackTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async releaseConnection(connection: DatabaseConnection) {
		(connection as PGliteConnection).release?.();
	}

	async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
	release: (() => void) | undefined;
	constructor(private readonly pglite: PGlite) {}

	async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
		// Without parameters use the simple protocol, which (like pg) accepts several statements:
		// migrations are plain SQL files.
		const result =
			compiled.parameters.length === 0
				? ((await this.pglite.exec(compiled.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
				: await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
		const affected = result.affectedRows;
		return {
			rows: result.rows as R[],
			...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {})
		};
	}

	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('PGlite does not support streaming queries');
	}
}

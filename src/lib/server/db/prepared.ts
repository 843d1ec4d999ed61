import { createHash } from 'node:crypto';
import { sql, type PostgresPool, type PostgresPoolClient, type RawBuilder } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements for the hottest reads (the tiles; the parcel panel's, the proposal
 * check's and the excavation check's statements). A one-off statement is parsed,
 * analysed and planned by PostgreSQL on every run: for a light tile (a district, a few zoning
 * polygons) that is more than half of the database's work (≈0.2 ms of ≈0.3 ms, gis/bench-tiles.ts).
 * A statement marked with `prepared(...)` is prepared once per connection under a name derived from
 * its text and then only bound and executed (the protocol's extended query with a statement name,
 * as pg's `{ name, text, values }`), with PostgreSQL's own plan cache deciding between custom and
 * generic plans. Unmarked statements go through untouched.
 *
 * Kysely sends every statement as `query(text, values)`; the PostgreSQL pools (the primary and the
 * replica) hand Kysely clients whose `query` names the marked ones (`preparingClient`).
 */
const MARK = '/* pelak:prepared */ ';

/** The statement, marked to be prepared on each connection that runs it. */
export function prepared<T>(statement: RawBuilder<T>): RawBuilder<T> {
	return sql<T>`${sql.raw(MARK)}${statement}`;
}

/** Statement texts (a few per tile layer and zoom) → their names; bounded in case of a surprise. */
const names = new Map<string, string>();
const MAX_NAMES = 1000;

function statementName(text: string): string {
	let name = names.get(text);
	if (name === undefined) {
		name = `pelak_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
		if (names.size >= MAX_NAMES) names.clear();
		names.set(text, name);
	}
	return name;
}

/**
 * Runs a statement on a pg client, or on a pool (which lends it a connection for the statement):
 * under its name when it is marked, else as a one-off.
 */
export function runStatement(on: pg.ClientBase | pg.Pool, text: string, values?: ReadonlyArray<unknown>): Promise<pg.QueryResult> {
	const client = on as pg.ClientBase;
	if (!text.startsWith(MARK)) return client.query(text, values as unknown[]);
	return client.query({ name: statementName(text), text, values: values as unknown[] });
}

/** A pool client whose `query` prepares the marked statements; cursors pass through. */
export function preparingClient(client: pg.PoolClient): PostgresPoolClient {
	const query = (text: unknown, values?: ReadonlyArray<unknown>) =>
		typeof text === 'string' ? runStatement(client, text, values) : client.query(text as never);
	return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
}

/** The pool as Kysely sees it, its clients preparing the marked statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
	return {
		connect: async () => preparingClient(await pool.connect()),
		end: () => pool.end()
	};
}

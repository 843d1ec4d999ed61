import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type CompiledQuery, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect';
import { embeddedPostgis } from './postgis-bundle';
import { pgliteListeners, postgresListeners, type Listener, type ListenOptions } from './notifications';
import { preparingPool, runStatement } from './prepared';
import { Replica } from './replica';
import type { DB } from './schema';

export type Backend = 'embedded' | 'postgres';

export interface Database {
	/** The primary: every write, and reads that must see the latest state. */
	db: Kysely<DB>;
	backend: Backend;
	/**
	 * Reads that may lag a moment behind the primary: the streaming replica when `DATABASE_REPLICA_URL`
	 * is set (the primary while it is unreachable), else the primary itself (`=== db`). Never for writes.
	 * A request of someone who has just written reads through `readsAfter` instead (hooks.server.ts
	 * gives routes `locals.readDb`).
	 */
	replica: Kysely<DB>;
	/** Whether a separate replica is configured. */
	hasReplica: boolean;
	/**
	 * The Kysely to read from for a request whose author's last write left the primary's WAL at `lsn`
	 * (null: no recent write): the replica once it has replayed that far, else the primary.
	 */
	readsAfter(lsn: string | null | undefined): Promise<Kysely<DB>>;
	/** With a replica: the primary's WAL position now (after a write has committed); null without one. */
	walPosition(): Promise<string | null>;
	/**
	 * Where the tile statements of a read from `reader` (`db`, `replica` or what `readsAfter` gave) run:
	 * on PostgreSQL the same server through connections of their own, whose plan cache keeps one
	 * generic plan per statement (see `TILE_SESSION`), each statement handed to their pool whole;
	 * embedded, `reader` itself.
	 */
	tilesOn(reader: Kysely<DB>): Statements;
	/** LISTEN on a channel (see notifications.ts); closed with the database. */
	listen(options: ListenOptions): Promise<Listener>;
	close(): Promise<void>;
}

/**
 * Runs one compiled statement standing alone (no transaction around it) and gives its rows: the
 * tiles' hot path (`Database.tilesOn`).
 */
export type Statements = <R>(query: CompiledQuery<R>) => Promise<R[]>;

/** Statements through a Kysely (its plugins, its transaction if it is one). */
export function statementsOn(db: Kysely<DB>): Statements {
	return async (query) => (await db.executeQuery(query)).rows;
}

/**
 * Statements handed to a pg pool whole (`pool.query`, which lends each a connection in its own
 * callback), by `run` (a pool, or the replica with its fall-back to the primary). Not through Kysely:
 * its executor checks a connection out, runs the statement on it and releases it in a chain of awaited
 * steps, a dozen promises per statement, and with SvelteKit's AsyncLocalStorage on (it is once a page
 * has been served) every promise costs a hook call. Measured on a bare server in front of the 1M city
 * (wrk, 6 in flight): a z16 streets tile cost 110–120 µs of the server's CPU per request through a
 * checked-out connection, 95–100 µs handed to the pool; a z14 widening-lines tile 160–210 against
 * 125–130 µs (BENCHMARKS.md, eighth session).
 */
function statementsThrough(run: (text: string, values: readonly unknown[]) => Promise<pg.QueryResult>): Statements {
	return <R>(query: CompiledQuery<R>) => run(query.sql, query.parameters).then((result) => result.rows as R[]);
}

// int8 (ids, counts) and numeric (areas, percentages) arrive as strings from both drivers.
// Ids stay far below 2^53 and areas need no more than double precision.
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

export interface OpenOptions {
	databaseUrl: string | null;
	dataDir: string;
	/** Pool size for PostgreSQL (and for the replica). */
	poolSize?: number;
	/** A streaming replica of `databaseUrl` to send lagging-tolerant reads to (PostgreSQL only). */
	replicaUrl?: string | null;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if (options.replicaUrl && !options.databaseUrl) {
		throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL: the embedded database has no replica');
	}
	return options.databaseUrl
		? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.replicaUrl ?? null)
		: openEmbedded(options.dataDir);
}

/**
 * The tile connections' session. A tile statement is prepared once per connection (prepared.ts), but
 * PostgreSQL's plan cache ('auto') compares the generic plan's estimate with the custom plans' and kept
 * planning every light tile afresh: the custom plan, knowing the tile's envelope, always looks cheaper.
 * Planning is most of a light tile's cost (a districts tile at z16 of the 1M city: 11,000 tiles/s
 * planned each time against 30,000/s prepared, pgbench), so the endpoint ran at half of PostgreSQL's
 * pace. Every tile statement finds its features by the envelope through the layer's GiST index, which
 * the generic plan uses too (tests/integration/tiles.test.ts), so tiles keep the generic plan. Only on
 * these connections: the app's other statements (one-off, with parameters) are planned as before.
 */
const TILE_SESSION = '-c plan_cache_mode=force_generic_plan';

function postgresPool(connectionString: string, max: number, extra: pg.PoolConfig = {}): pg.Pool {
	const pool = new pg.Pool({ connectionString, max, ...extra });
	// An idle connection the server ends (restart, admin command, network) must not take the process
	// down with an unhandled 'error' event; the pool replaces it on the next query.
	pool.on('error', (err: Error & { code?: string }) => {
		if (err.code !== '57P01') console.error('[pelak] idle PostgreSQL connection failed:', err.message);
	});
	// A connection in use (mid-request, between a transaction's statements) gets that error on the
	// client itself, where the pool's handler is not attached: without this listener it ended the
	// process. The statement in flight fails, and the pool drops the broken client when it is released.
	pool.on('connect', (client) => {
		client.on('error', (err: Error & { code?: string }) => {
			if (err.code !== '57P01') console.error('[pelak] PostgreSQL connection in use failed:', err.message);
		});
	});
	return pool;
}

const kyselyOn = (pool: PostgresPool) => new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

function openPostgres(connectionString: string, max: number, replicaUrl: string | null): Database {
	const pool = postgresPool(connectionString, max);
	const db = kyselyOn(preparingPool(pool));
	const listeners = postgresListeners(connectionString);
	// the tile statements' own connections (TILE_SESSION), to the primary and to the replica
	const tilePool = postgresPool(connectionString, max, { options: TILE_SESSION, application_name: 'pelak-tiles' });
	const tiles = statementsThrough((text, values) => runStatement(tilePool, text, values));
	const replica = replicaUrl
		? new Replica({ replicaUrl, primary: pool, max, tiles: { primary: tilePool, applicationName: 'pelak-tile-reads', options: TILE_SESSION } })
		: null;
	const replicaDb = replica ? kyselyOn(replica.pool) : db;
	const replicaTiles = replica ? statementsThrough((text, values) => replica.tileQuery(text, values)) : tiles;
	return {
		db,
		backend: 'postgres',
		replica: replicaDb,
		hasReplica: replica !== null,
		async readsAfter(lsn) {
			return !replica || (await replica.replayed(lsn)) ? replicaDb : db;
		},
		async walPosition() {
			if (!replica) return null;
			const { rows } = await pool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
			return rows[0].lsn;
		},
		tilesOn: (reader) => (reader === replicaDb ? replicaTiles : tiles),
		listen: listeners.listen,
		async close() {
			await listeners.closeAll();
			await tilePool.end();
			if (replicaDb !== db) await replicaDb.destroy();
			await db.destroy();
		}
	};
}

async function openEmbedded(dataDir: string): Promise<Database> {
	fs.mkdirSync(dataDir, { recursive: true });
	const releaseLock = lockDataDir(dataDir);
	try {
		const { PGlite } = await import('@electric-sql/pglite');
		// pg_trgm: the trigram indexes of the audit log's person filter (migration 0165), a 16 kB bundle
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		const pglite: PGlite = await PGlite.create(dataDir, {
			extensions: { postgis: await embeddedPostgis(), pg_trgm },
			parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) }
		});
		const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
		const tiles = statementsOn(db);
		return {
			db,
			backend: 'embedded',
			replica: db,
			hasReplica: false,
			readsAfter: async () => db,
			walPosition: async () => null,
			tilesOn: (reader) => (reader === db ? tiles : statementsOn(reader)),
			listen: pgliteListeners(pglite, db).listen,
			async close() {
				await db.destroy();
				await pglite.close();
				releaseLock();
			}
		};
	} catch (err) {
		releaseLock();
		throw err;
	}
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A pid file refuses that with a message that says what to do.
 */
function lockDataDir(dataDir: string): () => void {
	const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
	try {
		const holder = Number(fs.readFileSync(lockFile, 'utf8'));
		if (holder && holder !== process.pid && isAlive(holder)) {
			throw new Error(
				`The embedded database at ${dataDir} is in use by process ${holder}. ` +
					'Stop that process (e.g. the running server) or set DATABASE_URL to use PostgreSQL.'
			);
		}
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
	}
	fs.writeFileSync(lockFile, String(process.pid));
	return () => {
		try {
			if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
		} catch {
			/* already gone */
		}
	};
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

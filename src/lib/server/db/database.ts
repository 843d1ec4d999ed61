import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect';
import { pgliteListeners, postgresListeners, type Listener, type ListenOptions } from './notifications';
import { preparingPool, runStatement } from './prepared';
import { Replica } from './replica';
import { StatementDialect } from './statement-dialect';
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
	 * generic plan per statement (see `TILE_SESSION`); embedded, `reader` itself.
	 */
	tilesOn(reader: Kysely<DB>): Kysely<DB>;
	/** LISTEN on a channel (see notifications.ts); closed with the database. */
	listen(options: ListenOptions): Promise<Listener>;
	close(): Promise<void>;
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
	const replica = replicaUrl ? new Replica({ replicaUrl, primary: pool, max }) : null;
	const replicaDb = replica ? kyselyOn(replica.pool) : db;
	// the tile statements' own connections (TILE_SESSION), to the primary and to the replica, each
	// statement standing alone (StatementDialect)
	const tilePool = postgresPool(connectionString, max, { options: TILE_SESSION, application_name: 'pelak-tiles' });
	const tilesDb = new Kysely<DB>({ dialect: new StatementDialect((text, values) => runStatement(tilePool, text, values)) });
	const tileReplica = replicaUrl
		? new Replica({ replicaUrl, primary: tilePool, max, applicationName: 'pelak-tile-reads', options: TILE_SESSION })
		: null;
	const tilesReplicaDb = tileReplica ? new Kysely<DB>({ dialect: new StatementDialect((text, values) => tileReplica.query(text, values)) }) : tilesDb;
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
		tilesOn: (reader) => (reader === replicaDb ? tilesReplicaDb : tilesDb),
		listen: listeners.listen,
		async close() {
			await listeners.closeAll();
			await tileReplica?.end();
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
		const { postgis } = await import('@electric-sql/pglite-postgis');
		const pglite: PGlite = await PGlite.create(dataDir, {
			extensions: { postgis },
			parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) }
		});
		const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
		return {
			db,
			backend: 'embedded',
			replica: db,
			hasReplica: false,
			readsAfter: async () => db,
			walPosition: async () => null,
			tilesOn: (reader) => reader,
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

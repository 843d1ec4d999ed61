import pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { runStatement } from './prepared';

/**
 * Reads from a streaming replica (`DATABASE_REPLICA_URL`), with the primary behind it.
 *
 * - `pool` is what the replica's Kysely runs on: it hands out replica connections, and primary ones
 *   while the replica cannot be reached (logged once when it goes, once when it is back; tried again
 *   every RETRY_MS). A statement that loses its replica connection, or is cancelled by a conflict with
 *   recovery, runs again on the primary (outside a transaction only).
 * - `replayed(lsn)`: whether the replica has replayed the primary's WAL up to `lsn`, the position
 *   after someone's write (read-your-writes). The replica's replay position is remembered and only
 *   asked again while it is behind what a request needs.
 */

/** How long a replica found down is left alone before it is tried again. */
const RETRY_MS = 5000;
/** A replica that does not accept a connection within this is treated as down. */
const CONNECT_TIMEOUT_MS = 1000;

/** A WAL position as PostgreSQL prints it (`16/B374D848`). */
const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** The LSN as a number (compare with <, >=), or null when it is not one. */
export function lsnValue(lsn: string | null | undefined): bigint | null {
	const m = lsn ? LSN.exec(lsn) : null;
	return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** Connection-level failures: the statement never ran, or its session is gone. */
function lostConnection(err: unknown): boolean {
	const e = err as { code?: string; message?: string };
	if (typeof e?.code === 'string') {
		if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(e.code)) return true;
		// admin_shutdown, crash_shutdown, cannot_connect_now, connection exceptions
		if (['57P01', '57P02', '57P03'].includes(e.code) || e.code.startsWith('08')) return true;
		// a standby cancels a read that holds up the replay of a change ("conflict with recovery")
		if (e.code === '40001' && /recovery/i.test(e.message ?? '')) return true;
	}
	return /Connection terminated|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

const guarded = new WeakSet<pg.PoolClient>();

export interface ReplicaOptions {
	replicaUrl: string;
	/** The primary's pool: where reads go while the replica is down. */
	primary: pg.Pool;
	max: number;
	/**
	 * The tile statements' own sessions (`tileQuery`): their pool on the primary, and the name and
	 * run-time settings (libpq's `options`, TILE_SESSION) of theirs on the replica.
	 */
	tiles: { primary: pg.Pool; applicationName: string; options: string };
}

function replicaPool(connectionString: string, max: number, applicationName: string, options?: string): pg.Pool {
	const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: applicationName, options });
	pool.on('error', (err: Error & { code?: string }) => {
		// an idle replica connection ended (the replica stopped or restarted): the next acquire decides
		if (err.code !== '57P01') console.error('[pelak] idle replica connection failed:', err.message);
	});
	return pool;
}

export class Replica {
	readonly #replica: pg.Pool;
	readonly #primary: pg.Pool;
	readonly #tiles: { replica: pg.Pool; primary: pg.Pool };
	#downSince: number | null = null;
	#retryAt = 0;
	/** The replica's replay position last seen. */
	#replayed: bigint = 0n;
	/** The replica answered but is not in recovery (pointed at a primary): everything is "replayed". */
	#notStandby = false;

	constructor({ replicaUrl, primary, max, tiles }: ReplicaOptions) {
		this.#primary = primary;
		this.#replica = replicaPool(replicaUrl, max, 'pelak-replica-reads');
		this.#tiles = { replica: replicaPool(replicaUrl, max, tiles.applicationName, tiles.options), primary: tiles.primary };
	}

	/** Whether reads currently go to the primary because the replica is unreachable. */
	get down(): boolean {
		return this.#downSince !== null;
	}

	/** The pool the replica's Kysely runs on. */
	readonly pool: PostgresPool = {
		connect: () => this.#connect(),
		end: () => this.end()
	};

	/** Closes the replica's connections (the primary's pools are their owner's). */
	async end(): Promise<void> {
		await Promise.all([this.#replica.end(), this.#tiles.replica.end()]);
	}

	/**
	 * Whether the replica has replayed the WAL up to `lsn`. False when it is down or behind (the caller
	 * reads from the primary then); true for a missing or malformed `lsn` (the replica's pool falls
	 * back to the primary by itself when the replica is down).
	 */
	async replayed(lsn: string | null | undefined): Promise<boolean> {
		const needed = lsnValue(lsn);
		if (needed === null || this.#notStandby) return true;
		if (this.down && Date.now() < this.#retryAt) return false;
		if (this.#replayed >= needed) return true;
		try {
			const { rows } = await this.#replica.query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn');
			this.#up();
			const now = lsnValue(rows[0]?.lsn);
			if (now === null) {
				this.#notStandby = true;
				console.warn('[pelak] DATABASE_REPLICA_URL is not a standby (pg_last_wal_replay_lsn() is null): reading from it as is');
				return true;
			}
			if (now > this.#replayed) this.#replayed = now;
			return now >= needed;
		} catch (err) {
			// whatever the replica could not answer, the primary can
			if (lostConnection(err)) this.#wentDown(err as Error);
			else console.warn(`[pelak] could not read the replica's replay position (${(err as Error).message}): reading from the primary`);
			return false;
		}
	}

	/**
	 * A tile statement, standing alone (`Database.tilesOn`): on the replica's tile sessions, whose pool
	 * lends it a connection; on the primary's tile pool while the replica is down, and again there when
	 * the replica's connection is lost under it. Down or up is one state for all of the replica's reads.
	 */
	tileQuery(text: string, values: readonly unknown[]): Promise<pg.QueryResult> {
		const { replica, primary } = this.#tiles;
		return this.#replicaOrPrimary(
			() => runStatement(replica, text, values),
			() => runStatement(primary, text, values)
		);
	}

	#connect(): Promise<PostgresPoolClient> {
		return this.#replicaOrPrimary(
			async () => this.#withFallback(await this.#replica.connect()),
			() => this.#primary.connect()
		);
	}

	/**
	 * `onReplica`, or `onPrimary` while the replica is down (until it is due to be tried again) and when
	 * `onReplica` finds it unreachable, which marks it down; an answer from it marks it up.
	 */
	async #replicaOrPrimary<T>(onReplica: () => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
		if (this.down && Date.now() < this.#retryAt) return onPrimary();
		let result: T;
		try {
			result = await onReplica();
		} catch (err) {
			if (!lostConnection(err)) throw err;
			this.#wentDown(err as Error);
			return onPrimary();
		}
		this.#up();
		return result;
	}

	/** The replica connection, with its statements run again on the primary if the connection is lost. */
	#withFallback(client: pg.PoolClient): PostgresPoolClient {
		// pg-pool listens for a connection's errors only while it is idle: a replica that goes away while
		// one is checked out (or just after) must not become an uncaught 'error' event
		if (!guarded.has(client)) {
			guarded.add(client);
			client.on('error', (err: Error) => this.#wentDown(err));
		}
		let inTransaction = false;
		const run = async (text: string, values?: ReadonlyArray<unknown>) => {
			const control = /^\s*(begin|start|commit|rollback|end|savepoint|release)\b/i.test(text);
			if (/^\s*(begin|start transaction)/i.test(text)) inTransaction = true;
			else if (/^\s*(commit|rollback|end)\b/i.test(text) && !/^\s*rollback to/i.test(text)) inTransaction = false;
			try {
				return await runStatement(client, text, values);
			} catch (err) {
				// inside a transaction the statements before this one were on the replica: nothing to repeat
				if (inTransaction || control || !lostConnection(err)) throw err;
				this.#wentDown(err as Error);
				const primary = await this.#primary.connect();
				try {
					return await runStatement(primary, text, values);
				} finally {
					primary.release();
				}
			}
		};
		// a cursor (streamed query) is handed over as it is: it is returned synchronously
		const query = (text: unknown, values?: ReadonlyArray<unknown>) =>
			typeof text === 'string' ? run(text, values) : client.query(text as never);
		return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
	}

	#wentDown(err: Error) {
		this.#retryAt = Date.now() + RETRY_MS;
		if (this.#downSince !== null) return;
		this.#downSince = Date.now();
		console.warn(`[pelak] read replica unavailable (${err.message}): reading from the primary, trying the replica again every ${RETRY_MS / 1000} s`);
	}

	#up() {
		if (this.#downSince === null) return;
		console.log(`[pelak] read replica back after ${((Date.now() - this.#downSince) / 1000).toFixed(1)} s: reads go to it again`);
		this.#downSince = null;
	}
}

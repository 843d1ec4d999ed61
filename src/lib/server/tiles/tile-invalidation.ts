import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { Listener } from '../db/notifications';
import { tileTouches, type MercatorBox } from './tile-cache';
import type { TileCoord } from './tile-coords';

/** The channel migrations/0060_tile_freshness.sql reports tile changes on. */
export const TILE_CHANNEL = 'pelak_tiles';
/** Each instance's listening session is named this plus its id (pg_stat_activity.application_name). */
const LISTENER_NAME = 'pelak-tiles ';
/** How long a write waits for the instances to confirm before it is answered anyway (and a warning logged). */
const SETTLE_TIMEOUT_MS = 2000;
const RECONNECT_MS = [250, 1000, 5000];
/** Invalidations remembered for renders in flight; a render older than all of them is not cached. */
const LOG_LENGTH = 512;
/** A WAL position no replica reaches: renders go to the primary. */
const UNREACHABLE_LSN = 'FFFFFFFF/FFFFFFFF';

/**
 * POSTs that only read: a drawing sent to be checked against the city (the body carries it). They
 * change no tile, so their answer does not wait for a barrier round trip (`settle`), which a
 * drawing checked live at every edit would otherwise pay each time.
 */
const READ_ONLY_POSTS = /^\/api\/(excavations\/check|parcels\/[^/]+\/proposal-check)\/?$/;

/** Whether a request may write, and so is answered only once the tiles it changed are gone everywhere. */
export function mayChangeTiles(method: string, pathname: string): boolean {
	if (method === 'GET' || method === 'HEAD') return false;
	return !(method === 'POST' && READ_ONLY_POSTS.test(pathname));
}

/** A layer's changed boxes; `boxes: null` is the whole layer, `layer: null` every layer. */
export interface Invalidation {
	layer: string | null;
	boxes: readonly MercatorBox[] | null;
}

type Notice =
	| { layer: string; boxes: MercatorBox[] | null }
	| { barrier: string; from: string }
	| { ack: string; by: string };

interface Barrier {
	echoed: () => void;
	acks: Set<string>;
	acked: () => void;
	/** Stops waiting (the listening connection was lost or closed). */
	release: () => void;
}

/**
 * Keeps this instance's tile cache in step with the database, and writes acknowledged only once the
 * tiles they changed are gone from every instance's cache.
 *
 * The database reports each change to a tiled table on TILE_CHANNEL at commit (0060's triggers);
 * every instance LISTENs and applies each notice as it arrives, in commit order. A render remembers
 * the epoch it started at and is cached only if no invalidation touching it arrived meanwhile
 * (`changedSince`): a render that read the old rows is then either refused or evicted afterwards.
 *
 * `settle`, after a write: on PostgreSQL another instance's notice comes back asynchronously, so the
 * writer sends a barrier notice on the same channel. Notices arrive in commit order, so when the
 * writer hears its own barrier it has applied its own change; when every instance that was listening
 * when the barrier was sent has answered it (`ack`), they all have. On PGlite (one process) the
 * listeners run before the COMMIT returns, so there is nothing to wait for.
 *
 * While the listening connection is down the instance may miss notices: its cache is emptied and not
 * used (`live` false) until it listens again, and emptied once more then.
 */
export class TileInvalidation {
	readonly id = randomUUID();
	#listener: Listener | null = null;
	#starting: Promise<void> | null = null;
	#live = false;
	#closed = false;
	#failures = 0;
	#epoch = 0;
	#log: { epoch: number; change: Invalidation }[] = [];
	#changes = 0;
	readonly #barriers = new Map<string, Barrier>();
	#walHeard: Promise<string | null> = Promise.resolve(null);
	#walAsking = false;
	#walAgain = false;

	constructor(
		private readonly database: Pick<Database, 'backend' | 'listen'> & { hasReplica?: boolean },
		private readonly apply: (change: Invalidation) => void
	) {}

	/** Whether cached tiles may be served and stored: the instance hears every change. */
	get live(): boolean {
		return this.#live;
	}

	/** Advances with every invalidation applied; a render takes it before reading. */
	get epoch(): number {
		return this.#epoch;
	}

	/** Tile change notices heard so far; `settle` compares it with the value at a request's start. */
	get changesHeard(): number {
		return this.#changes;
	}

	/**
	 * With a read replica: the primary's WAL position taken after the last tile change was heard. A
	 * replica that has replayed this far sees every change heard so far, so a tile it renders may be
	 * cached under the same rule as one the primary renders (`changedSince`). Null: nothing heard yet.
	 */
	walHeard(): Promise<string | null> {
		return this.#walHeard;
	}

	/** Starts listening (once); resolves when the first attempt has succeeded or failed. */
	start(): Promise<void> {
		this.#starting ??= this.#connect();
		return this.#starting;
	}

	/** Whether an invalidation applied after `epoch` touches the layer's tile. */
	changedSince(epoch: number, layer: string, tile: TileCoord): boolean {
		if (epoch === this.#epoch) return false;
		if (!this.#log.length || this.#log[0].epoch > epoch + 1) return true;
		return this.#log.some(
			({ epoch: e, change }) =>
				e > epoch &&
				(change.layer === null || change.layer === layer) &&
				(change.boxes === null || change.boxes.some((box) => tileTouches(tile, box)))
		);
	}

	/**
	 * Resolves once every change committed before the call is applied by every listening instance.
	 * `heardBefore`: `changesHeard` when the write began; if no change was heard since, the write
	 * changed no tile and only this instance's barrier is awaited.
	 */
	async settle(heardBefore: number): Promise<void> {
		if (this.database.backend !== 'postgres' || this.#closed) return;
		if (!this.#live) await this.start();
		const listener = this.#listener;
		if (!this.#live || !listener) return;
		const id = randomUUID();
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		let echoed!: () => void;
		const heard = new Promise<void>((resolve) => (echoed = resolve));
		const barrier: Barrier = { echoed, acks: new Set(), acked: () => {}, release };
		this.#barriers.set(id, barrier);
		try {
			// one statement: who listens is read before the barrier is committed, so each of them hears it
			const [{ listeners }] = await listener.query<{ listeners: string[] }>(
				`select array(select application_name from pg_stat_activity
				   where datname = current_database() and application_name like $1 || '%') as listeners,
				 pg_notify($2, $3)`,
				[LISTENER_NAME, TILE_CHANNEL, JSON.stringify({ barrier: id, from: this.id })]
			);
			if (!(await within(Promise.race([heard, released]), 'this instance'))) return;
			if (this.#changes === heardBefore) return;
			const others = listeners.map((name) => name.slice(LISTENER_NAME.length)).filter((other) => other !== this.id);
			const allAnswered = () => others.every((other) => barrier.acks.has(other));
			if (allAnswered()) return;
			const answered = new Promise<void>((resolve) => (barrier.acked = () => allAnswered() && resolve()));
			await within(Promise.race([answered, released]), `${others.length} other instance(s)`);
		} catch (error) {
			// the write has committed: answer it, and let the lost connection empty the caches
			console.warn(`[pelak] could not confirm a write's tile changes: ${(error as Error).message}`);
		} finally {
			this.#barriers.delete(id);
		}
	}

	async close(): Promise<void> {
		this.#closed = true;
		this.#live = false;
		for (const barrier of this.#barriers.values()) barrier.release();
		await this.#listener?.close();
		this.#listener = null;
	}

	async #connect(): Promise<void> {
		try {
			this.#listener = await this.database.listen({
				channel: TILE_CHANNEL,
				name: LISTENER_NAME + this.id,
				onNotice: (payload) => this.#onNotice(payload),
				onLost: (error) => this.#onLost(error)
			});
			if (this.#closed) return void (await this.#listener.close());
			this.#failures = 0;
			// whatever was cached before (and changed while nobody listened) is unknown
			this.#invalidate({ layer: null, boxes: null });
			this.#askWal();
			this.#live = true;
		} catch (error) {
			this.#onLost(error as Error);
		}
	}

	#onLost(error: Error) {
		this.#live = false;
		this.#listener = null;
		this.#invalidate({ layer: null, boxes: null });
		for (const barrier of this.#barriers.values()) barrier.release();
		if (this.#closed) return;
		const wait = RECONNECT_MS[Math.min(this.#failures++, RECONNECT_MS.length - 1)];
		console.warn(`[pelak] tile change notices lost (${error.message}); tiles uncached, listening again in ${wait} ms`);
		setTimeout(() => {
			this.#starting = this.#connect();
		}, wait).unref();
	}

	#onNotice(payload: string) {
		let notice: Notice;
		try {
			notice = JSON.parse(payload) as Notice;
		} catch {
			return;
		}
		if ('layer' in notice) {
			this.#changes++;
			this.#invalidate({ layer: notice.layer, boxes: notice.boxes });
			this.#askWal();
		} else if ('barrier' in notice) {
			if (notice.from === this.id) this.#barriers.get(notice.barrier)?.echoed();
			else this.#listener?.notify(JSON.stringify({ ack: notice.barrier, by: this.id })).catch(() => {});
		} else if ('ack' in notice) {
			const barrier = this.#barriers.get(notice.ack);
			if (barrier) {
				barrier.acks.add(notice.by);
				barrier.acked();
			}
		}
	}

	/** Asks the primary for its WAL position now; a burst of notices shares the questions in flight. */
	#askWal() {
		const listener = this.#listener;
		if (!this.database.hasReplica || !listener) return;
		if (this.#walAsking) return void (this.#walAgain = true);
		this.#walAsking = true;
		this.#walHeard = (async () => {
			try {
				let lsn: string;
				do {
					this.#walAgain = false;
					[{ lsn }] = await listener.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn', []);
				} while (this.#walAgain);
				return lsn;
			} catch {
				// the listening connection failed, so the cache is off; renders read the primary meanwhile
				return UNREACHABLE_LSN;
			} finally {
				this.#walAsking = false;
			}
		})();
	}

	#invalidate(change: Invalidation) {
		this.#epoch++;
		this.#log.push({ epoch: this.#epoch, change });
		if (this.#log.length > LOG_LENGTH) this.#log.splice(0, this.#log.length - LOG_LENGTH);
		this.apply(change);
	}
}

/** Waits for `promise` up to SETTLE_TIMEOUT_MS; false (and a warning) when it did not come. */
async function within(promise: Promise<void>, what: string): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SETTLE_TIMEOUT_MS)));
	const result = await Promise.race([promise.then(() => true as const), timedOut]);
	clearTimeout(timer);
	if (!result) console.warn(`[pelak] a write was answered before ${what} confirmed its tile changes (${SETTLE_TIMEOUT_MS} ms)`);
	return result;
}

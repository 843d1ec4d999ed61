import { describe, expect, it, vi } from 'vitest';
import type { Listener, ListenOptions } from '../db/notifications';
import { mayChangeTiles, TileInvalidation, type Invalidation } from './tile-invalidation';
import type { MercatorBox } from './tile-cache';

/**
 * PostgreSQL's LISTEN/NOTIFY as the protocol sees it: every notice reaches every listening session,
 * in order, each session after its own delay; `query` (the barrier statement) answers who listens
 * and sends its notice.
 */
class FakeNotices {
	readonly sessions: (ListenOptions & { delayMs: number; open: boolean })[] = [];
	/** When set, the barrier statement fails with it (a connection dropped mid-request). */
	failQueries: Error | null = null;

	/** The primary's WAL position, as `pg_current_wal_lsn()` answers it; moves with every notice. */
	wal = 0;

	database(delayMs = 0, hasReplica = false) {
		return {
			backend: 'postgres' as const,
			hasReplica,
			listen: async (options: ListenOptions): Promise<Listener> => {
				const session = { ...options, delayMs, open: true };
				this.sessions.push(session);
				return {
					notify: async (payload) => this.publish(payload),
					query: async <R>(text: string, values: unknown[]) => {
						if (this.failQueries) throw this.failQueries;
						if (text.includes('pg_current_wal_lsn')) return [{ lsn: `0/${this.wal.toString(16).toUpperCase()}` }] as R[];
						const listeners = this.sessions.filter((s) => s.open).map((s) => s.name);
						this.publish(values[2] as string);
						return [{ listeners }] as R[];
					},
					close: async () => void (session.open = false)
				};
			}
		};
	}

	publish(payload: string) {
		this.wal += 0x100;
		for (const s of this.sessions) if (s.open) setTimeout(() => s.open && s.onNotice(payload), s.delayMs);
	}

	change(layer: string, boxes: MercatorBox[] | null) {
		this.publish(JSON.stringify({ layer, boxes }));
	}
}

const NEAR: MercatorBox = [5752400, 3849700, 5752420, 3849720];
const TILE_OF_NEAR = { z: 16, x: 42175, y: 26472 };

function instance(notices: FakeNotices, delayMs = 0) {
	const applied: Invalidation[] = [];
	const invalidation = new TileInvalidation(notices.database(delayMs), (change) => applied.push(change));
	return { invalidation, applied };
}

describe('TileInvalidation with a read replica', () => {
	it('takes the primary’s WAL position after each change it hears, for renders on the replica to wait for', async () => {
		const notices = new FakeNotices();
		const invalidation = new TileInvalidation(notices.database(0, true), () => {});
		await invalidation.start();
		const first = await invalidation.walHeard();
		expect(first).toMatch(/^0\/[0-9A-F]+$/);
		notices.change('parcels', [NEAR]);
		await vi.waitFor(async () => expect(await invalidation.walHeard()).not.toBe(first));
		const after = Number.parseInt((await invalidation.walHeard())!.split('/')[1], 16);
		expect(after).toBeGreaterThanOrEqual(Number.parseInt(first!.split('/')[1], 16) + 0x100);
		await invalidation.close();
	});

	it('takes none without a replica', async () => {
		const notices = new FakeNotices();
		const invalidation = new TileInvalidation(notices.database(), () => {});
		await invalidation.start();
		notices.change('parcels', [NEAR]);
		await new Promise((r) => setTimeout(r, 10));
		expect(await invalidation.walHeard()).toBeNull();
		await invalidation.close();
	});
});

describe('TileInvalidation', () => {
	it('answers a write only once every listening instance has applied its change', async () => {
		const notices = new FakeNotices();
		const a = instance(notices);
		const b = instance(notices, 80);
		await a.invalidation.start();
		await b.invalidation.start();
		const heard = a.invalidation.changesHeard;
		notices.change('parcels', [NEAR]); // committed by the write
		await a.invalidation.settle(heard);
		expect(b.applied.at(-1)).toEqual({ layer: 'parcels', boxes: [NEAR] });
	});

	it('answers a write that changed no tile after its own barrier, without waiting for the others', async () => {
		const notices = new FakeNotices();
		const a = instance(notices);
		const b = instance(notices, 1500);
		await a.invalidation.start();
		await b.invalidation.start();
		const started = Date.now();
		await a.invalidation.settle(a.invalidation.changesHeard);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('answers a write whose barrier cannot be sent rather than failing it after it committed', async () => {
		const notices = new FakeNotices();
		const a = instance(notices);
		await a.invalidation.start();
		notices.failQueries = new Error('Connection terminated unexpectedly');
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		await expect(a.invalidation.settle(a.invalidation.changesHeard)).resolves.toBeUndefined();
		expect(warn).toHaveBeenCalledOnce();
		warn.mockRestore();
	});

	it('empties the cache and stops using it while it cannot hear changes, and empties it again once it hears them', async () => {
		vi.useFakeTimers();
		try {
			const notices = new FakeNotices();
			const a = instance(notices);
			const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
			await a.invalidation.start();
			expect(a.invalidation.live).toBe(true);
			const cleared = a.applied.length;
			notices.sessions[0].open = false;
			notices.sessions[0].onLost(new Error('connection reset'));
			expect(a.invalidation.live).toBe(false);
			expect(a.applied.slice(cleared)).toEqual([{ layer: null, boxes: null }]);
			await vi.advanceTimersByTimeAsync(300);
			expect(a.invalidation.live).toBe(true);
			expect(a.applied.slice(cleared)).toEqual([{ layer: null, boxes: null }, { layer: null, boxes: null }]);
			expect(warn).toHaveBeenCalledOnce();
			warn.mockRestore();
		} finally {
			vi.useRealTimers();
		}
	});

	it('tells a render whether a change touching its tile arrived while it ran', async () => {
		const notices = new FakeNotices();
		const a = instance(notices);
		await a.invalidation.start();
		const mark = a.invalidation.epoch;
		expect(a.invalidation.changedSince(mark, 'parcels', TILE_OF_NEAR)).toBe(false);
		notices.change('zoning', [NEAR]);
		notices.change('parcels', [[0, 0, 10, 10]]);
		await new Promise((r) => setTimeout(r, 10));
		expect(a.invalidation.changedSince(mark, 'parcels', TILE_OF_NEAR)).toBe(false);
		notices.change('parcels', [NEAR]);
		await new Promise((r) => setTimeout(r, 10));
		expect(a.invalidation.changedSince(mark, 'parcels', TILE_OF_NEAR)).toBe(true);
		expect(a.invalidation.changedSince(a.invalidation.epoch, 'parcels', TILE_OF_NEAR)).toBe(false);
	});

	it('treats a render older than every remembered change as stale', async () => {
		const notices = new FakeNotices();
		const a = instance(notices);
		await a.invalidation.start();
		const mark = a.invalidation.epoch;
		for (let i = 0; i < 600; i++) notices.change('zoning', [[0, 0, 1, 1]]);
		await new Promise((r) => setTimeout(r, 20));
		expect(a.invalidation.changedSince(mark, 'parcels', TILE_OF_NEAR)).toBe(true);
	});
});

describe('which requests wait for the tiles they changed', () => {
	it('every write, but not a read, nor a drawing posted only to be checked', () => {
		for (const [method, path] of [['POST', '/api/excavations'], ['POST', '/cases/12'], ['PUT', '/api/excavations/check'], ['DELETE', '/x'], ['POST', '/api/excavations/check/extra'], ['POST', '/api/cases/3/proposal']]) {
			expect(mayChangeTiles(method, path), `${method} ${path}`).toBe(true);
		}
		for (const [method, path] of [['GET', '/cases/12'], ['HEAD', '/'], ['POST', '/api/excavations/check'], ['POST', '/api/parcels/41/proposal-check']]) {
			expect(mayChangeTiles(method, path), `${method} ${path}`).toBe(false);
		}
	});
});

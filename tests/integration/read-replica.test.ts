import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { lsnValue } from '../../src/lib/server/db/replica';
import { walCookie, withWalCookie, WAL_COOKIE } from '../../src/lib/server/db/read-your-writes';
import { loadConfig } from '../../src/lib/server/config';
import { openTestDatabase, type TestDatabase } from '../db';
import { freePort } from '../../scripts/free-port';

/**
 * Read routing without a standby: the embedded database and PostgreSQL without DATABASE_REPLICA_URL
 * read from the primary; a replica URL nobody answers on falls back to the primary (logged), and one
 * that is not a standby is read as is. A real streaming replica: tests/e2e/replica.e2e.test.ts.
 */
let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});


describe('WAL positions and the read-your-writes cookie', () => {
	it('orders LSNs by their value, not their text', () => {
		expect(lsnValue('0/16B3748')! < lsnValue('0/A000000')!).toBe(true);
		expect(lsnValue('1/0')! > lsnValue('0/FFFFFFFF')!).toBe(true);
		expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
		expect(lsnValue('not an lsn')).toBeNull();
		expect(lsnValue('1/2/3')).toBeNull();
		expect(lsnValue(undefined)).toBeNull();
	});

	it('sets a short, http-only cookie, also on a response whose headers are immutable', () => {
		expect(walCookie('0/16B3748', true)).toMatch(new RegExp(`^${WAL_COOKIE}=0%2F16B3748; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax; Secure$`));
		const immutable = Response.redirect('http://example.org/', 303);
		const answered = withWalCookie(immutable, '0/1', false);
		expect(answered.status).toBe(303);
		expect(answered.headers.getSetCookie()[0]).toMatch(/^pelak_wal=0%2F1;/);
	});

	it('reads DATABASE_REPLICA_URL, and refuses it without DATABASE_URL', async () => {
		expect(loadConfig({ DATABASE_URL: 'postgres://a/b', DATABASE_REPLICA_URL: 'postgres://r/b' }).replicaUrl).toBe('postgres://r/b');
		expect(loadConfig({}).replicaUrl).toBeNull();
		await expect(openDatabase({ databaseUrl: null, dataDir: '/nonexistent', replicaUrl: 'postgres://r/b' })).rejects.toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
	});
});

describe(`reads without a replica (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('reads from the primary and takes no WAL position', async () => {
		expect(database.hasReplica).toBe(false);
		expect(database.replica).toBe(database.db);
		expect(await database.readsAfter('0/1')).toBe(database.db);
		expect(await database.readsAfter(null)).toBe(database.db);
		expect(await database.walPosition()).toBeNull();
	});
});

describe.runIf(process.env.DATABASE_URL)('a replica URL (PostgreSQL)', () => {
	let down: Database | null = null;
	let notStandby: Database | null = null;
	afterAll(async () => {
		await down?.close();
		await notStandby?.close();
	});

	it('falls back to the primary while the replica cannot be reached, and logs it once', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		try {
			const replicaUrl = new URL(database.url!);
			replicaUrl.port = String(await freePort());
			down = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 2, replicaUrl: replicaUrl.toString() });
			expect(down.hasReplica).toBe(true);
			for (let i = 0; i < 3; i++) {
				const { rows } = await sql<{ n: number }>`select count(*)::int as n from pelak_migrations`.execute(down.replica);
				expect(rows[0].n).toBeGreaterThan(0);
			}
			// someone who has just written reads the primary: the replica cannot confirm it has their write
			const lsn = await down.walPosition();
			expect(lsnValue(lsn)).not.toBeNull();
			expect(await down.readsAfter(lsn)).toBe(down.db);
			// tile statements meant for the replica run on the primary's tile connections meanwhile
			for (let i = 0; i < 3; i++) {
				const rows = await down.tilesOn(down.replica)(sql<{ name: string }>`select current_setting('application_name') as name`.compile(down.db));
				expect(rows[0].name).toBe('pelak-tiles');
			}
			// one replica, one state: its outage is told once, whichever reads found it
			const logged = warn.mock.calls.filter(([m]) => /read replica unavailable/.test(String(m)));
			expect(logged).toHaveLength(1);
		} finally {
			warn.mockRestore();
		}
	});

	it('reads a replica URL that is not a standby as it is', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		try {
			notStandby = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 2, replicaUrl: database.url });
			const lsn = await notStandby.walPosition();
			expect(await notStandby.readsAfter(lsn)).toBe(notStandby.replica);
			expect(notStandby.replica).not.toBe(notStandby.db);
			const { rows } = await sql<{ name: string }>`select current_setting('application_name') as name`.execute(notStandby.replica);
			expect(rows[0].name).toBe('pelak-replica-reads');
			expect(warn.mock.calls.some(([m]) => /not a standby/.test(String(m)))).toBe(true);
			// and the tile statements on the replica's own tile connections
			const tiles = notStandby.tilesOn(notStandby.replica);
			const session = await tiles(
				sql<{ name: string; mode: string }>`
					select current_setting('application_name') as name, current_setting('plan_cache_mode') as mode`.compile(notStandby.db)
			);
			expect(session[0]).toEqual({ name: 'pelak-tile-reads', mode: 'force_generic_plan' });
		} finally {
			warn.mockRestore();
		}
	});

	it('does not run a statement again on the primary inside a transaction', async () => {
		await expect(
			notStandby!.replica.transaction().execute(async (trx) => {
				await sql`select 1`.execute(trx);
				await sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);
			})
		).rejects.toThrow();
		// and the pool recovers for the next read
		const { rows } = await sql<{ one: number }>`select 1 as one`.execute(notStandby!.replica);
		expect(rows[0].one).toBe(1);
	});
});

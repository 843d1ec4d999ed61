/**
 * Dashboards, the transparency page and the planners' reads go to `locals.readDb` (the read replica
 * when DATABASE_REPLICA_URL is set), and the materialised figures are rebuilt on the primary, never
 * through the replica. On PostgreSQL the "replica" is the test database opened read-only
 * (default_transaction_read_only, as a standby refuses writes), in the pattern of
 * read-replica.test.ts: every write through it fails, so a rebuild attempted there would fail the
 * request. A real streaming replica: tests/e2e/replica.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/lib/server/db';
import type { DB } from '../../src/lib/server/db/schema';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, type CaseWorld } from '../factories/case-world';
import { dashboardReaders, refreshDashboard } from '../../src/lib/server/dashboard';
import { VIEWS } from '../../src/lib/server/dashboard/refresh';
import { GET as districtsApi } from '../../src/routes/api/dashboard/districts/+server';
import { GET as conflictsApi } from '../../src/routes/api/planning/setback-conflicts/+server';
import { load as transparencyLoad } from '../../src/routes/transparency/+page.server';
import type { DistrictReport } from '../../src/lib/api/dashboard';
import type { SessionUser } from '../../src/lib/server/auth';

let database: TestDatabase;
let world: CaseWorld;
beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	await refreshDashboard(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const planner: SessionUser = { id: 1, kind: 'staff', displayName: 'planner', nationalId: null, mobile: null, username: 'planner', roles: [{ role: 'planner', districtId: null, agencyKind: null, engineeringOfficeId: null }] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const locals = (db: Kysely<DB>, readDb: Kysely<DB>, user: SessionUser | null = null): any => ({ db, readDb, lang: 'fa', user });

async function refreshedAt(db: Kysely<DB>, view: string): Promise<Date | null> {
	const row = await db.selectFrom('dashboard_refreshes').select('refreshed_at').where('name', '=', view).executeTakeFirst();
	return row?.refreshed_at ?? null;
}

describe('which database a dashboard reads', () => {
	it('reads locals.readDb and rebuilds through locals.db', () => {
		const read = {} as Kysely<DB>;
		const primary = {} as Kysely<DB>;
		expect(dashboardReaders({ db: primary, readDb: read })).toEqual({ read, options: { primary } });
		expect(dashboardReaders({ db: primary }).read).toBe(primary);
	});
});

describe.runIf(process.env.DATABASE_URL)('dashboards on a read-only replica (PostgreSQL)', () => {
	let withReplica: Database;
	beforeAll(async () => {
		const replicaUrl = new URL(database.url!);
		replicaUrl.searchParams.set('options', '-c default_transaction_read_only=on');
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		withReplica = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 2, replicaUrl: replicaUrl.toString() });
		// it answers as a standby would to a write, and is read as is (not in recovery)
		await expect(sql`insert into pelak_settings (key, value) values ('replica_probe', 'x')`.execute(withReplica.replica)).rejects.toThrow(/read-only transaction/);
		expect(await withReplica.readsAfter(await withReplica.walPosition())).toBe(withReplica.replica);
		warn.mockRestore();
	});
	afterAll(async () => {
		await withReplica?.close();
	});

	it('answers stale figures from the replica and rebuilds them on the primary', async () => {
		await sql`update dashboard_refreshes set refreshed_at = now() - interval '1 day'`.execute(withReplica.db);
		const stale = (await refreshedAt(withReplica.db, VIEWS.facts))!;
		const response = await districtsApi({ url: new URL('http://pelak.test/api/dashboard/districts'), locals: locals(withReplica.db, withReplica.replica) } as never);
		expect(response.status).toBe(200);
		const report = (await response.json()) as DistrictReport;
		expect(report.districts.map((d) => d.district.code)).toEqual(['6', '7']);
		expect(new Date(report.freshness.cases_as_of!).getTime()).toBe(stale.getTime()); // served at once, as it was
		// the rebuild runs in the background on the primary
		for (let i = 0; i < 100 && (await refreshedAt(withReplica.db, VIEWS.facts))!.getTime() === stale.getTime(); i++) await new Promise((r) => setTimeout(r, 100));
		expect((await refreshedAt(withReplica.db, VIEWS.facts))!.getTime()).toBeGreaterThan(stale.getTime());
	});

	it('rebuilds a view never built on the primary before answering, and the transparency page reads the replica', async () => {
		await sql`delete from dashboard_refreshes where name = ${VIEWS.permits}`.execute(withReplica.db);
		const url = new URL('http://pelak.test/transparency');
		const page = (await transparencyLoad({ url, locals: locals(withReplica.db, withReplica.replica) } as never)) as { report: DistrictReport };
		expect(page.report.freshness.cases_as_of).not.toBeNull();
		expect(await refreshedAt(withReplica.db, VIEWS.permits)).not.toBeNull();
	});

	it('would fail a rebuild sent to the replica: the test replica is really read-only', async () => {
		await expect(refreshDashboard(withReplica.replica)).rejects.toThrow(/read-only transaction/);
	});

	it("answers the planners' conflicts from the replica", async () => {
		const response = await conflictsApi({ url: new URL('http://pelak.test/api/planning/setback-conflicts?view=districts'), locals: locals(withReplica.db, withReplica.replica, planner) } as never);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ rows: [], totals: { parcels: 0, proposals_beyond: 0 } });
	});
});

/**
 * Keeping the materialised figures fresh (migrations/0100, 0120, 0150, 0153): the facts (cases, street works, permits, fee
 * bills, the open imported cases per district) and their rollups (per district and day; the median's histogram) are rebuilt when older than
 * PELAK_DASHBOARD_MAX_AGE_S (60 s by default), the capacity (a spatial pass over every parcel) when older than ten
 * times that. The rollups are built from the facts, so they are rebuilt after them, in order, and record as
 * their time the oldest of the facts they were built from: a figure read off a rollup is as fresh as it says. A stale view is served at once while one rebuild runs
 * in the background (REFRESH … CONCURRENTLY: readers are never blocked); a view never rebuilt is
 * rebuilt before answering. `refreshDashboard` rebuilds both now (after the sample city loads, in
 * tests, or from an admin).
 *
 * With a read replica (DATABASE_REPLICA_URL) the figures are read from the replica and every
 * rebuild runs on the primary (a standby is read-only; the rebuilt views reach it by replication):
 * `ensureFresh` takes both and says which one the request should read.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

export const VIEWS = {
	facts: 'dashboard_case_facts',
	works: 'dashboard_work_facts',
	permits: 'dashboard_permit_facts',
	fees: 'dashboard_fee_facts',
	daily: 'dashboard_daily',
	pairs: 'dashboard_decided_pairs',
	legacy: 'dashboard_legacy_open',
	capacity: 'dashboard_district_capacity'
} as const;
const ORDER = ['facts', 'works', 'permits', 'fees', 'daily', 'pairs', 'legacy', 'capacity'] as const;
/** The facts each rollup is built from (it is rebuilt after them and is as old as the oldest). */
const SOURCES: Partial<Record<View, View[]>> = { daily: ['facts', 'works', 'permits', 'fees'], pairs: ['facts'] };
/** What the period's figures are read from: their "as of" is the oldest of these. */
export const CASE_FIGURE_VIEWS = ['facts', 'works', 'permits', 'fees', 'daily', 'pairs', 'legacy'] as const;
type View = keyof typeof VIEWS;

export function dashboardMaxAgeS(env: NodeJS.ProcessEnv = process.env): number {
	const n = Number(env.PELAK_DASHBOARD_MAX_AGE_S);
	return env.PELAK_DASHBOARD_MAX_AGE_S && Number.isFinite(n) && n >= 0 ? n : 60;
}

const running = new WeakMap<object, Map<View, Promise<void>>>();

async function refreshView(db: Kysely<DB>, view: View): Promise<void> {
	const started = Date.now();
	const sources = SOURCES[view] ?? [];
	// a rollup is as old as the oldest fact view it reads (read before it is rebuilt: never newer than its content)
	const asOf = sources.length
		? sql`coalesce((select min(refreshed_at) from dashboard_refreshes where name in (${sql.join(sources.map((v) => VIEWS[v]))})), now())`
		: sql`now()`;
	const { rows } = await sql<{ as_of: Date }>`select ${asOf} as as_of`.execute(db);
	await sql`refresh materialized view concurrently ${sql.table(VIEWS[view])}`.execute(db);
	await sql`insert into dashboard_refreshes (name, refreshed_at, took_ms) values (${VIEWS[view]}, ${sources.length ? rows[0].as_of : sql`now()`}, ${Date.now() - started})
		on conflict (name) do update set refreshed_at = excluded.refreshed_at, took_ms = excluded.took_ms`.execute(db);
}

/** One rebuild per view and database at a time; a second caller waits on the first. */
function singleFlight(db: Kysely<DB>, view: View): Promise<void> {
	let byView = running.get(db);
	if (!byView) running.set(db, (byView = new Map()));
	const current = byView.get(view);
	if (current) return current;
	const job = refreshView(db, view).finally(() => byView!.delete(view));
	byView.set(view, job);
	return job;
}

export async function refreshDashboard(db: Kysely<DB>): Promise<void> {
	for (const view of ORDER) await singleFlight(db, view);
}

export type RefreshState = Record<View, Date | null>;

export async function refreshState(db: Kysely<DB>): Promise<RefreshState> {
	const rows = await db.selectFrom('dashboard_refreshes').select(['name', 'refreshed_at']).execute();
	const at = (name: string) => rows.find((r) => r.name === name)?.refreshed_at ?? null;
	return Object.fromEntries(ORDER.map((v) => [v, at(VIEWS[v])])) as RefreshState;
}

export interface Freshness {
	state: RefreshState;
	/** Where this request reads the figures: the read side, or the primary right after rebuilding there. */
	db: Kysely<DB>;
}

/**
 * Makes sure the views are fresh enough to answer from: reads when each was built on `read` (the
 * replica or the primary), rebuilds on `primary` now what was never built (and then answers from the
 * primary, which has it), starts a background rebuild on `primary` of what is stale, and says when
 * each was built. Nothing is ever written through `read`.
 */
export async function ensureFresh(read: Kysely<DB>, maxAgeS: number, now = new Date(), primary: Kysely<DB> = read): Promise<Freshness> {
	let state = await refreshState(read);
	const ages: Record<View, number> = { facts: maxAgeS, works: maxAgeS, permits: maxAgeS, fees: maxAgeS, daily: maxAgeS, pairs: maxAgeS, legacy: maxAgeS, capacity: maxAgeS * 10 };
	let rebuilt = false;
	const stale: View[] = [];
	for (const view of ORDER) {
		const at = state[view];
		// a rollup is rebuilt with its facts: now if one of them was just built, else in the background after them
		const sources = SOURCES[view] ?? [];
		if (at === null || sources.some((v) => state[v] === null)) {
			await singleFlight(primary, view);
			rebuilt = true;
		} else if (sources.some((v) => stale.includes(v)) || now.getTime() - at.getTime() > ages[view] * 1000) {
			stale.push(view);
		}
	}
	if (stale.length) {
		// one after the other, in order: a rollup is rebuilt after the facts it reads
		(async () => {
			for (const view of stale) await singleFlight(primary, view);
		})().catch((err) => console.error('[pelak] dashboard: refreshing the figures failed', err));
	}
	if (!rebuilt) return { state, db: read };
	state = await refreshState(primary);
	return { state, db: primary };
}

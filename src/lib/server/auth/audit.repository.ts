import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { ClientInfo } from './session.service';
import type { AuditAction } from '../../domain/audit';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What goes to `audit_events`, the append-only log of everything outside a case's own timeline: one of
 * `AUDIT_ACTIONS` (src/lib/domain/audit.ts). Never a password, a code or a TOTP secret.
 */
export interface AuditEntry {
	action: AuditAction;
	actorUserId?: number | null;
	targetUserId?: number | null;
	reason?: string | null;
	details?: Record<string, unknown>;
	client?: ClientInfo | null;
	at?: Date;
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_events')
		.values({
			at: entry.at ?? new Date(),
			action: entry.action,
			actor_user_id: entry.actorUserId ?? null,
			target_user_id: entry.targetUserId ?? null,
			reason: entry.reason ?? null,
			details: JSON.stringify(entry.details ?? {}),
			ip: entry.client?.ip ?? null,
			user_agent: entry.client?.userAgent?.slice(0, 400) ?? null
		})
		.execute();
}

export interface AuditEventRow {
	id: number;
	at: Date;
	action: string;
	actorUserId: number | null;
	actorName: string | null;
	targetUserId: number | null;
	reason: string | null;
	details: Record<string, unknown>;
	ip: string | null;
}

/** Newest first: the admin page's audit view. */
export async function listAuditEvents(db: Executor, options: { limit?: number; targetUserId?: number } = {}): Promise<AuditEventRow[]> {
	let query = db
		.selectFrom('audit_events as e')
		.leftJoin('users as u', 'u.id', 'e.actor_user_id')
		.select(['e.id', 'e.at', 'e.action', 'e.actor_user_id', 'u.display_name', 'e.target_user_id', 'e.reason', 'e.details', 'e.ip'])
		.orderBy('e.id', 'desc')
		.limit(options.limit ?? 100);
	if (options.targetUserId) query = query.where('e.target_user_id', '=', options.targetUserId);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		at: r.at,
		action: r.action,
		actorUserId: r.actor_user_id,
		actorName: r.display_name,
		targetUserId: r.target_user_id,
		reason: r.reason,
		details: r.details,
		ip: r.ip
	}));
}

/** What the audit page asks of the log, resolved by the service: people to user ids, days to instants. */
export interface AuditSearch {
	/** the codes; null: every event */
	actions: readonly string[] | null;
	/** a person: their events as actor or target, and the failed sign-ins typed with `attemptedLogin` */
	person: { userIds: readonly number[]; attemptedLogin: string | null } | null;
	/** one account's events, as actor or target */
	userId: number | null;
	since: Date | null;
	until: Date | null;
	ip: { exact: string } | { prefix: string } | null;
	before: number | null;
	after: number | null;
	limit: number;
}

export interface AuditSearchRow {
	id: number;
	at: Date;
	action: string;
	actor_user_id: number | null;
	target_user_id: number | null;
	reason: string | null;
	details: Record<string, unknown>;
	ip: string | null;
	user_agent: string | null;
}

/** What a failed sign-in was tried with; the same expression as audit_events_attempted_login_idx (migrations/0159). */
const attemptedLogin = sql<string>`coalesce(e.details ->> 'username', e.details ->> 'nationalId')`;

function searchConditions(eb: ExpressionBuilder<DB & { e: DB['audit_events'] }, 'e'>, search: AuditSearch) {
	const all = [];
	if (search.person) {
		const { userIds, attemptedLogin: login } = search.person;
		const either = [];
		if (userIds.length) either.push(eb('e.actor_user_id', 'in', userIds), eb('e.target_user_id', 'in', userIds));
		if (login) either.push(eb.and([eb('e.action', '=', 'sign_in.failed'), eb(attemptedLogin, '=', login)]));
		all.push(eb.or(either));
	}
	if (search.userId !== null) all.push(eb.or([eb('e.actor_user_id', '=', search.userId), eb('e.target_user_id', '=', search.userId)]));
	if (search.since) all.push(eb('e.at', '>=', search.since));
	if (search.until) all.push(eb('e.at', '<', search.until));
	if (search.ip && 'exact' in search.ip) all.push(eb('e.ip', '=', search.ip.exact));
	// the prefix holds only [0-9a-f.:], none of LIKE's wildcards
	if (search.ip && 'prefix' in search.ip) all.push(eb('e.ip', 'like', `${search.ip.prefix}%`));
	if (search.before !== null) all.push(eb('e.id', '<', search.before));
	if (search.after !== null) all.push(eb('e.id', '>', search.after));
	return eb.and(all);
}

/**
 * One page of the audit log under the page's filters, by id: newest first, or, after `after`, the
 * oldest of the newer ones first (the caller turns them round), `limit` rows. Never OFFSET: a page
 * costs the same however old it is.
 *
 * - every event, or one code: the primary key, or audit_events_action_idx (action, id), read
 *   backwards from the cursor, stopping after `limit` rows;
 * - a group of codes: the same per code (a branch of a UNION ALL each, `limit` rows at most), merged,
 *   so a rare group is not found by walking the common sign-ins and a common one not by sorting all of it;
 * - a person or an account: audit_events_actor_idx / audit_events_target_idx, and for failed sign-ins
 *   the name typed, audit_events_attempted_login_idx: their rows found and the newest `limit` sorted
 *   out (what one person did: hundreds, not millions);
 * - an address: audit_events_ip_idx (ip, id); a period of up to two months: audit_events_at_idx, its
 *   events sorted (a longer one: the id order, filtered). tests/integration/audit-log.test.ts EXPLAINs each.
 */
/** The longest period read by time rather than in id order (see auditSearchQuery). */
const PERIOD_BY_TIME_MS = 62 * 86_400_000;

export function auditSearchQuery(db: Executor, search: AuditSearch) {
	const direction = search.after !== null ? 'asc' : 'desc';
	const columns = ['e.id', 'e.at', 'e.action', 'e.actor_user_id', 'e.target_user_id', 'e.reason', 'e.details', 'e.ip', 'e.user_agent'] as const;
	// A period of up to two months is read through audit_events_at_idx and its events sorted by id: the planner does not
	// know that ids follow time, and given the id order it walked every newer event from the newest to reach a month a year
	// back (0.4 s on a million events). `id + 0` takes the id order's index away from it; a longer period keeps it.
	const byPeriod = search.since !== null && (search.until ?? new Date()).getTime() - search.since.getTime() <= PERIOD_BY_TIME_MS;
	// A person or an account likewise: through their indexes, their events sorted. Given the id order, the planner walked
	// the log from the newest event whenever the account looked common in its statistics, and for one with few or no
	// events (a citizen who signed in once, an officer who left) read all of it: 1.2 s on a million events.
	const byAccount = search.person !== null || search.userId !== null;
	const order = byPeriod || byAccount ? sql<number>`e.id + 0` : sql<number>`e.id`;
	const read = (code: string | null) => {
		let query = db
			.selectFrom('audit_events as e')
			.select(columns)
			.where((eb) => searchConditions(eb, search));
		if (code !== null) query = query.where('e.action', '=', code);
		return query.orderBy(order, direction).limit(search.limit);
	};
	if (search.actions && search.actions.length > 1) {
		// one branch per code, each planned with its own value (a lateral join on unnest() was planned for the
		// average code, and walked the primary key for a rare one)
		const branches = search.actions.map((code) => db.selectFrom(read(code).as('b')).selectAll('b'));
		const union = branches.slice(1).reduce((all, branch) => all.unionAll(branch), branches[0]);
		return db.selectFrom(union.as('e')).selectAll('e').orderBy('e.id', direction).limit(search.limit);
	}
	return read(search.actions?.[0] ?? null);
}

export async function searchAuditEvents(db: Executor, search: AuditSearch): Promise<AuditSearchRow[]> {
	const rows = await auditSearchQuery(db, search).execute();
	return rows.map((r) => ({ ...r, id: Number(r.id), actor_user_id: r.actor_user_id === null ? null : Number(r.actor_user_id), target_user_id: r.target_user_id === null ? null : Number(r.target_user_id) }));
}

/** The most accounts one person filter may stand for: more, and the fragment names too many people to be a search. */
export const AUDIT_PEOPLE_MAX = 100;

/**
 * The query of the accounts a fragment names (not a whole national id, see `findAuditPeople`): anywhere in the
 * username, the display name or the national id, at most `AUDIT_PEOPLE_MAX` + 1 of them, in no order.
 *
 * - three characters or more: the trigram GIN indexes of migration 0165 (`users_username_trgm_idx`,
 *   `users_display_name_trgm_idx`, `users_national_id_trgm_idx`, on the bare columns as compared here), or, for a
 *   fragment the statistics find in many names («محمد»), the accounts in their order until 101 match, which stops
 *   within a few hundred rows. 300,000 accounts: 0.2–2 ms against 170–200 ms for the scan (BENCHMARKS.md,
 *   twenty-fifth session).
 * - two characters (the shortest the filter takes): no trigram to look up, so the accounts in their order until 101
 *   match. A pair of letters or digits is in thousands of names and national ids, so that stops early (~1 ms) and
 *   the filter says "too many"; only a pair in next to no name («ژژ») reads every account (~0.2 s at 300,000), a
 *   price left for a search that finds nobody rather than a second index for it.
 *
 * No ORDER BY: with one the planner could walk the primary key until 101 matched, reading a quarter of the table
 * for a fragment in 400 names (40–60 ms) where the trigram indexes take under a millisecond; the caller sorts.
 */
export function auditPeopleQuery(db: Executor, fragment: string) {
	const like = `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db
		.selectFrom('users')
		.select('id')
		.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like), eb('national_id', 'like', like)]))
		.limit(AUDIT_PEOPLE_MAX + 1);
}

/**
 * The accounts a person filter's fragment names: in the username, the display name or the national id
 * (at most `AUDIT_PEOPLE_MAX` + 1, so the caller can tell "too many"), by id. A whole national id names its
 * own account only, by the unique index; any other fragment is read as `auditPeopleQuery` says.
 */
export async function findAuditPeople(db: Executor, fragment: string): Promise<number[]> {
	// a whole national id (exactly ten digits, as every stored one is) is in no other account's: read
	// it by its unique index, not by a substring search (300,000 citizens: 0.7 ms against 187 ms for the scan)
	if (/^[0-9]{10}$/.test(fragment)) {
		const rows = await db.selectFrom('users').select('id').where('national_id', '=', fragment).execute();
		return rows.map((r) => Number(r.id));
	}
	const rows = await auditPeopleQuery(db, fragment).execute();
	return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export interface AuditPerson {
	id: number;
	kind: string;
	displayName: string;
	username: string | null;
}

/** The accounts a page of events names, by id. */
export async function findAuditAccounts(db: Executor, ids: readonly number[]): Promise<AuditPerson[]> {
	if (!ids.length) return [];
	const rows = await db.selectFrom('users').select(['id', 'kind', 'display_name', 'username']).where('id', 'in', [...new Set(ids)]).execute();
	return rows.map((r) => ({ id: Number(r.id), kind: r.kind, displayName: r.display_name, username: r.username }));
}

/**
 * The administrator's audit log in `npm run bench` (registered in gis/bench.ts): `/admin/audit`'s searches on a log
 * of BENCH_AUDIT_EVENTS events (1,000,000 by default: one a minute over two years, generated once into the bench
 * database, marked by their user agent), bare (`auditLogPage`: `searchAuditEvents` and the page's other reads) and
 * the page through HTTP as an administrator of the bench, each search one request at a time.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';
import { auditLogPage } from '../src/lib/server/admin';
import { parseAuditQuery } from '../src/lib/schemas/audit-query';
import { addCalendarDays, tehranDate } from '../src/lib/domain/working-days';
import { benchStaff } from './bench-accounts';

type Measure = (what: string, variants: [via: string, fn: (i: number) => Promise<number>][], distinct: number, inFlight?: number, requests?: number) => Promise<unknown>;

export interface AuditBenchContext {
	measure: Measure;
	httpGet: (path: string, headers?: Record<string, string>) => Promise<number>;
	notes: string[];
	log: (message: string) => void;
	/** Requests per search (one in flight). */
	requests?: number;
}

const MARK = 'pelak-bench';
const BATCH = 100_000;
/** The display names of the citizens' accounts the bench adds (a city's sign-ups, beyond the sample history's few). */
const CITIZEN = 'شهروند سنجه';

/**
 * Citizens' accounts until the bench's number `citizens`: a city of a million parcels has hundreds of thousands of
 * them, and the person filter looks the typed fragment up among all accounts. National ids 2000000001 on.
 */
export async function prepareAuditAccounts(db: Kysely<DB>, citizens: number, log: (m: string) => void): Promise<void> {
	const { n: have } = (await sql<{ n: number }>`select count(*)::int as n from users where display_name like ${`${CITIZEN} %`}`.execute(db)).rows[0];
	if (have >= citizens) return;
	const started = performance.now();
	await sql`
		insert into users (kind, national_id, mobile, display_name)
		select 'citizen', (2000000000 + g)::text, '09' || lpad(g::text, 9, '0'), ${CITIZEN} || ' ' || g
		from generate_series(${have + 1}::int, ${citizens}::int) g`.execute(db);
	await sql`analyze users`.execute(db);
	log(`${citizens} citizens' accounts for the audit log (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

/**
 * Events until the log holds `events` of the bench's, one a minute up to now, in id order as they would have been
 * written: 85 % citizens' sign-ins, 5 % refused sign-ins (a typed username or national id in the details), 5 %
 * staff sign-ins, 3 % downloads, 0.5 % administrators' actions, 0.5 % case actions, from 10.x.y.z addresses.
 */
/** Answers false (nothing generated) when the city has no citizens or no staff to name. */
export async function prepareAuditBench(db: Kysely<DB>, events: number, log: (m: string) => void): Promise<boolean> {
	const { n: have } = (await sql<{ n: number }>`select count(*)::int as n from audit_events where user_agent = ${MARK}`.execute(db)).rows[0];
	if (have >= events) return true;
	if (have > 0) log(`the audit log holds ${have} of the bench's events, not ${events}: adding the rest after them`);
	const { rows: accounts } = await sql<{ citizens: number[]; staff: number[] }>`
		select coalesce(array_agg(id order by id) filter (where kind = 'citizen'), '{}') as citizens,
			coalesce(array_agg(id order by id) filter (where kind = 'staff'), '{}') as staff
		from users where display_name not like ${`${CITIZEN} %`}`.execute(db);
	const { citizens, staff } = accounts[0];
	if (!citizens.length || !staff.length) return false;
	const admin = ['admin.role_granted', 'admin.role_revoked', 'admin.staff_created', 'admin.staff_deactivated', 'admin.totp_reset', 'admin.office_closure_recorded'];
	const started = performance.now();
	for (let from = have + 1; from <= events; from += BATCH) {
		const to = Math.min(events, from + BATCH - 1);
		await sql`
			insert into audit_events (at, action, actor_user_id, target_user_id, details, ip, user_agent)
			select now() - ((${events}::int - g) || ' minutes')::interval,
				case when g % 200 = 0 then (${admin}::text[])[1 + (g / 200) % ${admin.length}::int]
					when g % 200 = 100 then 'case.legacy_closed'
					when g % 20 = 1 then 'sign_in.failed' when g % 20 = 2 then 'sign_in.staff'
					when g % 100 between 3 and 5 then 'document.downloaded' else 'sign_in.citizen' end,
				case when g % 200 in (0, 100) or g % 20 = 2 then (${staff}::int8[])[1 + g % ${staff.length}::int]
					when g % 20 = 1 then null else (${citizens}::int8[])[1 + ((g::int8 * 7919) % ${citizens.length}::int)::int] end,
				case when g % 200 = 0 then (${staff}::int8[])[1 + (g / 200) % ${staff.length}::int] else null end,
				case when g % 20 = 1 then (case when g % 40 = 1 then jsonb_build_object('kind', 'staff', 'username', 'user' || (g % 997))
					else jsonb_build_object('kind', 'citizen', 'nationalId', lpad((g % 99991)::text, 10, '0')) end) else '{}'::jsonb end,
				'10.' || (g % 250) || '.' || (g % 13) || '.' || (g % 199), ${MARK}
			from generate_series(${from}::int, ${to}::int) g`.execute(db);
		log(`${to} / ${events} audit events (${((performance.now() - started) / 1000).toFixed(0)} s)`);
	}
	await sql`analyze audit_events`.execute(db);
	return true;
}

/** The searches of the twenty-third session's table, as the page's address has them. */
async function searches(db: Kysely<DB>, citizens: number): Promise<[string, (i: number) => string][]> {
	const { rows } = await sql<{ newest: number; oldest: number }>`select max(id)::int8 as newest, min(id)::int8 as oldest from audit_events`.execute(db);
	const half = Math.round((Number(rows[0].newest) + Number(rows[0].oldest)) / 2);
	const citizen = await sql<{ national_id: string }>`
		select u.national_id from audit_events e join users u on u.id = e.actor_user_id
		where e.action = 'sign_in.citizen' and u.national_id is not null order by e.id desc limit 1`.execute(db);
	const staff = await sql<{ id: number; username: string }>`
		select u.id, u.username from audit_events e join users u on u.id = e.actor_user_id
		where e.action = 'sign_in.staff' and u.username is not null order by e.id desc limit 1`.execute(db);
	const today = tehranDate(new Date());
	const yearAgo = addCalendarDays(today, -365);
	const list: [string, (i: number) => string][] = [
		['every event, first page', () => ''],
		['every event, a page half-way back (before=)', (i) => `before=${half - i * 997}`],
		['one code, rare (admin.role_granted)', () => 'action=admin.role_granted'],
		['one code, common, half-way back', (i) => `action=sign_in.citizen&before=${half - i * 997}`],
		['a group: admin actions', () => 'action=admin'],
		['a group: every sign-in', () => 'action=sign_ins'],
		['a day a year ago', (i) => `from=${addCalendarDays(yearAgo, -i % 30)}&to=${addCalendarDays(yearAgo, -i % 30)}`],
		['a month a year ago', () => `from=${addCalendarDays(yearAgo, -30)}&to=${yearAgo}`],
		['an address', (i) => `ip=10.${i % 250}.${i % 13}.${i % 199}`],
		['an address’s start (10.7.7.*)', () => 'ip=10.7.7.*']
	];
	const nid = citizen.rows[0]?.national_id;
	if (nid) list.push(['a person by part of a national id (one citizen)', () => `person=${nid.slice(2, 9)}`]);
	// one of the accounts that never signed in, by its whole national id (a part of it could name more than the filter's
	// 100 accounts among them): the search's cost is the accounts' lookup
	list.push(['a person by national id (an account with no events)', (i) => `person=${2000000001 + ((i * 7919) % citizens)}`]);
	const user = staff.rows[0];
	if (user) {
		list.push(['a person by username', () => `person=${encodeURIComponent(user.username)}`]);
		list.push(['an account by id (the names’ links)', () => `user=${user.id}`]);
	}
	return list;
}

export async function benchAuditLog(db: Kysely<DB>, events: number, citizens: number, ctx: AuditBenchContext): Promise<void> {
	if (!(await prepareAuditBench(db, events, ctx.log))) return void ctx.notes.push('audit log skipped: the city has no citizens or staff to name (the dashboard’s sample history adds them)');
	// after the events, which name only the sample history's people: these accounts never signed in
	await prepareAuditAccounts(db, citizens, ctx.log);
	const { user, cookie } = await benchStaff(db, 'bench.admin', { role: 'admin', districtId: null, agencyKind: null, engineeringOfficeId: null });
	const { rows } = await sql<{ events: number; accounts: number }>`
		select (select count(*) from audit_events)::int as events, (select count(*) from users)::int as accounts`.execute(db);
	for (const [what, query] of await searches(db, citizens)) {
		let shown = 0;
		let asked = 0;
		await ctx.measure(
			`audit log: ${what}, 1 in flight`,
			[
				[
					'bare service',
					async (i) => {
						const parsed = parseAuditQuery(new URLSearchParams(query(i)));
						if (!parsed.ok) throw new Error(`${query(i)}: ${parsed.issue.messages.en}`);
						const page = await auditLogPage(db, user, parsed.value, 'fa');
						shown += page.events.length;
						asked++;
						return JSON.stringify(page).length;
					}
				],
				['HTTP', (i) => ctx.httpGet(`/admin/audit${query(i) ? `?${query(i)}` : ''}`, { cookie })]
			],
			30,
			1,
			ctx.requests
		);
		ctx.notes.push(`audit log, ${what} (${query(0) || 'no filter'}): ${(shown / Math.max(1, asked)).toFixed(1)} events a page`);
	}
	ctx.notes.push(`audit log: ${rows[0].events} events, ${rows[0].accounts} accounts`);
}

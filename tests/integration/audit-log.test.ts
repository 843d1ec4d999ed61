/**
 * The administrator's audit log (/admin/audit) over a real database: its filters (an event or a group
 * of them, a person as actor, target or the name a refused sign-in was tried with, Tehran days written
 * in the Jalali calendar, an address or its start), keyset pages by id that neither skip nor repeat an
 * event, a filter that is none refused by name, the CSV; and, on a table of 40,000 events, each
 * filter read through its index, and among 20,000 accounts a person's fragment through the trigram indexes (EXPLAIN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, type CaseWorld } from '../factories/case-world';
import { routeEvent, thrown } from '../route-event';
import { auditPeopleQuery, auditSearchQuery, recordAudit, type AuditSearch } from '../../src/lib/server/auth/audit.repository';
import { auditLogExport, auditLogPage } from '../../src/lib/server/admin';
import { parseAuditQuery, ALL_AUDIT_EVENTS, type AuditQuery } from '../../src/lib/schemas/audit-query';
import { DomainError } from '../../src/lib/server/errors';
import { DEMO_CITIZENS } from '../../src/lib/server/auth/demo-accounts';
import * as auditPage from '../../src/routes/admin/audit/+page.server';
import { GET as auditCsv } from '../../src/routes/admin/audit.csv/+server';

let database: TestDatabase;
let world: CaseWorld;
const ids: Record<string, number> = {};

/** The query of an address, as the page reads it. */
function query(search: string): AuditQuery {
	const parsed = parseAuditQuery(new URLSearchParams(search));
	if (!parsed.ok) throw new Error(`${search}: ${parsed.issue.code}`);
	return parsed.value;
}

async function record(name: string, entry: Parameters<typeof recordAudit>[1]) {
	await recordAudit(database.db, entry);
	ids[name] = Number((await database.db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
}

const actionsOf = async (search: string) => (await auditLogPage(database.db, world.users.admin, query(search), 'en')).events.map((e) => e.id);

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	const { admin, officer6, officer7, maryam } = world.users;
	// 120 sign-ins of a citizen over a week before, from one address: three pages and a bit
	for (let i = 0; i < 120; i++) {
		await recordAudit(database.db, { action: 'sign_in.citizen', actorUserId: maryam.id, details: { created: i === 0 }, client: { ip: '203.0.113.5' }, at: new Date(Date.UTC(2026, 10, 20, 8, i)) });
	}
	// 1 December 2026 is 10 Azar 1405; 00:30 in Tehran is still 30 November in UTC
	await record('failedKnown', { action: 'sign_in.failed', targetUserId: officer6.id, details: { kind: 'staff', username: 'officer.d6' }, client: { ip: '192.0.2.10' }, at: new Date('2026-11-30T21:00:00Z') });
	await record('failedUnknown', { action: 'sign_in.failed', details: { kind: 'staff', username: 'nobody.here' }, client: { ip: '192.0.2.11' }, at: new Date('2026-12-01T09:00:00Z') });
	await record('failedCitizen', { action: 'sign_in.failed', details: { kind: 'citizen', nationalId: DEMO_CITIZENS[0].nationalId }, client: { ip: '198.51.100.7' }, at: new Date('2026-12-02T09:00:00Z') });
	await record('staffIn', { action: 'sign_in.staff', actorUserId: officer6.id, details: { second_factor: null }, client: { ip: '2001:db8::1' }, at: new Date('2026-12-02T10:00:00Z') });
	await record('granted', {
		action: 'admin.role_granted',
		actorUserId: admin.id,
		targetUserId: officer7.id,
		details: { role: 'inspector', districtId: world.d7, agencyKind: null, engineeringOfficeId: null, organisationId: null },
		client: { ip: '192.0.2.99' },
		at: new Date('2026-12-03T10:00:00Z')
	});
	await record('closed', { action: 'case.legacy_closed', actorUserId: officer6.id, reason: 'پرونده در سامانهٔ پیشین بسته شده بود', details: { caseId: 29, trackingCode: 'PLK-1405-000029', outcome: 'withdrawn' }, at: new Date('2026-12-03T11:00:00Z') });
}, 120_000);

afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('the audit log’s pages', () => {
	it('reads every event once, newest first, 50 a page, back and forth by id', async () => {
		const all = (await database.db.selectFrom('audit_events').select('id').orderBy('id', 'desc').execute()).map((r) => Number(r.id));
		const seen: number[] = [];
		let search = '';
		const pages = [];
		for (;;) {
			const page = await auditLogPage(database.db, world.users.admin, query(search), 'en');
			pages.push(page);
			seen.push(...page.events.map((e) => e.id));
			expect(page.events.length).toBeLessThanOrEqual(50);
			if (page.older === null) break;
			search = `before=${page.older}`;
		}
		expect(seen).toEqual(all);
		expect(pages.length).toBe(Math.ceil(all.length / 50));
		expect(pages[0].newer).toBeNull();
		// the newer page of the second is the first again, and of the third the second
		for (const i of [1, 2]) {
			const back = await auditLogPage(database.db, world.users.admin, query(`after=${pages[i].newer}`), 'en');
			expect(back.events.map((e) => e.id)).toEqual(pages[i - 1].events.map((e) => e.id));
			expect(back.older).toBe(pages[i - 1].older);
		}
		const newest = await auditLogPage(database.db, world.users.admin, query(`after=${pages[1].newer}`), 'en');
		expect(newest.newer).toBeNull();
	});

	it('pages through a group of events as through one (each code read in id order, merged)', async () => {
		const expected = (await database.db.selectFrom('audit_events').select('id').where('action', 'in', ['sign_in.staff', 'sign_in.citizen', 'sign_in.failed', 'sign_out']).orderBy('id', 'desc').execute()).map((r) => Number(r.id));
		const seen: number[] = [];
		let search = 'action=sign_ins';
		for (;;) {
			const page = await auditLogPage(database.db, world.users.admin, query(search), 'en');
			seen.push(...page.events.map((e) => e.id));
			if (page.older === null) break;
			search = `action=sign_ins&before=${page.older}`;
		}
		expect(seen).toEqual(expected);
		expect(seen.length).toBeGreaterThan(120);
	});
});

describe('the audit log’s filters', () => {
	it('finds an event by its code or its group', async () => {
		expect(await actionsOf('action=sign_in.failed')).toEqual([ids.failedCitizen, ids.failedUnknown, ids.failedKnown]);
		expect(await actionsOf('action=failed_sign_ins')).toEqual([ids.failedCitizen, ids.failedUnknown, ids.failedKnown]);
		expect(await actionsOf('action=admin')).toEqual([ids.granted]);
		expect(await actionsOf('action=cases')).toEqual([ids.closed]);
		expect(await actionsOf('action=documents')).toEqual([]);
	});

	it('finds a person as actor or target, by username, name or national id, and the refused sign-ins typed with their name', async () => {
		expect(await actionsOf('person=officer.d6&action=sign_in.failed')).toEqual([ids.failedKnown]);
		const officer = await actionsOf('person=OFFICER.D6');
		expect(officer).toEqual(expect.arrayContaining([ids.closed, ids.staffIn, ids.failedKnown]));
		expect(officer).not.toContain(ids.granted);
		expect(await actionsOf('person=officer.d7')).toEqual([ids.granted]);
		// no such account: the refused sign-ins tried with that name
		expect(await actionsOf('person=nobody.here')).toEqual([ids.failedUnknown]);
		// a citizen by a piece of the national id or the name: their sign-ins; by the whole national id also the refused one
		const maryam = DEMO_CITIZENS[0];
		const byPiece = await actionsOf(`person=${maryam.nationalId.slice(3, 9)}`);
		expect(byPiece.length).toBe(50);
		expect(byPiece).not.toContain(ids.failedCitizen);
		expect((await actionsOf(`person=${maryam.nationalId}`))[0]).toBe(ids.failedCitizen);
		expect((await actionsOf('person=مريم احمدی&action=sign_in.citizen')).length).toBe(50); // typed with the Arabic yeh
		expect(await actionsOf(`user=${world.users.officer7.id}`)).toEqual([ids.granted]);
	});

	it('takes Tehran days written in the Jalali calendar, both ends included', async () => {
		// 10 Azar 1405 = 1 December 2026: from 00:00 Tehran (30 November 20:30 UTC) to the next midnight
		expect(await actionsOf('from=۱۴۰۵/۰۹/۱۰&to=1405-09-10')).toEqual([ids.failedUnknown, ids.failedKnown]);
		expect(await actionsOf('from=2026-12-02&to=2026-12-02')).toEqual([ids.staffIn, ids.failedCitizen]);
		expect(await actionsOf('from=1405/09/12')).toEqual(expect.arrayContaining([ids.closed, ids.granted]));
		expect((await actionsOf('to=1405/09/09')).length).toBe(50);
	});

	it('finds an address, or every address that starts so', async () => {
		expect(await actionsOf('ip=192.0.2.10')).toEqual([ids.failedKnown]);
		expect(await actionsOf('ip=192.0.2.*')).toEqual([ids.granted, ids.failedUnknown, ids.failedKnown]);
		expect(await actionsOf('ip=2001:DB8::1')).toEqual([ids.staffIn]);
		expect(await actionsOf('ip=192.0.2.1')).toEqual([]);
	});

	it('labels each event’s details and names its accounts in the reader’s language', async () => {
		const [closed] = (await auditLogPage(database.db, world.users.admin, query('action=case.legacy_closed'), 'fa')).events;
		expect(closed).toMatchObject({ actionName: 'بستن پروندهٔ سامانهٔ پیشین', actor: { id: world.users.officer6.id, username: 'officer.d6' }, reason: 'پرونده در سامانهٔ پیشین بسته شده بود' });
		expect(closed.facts.map((f) => [f.label, f.values.map((v) => v.text).join()])).toEqual([
			['پرونده', 'PLK-۱۴۰۵-۰۰۰۰۲۹'],
			['نتیجه', 'متقاضی منصرف شده']
		]);
		const [granted] = (await auditLogPage(database.db, world.users.admin, query('action=admin.role_granted'), 'en')).events;
		expect(granted.target).toMatchObject({ id: world.users.officer7.id, username: 'officer.d7' });
		// the district by its name, from the server's table
		expect(granted.facts.map((f) => `${f.label}: ${f.values.map((v) => v.text).join()}`)).toEqual(['Role: Inspector', 'District: District 7']);
	});

	it('refuses a filter that is none by name, in the reader’s language, and lists nothing', async () => {
		for (const [search, code] of [
			['action=sign_in.maybe', 'audit_action_unknown'],
			['person=x', 'audit_person_length'],
			['from=1405/13/01', 'audit_from_invalid'],
			['to=yesterday', 'audit_to_invalid'],
			['from=1405/09/12&to=1405/09/10', 'audit_dates_reversed'],
			['ip=300.1.2.3', 'audit_ip_invalid'],
			['before=abc', 'audit_cursor_invalid'],
			['before=5&after=3', 'audit_cursor_invalid'],
			['user=-1', 'audit_user_invalid']
		]) {
			const data = (await auditPage.load(routeEvent(database, `/admin/audit?${search}`, { user: world.users.admin, lang: 'en' }))) as { filterError: { code: string; message: string } | null; events: unknown[]; typed: Record<string, string> };
			expect(data.filterError?.code, search).toBe(code);
			expect(data.events).toEqual([]);
		}
		const fa = (await auditPage.load(routeEvent(database, '/admin/audit?action=sign_in.maybe', { user: world.users.admin, lang: 'fa' }))) as { filterError: { message: string }; typed: { action: string } };
		expect(fa.filterError.message).toContain('«sign_in.maybe»');
		expect(fa.typed.action).toBe('sign_in.maybe'); // kept in the form, to correct
		const csv = await auditCsv(routeEvent(database, '/admin/audit.csv?from=1405/13/01', { user: world.users.admin, lang: 'en' }));
		expect(csv.status).toBe(400);
		expect((await csv.json()).error.message).toMatch(/“From” is not a valid date/);
	});

	it('refuses a person filter that names more than a hundred accounts', async () => {
		await database.db
			.insertInto('users')
			.values(Array.from({ length: 101 }, (_, i) => ({ kind: 'staff', username: `bulk.clerk${i}`, password_hash: 'x', display_name: `کارمند انبوه ${i}` })))
			.execute();
		const err = await thrown(() => auditLogPage(database.db, world.users.admin, query('person=bulk.clerk'), 'en'));
		expect(err).toBeInstanceOf(DomainError);
		expect((err as DomainError).code).toBe('audit_person_too_many');
		const data = (await auditPage.load(routeEvent(database, '/admin/audit?person=bulk.clerk', { user: world.users.admin, lang: 'fa' }))) as { filterError: { code: string } };
		expect(data.filterError.code).toBe('audit_person_too_many');
		expect(await actionsOf('person=bulk.clerk1')).toEqual([]); // a dozen of them: a search again
	});

	it('is for administrators only', async () => {
		const err = await thrown(() => auditPage.load(routeEvent(database, '/admin/audit', { user: world.users.officer6 })));
		expect((err as { status: number }).status).toBe(403);
		await expect(auditLogPage(database.db, world.users.officer6, ALL_AUDIT_EVENTS, 'fa')).rejects.toMatchObject({ status: 403 });
	});
});

describe('the audit log as CSV', () => {
	it('gives the search’s events for Excel: the stored codes beside the labelled text', async () => {
		const response = await auditCsv(routeEvent(database, '/admin/audit.csv?action=admin&before=1', { user: world.users.admin, lang: 'fa' }));
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
		const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
		expect(lines[0].split(',')).toEqual([
			'شناسه',
			'زمان (UTC)',
			'زمان',
			'کد رویداد',
			'رویداد',
			'شناسهٔ کننده',
			'کننده',
			'شناسهٔ حساب مربوط',
			'حساب مربوط',
			'IP',
			'مرورگر (User-Agent)',
			'دلیل',
			'دلیل و جزئیات',
			'جزئیات (JSON)'
		]);
		// the page's cursor is not the file's: every event of the filter
		expect(lines.length).toBe(2);
		expect(lines[1]).toContain(`${ids.granted},2026-12-03T10:00:00.000Z,`);
		expect(lines[1]).toContain(',admin.role_granted,دادن نقش,');
		expect(lines[1]).toContain('نقش: بازدیدکننده؛ منطقه: منطقه ۷');
		expect(lines[1]).toContain('"{""role"":""inspector"",');
	});

	it('says so when there were more events than a file holds', async () => {
		const { events, capped } = await auditLogExport(database.db, world.users.admin, query('action=sign_in.citizen'), 'en', 30);
		expect(events.length).toBe(30);
		expect(capped).toBe(true);
		const all = await auditLogExport(database.db, world.users.admin, query('action=sign_in.citizen'), 'en');
		expect(all).toMatchObject({ capped: false });
		expect(all.events.length).toBeGreaterThanOrEqual(120);
		expect(new Set(all.events.map((e) => e.id)).size).toBe(all.events.length);
	});
});

// last: it adds 40,000 events
describe('the audit log’s queries on a large table', () => {
	const search = (s: Partial<AuditSearch>): AuditSearch => ({ actions: null, person: null, userId: null, since: null, until: null, ip: null, before: null, after: null, limit: 51, ...s });
	const explain = async (compiled: CompiledQuery) => {
		const { rows } = await database.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
		return rows.map((r) => r['QUERY PLAN']).join('\n');
	};
	const plan = (s: AuditSearch) => explain(auditSearchQuery(database.db, s).compile());

	it('reads each filter through its index, not by scanning the log', async () => {
		const { admin, officer6, maryam } = world.users;
		// a year of a city in miniature, an event every quarter of an hour, in id order: mostly citizens signing in,
		// some failures, a few admin actions
		await sql`insert into audit_events (at, action, actor_user_id, target_user_id, details, ip)
			select now() - ((40001 - g) * 15 || ' minutes')::interval,
				case when g % 500 = 0 then 'admin.role_granted' when g % 7 = 0 then 'sign_in.failed' when g % 50 = 0 then 'document.downloaded' else 'sign_in.citizen' end,
				case when g % 500 = 0 then ${admin.id}::bigint when g % 7 = 0 then null when g % 3 = 0 then ${maryam.id}::bigint else null end,
				case when g % 500 = 0 then ${officer6.id}::bigint else null end,
				case when g % 7 = 0 then jsonb_build_object('kind', 'staff', 'username', 'user' || (g % 997)) else '{}'::jsonb end,
				'10.' || (g % 250) || '.' || (g % 13) || '.' || (g % 199)
			from generate_series(1, 40000) g`.execute(database.db);
		await sql`analyze audit_events`.execute(database.db);
		const newest = Number((await database.db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);

		const every = await plan(search({ before: newest - 100 }));
		expect(every).toMatch(/Index Scan Backward using audit_events_pkey/);
		const one = await plan(search({ actions: ['admin.role_granted'] }));
		expect(one).toMatch(/Index Scan Backward using audit_events_action_idx/);
		expect(one).not.toMatch(/Sort|Seq Scan/);
		const group = await plan(search({ actions: ['admin.role_granted', 'admin.role_revoked', 'admin.staff_created', 'admin.totp_reset'] }));
		expect(group).toMatch(/audit_events_action_idx/);
		expect(group).not.toMatch(/Seq Scan on audit_events/);
		const ip = await plan(search({ ip: { exact: '10.7.7.7' } }));
		expect(ip).toMatch(/audit_events_ip_idx/);
		expect(ip).not.toMatch(/Seq Scan/);
		// an address's start: the range of the address index, or, where its statistics make the prefix common (1 % of this
		// table, in one CI run's sample), the newest events first until 51 match — both bounded; never the whole log
		const prefix = await plan(search({ ip: { prefix: '10.7.7.' } }));
		expect(prefix).toMatch(/audit_events_ip_idx|Index Scan Backward using audit_events_pkey/);
		expect(prefix).not.toMatch(/Seq Scan/);
		const person = await plan(search({ person: { userIds: [officer6.id], attemptedLogin: 'user17' } }));
		expect(person).toMatch(/audit_events_actor_idx/);
		expect(person).toMatch(/audit_events_target_idx/);
		expect(person).toMatch(/audit_events_attempted_login_idx/);
		expect(person).not.toMatch(/Seq Scan/);
		const user = await plan(search({ userId: admin.id }));
		expect(user).toMatch(/audit_events_actor_idx/);
		expect(user).not.toMatch(/Seq Scan/);
		// an account common in the statistics (a third of the events): still its indexes, never the log walked from the
		// newest event (which reads all of it for an account whose events are few or old)
		for (const common of [search({ userId: maryam.id }), search({ person: { userIds: [maryam.id], attemptedLogin: 'maryam' } })]) {
			const walked = await plan(common);
			expect(walked).toMatch(/audit_events_actor_idx/);
			expect(walked).not.toMatch(/audit_events_pkey|Seq Scan/);
		}
		const day = new Date(Date.now() - 200 * 86_400_000);
		const period = await plan(search({ since: day, until: new Date(day.getTime() + 86_400_000) }));
		expect(period).toMatch(/audit_events_at_idx/);
		expect(period).not.toMatch(/Seq Scan/);
	});

	it('looks a person’s fragment up through the trigram indexes, not by scanning the accounts', async () => {
		// a city's citizens in miniature: 20,000 accounts, names from 40 first names and 60 surnames, national ids
		// spread over the ten digits
		await sql`insert into users (kind, national_id, mobile, display_name)
			select 'citizen', lpad(((g::int8 * 2654435761) % 10000000000)::text, 10, '0'), '09' || lpad((500000000 + g)::text, 9, '0'),
				(array['محمد','علی','حسین','رضا','مهدی','امیر','حسن','مصطفی','سعید','جواد','مجید','احمد','عباس','محسن','حمید','مرتضی','یوسف','کامران','بهروز','کاوه',
					'مریم','زهرا','فاطمه','سارا','نرگس','لیلا','مهسا','الهام','معصومه','سمیه','آزاده','نازنین','شیرین','پریسا','سپیده','طاهره','کبری','اعظم','نسرین','هانیه'])[1 + g % 40]
				|| ' ' || (array['احمد','محمد','حسین','رضا','کریم','موسی','جعفر','کاظم','رحیم','صادق','نور','امین','هاشم','قاسم','ابراهیم','عباس','اکبر','طاهر','زارع','مراد',
					'سلیمان','شریف','نجف','یزدان','خسرو','بهرام','میرزا','قربان','فرهاد','اسد','تهران','اصفهان','شیراز','تبریز','رستم','عزیز','نظر','باقر','کرمان','سبحان',
					'منصور','شجاع','فتح','وحید','علی','حسن','قلی','نیک','دهقان','کشاورز','آهنگر','نجار','زرگر','صالح','افشار','بختیار','گیلان','مازندران','خراسان','کیان'])[1 + (g / 40) % 60]
				|| (array['ی','پور','زاده','نیا','فر','راد','منش','نژاد'])[1 + (g / 2400) % 8]
			from generate_series(1, 20000) g`.execute(database.db);
		await sql`analyze users`.execute(database.db);
		const { maryam } = world.users;
		const nationalId = (await database.db.selectFrom('users').select('national_id').where('id', '=', maryam.id).executeTakeFirstOrThrow()).national_id!;
		const people = (fragment: string) => explain(auditPeopleQuery(database.db, fragment).compile());
		// a part of a name (one of the 20,000: کاوه تبریزپور), of a national id (Maryam's), of a username
		for (const [fragment, index] of [
			['کاوه تبریزپور', 'users_display_name_trgm_idx'],
			[nationalId.slice(2, 8), 'users_national_id_trgm_idx'],
			['officer.d', 'users_username_trgm_idx']
		]) {
			const read = await people(fragment);
			expect(read, fragment).toMatch(new RegExp(index));
			expect(read, fragment).not.toMatch(/Seq Scan/);
		}
		// and they find what the scan found
		const found = await actionsOf(`person=${nationalId.slice(2, 8)}`);
		expect(found.length).toBeGreaterThan(0);
		expect((await auditLogPage(database.db, world.users.admin, query('person=کاوه تبریزپور'), 'en')).events).toEqual([]); // no events, no error
	});
});

/**
 * Issue 7 («Trust»), the citizen's side: an account only for a national id ↔ mobile pair the
 * operator registry matches, display names without national ids, SMS caps, and the cleanup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { FakeCookies } from '../fake-cookies';
import {
	requestSignInCode,
	verifySignInCode,
	seedDemoAccounts,
	pruneExpiredSignInRecords,
	containsNationalId
} from '../../src/lib/server/auth';
import { insertCitizen } from '../../src/lib/server/auth/users.repository';
import { CappedSender, OutboxSandboxSender, listOutbox, type MessageSender } from '../../src/lib/server/notify';
import { SandboxIdentityRegistry, type IdentityRegistry, type RegistryAnswer } from '../../src/lib/server/registries';
import { nationalIdCheckDigit } from '../../src/lib/domain/national-id';

let database: TestDatabase;
let sender: OutboxSandboxSender;
const registry = new SandboxIdentityRegistry();
beforeAll(async () => {
	database = await openTestDatabase();
	sender = new OutboxSandboxSender(database.db);
});
afterAll(async () => {
	await database?.close();
});

const T0 = new Date('2025-03-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const DAY = 24 * 3600_000;

let serial = 500;
function person(listed = true) {
	serial += 1;
	const nine = String(300_000_000 + serial * 13);
	const p = { nationalId: nine + nationalIdCheckDigit(nine), mobile: `0936${String(serial).padStart(7, '0')}` };
	if (listed) registry.add(p);
	return p;
}

async function lastCodeSentTo(mobile: string): Promise<string> {
	const [message] = await listOutbox(database.db, { recipient: mobile, limit: 1 });
	const code = message?.body.match(/\b(\d{6})\b/)?.[1];
	if (!code) throw new Error(`no code in the outbox for ${mobile}`);
	return code;
}

async function signIn(p: { nationalId: string; mobile: string }, now: Date, reg: IdentityRegistry = registry) {
	await requestSignInCode(database.db, sender, p, { now, registry: reg });
	const cookies = new FakeCookies();
	const user = await verifySignInCode(database.db, cookies, { ...p, code: await lastCodeSentTo(p.mobile) }, { now });
	return { user, cookies };
}

async function traces(nationalId: string, mobile: string) {
	const users = await database.db.selectFrom('users').select('id').where('national_id', '=', nationalId).execute();
	const codes = await database.db.selectFrom('one_time_codes').select('id').where('national_id', '=', nationalId).execute();
	const sent = await listOutbox(database.db, { recipient: mobile });
	return { users: users.length, codes: codes.length, sent: sent.length };
}

const answering = (answer: RegistryAnswer | Error): IdentityRegistry => ({
	name: 'test',
	sandbox: true,
	verifyMobileOwner: async () => {
		if (answer instanceof Error) throw answer;
		return answer;
	}
});

describe(`a citizen account needs the registry's match (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('refuses someone claiming another person’s national id with their own mobile: no code, no account', async () => {
		const victim = person();
		const intruderMobile = '09390001234';
		const claim = requestSignInCode(database.db, sender, { nationalId: victim.nationalId, mobile: intruderMobile }, { now: T0, registry });
		await expect(claim).rejects.toMatchObject({ code: 'identity_not_matched', status: 403, messages: { fa: expect.stringContaining('شاهکار') } });
		expect(await traces(victim.nationalId, intruderMobile)).toEqual({ users: 0, codes: 0, sent: 0 });
	});

	it.each([
		['answers unavailable', answering('unavailable')],
		['throws', answering(new Error('ECONNRESET'))]
	])('refuses with a bilingual 503 and writes nothing when the registry %s', async (_, broken) => {
		const p = person();
		const attempt = requestSignInCode(database.db, sender, p, { now: T0, registry: broken });
		await expect(attempt).rejects.toMatchObject({
			code: 'identity_registry_unavailable',
			status: 503,
			messages: { fa: expect.stringContaining('چیزی ثبت نشد'), en: expect.stringContaining('nothing was saved') }
		});
		expect(await traces(p.nationalId, p.mobile)).toEqual({ users: 0, codes: 0, sent: 0 });
	});

	it('makes the account on a matched pair, recording when the registry matched it', async () => {
		const p = person();
		const { user } = await signIn(p, T0);
		const row = await database.db.selectFrom('users').select(['mobile_verified_at', 'display_name']).where('id', '=', user.id).executeTakeFirstOrThrow();
		expect(row.mobile_verified_at?.getTime()).toBe(T0.getTime());
		expect(row.display_name).not.toContain(p.nationalId);
		const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('actor_user_id', '=', user.id).execute();
		expect(audit).toEqual([{ action: 'sign_in.citizen', details: { created: true } }]);
	});

	it('asks the registry again only once the last match is 90 days old', async () => {
		const p = person();
		await signIn(p, T0);
		let asked = 0;
		const counting: IdentityRegistry = { name: 'counting', sandbox: true, verifyMobileOwner: async (n, m) => (asked++, registry.verifyMobileOwner(n, m)) };
		await signIn(p, at(30 * DAY), counting);
		expect(asked).toBe(0);
		await signIn(p, at(91 * DAY), counting);
		expect(asked).toBe(1);
		// a recycled number: the registry no longer matches it, so the account is not reachable with it
		const recycled = requestSignInCode(database.db, sender, p, { now: at(200 * DAY), registry: answering('not_matched') });
		await expect(recycled).rejects.toMatchObject({ code: 'identity_not_matched' });
	});

	it('moves an account claimed before the check to the owner’s registry-matched mobile, and shuts the claimer out', async () => {
		const owner = person();
		const claimer = { nationalId: owner.nationalId, mobile: '09390009999' };
		// made as the old code did: no registry check, the national id in the name
		const claimedId = await insertCitizen(database.db, { ...claimer, displayName: `شهروند ${owner.nationalId}` });
		await expect(requestSignInCode(database.db, sender, claimer, { now: T0, registry })).rejects.toMatchObject({ code: 'identity_not_matched' });

		const { user } = await signIn(owner, T0);
		expect(user.id).toBe(claimedId);
		expect(user.mobile).toBe(owner.mobile);
		expect(user.displayName).not.toContain(owner.nationalId);
		const rebound = await database.db.selectFrom('audit_events').select(['action', 'details']).where('target_user_id', '=', claimedId).execute();
		expect(rebound).toEqual([{ action: 'citizen.mobile_rebound', details: { by: 'registry', from: claimer.mobile, to: owner.mobile } }]);
		// both numbers are told (ASVS 2.2.3)
		const [notice] = await listOutbox(database.db, { recipient: claimer.mobile });
		expect(notice.body).toContain('the mobile number of your account was changed');
		expect((await listOutbox(database.db, { recipient: owner.mobile, limit: 1 }))[0].body).toContain('was changed');
	});
});

describe('display names never hold a national id', () => {
	it('names the demo citizens and every seeded account without one', async () => {
		await seedDemoAccounts(database.db);
		const rows = await database.db.selectFrom('users').select(['display_name', 'national_id']).execute();
		expect(rows.length).toBeGreaterThan(10);
		for (const r of rows) {
			expect(containsNationalId(r.display_name), r.display_name).toBe(false);
			if (r.national_id) expect(r.display_name).not.toContain(r.national_id);
		}
	});

	it('replaces a name holding a national id when an owner’s account is made for them', async () => {
		const p = person(false);
		const id = await insertCitizen(database.db, { ...p, displayName: `مالک ${p.nationalId.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)])}` });
		const row = await database.db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.display_name).toMatch(/^شهروند/);
	});

	it('is enforced by the database too', async () => {
		const p = person(false);
		const insert = database.db
			.insertInto('users')
			.values({ kind: 'citizen', national_id: p.nationalId, mobile: p.mobile, display_name: `شهروند ${p.nationalId}` })
			.execute();
		await expect(insert).rejects.toThrow(/users_display_name_has_no_national_id/);
	});
});

describe('SMS caps', () => {
	const recording = () => {
		const sent: string[] = [];
		const inner: MessageSender = { name: 'recording', send: async (to) => void sent.push(to) };
		return { sent, inner };
	};

	it('stops sending to one number after its daily cap, and starts again the next day', async () => {
		const { sent, inner } = recording();
		let now = at(2 * DAY);
		const capped = new CappedSender(database.db, inner, { perNumberPerDay: 3, perDay: 1000 }, () => now);
		for (let i = 0; i < 3; i++) await capped.send('09121110000', `m${i}`);
		await expect(capped.send('09121110000', 'one too many')).rejects.toMatchObject({ code: 'sms_number_daily_cap', status: 429 });
		await capped.send('09121110001', 'another number is fine');
		now = at(3 * DAY);
		await capped.send('09121110000', 'a new day');
		expect(sent).toEqual(['09121110000', '09121110000', '09121110000', '09121110001', '09121110000']);
	});

	it('stops all sending once the service’s daily cap is reached', async () => {
		const { sent, inner } = recording();
		const capped = new CappedSender(database.db, inner, { perNumberPerDay: 100, perDay: 4 }, () => at(10 * DAY));
		for (let i = 0; i < 4; i++) await capped.send(`0912222000${i}`, 'x');
		const refused = capped.send('09122220009', 'x');
		await expect(refused).rejects.toMatchObject({ code: 'sms_daily_cap', messages: { fa: expect.stringContaining('سقف روزانه') } });
		expect(sent).toHaveLength(4);
	});

	it('keeps sign-in codes under the per-number cap: a refused code leaves no code behind', async () => {
		const p = person();
		const capped = new CappedSender(database.db, sender, { perNumberPerDay: 1, perDay: 1000 }, () => at(20 * DAY));
		await requestSignInCode(database.db, capped, p, { now: at(20 * DAY), registry });
		await expect(requestSignInCode(database.db, capped, p, { now: at(20 * DAY + MINUTE), registry })).rejects.toMatchObject({ code: 'sms_number_daily_cap' });
		expect(await listOutbox(database.db, { recipient: p.mobile })).toHaveLength(1);
	});
});

describe('the cleanup', () => {
	it('removes expired sessions, codes, rate-limit windows, quiet throttles and old outbox entries, and keeps live ones', async () => {
		const p = person();
		await signIn(p, at(100 * DAY));
		await signIn(p, at(110 * DAY));
		await database.db.insertInto('outbox').values({ recipient: '09120000000', body: 'old', created_at: at(100 * DAY) }).execute();
		await database.db.insertInto('sign_in_throttle').values({ key: 'staff:gone', failures: 5, last_failure_at: at(100 * DAY) }).execute();
		await database.db.insertInto('rate_limit_buckets').values({ key: 'old-window', window_start: at(100 * DAY), count: 3 }).execute();
		const someone = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
		await sql`insert into user_daily_usage (user_id, day, filings) values (${someone.id}, ${at(100 * DAY).toISOString().slice(0, 10)}::date, 3)`.execute(database.db);
		// a write's idempotency key from ten days before, and one from the last hour (kept for a retry)
		await sql`insert into idempotency_keys (user_id, key, scope, fingerprint, created_at) values
			(${someone.id}, 'old-key-0000000000', 'act', ${'a'.repeat(64)}, ${at(105 * DAY)}),
			(${someone.id}, 'new-key-0000000000', 'act', ${'b'.repeat(64)}, ${at(115 * DAY - 3_600_000)})`.execute(database.db);

		const report = await pruneExpiredSignInRecords(database.db, at(115 * DAY));
		expect(report.sessions).toBeGreaterThanOrEqual(1);
		expect(report.codes).toBeGreaterThanOrEqual(2);
		expect(report.outbox).toBeGreaterThanOrEqual(1);
		expect(report.throttles).toBeGreaterThanOrEqual(1);
		expect(report.rateLimitWindows).toBeGreaterThanOrEqual(1);
		expect(report.dailyUsage).toBe(1);
		expect(report.idempotencyKeys).toBe(1);
		expect((await database.db.selectFrom('idempotency_keys').select('key').execute()).map((k) => k.key)).toEqual(['new-key-0000000000']);

		const sessions = await database.db.selectFrom('sessions').select('expires_at').execute();
		expect(sessions.every((s) => s.expires_at > at(115 * DAY))).toBe(true);
		expect(sessions.length).toBeGreaterThanOrEqual(1);
		const oldCodes = await database.db.selectFrom('one_time_codes').select('id').where('expires_at', '<', at(114 * DAY)).execute();
		expect(oldCodes).toHaveLength(0);
		const [{ n }] = await sql<{ n: number }>`select count(*)::int as n from outbox where created_at < ${at(108 * DAY)}`.execute(database.db).then((r) => r.rows);
		expect(n).toBe(0);
		expect(await database.db.selectFrom('sign_in_throttle').select('key').where('key', '=', 'staff:gone').execute()).toHaveLength(0);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import {
	requestSignInCode,
	verifySignInCode,
	signInStaff,
	resolveSession,
	signOut,
	hashPassword,
	insertStaff,
	grantRole,
	seedDemoAccounts,
	DEMO_PASSWORD,
	DEMO_CITIZENS,
	RateLimitedError,
	SESSION_COOKIE
} from '../../src/lib/server/auth';
import { OutboxSandboxSender, listOutbox, createMessageSender, SmsGatewaySender } from '../../src/lib/server/notify';
import { SandboxIdentityRegistry } from '../../src/lib/server/registries';
import { nationalIdCheckDigit } from '../../src/lib/domain/national-id';
import { FakeCookies } from '../fake-cookies';

let database: TestDatabase;
let sender: OutboxSandboxSender;
/** The registry these tests' people are in (each person() is added). */
const registry = new SandboxIdentityRegistry();
const requestCode = (input: { nationalId: string; mobile: string }, options: Parameters<typeof requestSignInCode>[3] = {}) =>
	requestSignInCode(database.db, sender, input, { registry, ...options });
beforeAll(async () => {
	database = await openTestDatabase();
	sender = new OutboxSandboxSender(database.db);
});
afterAll(async () => {
	await database?.close();
});

let serial = 100;
/** A fresh valid national id and mobile per test, so per-person rate limits never cross tests. */
function person() {
	serial += 1;
	const nine = String(200_000_000 + serial * 7);
	const p = { nationalId: nine + nationalIdCheckDigit(nine), mobile: `0935${String(serial).padStart(7, '0')}` };
	registry.add(p);
	return p;
}

async function lastCodeSentTo(mobile: string): Promise<string> {
	const [message] = await listOutbox(database.db, { recipient: mobile, limit: 1 });
	const code = message?.body.match(/\b(\d{6})\b/)?.[1];
	if (!code) throw new Error(`no code in the outbox for ${mobile}`);
	return code;
}

const T0 = new Date('2025-03-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const DAY = 24 * 3600_000;

describe(`citizen sign-in with a one-time code (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('sends a code to the outbox, signs in once with it, creates the account, and refuses the code a second time', async () => {
		const p = person();
		const { expiresAt } = await requestCode(p, { now: T0 });
		expect(expiresAt.getTime() - T0.getTime()).toBeGreaterThanOrEqual(2 * MINUTE);
		expect(expiresAt.getTime() - T0.getTime()).toBeLessThanOrEqual(5 * MINUTE);
		const code = await lastCodeSentTo(p.mobile);

		const stored = await database.db.selectFrom('one_time_codes').selectAll().where('national_id', '=', p.nationalId).execute();
		expect(stored).toHaveLength(1);
		expect(stored[0].code_hash).not.toContain(code);

		const cookies = new FakeCookies();
		const user = await verifySignInCode(database.db, cookies, { ...p, code }, { now: at(MINUTE) });
		expect(user.kind).toBe('citizen');
		expect(user.nationalId).toBe(p.nationalId);
		expect(user.roles.map((r) => r.role)).toEqual(['citizen']);
		expect(cookies.get(SESSION_COOKIE)).toMatch(/^[\w-]{43}$/);

		await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code }, { now: at(MINUTE) })).rejects.toMatchObject({
			code: 'code_used'
		});
		const accounts = await database.db.selectFrom('users').select('id').where('national_id', '=', p.nationalId).execute();
		expect(accounts).toHaveLength(1);
	});

	it('accepts Persian digits and +98 numbers and signs the same citizen in again without a second account', async () => {
		const p = person();
		const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
		for (const round of [0, 1]) {
			await requestCode({ nationalId: persian(p.nationalId), mobile: `+98${p.mobile.slice(1)}` }, { now: at(round * MINUTE) });
			const code = await lastCodeSentTo(p.mobile);
			await verifySignInCode(database.db, new FakeCookies(), { ...p, code: persian(code) }, { now: at(round * MINUTE) });
		}
		const accounts = await database.db.selectFrom('users').select('id').where('national_id', '=', p.nationalId).execute();
		expect(accounts).toHaveLength(1);
	});

	it('refuses an expired code', async () => {
		const p = person();
		await requestCode(p, { now: T0 });
		const code = await lastCodeSentTo(p.mobile);
		await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code }, { now: at(5 * MINUTE + 1) })).rejects.toMatchObject({
			code: 'code_expired',
			messages: { fa: expect.stringContaining('منقضی') }
		});
	});

	it('counts wrong codes and locks the code after five attempts, even for the right code', async () => {
		const p = person();
		await requestCode(p, { now: T0 });
		const code = await lastCodeSentTo(p.mobile);
		const wrong = code === '000000' ? '111111' : '000000';
		// 5 s apart: the national id's throttle (1 s after the fourth failure) stays out of the way
		for (let left = 4; left >= 1; left--) {
			await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code: wrong }, { now: at((4 - left) * 5000) })).rejects.toMatchObject({
				code: 'code_wrong',
				messages: { en: expect.stringContaining(`${left} attempt`) }
			});
		}
		await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code: wrong }, { now: at(20_000) })).rejects.toMatchObject({
			code: 'code_attempts_exhausted',
			status: 429
		});
		const cookies = new FakeCookies();
		await expect(verifySignInCode(database.db, cookies, { ...p, code }, { now: at(30_000) })).rejects.toMatchObject({ code: 'code_attempts_exhausted' });
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
	});

	it('only the newest code counts once a new one is requested', async () => {
		const p = person();
		await requestCode(p, { now: T0 });
		const first = await lastCodeSentTo(p.mobile);
		await requestCode(p, { now: at(MINUTE) });
		const second = await lastCodeSentTo(p.mobile);
		if (first !== second) {
			await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code: first }, { now: at(MINUTE) })).rejects.toMatchObject({
				code: 'code_wrong'
			});
		}
		await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code: second }, { now: at(MINUTE) })).resolves.toMatchObject({
			nationalId: p.nationalId
		});
	});

	it('refuses an invalid national id check digit before any code is sent', async () => {
		const p = person();
		const badCheck = p.nationalId.slice(0, 9) + ((Number(p.nationalId[9]) + 1) % 10);
		const outboxBefore = (await listOutbox(database.db, { limit: 10_000 })).length;
		await expect(requestCode({ nationalId: badCheck, mobile: p.mobile }, { now: T0 })).rejects.toMatchObject({
			code: 'invalid_national_id',
			status: 400,
			messages: { fa: expect.stringContaining('رقم کنترل') }
		});
		await expect(requestCode({ nationalId: p.nationalId, mobile: '0912' }, { now: T0 })).rejects.toMatchObject({
			code: 'invalid_mobile'
		});
		expect((await listOutbox(database.db, { limit: 10_000 })).length).toBe(outboxBefore);
		const codes = await database.db
			.selectFrom('one_time_codes')
			.select('id')
			.where('national_id', 'in', [badCheck, p.nationalId])
			.execute();
		expect(codes).toHaveLength(0);
	});

	it('sends no code to a mobile the registry does not match, even for an existing account', async () => {
		const p = person();
		await requestCode(p, { now: T0 });
		await verifySignInCode(database.db, new FakeCookies(), { ...p, code: await lastCodeSentTo(p.mobile) }, { now: T0 });
		const intruder = '09390000000';
		await expect(requestCode({ nationalId: p.nationalId, mobile: intruder }, { now: at(MINUTE) })).rejects.toMatchObject({
			code: 'identity_not_matched'
		});
		expect(await listOutbox(database.db, { recipient: intruder })).toHaveLength(0);
	});

	it('rate-limits code requests per national id, per mobile and per address, naming the wait', async () => {
		const p = person();
		for (let i = 0; i < 3; i++) await requestCode(p, { now: at(i * MINUTE) });
		const refused = requestCode(p, { now: at(3 * MINUTE) });
		await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
		await expect(refused).rejects.toMatchObject({ status: 429, code: 'rate_limited', messages: { fa: expect.stringContaining('دقیقه') } });
		expect(await listOutbox(database.db, { recipient: p.mobile })).toHaveLength(3);

		// the same mobile with another national id is limited too (no SMS bombing a phone)
		const other = person();
		await expect(
			requestCode({ nationalId: other.nationalId, mobile: p.mobile }, { now: at(4 * MINUTE) })
		).rejects.toBeInstanceOf(RateLimitedError);

		// a new window opens after ten minutes
		await expect(requestCode(p, { now: at(10 * MINUTE) })).resolves.toMatchObject({ nationalId: p.nationalId });

		const client = { ip: '203.0.113.9' };
		let tripped: unknown = null;
		for (let i = 0; i < 12 && !tripped; i++) {
			await requestCode(person(), { now: at(20 * MINUTE), client }).catch((err) => (tripped = err));
		}
		expect(tripped).toBeInstanceOf(RateLimitedError);
		const bucket = await database.db.selectFrom('rate_limit_buckets').select('count').where('key', '=', 'code:ip:203.0.113.9').executeTakeFirstOrThrow();
		expect(bucket.count).toBe(11);
	});

	it('slows wrong codes down for a national id, and still takes the right code after the wait', async () => {
		const p = person();
		await requestCode(p, { now: T0 });
		const code = await lastCodeSentTo(p.mobile);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < 4; i++) {
			await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code: wrong }, { now: T0 })).rejects.toMatchObject({ code: 'code_wrong' });
		}
		const early = verifySignInCode(database.db, new FakeCookies(), { ...p, code }, { now: T0 });
		await expect(early).rejects.toBeInstanceOf(RateLimitedError);
		await expect(early).rejects.toMatchObject({ retryAfterSeconds: 1, messages: { en: expect.stringContaining('1 second') } });
		await expect(verifySignInCode(database.db, new FakeCookies(), { ...p, code }, { now: at(1000) })).resolves.toMatchObject({ nationalId: p.nationalId });
	});

	it('keeps the SMS gateway slot closed until it is configured', async () => {
		await expect(new SmsGatewaySender({ url: null, apiKey: null }).send('09120000000', 'x')).rejects.toMatchObject({
			code: 'sms_gateway_not_configured'
		});
		expect(createMessageSender(database.db, {}).name).toBe('outbox-sandbox');
		expect(createMessageSender(database.db, { PELAK_SMS_GATEWAY_URL: 'https://sms.example/send' }).name).toBe('sms-gateway');
	});
});

describe('staff sign-in and sessions', () => {
	let officerId: number;
	beforeAll(async () => {
		const district = await database.db
			.insertInto('districts')
			.values({ code: '6', name_fa: 'منطقه ۶', geom: sql<string>`ST_Multi(ST_MakeEnvelope(560000, 3610000, 561000, 3611000, ${TEST_SRID}))` })
			.returning('id')
			.executeTakeFirstOrThrow();
		officerId = await insertStaff(database.db, {
			username: 'Officer.Test',
			passwordHash: await hashPassword('correct horse battery'),
			displayName: 'کارشناس آزمون'
		});
		await grantRole(database.db, officerId, { role: 'district_officer', districtId: district.id });
	});

	it('signs a staff member in with the right password and carries their roles and district', async () => {
		const cookies = new FakeCookies();
		const result = await signInStaff(database.db, cookies, { username: ' officer.test ', password: 'correct horse battery' }, { now: T0 });
		if (result.status !== 'signed_in') throw new Error(`not signed in: ${result.status}`);
		const user = result.user;
		expect(user).toMatchObject({ id: officerId, kind: 'staff', username: 'officer.test' });
		expect(user.roles).toEqual([expect.objectContaining({ role: 'district_officer', districtId: expect.any(Number) })]);
		expect(cookies.options.get(SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
	});

	it('answers a wrong password and an unknown username the same way', async () => {
		const wrong = signInStaff(database.db, new FakeCookies(), { username: 'officer.test', password: 'wrong' }, { now: T0 });
		await expect(wrong).rejects.toMatchObject({ code: 'invalid_credentials', status: 401 });
		const unknown = signInStaff(database.db, new FakeCookies(), { username: 'nobody', password: 'wrong' }, { now: T0 });
		await expect(unknown).rejects.toMatchObject({ code: 'invalid_credentials', status: 401 });
	});

	it('refuses a deactivated staff account even with the right password', async () => {
		const id = await insertStaff(database.db, { username: 'retired', passwordHash: await hashPassword('pw-retired'), displayName: 'بازنشسته' });
		await database.db.updateTable('users').set({ active: false }).where('id', '=', id).execute();
		await expect(signInStaff(database.db, new FakeCookies(), { username: 'retired', password: 'pw-retired' }, { now: T0 })).rejects.toMatchObject({
			code: 'invalid_credentials'
		});
	});

	it('counts only wrong passwords, slows them down, and lets the right one in after the wait', async () => {
		await insertStaff(database.db, { username: 'target', passwordHash: await hashPassword('the-real-one'), displayName: 'هدف' });
		for (let i = 0; i < 3; i++) {
			await expect(signInStaff(database.db, new FakeCookies(), { username: 'target', password: 'the-real-one' }, { now: at(i) })).resolves.toMatchObject({
				status: 'signed_in'
			});
		}
		for (let i = 0; i < 4; i++) {
			await expect(signInStaff(database.db, new FakeCookies(), { username: 'target', password: `guess-${i}` }, { now: T0 })).rejects.toMatchObject({
				code: 'invalid_credentials'
			});
		}
		// four failures: the next attempt waits 1 s, even the right password, and is not locked out after it
		const early = signInStaff(database.db, new FakeCookies(), { username: 'target', password: 'the-real-one' }, { now: at(500) });
		await expect(early).rejects.toBeInstanceOf(RateLimitedError);
		await expect(signInStaff(database.db, new FakeCookies(), { username: 'target', password: 'the-real-one' }, { now: at(1000) })).resolves.toMatchObject({
			status: 'signed_in'
		});
	});

	it('doubles the wait with each further wrong password, up to a minute', async () => {
		await insertStaff(database.db, { username: 'target2', passwordHash: await hashPassword('the-real-one'), displayName: 'هدف دوم' });
		let t = T0.getTime();
		const waits: number[] = [];
		for (let i = 0; i < 11; i++) {
			await expect(signInStaff(database.db, new FakeCookies(), { username: 'target2', password: `guess-${i}` }, { now: new Date(t) })).rejects.toMatchObject({
				code: 'invalid_credentials'
			});
			const row = await database.db.selectFrom('sign_in_throttle').select('not_before').where('key', '=', 'staff:target2').executeTakeFirstOrThrow();
			const wait = Math.max(0, row.not_before.getTime() - t);
			if (wait > 0) {
				const early = signInStaff(database.db, new FakeCookies(), { username: 'target2', password: 'the-real-one' }, { now: new Date(t + wait - 1) });
				await expect(early).rejects.toBeInstanceOf(RateLimitedError);
			}
			waits.push(wait / 1000);
			t += wait;
		}
		expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
		await expect(signInStaff(database.db, new FakeCookies(), { username: 'target2', password: 'the-real-one' }, { now: new Date(t) })).resolves.toMatchObject({
			status: 'signed_in'
		});
	});

	it('stores only the hash of the session token, resolves the user, slides the expiry, and ends at sign-out', async () => {
		const cookies = new FakeCookies();
		await signInStaff(database.db, cookies, { username: 'officer.test', password: 'correct horse battery' }, { now: T0 });
		const token = cookies.get(SESSION_COOKIE)!;
		const rows = await database.db.selectFrom('sessions').select(['id', 'expires_at']).where('user_id', '=', officerId).execute();
		expect(rows.some((r) => r.id === token)).toBe(false);
		expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);

		expect(await resolveSession(database.db, cookies, at(20 * MINUTE))).toMatchObject({ id: officerId, roles: [{ role: 'district_officer' }] });
		// seen at minute 20, so the staff idle expiry (30 minutes) moved to minute 50
		expect(await resolveSession(database.db, cookies, at(45 * MINUTE))).toMatchObject({ id: officerId });
		expect((cookies.options.get(SESSION_COOKIE)?.expires as Date).getTime()).toBe(at(75 * MINUTE).getTime());

		await signOut(database.db, cookies);
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
		const replay = new FakeCookies();
		replay.values.set(SESSION_COOKIE, token);
		expect(await resolveSession(database.db, replay, at(46 * MINUTE))).toBeNull();
	});

	it('ends an idle staff session after 30 minutes and drops the stale cookie', async () => {
		const cookies = new FakeCookies();
		await signInStaff(database.db, cookies, { username: 'officer.test', password: 'correct horse battery' }, { now: T0 });
		expect(await resolveSession(database.db, cookies, at(29 * MINUTE))).not.toBeNull();
		expect(await resolveSession(database.db, cookies, at(29 * MINUTE + 30 * MINUTE + 1))).toBeNull();
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
	});

	it('ends even an active staff session twelve hours after sign-in', async () => {
		const cookies = new FakeCookies();
		await signInStaff(database.db, cookies, { username: 'officer.test', password: 'correct horse battery' }, { now: T0 });
		for (let minute = 20; minute < 12 * 60; minute += 20) expect(await resolveSession(database.db, cookies, at(minute * MINUTE))).not.toBeNull();
		expect(await resolveSession(database.db, cookies, at(12 * 60 * MINUTE + 1))).toBeNull();
	});

	it('keeps a citizen signed in for a week idle and 30 days at most', async () => {
		const p = person();
		await requestCode(p, { now: T0 });
		const cookies = new FakeCookies();
		await verifySignInCode(database.db, cookies, { ...p, code: await lastCodeSentTo(p.mobile) }, { now: T0 });
		expect(await resolveSession(database.db, cookies, at(6 * DAY))).toMatchObject({ nationalId: p.nationalId });
		for (let day = 12; day < 30; day += 6) expect(await resolveSession(database.db, cookies, at(day * DAY))).not.toBeNull();
		expect(await resolveSession(database.db, cookies, at(30 * DAY + 1))).toBeNull();
		const idle = new FakeCookies();
		await requestCode(p, { now: at(31 * DAY) });
		await verifySignInCode(database.db, idle, { ...p, code: await lastCodeSentTo(p.mobile) }, { now: at(31 * DAY) });
		expect(await resolveSession(database.db, idle, at(38 * DAY + 1))).toBeNull();
	});

	it('ignores a forged or unknown cookie', async () => {
		const cookies = new FakeCookies();
		cookies.values.set(SESSION_COOKIE, 'A'.repeat(43));
		expect(await resolveSession(database.db, cookies, T0)).toBeNull();
		cookies.values.set(SESSION_COOKIE, "'; drop table sessions; --");
		expect(await resolveSession(database.db, cookies, T0)).toBeNull();
		expect(await resolveSession(database.db, new FakeCookies(), T0)).toBeNull();
	});

	it('seeds demo accounts for every role once, and the demo admin can sign in', async () => {
		const first = await seedDemoAccounts(database.db);
		const second = await seedDemoAccounts(database.db);
		expect(second).toEqual(first);
		const roles = new Set(first.flatMap((a) => a.roles));
		for (const role of ['citizen', 'representative', 'district_officer', 'inspector', 'planner', 'agency', 'supervising_engineer', 'council_member', 'admin']) {
			expect(roles).toContain(role);
		}
		expect(first.map((a) => a.username)).toContain('officer.d6');
		const agencyGrants = await database.db.selectFrom('user_roles').select('agency_kind').where('role', '=', 'agency').execute();
		expect(new Set(agencyGrants.map((g) => g.agency_kind)).size).toBe(5);
		const admin = await signInStaff(database.db, new FakeCookies(), { username: 'admin', password: DEMO_PASSWORD }, { now: T0, demo: true });
		expect(admin.status === 'signed_in' && admin.user.roles.map((r) => r.role)).toEqual(['admin']);
		const citizens = await database.db.selectFrom('users').select('national_id').where('national_id', 'in', DEMO_CITIZENS.map((c) => c.nationalId)).execute();
		expect(citizens).toHaveLength(DEMO_CITIZENS.length);
	});
});

/**
 * Issue 7 («Trust»), the staff side: TOTP second factor (required for an admin in production),
 * password change, admin recovery with a reason, and the audit log the database keeps append-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { FakeCookies } from '../fake-cookies';
import {
	signInStaff,
	completeStaffTotp,
	completeStaffEnrolment,
	pendingStaffSignIn,
	beginTotpEnrolment,
	confirmTotpEnrolment,
	changeOwnPassword,
	resolveSession,
	seedDemoAccounts,
	hashPassword,
	insertStaff,
	grantRole,
	RateLimitedError,
	DEMO_CITIZENS,
	DEMO_PASSWORD,
	SESSION_COOKIE,
	PENDING_COOKIE,
	type SessionUser
} from '../../src/lib/server/auth';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import { base32Decode, totp } from '../../src/lib/server/auth/totp';
import { createStaffAccount, rebindCitizenMobile, resetStaffTotp, sandboxOutbox } from '../../src/lib/server/admin';
import { SandboxIdentityRegistry } from '../../src/lib/server/registries';
import { listOutbox } from '../../src/lib/server/notify';

let database: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoAccounts(database.db);
	const { id } = await database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
	admin = (await findActiveUser(database.db, id))!;
});
afterAll(async () => {
	await database?.close();
});

const T0 = new Date('2025-03-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const PASSWORD = 'a-staff-password-1404';

let serial = 0;
async function newStaff(role: 'planner' | 'admin' = 'planner'): Promise<{ id: number; username: string }> {
	serial += 1;
	const username = `staff.${role}.${serial}`;
	const id = await insertStaff(database.db, { username, passwordHash: await hashPassword(PASSWORD), displayName: `کارمند ${serial}` });
	await grantRole(database.db, id, { role });
	return { id, username };
}

async function enrol(userId: number, now: Date): Promise<Buffer> {
	const { secret } = await beginTotpEnrolment(database.db, userId);
	await confirmTotpEnrolment(database.db, userId, totp(base32Decode(secret), now.getTime()), { now });
	return base32Decode(secret);
}

const auditOf = (userId: number) =>
	database.db.selectFrom('audit_events').select(['action', 'reason', 'details', 'actor_user_id']).where('target_user_id', '=', userId).orderBy('id').execute();

describe(`TOTP second factor (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('asks for the authenticator code after the password, and signs in only with it', async () => {
		const { id, username } = await newStaff();
		const secret = await enrol(id, T0);
		const cookies = new FakeCookies();
		const now = at(60_000);
		expect(await signInStaff(database.db, cookies, { username, password: PASSWORD }, { now })).toEqual({ status: 'totp' });
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
		expect(cookies.get(PENDING_COOKIE)).toBeDefined();
		// a pending sign-in is not a session, even if its token is put in the session cookie
		const forged = new FakeCookies();
		forged.values.set(SESSION_COOKIE, cookies.get(PENDING_COOKIE)!);
		expect(await resolveSession(database.db, forged, now)).toBeNull();

		const user = await completeStaffTotp(database.db, cookies, totp(secret, now.getTime()), { now });
		expect(user.id).toBe(id);
		expect(cookies.get(PENDING_COOKIE)).toBeUndefined();
		expect(await resolveSession(database.db, cookies, now)).toMatchObject({ id });
		const signIns = await database.db.selectFrom('audit_events').select('details').where('actor_user_id', '=', id).where('action', '=', 'sign_in.staff').execute();
		expect(signIns).toEqual([{ details: { second_factor: 'totp' } }]);
	});

	it('never accepts the same code twice, nor a wrong one', async () => {
		const { id, username } = await newStaff();
		const secret = await enrol(id, T0);
		const now = at(120_000);
		const first = new FakeCookies();
		await signInStaff(database.db, first, { username, password: PASSWORD }, { now });
		const code = totp(secret, now.getTime());
		await completeStaffTotp(database.db, first, code, { now });

		const second = new FakeCookies();
		await signInStaff(database.db, second, { username, password: PASSWORD }, { now });
		await expect(completeStaffTotp(database.db, second, code, { now })).rejects.toMatchObject({ code: 'totp_wrong' });
		const wrong = code === '000000' ? '000001' : '000000';
		await expect(completeStaffTotp(database.db, second, wrong, { now })).rejects.toMatchObject({ code: 'totp_wrong' });
		expect(second.get(SESSION_COOKIE)).toBeUndefined();
	});

	it('slows down guessing of the second factor', async () => {
		const { id, username } = await newStaff();
		const secret = await enrol(id, T0);
		const now = at(200_000);
		const cookies = new FakeCookies();
		await signInStaff(database.db, cookies, { username, password: PASSWORD }, { now });
		const right = totp(secret, now.getTime());
		const wrong = right === '000000' ? '000001' : '000000';
		for (let i = 0; i < 4; i++) await expect(completeStaffTotp(database.db, cookies, wrong, { now })).rejects.toMatchObject({ code: 'totp_wrong' });
		await expect(completeStaffTotp(database.db, cookies, right, { now })).rejects.toBeInstanceOf(RateLimitedError);
		await expect(completeStaffTotp(database.db, cookies, right, { now: at(201_000) })).resolves.toMatchObject({ id });
	});

	it('makes an admin in production enrol an authenticator before the first session', async () => {
		const { id, username } = await newStaff('admin');
		const cookies = new FakeCookies();
		expect(await signInStaff(database.db, cookies, { username, password: PASSWORD }, { now: T0, demo: false })).toEqual({ status: 'totp_enrol' });
		const pending = await pendingStaffSignIn(database.db, cookies, T0);
		if (pending?.stage !== 'totp_enrol') throw new Error('expected an enrolment');
		expect(pending.enrolment.uri).toMatch(new RegExp(`^otpauth://totp/Pelak:${username}\\?secret=${pending.enrolment.secret}&`));
		// shown again, the same secret (the page can be reloaded)
		expect((await pendingStaffSignIn(database.db, cookies, T0)) as unknown).toEqual(pending);
		await completeStaffEnrolment(database.db, cookies, totp(base32Decode(pending.enrolment.secret), T0.getTime()), { now: T0 });
		expect(await resolveSession(database.db, cookies, T0)).toMatchObject({ id });
		expect((await auditOf(id)).map((a) => a.action)).toEqual(['totp.enabled']);
		// from now on the admin signs in with the code
		expect(await signInStaff(database.db, new FakeCookies(), { username, password: PASSWORD }, { now: at(60_000), demo: false })).toEqual({ status: 'totp' });
	});

	it('lets the demo admin in without TOTP in demo mode', async () => {
		expect(await signInStaff(database.db, new FakeCookies(), { username: 'admin', password: DEMO_PASSWORD }, { now: T0, demo: true })).toMatchObject({ status: 'signed_in' });
	});

	it('lets an admin reset a lost authenticator, with a reason, signing the account out', async () => {
		const { id, username } = await newStaff();
		await enrol(id, T0);
		const cookies = new FakeCookies();
		await signInStaff(database.db, cookies, { username, password: PASSWORD }, { now: T0 });
		await expect(resetStaffTotp(database.db, admin, id, 'lost')).rejects.toMatchObject({ code: 'reason_required' });
		await resetStaffTotp(database.db, admin, id, 'گوشی گم شده؛ نامهٔ شمارهٔ ۱۲۳ دیده شد');
		expect(await signInStaff(database.db, new FakeCookies(), { username, password: PASSWORD }, { now: T0 })).toMatchObject({ status: 'signed_in' });
		expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'admin.totp_reset', actor_user_id: admin.id, reason: expect.stringContaining('گوشی') });
	});
});

describe('changing one’s password', () => {
	it('needs the current password, ends the other sessions and keeps this one', async () => {
		const { id, username } = await newStaff();
		const here = new FakeCookies();
		const elsewhere = new FakeCookies();
		await signInStaff(database.db, here, { username, password: PASSWORD }, { now: T0 });
		await signInStaff(database.db, elsewhere, { username, password: PASSWORD }, { now: T0 });
		const user = (await resolveSession(database.db, here, T0))!;

		const next = 'a-brand-new-password-1405';
		await expect(changeOwnPassword(database.db, here, user, { current: 'not-the-password', next, confirm: next }, { now: T0 })).rejects.toMatchObject({
			code: 'current_password_wrong'
		});
		await expect(changeOwnPassword(database.db, here, user, { current: PASSWORD, next: 'short', confirm: 'short' }, { now: T0 })).rejects.toMatchObject({
			code: 'password_too_short'
		});
		await expect(changeOwnPassword(database.db, here, user, { current: PASSWORD, next, confirm: `${next}x` }, { now: T0 })).rejects.toMatchObject({
			code: 'password_confirmation_differs'
		});
		expect(await resolveSession(database.db, elsewhere, T0)).not.toBeNull();

		await changeOwnPassword(database.db, here, user, { current: PASSWORD, next, confirm: next }, { now: at(1000) });
		expect(await resolveSession(database.db, here, at(2000))).toMatchObject({ id });
		expect(await resolveSession(database.db, elsewhere, at(2000))).toBeNull();
		await expect(signInStaff(database.db, new FakeCookies(), { username, password: PASSWORD }, { now: at(3000) })).rejects.toMatchObject({ code: 'invalid_credentials' });
		await expect(signInStaff(database.db, new FakeCookies(), { username, password: next }, { now: at(3000) })).resolves.toMatchObject({ status: 'signed_in' });
		const changed = (await auditOf(id)).find((a) => a.action === 'password.changed');
		expect(changed).toBeDefined();
		expect(JSON.stringify(changed)).not.toContain(next);
	});

	it('refuses a new password built on the username, and changes nothing', async () => {
		const { username } = await newStaff();
		const cookies = new FakeCookies();
		await signInStaff(database.db, cookies, { username, password: PASSWORD }, { now: T0 });
		const user = (await resolveSession(database.db, cookies, T0))!;
		const next = `${username}-2025!`;
		await expect(changeOwnPassword(database.db, cookies, user, { current: PASSWORD, next, confirm: next }, { now: T0 })).rejects.toMatchObject({
			code: 'password_guessable'
		});
		await expect(signInStaff(database.db, new FakeCookies(), { username, password: PASSWORD }, { now: T0 })).resolves.toMatchObject({ status: 'signed_in' });
	});
});

describe('admin recovery and the audit log', () => {
	it('re-binds a citizen’s mobile only with a reason, signs them out, and audits who, why and what the registry said', async () => {
		const citizen = DEMO_CITIZENS[1];
		const { id } = await database.db.selectFrom('users').select('id').where('national_id', '=', citizen.nationalId).executeTakeFirstOrThrow();
		const input = { nationalId: citizen.nationalId, mobile: '09351112233' };
		const registry = new SandboxIdentityRegistry();
		await expect(rebindCitizenMobile(database.db, admin, { ...input, reason: '' }, { registry })).rejects.toMatchObject({ code: 'reason_required' });
		const officer = (await findActiveUser(database.db, (await database.db.selectFrom('users').select('id').where('username', '=', 'planner').executeTakeFirstOrThrow()).id))!;
		await expect(rebindCitizenMobile(database.db, officer, { ...input, reason: 'کارت ملی دیده شد، شماره تازه' }, { registry })).rejects.toMatchObject({ status: 403 });

		await rebindCitizenMobile(database.db, admin, { ...input, reason: 'کارت ملی در دفتر منطقه دیده شد' }, { registry, client: { ip: '10.0.0.7' } });
		const row = await database.db.selectFrom('users').select('mobile').where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.mobile).toBe('09351112233');
		expect((await auditOf(id)).at(-1)).toEqual({
			action: 'admin.citizen_mobile_rebound',
			actor_user_id: admin.id,
			reason: 'کارت ملی در دفتر منطقه دیده شد',
			details: { from: citizen.mobile, to: '09351112233', registry: 'not_matched' }
		});
		for (const mobile of [citizen.mobile, '09351112233']) {
			const [notice] = await listOutbox(database.db, { recipient: mobile, limit: 1 });
			expect(notice.body).toContain('the mobile number of your account was changed');
		}
	});

	it('makes a staff member the admin created choose their own password before anything else', async () => {
		await createStaffAccount(database.db, admin, { username: 'fresh.one', displayName: 'کارمند تازه', password: 'handed-over-1404' });
		const cookies = new FakeCookies();
		const result = await signInStaff(database.db, cookies, { username: 'fresh.one', password: 'handed-over-1404' }, { now: T0 });
		expect(result.status === 'signed_in' && result.user.mustChangePassword).toBe(true);
		const user = (await resolveSession(database.db, cookies, T0))!;
		await changeOwnPassword(database.db, cookies, user, { current: 'handed-over-1404', next: 'my-own-secret-1404', confirm: 'my-own-secret-1404' }, { now: T0 });
		expect((await resolveSession(database.db, cookies, T0))?.mustChangePassword).toBe(false);
	});

	it('audits an admin creating a staff account, without the password', async () => {
		const id = await createStaffAccount(database.db, admin, { username: 'audited.one', displayName: 'کارمند ثبت‌شده', password: 'a-long-password-1' });
		const [entry] = await auditOf(id);
		expect(entry).toMatchObject({ action: 'admin.staff_created', actor_user_id: admin.id, details: { username: 'audited.one' } });
		expect(JSON.stringify(entry)).not.toContain('a-long-password-1');
		await expect(createStaffAccount(database.db, admin, { username: 'audited.two', displayName: 'شهروند 0010000011', password: 'a-long-password-1' })).rejects.toMatchObject({
			code: 'display_name_has_national_id'
		});
	});

	it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
		await expect(sql`update audit_events set reason = 'edited'`.execute(database.db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
		await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
	});

	it('masks one-time codes in the sandbox outbox outside demo mode', async () => {
		await database.db.insertInto('outbox').values({ recipient: '09120000001', body: 'پلاک — کد ورود شما: 123456\nPelak sign-in code: 123456' }).execute();
		const [demo] = await sandboxOutbox(database.db, admin, 1, true);
		expect(demo.body).toContain('123456');
		const [production] = await sandboxOutbox(database.db, admin, 1, false);
		expect(production.body).not.toMatch(/\d{6}/);
		expect(production.body).toContain('••••••');
	});
});

/**
 * Issue 7's pages at the edge, called directly with a minimal event: the staff sign-in's TOTP step,
 * the password page, the admin's re-bind form, and the audit of a document download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { openTestDatabase, type TestDatabase } from '../db';
import { FakeCookies } from '../fake-cookies';
import { buildCaseWorld, FIXTURES, type CaseWorld } from '../factories/case-world';
import { fileRequest } from '../../src/lib/server/cases';
import { beginTotpEnrolment, confirmTotpEnrolment, grantRole, hashPassword, insertStaff, PENDING_COOKIE, SESSION_COOKIE, type SessionUser } from '../../src/lib/server/auth';
import type { Role } from '../../src/lib/domain/roles';
import { base32Decode, totp } from '../../src/lib/server/auth/totp';
import * as loginPage from '../../src/routes/login/+page.server';
import * as totpPage from '../../src/routes/login/totp/+page.server';
import * as passwordPage from '../../src/routes/account/password/+page.server';
import * as adminPage from '../../src/routes/admin/+page.server';
import { GET as downloadDocument } from '../../src/routes/documents/[id=id]/+server';

let database: TestDatabase;
let world: CaseWorld;

function event(pathAndQuery: string, input: { user?: SessionUser | null; form?: Record<string, string>; cookies?: FakeCookies; params?: Record<string, string> } = {}) {
	const url = new URL(pathAndQuery, 'http://pelak.test');
	let request = new Request(url, { method: 'GET', headers: { 'user-agent': 'vitest' } });
	if (input.form) {
		const body = new FormData();
		for (const [k, v] of Object.entries(input.form)) body.append(k, v);
		request = new Request(url, { method: 'POST', body, headers: { 'user-agent': 'vitest' } });
	}
	return {
		url,
		request,
		params: input.params ?? {},
		locals: { db: database.db, backend: database.backend, lang: 'en', user: input.user ?? null },
		cookies: input.cookies ?? new FakeCookies(),
		getClientAddress: () => '198.51.100.4'
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
	} as any;
}

async function redirectOf(call: () => unknown): Promise<string> {
	try {
		await call();
	} catch (err) {
		if (isRedirect(err)) return err.location;
		throw err;
	}
	throw new Error('expected a redirect');
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('the staff sign-in with a second factor', () => {
	it('sends a TOTP user from the password to the code page, and signs them in there', async () => {
		const id = await insertStaff(database.db, { username: 'totp.page', passwordHash: await hashPassword('page-password-1404'), displayName: 'کارمند دومرحله‌ای' });
		const { secret } = await beginTotpEnrolment(database.db, id);
		const enrolledAt = new Date(Date.now() - 60_000);
		await confirmTotpEnrolment(database.db, id, totp(base32Decode(secret), enrolledAt.getTime()), { now: enrolledAt });

		const cookies = new FakeCookies();
		const form = { username: 'totp.page', password: 'page-password-1404', redirect: '/cartable' };
		expect(await redirectOf(() => loginPage.actions.staff(event('/login?/staff', { form, cookies })))).toBe('/login/totp?redirect=%2Fcartable');
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();

		const page = await totpPage.load(event('/login/totp?redirect=%2Fcartable', { cookies }));
		expect(page).toMatchObject({ stage: 'totp', enrolment: null });
		const wrong = await totpPage.actions.default(event('/login/totp', { form: { code: '12345' }, cookies }));
		expect(wrong).toMatchObject({ status: 400, data: { code: 'totp_malformed' } });
		const code = totp(base32Decode(secret), Date.now());
		expect(await redirectOf(() => totpPage.actions.default(event('/login/totp?redirect=%2Fcartable', { form: { code }, cookies })))).toBe('/cartable');
		expect(cookies.get(SESSION_COOKIE)).toBeDefined();
		expect(cookies.get(PENDING_COOKIE)).toBeUndefined();
	});

	it('sends a visitor with no pending sign-in back to the staff sign-in', async () => {
		expect(await redirectOf(() => totpPage.load(event('/login/totp')))).toBe('/login?tab=staff');
		expect(await redirectOf(() => totpPage.load(event('/login/totp?redirect=%2Fcases%2F3')))).toBe('/login?tab=staff&redirect=%2Fcases%2F3');
	});
});

describe('where staff land after signing in', () => {
	const signIn = async (username: string, role: Role, redirect = '') => {
		const id = await insertStaff(database.db, { username, passwordHash: await hashPassword('landing-password-1404'), displayName: username });
		await grantRole(database.db, id, { role, districtId: null });
		const form = { username, password: 'landing-password-1404', redirect };
		return redirectOf(() => loginPage.actions.staff(event('/login?/staff', { form, cookies: new FakeCookies() })));
	};

	it('sends staff with no page to go back to to their workspace, not the map', async () => {
		expect(await signIn('landing.planner', 'planner')).toBe('/planning');
		expect(await signIn('landing.excavation', 'excavation_officer')).toBe('/excavations');
		expect(await signIn('landing.council', 'council_member')).toBe('/dashboard');
		expect(await signIn('landing.inspector', 'inspector')).toBe('/cartable');
	});

	it('goes back to the page that asked for the sign-in', async () => {
		expect(await signIn('landing.back', 'planner', '/cases/7')).toBe('/cases/7');
	});

	it('sends an officer who opens the sign-in page while signed in to the cartable, a citizen to the map', async () => {
		expect(await redirectOf(() => loginPage.load(event('/login', { user: world.users.officer6 })))).toBe('/cartable');
		expect(await redirectOf(() => loginPage.load(event('/login', { user: world.users.zahra })))).toBe('/');
		const page = await loginPage.load(event('/login?tab=staff'));
		expect(page).toMatchObject({ tab: 'staff', redirect: '' });
	});
});

describe('the citizen sign-in in demo mode', () => {
	it('shows the sandbox SMS on the code step, and the code in it signs the citizen in', async () => {
		const person = { nationalId: '0010000011', mobile: '09120000001' };
		const sent = await loginPage.actions.requestCode(event('/login?/requestCode', { form: person }));
		const message = (sent as { sandboxMessage?: string }).sandboxMessage ?? '';
		// the newest outbox message to that number, as the admin's outbox lists it
		const [outbox] = await database.db.selectFrom('outbox').select('body').where('recipient', '=', person.mobile).orderBy('id', 'desc').limit(1).execute();
		expect(message).toBe(outbox.body);
		const code = /\b(\d{6})\b/.exec(message)?.[1];
		expect(code).toMatch(/^\d{6}$/);

		const cookies = new FakeCookies();
		const form = { ...person, code: code!, redirect: '/cases' };
		expect(await redirectOf(() => loginPage.actions.verifyCode(event('/login?/verifyCode', { form, cookies })))).toBe('/cases');
		expect(cookies.get(SESSION_COOKIE)).toBeDefined();
	});

	it('shows no message when the code was refused (a national id the registry does not know)', async () => {
		const refused = await loginPage.actions.requestCode(event('/login?/requestCode', { form: { nationalId: '0010000020', mobile: '09120000009' } }));
		expect((refused as { status?: number }).status).toBeGreaterThanOrEqual(400);
		expect(JSON.stringify(refused)).not.toMatch(/sandboxMessage/);
	});
});

describe('the account and admin pages', () => {
	it('answers a wrong current password on the password page without echoing any field', async () => {
		const result = await passwordPage.actions.default(
			event('/account/password', { user: world.users.planner, form: { current: 'nope-nope-nope', next: 'new-password-1404-x', confirm: 'new-password-1404-x' } })
		);
		expect(result).toMatchObject({ status: 401, data: { code: 'current_password_wrong' } });
		expect(JSON.stringify(result)).not.toContain('new-password-1404-x');
	});

	it('re-binds a citizen’s mobile from the admin page with the admin’s address in the audit', async () => {
		const form = { nationalId: world.users.ali.nationalId!, mobile: '09351239999', reason: 'کارت ملی در دفتر منطقه ۶ دیده شد' };
		expect(await adminPage.actions.rebind(event('/admin?/rebind', { user: world.users.admin, form }))).toEqual({ done: 'rebind' });
		const entry = await database.db.selectFrom('audit_events').select(['action', 'ip', 'reason']).where('target_user_id', '=', world.users.ali.id).executeTakeFirstOrThrow();
		expect(entry).toEqual({ action: 'admin.citizen_mobile_rebound', ip: '198.51.100.4', reason: form.reason });
		const refused = await Promise.resolve()
			.then(() => adminPage.actions.rebind(event('/admin?/rebind', { user: world.users.officer6, form })))
			.catch((err: unknown) => err);
		expect(isHttpError(refused, 403)).toBe(true);
	});
});

describe('document downloads', () => {
	it('records who downloaded which document', async () => {
		const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'deed.pdf')));
		const card = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'jpeg-photo.jpg')));
		process.env.PELAK_FILES_DIR = world.filesDir;
		try {
			const filed = await fileRequest(
				database.db,
				world.users.maryam,
				{ parcelId: world.parcel6, requestType: 'building_permit_new', documents: [{ kind: 'deed', name: 'deed.pdf', bytes }, { kind: 'national_card', name: 'card.jpg', bytes: card }] },
				{ ...world.ctx(), sender: null }
			);
			const doc = filed.documents[0];
			const response = await downloadDocument(event(`/documents/${doc.id}`, { user: world.users.maryam, params: { id: String(doc.id) } }));
			expect(response.status).toBe(200);
		} finally {
			delete process.env.PELAK_FILES_DIR;
		}
		const entries = await database.db.selectFrom('audit_events').select(['actor_user_id', 'details', 'ip']).where('action', '=', 'document.downloaded').execute();
		expect(entries).toEqual([{ actor_user_id: world.users.maryam.id, details: expect.objectContaining({ kind: 'deed', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }), ip: '198.51.100.4' }]);
	});
});

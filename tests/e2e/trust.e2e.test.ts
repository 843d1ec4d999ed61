/**
 * Issue 7 («Trust») in a real browser against the built server: someone else's national id is
 * refused at the citizen sign-in (sandbox registry, labelled), and a staff member turns on TOTP,
 * signs in again through the code step, and changes their password.
 * Screenshots go to tests/output/screenshots/trust-*.png for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';
import { base32Decode, totp } from '../../src/lib/server/auth/totp';
import { launchChromium } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `trust-${name}.png`), fullPage: true });

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startBuiltServer();
	browser = await launchChromium();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function staffSignIn(password: string, then: string) {
	// hydrated first: fields filled before it can be emptied by it (browser.ts, staffSignIn)
	await page.goto(`${server.url}/login?tab=staff&redirect=${encodeURIComponent(then)}`, { waitUntil: 'networkidle' });
	await page.fill('input[name=username]', 'planner');
	await page.fill('input[name=password]', password);
	await page.click('form button');
}

describe('trust at sign-in', () => {
	let secret: Buffer;

	it('refuses a citizen sign-in with a national id the registry does not match to the mobile', async () => {
		await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
		await expect(page.locator('[data-testid=registry-sandbox-note]').textContent()).resolves.toContain('شاهکار');
		await page.fill('input[name=nationalId]', '0010000062');
		await page.fill('input[name=mobile]', '09120000001');
		await page.click('form button');
		const error = page.locator('[data-testid=login-error]');
		await error.waitFor();
		expect(await error.getAttribute('data-code')).toBe('identity_not_matched');
		expect(await page.locator('input[name=code]').count()).toBe(0);
		await shot('citizen-refused');
	});

	it('lets a staff member turn on TOTP from their account page', async () => {
		await staffSignIn(DEMO_PASSWORD, '/account');
		await page.waitForURL((u) => u.pathname === '/account');
		await page.click('[data-testid=account-totp]');
		const key = (await page.locator('[data-testid=totp-secret]').textContent())?.trim() ?? '';
		expect(key).toMatch(/^[A-Z2-7]{32}$/);
		secret = base32Decode(key);
		await shot('totp-enrol');
		await page.fill('input[name=code]', totp(secret, Date.now()));
		await page.click('form.cp-form button');
		await page.locator('[data-testid=form-done]').waitFor();
	});

	it('asks for the authenticator code at the next sign-in', async () => {
		await page.locator('form[action="/logout"] button').click();
		await page.waitForURL((u) => u.pathname === '/');
		await staffSignIn(DEMO_PASSWORD, '/account');
		await page.waitForURL((u) => u.pathname === '/login/totp');
		expect(await page.locator('[data-testid=totp-step]').getAttribute('data-stage')).toBe('totp');
		await shot('totp-prompt');
		// the next step's code: the enrolment used this step's, and a code is accepted once only
		await page.fill('input[name=code]', totp(secret, Date.now() + 30_000));
		await Promise.all([page.waitForURL((u) => u.pathname === '/account'), page.click('form.cp-form button')]);
		expect(await page.locator('[data-testid=account]').textContent()).toContain('planner');
	});

	it('changes the password with the current one', async () => {
		await page.click('[data-testid=account-password]');
		await page.fill('input[name=current]', 'not-the-password');
		await page.fill('input[name=next]', 'a-fresh-password-1404');
		await page.fill('input[name=confirm]', 'a-fresh-password-1404');
		await page.click('form.cp-form button');
		expect(await page.locator('[data-testid=form-error]').getAttribute('data-code')).toBe('current_password_wrong');
		await page.fill('input[name=current]', DEMO_PASSWORD);
		await page.fill('input[name=next]', 'a-fresh-password-1404');
		await page.fill('input[name=confirm]', 'a-fresh-password-1404');
		await page.click('form.cp-form button');
		await page.locator('[data-testid=form-done]').waitFor();
		await shot('password-changed');
		expect(pageErrors).toEqual([]);
	});
});

/**
 * Hardened defaults against the built server in a real browser: every page and API answer carries
 * the security headers; the map renders, and staff sign in, under the pages' CSP with no violation
 * reported; the demo banner is on every page; the language switch never leaves the site; a sign-in
 * post past its body limit is refused; and production refuses to start while it is unsafe, saying why.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { addWorkingDays, tehranDate } from '../../src/lib/domain/working-days';
import { launchChromium, staffSignIn } from './browser';
import { startSmallCity } from './sample-server';
import type { RunningServer } from './server';

const ROOT = path.resolve(import.meta.dirname, '../..');

let server: RunningServer;
let browser: Browser;
let page: Page;
const violations: string[] = [];

declare global {
	interface Window {
		__cspViolations?: string[];
	}
}

beforeAll(async () => {
	// the small sample city (2,000 parcels: enough city for the map), a copy of this run's first start
	server = await startSmallCity();
	browser = await launchChromium();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
	// Both ways a browser tells of a CSP violation: the DOM event (workers and images included) and the console.
	await page.addInitScript(() => {
		window.__cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
	});
	page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function reportedViolations(): Promise<string[]> {
	return [...violations, ...(await page.evaluate(() => window.__cspViolations ?? []))];
}

function expectHardened(headers: Headers, what: string) {
	expect(headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
	expect(headers.get('x-frame-options'), what).toBe('DENY');
	expect(headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
	expect(headers.get('strict-transport-security'), `${what}: no HSTS on plain http`).toBeNull();
}

describe('security headers', () => {
	it('are on pages, with a CSP that allows no inline script, and on API, tile and redirect answers', async () => {
		const home = await fetch(`${server.url}/`);
		expectHardened(home.headers, '/');
		const csp = home.headers.get('content-security-policy')!;
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
		expect(scriptSrc).toMatch(/'self' 'nonce-[A-Za-z0-9+/=]+'$/);
		expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
		for (const pathname of ['/login', '/track', '/no-such-page', '/api/search?q=1', '/api/parcels/999999999', '/tiles/layers.json', '/tiles/parcels/15/20000/13000.mvt', '/cases']) {
			const response = await fetch(server.url + pathname, { redirect: 'manual' });
			expectHardened(response.headers, pathname);
		}
	});
});

describe('the demo under the CSP in a browser', () => {
	it('renders the map with its tiles and worker, with the demo banner, and reports no CSP violation', async () => {
		await page.goto(`${server.url}/`);
		await page.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
		await page.evaluate(() => window.__pelakMap!.jumpTo({ zoom: 16 }));
		await page.waitForFunction(() => window.__pelakMap!.loaded() && window.__pelakMap!.queryRenderedFeatures({ layers: ['parcels-fill'] }).length > 0, null, { timeout: 60_000 });
		expect((await page.getByTestId('demo-banner').textContent())?.trim()).toBe('نسخهٔ نمایشی — داده‌های نمونه');
		expect(await reportedViolations()).toEqual([]);
	});

	it('signs staff in and shows the admin page, the banner in English after the switch, with no CSP violation', async () => {
		await staffSignIn(page, server.url, 'admin', '/admin');
		await page.getByTestId('outbox').waitFor();
		// the switch reloads the same address: wait for the new document, and for all of it (the holidays card is its last part)
		await Promise.all([page.waitForEvent('framenavigated'), page.getByTestId('lang-switch').click()]);
		await page.waitForLoadState('load');
		expect(new URL(page.url()).pathname).toBe('/admin');
		expect((await page.getByTestId('demo-banner').textContent())?.trim()).toBe('Demo — sample data');
		// the holidays the deadlines skip in the coming year: the official list's, then the next year's fixed solar days and estimated lunar ones
		const holidays = page.locator('[data-testid=holidays] [data-testid=holiday-row]');
		expect(await holidays.count()).toBeGreaterThanOrEqual(20);
		expect(await holidays.filter({ hasText: 'Nowruz (New Year)' }).count()).toBe(1); // within a year, whatever today is
		const statuses = await holidays.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
		expect(statuses.every((s) => s === 'published' || s === 'fixed' || s === 'estimated')).toBe(true);

		// an office closure for air pollution on the next working day but one: the sample city's open deadlines from then on move
		const day = addWorkingDays(tehranDate(new Date()), 2, municipalCalendar());
		const form = page.getByTestId('closure-form');
		await form.locator('input[name=day]').fill(day);
		await form.locator('input[name=reasonFa]').fill('آلودگی هوا');
		await form.locator('input[name=reasonEn]').fill('Air pollution');
		await form.locator('button').click();
		await page.getByTestId('closure-recorded').waitFor();
		const row = page.locator(`[data-testid=closure-row][data-date="${day}"]`);
		await row.waitFor();
		expect(await row.textContent()).toContain('Air pollution');
		const moved = Number(await row.getAttribute('data-moved'));
		expect(moved).toBeGreaterThan(0);
		// called off the next day: withdrawn, the same deadlines move back
		await row.locator('summary').click();
		const withdraw = row.getByTestId('closure-withdraw-form');
		await withdraw.locator('input[name=reasonFa]').fill('لغو تعطیلی به اعلام استانداری');
		await withdraw.locator('button').click();
		const withdrawn = page.getByTestId('closure-withdrawn');
		await withdrawn.waitFor();
		expect(Number(await withdrawn.getAttribute('data-moved'))).toBe(moved);
		expect(await page.locator(`[data-testid=closure-row][data-date="${day}"]`).count()).toBe(0);
		// both are in the audit log, each named in the reader's language beside its code
		for (const [action, name] of [['admin.office_closure_recorded', 'Office closure recorded'], ['admin.office_closure_withdrawn', 'Office closure withdrawn']]) {
			expect(await page.locator(`[data-testid=audit-row][data-action="${action}"]`).first().textContent()).toContain(name);
		}
		// the administrator files no requests: a parcel's panel offers none (its link led to a refusal)
		await page.goto(`${server.url}/parcels/1`);
		await page.getByTestId('parcel-panel').waitFor();
		expect(await page.getByTestId('proposal-link').count()).toBe(1);
		expect(await page.getByTestId('start-request').count()).toBe(0);
		expect(await reportedViolations()).toEqual([]);
	});
});

describe('the audit log page', () => {
	it('finds a refused sign-in by the failed sign-ins and the name tried, its details labelled, in English and Persian', async () => {
		// someone tries a staff account that does not exist, from another browser
		const stranger = await (await browser.newContext()).newPage();
		try {
			await stranger.goto(`${server.url}/login?tab=staff`, { waitUntil: 'networkidle' });
			await stranger.fill('input[name=username]', 'ghost.clerk');
			await stranger.fill('input[name=password]', 'not-the-password-1404');
			await stranger.click('form button');
			await stranger.locator('[role=alert]').first().waitFor();
		} finally {
			await stranger.context().close();
		}

		await page.context().addCookies([{ name: 'lang', value: 'en', url: server.url }]);
		await page.goto(`${server.url}/admin`);
		await Promise.all([page.waitForURL((u) => u.pathname === '/admin/audit'), page.getByTestId('audit-all').click()]);
		const filters = page.getByTestId('audit-filters');
		await filters.locator('select[name=action]').selectOption('failed_sign_ins');
		await filters.locator('input[name=person]').fill('ghost.clerk');
		await Promise.all([page.waitForURL((u) => u.searchParams.get('action') === 'failed_sign_ins'), filters.locator('button').click()]);
		expect(new URL(page.url()).searchParams.get('person')).toBe('ghost.clerk');
		const rows = page.locator('[data-testid=audit-row]');
		expect(await rows.count()).toBe(1);
		const row = rows.first();
		expect(await row.getAttribute('data-action')).toBe('sign_in.failed');
		expect(await row.getByTestId('audit-code').textContent()).toBe('sign_in.failed');
		const en = (await row.textContent()) ?? '';
		for (const text of ['Failed sign-in', 'Account kind', 'staff', 'Username', 'ghost.clerk']) expect(en).toContain(text);
		expect(en).not.toContain('kind:');

		// the same search in Persian: the filters stay in the address
		await page.context().addCookies([{ name: 'lang', value: 'fa', url: server.url }]);
		await page.reload();
		const fa = (await page.locator('[data-testid=audit-row]').first().textContent()) ?? '';
		for (const text of ['ورود ناموفق', 'نوع حساب', 'کارمند', 'نام کاربری', 'ghost.clerk', 'sign_in.failed']) expect(fa).toContain(text);
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

		// the same search as CSV, for Excel
		const csv = await page.request.get(server.url + (await page.getByTestId('audit-csv').getAttribute('href')));
		expect(csv.status()).toBe(200);
		const body = await csv.body();
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(body.toString('utf8')).toContain('نوع حساب: کارمند؛ نام کاربری: ghost.clerk');

		// a day that is none: named beside the form, in the reader's language
		await page.goto(`${server.url}/admin/audit?action=failed_sign_ins&from=${encodeURIComponent('۱۴۰۵/۱۳/۴۰')}`);
		expect(await page.getByTestId('audit-filter-error').textContent()).toContain('«از تاریخ» تاریخ درستی نیست');
		expect(await page.locator('input[name=from]').inputValue()).toBe('۱۴۰۵/۱۳/۴۰');
		expect(await reportedViolations()).toEqual([]);
	});
});

describe('requests the app refuses', () => {
	it.each(['https://evil.example/', '//evil.example', '/\t/evil.example', '/\\evil.example'])(
		'sends /lang?redirect=%j back to this site only',
		async (target) => {
			const response = await fetch(`${server.url}/lang?to=en&redirect=${encodeURIComponent(target)}`, { redirect: 'manual' });
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toBe('/');
		}
	);

	it('refuses a sign-in post larger than 16 KB before reading it', async () => {
		const response = await fetch(`${server.url}/login?/staff`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: `username=admin&password=${'x'.repeat(20_000)}`
		});
		expect(response.status).toBe(413);
		expect(await response.json()).toMatchObject({ type: 'error', error: { code: 'payload_too_large' } });
	});

	it('names the methods an endpoint takes when asked with another, in the asker\'s language', async () => {
		const api = await fetch(`${server.url}/api/parcels/1`, { method: 'DELETE', headers: { cookie: 'lang=fa' } });
		expect(api.status).toBe(405);
		expect(api.headers.get('allow')).toBe('GET, HEAD');
		expect(await api.json()).toEqual({ error: { code: 'method_not_allowed', message: 'این نشانی درخواست DELETE نمی‌پذیرد؛ فقط GET، HEAD.' } });

		const tile = await fetch(`${server.url}/tiles/layers.json`, { method: 'POST', headers: { cookie: 'lang=en', origin: server.url } });
		expect(tile.status).toBe(405);
		expect(tile.headers.get('content-type')).toContain('text/plain');
		expect(await tile.text()).toMatch(/^This address does not take POST requests; only GET/);
	});
});

/** Runs the built server with `env` and returns its exit code and output (it must exit by itself). */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(ROOT, 'build')], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the server did not exit:\n${output}`));
		}, 60_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
	});
}

describe('a production start', () => {
	it('is refused with the sandbox SMS outbox, the sample city and no ADDRESS_HEADER, each named', async () => {
		const { code, output } = await runServer({
			DATABASE_URL: 'postgres://nobody@127.0.0.1:9/never-opened',
			ORIGIN: 'https://pelak.example.ir',
			PELAK_SAMPLE_CITY: '100'
		});
		expect(code).toBe(1);
		expect(output).toContain('Pelak refused to start');
		expect(output).toMatch(/Set ADDRESS_HEADER/);
		expect(output).toMatch(/sample city is demo data/);
		expect(output).toMatch(/Set PELAK_SMS_GATEWAY_URL/);
	});
});

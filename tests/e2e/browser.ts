/**
 * What every browser test needs besides the server (./server.ts): Debian's chromium launched
 * headless with WebGL (swiftshader), pages that collect their uncaught errors, screenshots under
 * tests/output/screenshots, the staff sign-in form and a form submitted until the page answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { toLatinDigits } from '../../src/lib/i18n/format';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

declare global {
	interface Window {
		/** The page's map and drawing tool, which the app exposes for these tests. */
		__pelakMap?: import('maplibre-gl').Map;
		__pelakDraw?: import('terra-draw').TerraDraw;
	}
}

/** A phone as citizens hold one: 390×844 CSS pixels, touch, the mobile viewport. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The controls, tables and links of a page that reach past the screen's left or right edge (a phone must show none), with where they lie. */
export function offScreen(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, table, fieldset, img, canvas, a')]
			.map((e) => ({ e, r: e.getBoundingClientRect() }))
			.filter(({ r }) => r.width > 0 && r.height > 0 && (r.left < -1 || r.right > window.innerWidth + 1))
			.map(({ e, r }) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} ${Math.round(r.left)}…${Math.round(r.right)}`)
	);
}

/** `offScreen` of each page opened in turn: the pages with something past the edges, and what. */
export async function offScreenPages(page: Page, baseUrl: string, paths: readonly string[], label = ''): Promise<Record<string, string[]>> {
	const wide: Record<string, string[]> = {};
	for (const path of paths) {
		await page.goto(baseUrl + path);
		await page.waitForLoadState('load');
		const off = await offScreen(page);
		if (off.length) wide[`${label}${path}`] = off;
	}
	return wide;
}

export function launchChromium(): Promise<Browser> {
	fs.mkdirSync(SHOTS, { recursive: true });
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface BrowserKit {
	browser: Browser;
	/** Uncaught errors of every page opened through `newPage()`; a test ends by expecting none. */
	pageErrors: string[];
	/** A page in a context of its own (its own cookies: one person), 1280×900, or a 390×844 touch phone. */
	newPage(options?: { phone?: boolean }): Promise<Page>;
	/** tests/output/screenshots/<prefix>-<name>.png, the whole page. */
	shot(page: Page, name: string): Promise<Buffer>;
	close(): Promise<void>;
}

export async function openBrowser(shotPrefix: string): Promise<BrowserKit> {
	const browser = await launchChromium();
	const contexts: BrowserContext[] = [];
	const pageErrors: string[] = [];
	return {
		browser,
		pageErrors,
		async newPage({ phone = false } = {}) {
			const context = await browser.newContext(phone ? PHONE : { viewport: { width: 1280, height: 900 } });
			contexts.push(context);
			const page = await context.newPage();
			page.on('pageerror', (e) => pageErrors.push(e.message));
			return page;
		},
		shot: (page, name) => page.screenshot({ path: path.join(SHOTS, `${shotPrefix}-${name}.png`), fullPage: true }),
		async close() {
			for (const context of contexts) await context.close().catch(() => {});
			await browser.close();
		}
	};
}

/** Signs a staff member in through the staff tab of /login and waits until `then` has opened. */
export async function staffSignIn(page: Page, baseUrl: string, username: string, then: string, { password = DEMO_PASSWORD, timeoutMs = 30_000 } = {}) {
	// once the page's scripts have loaded and it has hydrated: fields filled before that can be emptied by it, and the
	// form's `required` then stops the submit without a word (seen once on the slower phone context)
	await page.goto(`${baseUrl}/login?tab=staff&redirect=${encodeURIComponent(then)}`, { waitUntil: 'networkidle' });
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	const started = Date.now();
	try {
		await Promise.all([page.waitForURL((u) => u.pathname === then.split('?')[0], { timeout: timeoutMs }), page.click('form button')]);
	} catch (err) {
		// say where it stood: still on the form (and what it said), or on another page
		const said = await page.locator('[data-testid=form-error], [role=alert]').allTextContents().catch(() => []);
		throw new Error(`${username} did not reach ${then} within ${Date.now() - started} ms: the page is ${page.url()}${said.length ? `, saying «${said.join(' / ')}»` : ''} (${(err as Error).message.split('\n')[0]})`);
	}
}

/** Submits the form holding `button` and waits for the page to say it was done; a refusal throws with its text. */
export async function submitAndWait(page: Page, button: string) {
	await page.click(button);
	const outcome = page.locator('[data-testid=form-done], [data-testid=form-error]');
	await outcome.first().waitFor({ timeout: 30_000 });
	const error = page.locator('[data-testid=form-error]');
	if (await error.count()) throw new Error(`refused: ${await error.first().textContent()}`);
}

/**
 * Signs a citizen in with the one-time code, read as the admin reads it from the sandbox SMS
 * outbox (demo mode) in a second context, and waits until `then` has opened. Returns the admin's
 * outbox page.
 */
export async function citizenSignIn(kit: BrowserKit, citizenPage: Page, baseUrl: string, citizen: { nationalId: string; mobile: string }, then: string): Promise<Page> {
	// hydrated first, as for staff: fields filled before it can be emptied, and `required` then stops the submit silently
	await citizenPage.goto(`${baseUrl}/login?redirect=${encodeURIComponent(then)}`, { waitUntil: 'networkidle' });
	await citizenPage.fill('input[name=nationalId]', citizen.nationalId);
	await citizenPage.fill('input[name=mobile]', citizen.mobile);
	await citizenPage.click('form button');
	// the code step, or the sign-in's refusal, named in the failure rather than a bare timeout
	const codeInput = citizenPage.locator('input[name=code]');
	await codeInput.or(citizenPage.getByTestId('login-error')).first().waitFor();
	if (!(await codeInput.isVisible())) {
		const refusal = citizenPage.getByTestId('login-error');
		throw new Error(`no code step for ${citizen.mobile}: ${await refusal.getAttribute('data-code')}: ${await refusal.textContent()}`);
	}

	const admin = await kit.newPage();
	await staffSignIn(admin, baseUrl, 'admin', '/admin');
	const row = admin.locator(`[data-testid=outbox-row][data-recipient="${citizen.mobile}"]`).first();
	const body = toLatinDigits((await row.locator('[data-testid=outbox-body]').textContent()) ?? '');
	const code = /\b(\d{6})\b/.exec(body)?.[1];
	if (!code) throw new Error(`no six-digit code in the outbox message to ${citizen.mobile}: ${body}`);
	// the code step shows a visitor the same sandbox SMS
	const shown = toLatinDigits((await citizenPage.getByTestId('sandbox-sms').textContent()) ?? '');
	if (!shown.includes(code)) throw new Error(`the code step does not show the sandbox SMS with ${code}: ${shown}`);

	await citizenPage.fill('input[name=code]', code);
	await Promise.all([citizenPage.waitForURL((u) => u.pathname === then.split('?')[0]), citizenPage.click('form button')]);
	return admin;
}

/**
 * The forms a reviewer walked through, in a real browser against the built server with a small
 * sample city: sign-in refusals tied to their fields; the engineer's filing form (the owner's
 * fields open for a representative, the power of attorney asked only when filing for an owner,
 * a Persian file field and Persian browser checks, every entry and chosen file kept after a
 * refusal); the dashboard's period form saying a mistyped date beside its field; and an English
 * parcel panel showing a Persian address as written.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, staffSignIn } from './browser';
import { startSmallCity } from './sample-server';
import type { RunningServer } from './server';
import type { ParcelDetail } from '../../src/lib/api/parcel';

const DOCS = path.resolve(import.meta.dirname, '../fixtures/documents');

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

async function newPage(lang: 'fa' | 'en' = 'fa'): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	if (lang === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: server.url }]);
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	return { context, page };
}

/** A parcel of the sample city with an address holding digits. */
async function parcelWithAddress(): Promise<ParcelDetail> {
	for (let id = 1; id < 200; id++) {
		const response = await fetch(`${server.url}/api/parcels/${id}`);
		if (response.status !== 200) continue;
		const parcel = (await response.json()) as ParcelDetail;
		if (parcel.address && /[0-9۰-۹]/.test(parcel.address) && parcel.district) return parcel;
	}
	throw new Error('no parcel with an address among the first 200');
}

beforeAll(async () => {
	server = await startSmallCity();
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('sign-in refusals name their field', () => {
	it('marks the national id invalid and describes it by the message', async () => {
		const { context, page } = await newPage();
		await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
		await page.fill('input[name=nationalId]', '1234567890');
		await page.fill('input[name=mobile]', '09120000000');
		await page.click('form button');
		const error = page.getByTestId('login-error');
		await error.waitFor();
		const nationalId = page.locator('input[name=nationalId]');
		expect(await nationalId.getAttribute('aria-invalid')).toBe('true');
		expect(await nationalId.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
		expect(await page.locator('input[name=mobile]').getAttribute('aria-invalid')).toBeNull();
		await context.close();
	});

	it('marks the username and password on wrong credentials', async () => {
		const { context, page } = await newPage();
		await page.goto(`${server.url}/login?tab=staff`, { waitUntil: 'networkidle' });
		await page.fill('input[name=username]', 'council');
		await page.fill('input[name=password]', 'not the password');
		await page.click('form button');
		await page.getByTestId('login-error').waitFor();
		for (const name of ['username', 'password']) {
			expect(await page.locator(`input[name=${name}]`).getAttribute('aria-invalid'), name).toBe('true');
			expect(await page.locator(`input[name=${name}]`).getAttribute('aria-describedby'), name).toBe('login-error');
		}
		await context.close();
	});
});

describe('the engineer files for an owner', () => {
	let page: Page;
	let context: BrowserContext;

	beforeAll(async () => {
		({ context, page } = await newPage());
		const parcel = await parcelWithAddress();
		await staffSignIn(page, server.url, 'engineer', '/cases');
		await page.goto(`${server.url}/requests/new?parcel=${parcel.id}`, { waitUntil: 'networkidle' });
	});
	afterAll(() => context?.close());

	it('opens on the owner’s fields, with no box to tick, the legend not repeated as a label', async () => {
		expect(await page.getByTestId('rep-files-for-owner').count()).toBe(1);
		expect(await page.getByTestId('file-for-owner').count()).toBe(0);
		expect(await page.getByTestId('owner-national-id').isVisible()).toBe(true);
		const legend = (await page.locator('fieldset.owner legend').textContent())!.trim();
		const labels = await page.locator('fieldset.owner label').allTextContents();
		expect(labels.map((l) => l.trim())).not.toContain(legend);
		// filing for an owner, the representative uploads the power of attorney
		expect(await page.locator('input[name="doc:power_of_attorney"]').count()).toBe(1);
	});

	it('shows Persian file fields and Persian browser checks', async () => {
		const field = page.locator('[data-file-input]').first();
		expect(await field.textContent()).toContain('انتخاب فایل');
		expect(await field.textContent()).toContain('فایلی انتخاب نشده');
		// the browser's own check of an empty required field speaks Persian
		const messages = await page.evaluate(() => {
			const form = document.querySelector<HTMLFormElement>('[data-testid=request-form]')!;
			form.reportValidity();
			return [...form.querySelectorAll<HTMLInputElement>('input:invalid')].map((i) => [i.type, i.validationMessage]);
		});
		expect(messages.length).toBeGreaterThan(0);
		for (const [type, message] of messages) {
			expect(message, type).toMatch(/[\u0600-\u06FF]/);
			if (type === 'file') expect(message).toBe('یک فایل برگزینید.');
		}
	});

	it('keeps every entry and chosen file after a refusal', async () => {
		await page.fill('[data-testid=owner-national-id]', '1234567890'); // fails the check digit
		await page.fill('textarea[name=note]', 'یادداشت آزمایشی');
		const inputs = page.locator('[data-testid=request-form] input[type=file][required]');
		const count = await inputs.count();
		expect(count).toBeGreaterThanOrEqual(2);
		for (let i = 0; i < count; i++) await inputs.nth(i).setInputFiles(path.join(DOCS, 'deed.pdf'));
		expect(await page.locator('[data-file-input]').first().textContent()).toContain('deed.pdf');
		await page.click('[data-testid=submit-request]');
		await page.getByTestId('form-error').waitFor({ timeout: 30_000 });
		expect(await page.getByTestId('owner-national-id').inputValue()).toBe('1234567890');
		expect(await page.locator('textarea[name=note]').inputValue()).toBe('یادداشت آزمایشی');
		for (let i = 0; i < count; i++) expect(await inputs.nth(i).evaluate((el: HTMLInputElement) => el.files?.length ?? 0), `file ${i}`).toBe(1);
		expect(pageErrors).toEqual([]);
	});
});

describe('the council’s dashboard and a mistyped date', () => {
	it('says the error beside «از تاریخ», keeps what was typed, and still shows the dashboard', async () => {
		const { context, page } = await newPage();
		await staffSignIn(page, server.url, 'council', '/dashboard', { timeoutMs: 60_000 });
		await page.getByTestId('from').fill('1405/13/40');
		const response = page.waitForResponse((r) => r.url().includes('/dashboard') && r.request().method() === 'GET' && r.url().includes('from='));
		await page.getByTestId('from').press('Enter');
		expect((await response).status()).toBeLessThan(400);
		const error = page.getByTestId('period-error');
		await error.waitFor({ timeout: 30_000 });
		expect(await error.textContent()).toContain('«از تاریخ»');
		expect(await error.textContent()).not.toContain('from');
		expect(await page.getByTestId('from').inputValue()).toBe('1405/13/40');
		expect(await page.getByTestId('from').getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByTestId('from').getAttribute('aria-describedby')).toBe('period-error');
		expect(await page.getByTestId('dashboard').isVisible()).toBe(true);
		// the other field shows the app's date format: ۱۴۰۴/۰۹/۱۳, never ۱۴۰۴-۰۹-۱۳
		expect(await page.getByTestId('to').inputValue()).toMatch(/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);
		await context.close();
	});
});

describe('Persian data in the English interface', () => {
	it('shows the parcel’s address with its Persian digits, in a bdi', async () => {
		const parcel = await parcelWithAddress();
		const { context, page } = await newPage('en');
		await page.goto(`${server.url}/?parcel=${parcel.id}`);
		const address = page.getByTestId('panel-address');
		await address.waitFor({ timeout: 30_000 });
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		const text = (await address.locator('bdi').textContent())!;
		expect(text).toMatch(/[۰-۹]/);
		expect(text).not.toMatch(/[0-9]/);
		await context.close();
	});
});

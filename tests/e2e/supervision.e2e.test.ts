/**
 * Supervision in a real browser against the built server with the sample city (issue 8, §7): the
 * demo supervisor finds the SAMPLE works waiting, files a stage report with a photo on the map's
 * point, then one with a violation, which opens an Article 100 case; the district officer sees the
 * reports of the district and the violation case.
 * Screenshots go to tests/output/screenshots/supervision-*.png for review. On real PostgreSQL in a
 * database of its own when PELAK_TEST_PG (or DATABASE_URL) is set (`startOnPostgresCopy`), else on the embedded database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { staffSignIn as signIn } from './browser';
import { startOnPostgresCopy } from './sample-server';
import { startBuiltServer, type RunningServer } from './server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');
const PHOTO = path.resolve(import.meta.dirname, '../fixtures/documents/site-photo.png');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const postgres = process.env.PELAK_TEST_PG || process.env.DATABASE_URL;
let server: RunningServer;
/** The district officer of the SAMPLE works' district, found from a work's parcel. */
let officerName: string;
let browser: Browser;
let filesDir: string;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `supervision-${name}.png`), fullPage: true });

async function submitAndWait(page: Page, button: string) {
	await page.click(button);
	const outcome = page.locator('[data-testid=form-done], [data-testid=form-error]');
	await outcome.first().waitFor({ timeout: 30_000 });
	const error = page.locator('[data-testid=form-error]');
	if (await error.count()) throw new Error(`refused: ${await error.first().textContent()}`);
	return (await page.locator('[data-testid=form-done]').textContent()) ?? '';
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-files-'));
	process.env.PELAK_FILES_DIR = filesDir;
	process.env.BODY_SIZE_LIMIT = '32M';
	// a smaller sample city than the default: supervision needs only the pilot district's parcels
	const env: NodeJS.ProcessEnv = { PELAK_MODE: 'demo', PELAK_SAMPLE_CITY: '3000' };
	server = postgres ? await startOnPostgresCopy(postgres, env, 600_000) : await startBuiltServer(600_000, env);
	browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
	// as long as the server may take to load the sample city on a busy machine
}, 660_000);

afterAll(async () => {
	for (const c of contexts) await c.close().catch(() => undefined);
	await browser?.close();
	await server?.stop();
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

/** The engineer's work without a report yet, which the violation report below is filed on. */
let workId: string;

describe('the supervising engineer’s works', () => {
	let page: Page;

	it('shows the SAMPLE works waiting, some with reports', async () => {
		page = await newPage();
		await signIn(page, server.url, 'supervisor', '/supervision');
		const works = page.locator('article[data-testid^=work-]');
		// three of this year's permits, and the buildings whose open certificate case waits for this engineer
		const count = await works.count();
		if (count < 3) {
			await shot(page, 'no-works');
			console.log(server.log().slice(-4000));
		}
		expect(count).toBeGreaterThanOrEqual(3);
		await expect.poll(() => page.locator('[data-testid=report-list] li').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-testid=quota]').textContent()).toContain('۱۴');
		// the work without a report yet
		// this year's three come first (newest assignment first); the one of them without a report yet
		for (let i = 0; i < 3; i++) {
			const work = works.nth(i);
			if ((await work.locator('[data-testid=report-list]').count()) === 0) workId = (await work.getAttribute('data-testid'))!.replace('work-', '');
		}
		expect(workId).toBeTruthy();
		const href = await works.first().locator('a[href^="/parcels/"]').first().getAttribute('href');
		const parcel = (await (await fetch(`${server.url}/api${href}`)).json()) as { district: { id: number; code: string } };
		officerName = `officer.d${parcel.district.code.replace(/\D/g, '').replace(/^0+(?=\d)/, '') || String(parcel.district.id)}`;
		await shot(page, 'works');
	});

	it('files a foundation report with a photo at the parcel’s point', async () => {
		await page.click(`[data-testid=file-report-${workId}]`);
		await page.locator('[data-testid=report-form]').waitFor();
		expect(await page.locator('[data-testid=report-stage]').inputValue()).toBe('foundation');
		await page.fill('[data-testid=report-progress]', '12');
		await page.fill('[data-testid=report-body]', 'آرماتوربندی و بتن‌ریزی فونداسیون مطابق نقشه انجام شد.');
		await page.setInputFiles('[data-testid=report-photos]', PHOTO);
		await shot(page, 'form');
		const done = await submitAndWait(page, '[data-testid=report-submit]');
		expect(done).toContain('گزارش ثبت شد');
		await expect.poll(() => page.locator(`[data-testid=work-${workId}] [data-testid=stages-done]`).textContent()).toContain('فونداسیون');
		const img = page.locator(`[data-testid=work-${workId}] [data-testid=report-list] img`).first();
		await img.waitFor();
		await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
	});

	it('files a skeleton report with a violation, which opens an Article 100 case', async () => {
		await page.click(`[data-testid=file-report-${workId}]`);
		await page.selectOption('[data-testid=report-stage]', 'skeleton');
		await page.fill('[data-testid=report-progress]', '30');
		await page.fill('[data-testid=report-body]', 'اسکلت تا سقف سوم اجرا شده است.');
		await page.check('[data-testid=report-violation]');
		await page.selectOption('[data-testid=violation-kind]', 'extra_floor');
		await page.fill('[data-testid=violation-text]', 'یک طبقه بیش از پروانه');
		await page.fill('[data-testid=violation-excess]', '۱');
		await page.setInputFiles('[data-testid=report-photos]', PHOTO);
		// the form opens afresh after the first report: today's date is there again (it came back empty and blocked the submit)
		expect(await page.locator('[data-testid=report-date]').inputValue()).not.toBe('');
		await page.click('[data-testid=report-submit]');
		// the first report's confirmation is still on the page: wait for the violation under this work
		const violation = page.locator(`[data-testid=work-${workId}] [data-testid^=report-violation-]`);
		await page.locator(`[data-testid=work-${workId}] [data-testid^=report-violation-], [data-testid=form-error]`).first().waitFor({ timeout: 30_000 });
		const refused = page.locator('[data-testid=form-error]');
		if (await refused.count()) throw new Error(`refused: ${await refused.first().textContent()}`);
		expect(await violation.first().textContent()).toContain('طبقه اضافه');
		expect(await violation.first().locator('a').getAttribute('href')).toMatch(/^\/cases\/\d+$/);
		await shot(page, 'violation');
	});
});

describe('the district officer', () => {
	it('sees the district’s works, the reports and the violation case', async () => {
		const page = await newPage();
		await signIn(page, server.url, officerName, '/supervision');
		expect(await page.locator('article[data-testid^=work-]').count()).toBe(5);
		const violations = page.locator('[data-testid^=report-violation-]');
		await expect.poll(() => violations.count()).toBeGreaterThanOrEqual(2);
		await shot(page, 'officer');
		// the case the engineer's report just opened
		const link = page.locator(`[data-testid=work-${workId}] [data-testid^=report-violation-] a`).first();
		await Promise.all([page.waitForURL(/\/cases\/\d+$/), link.click()]);
		expect(await page.locator('[data-testid=case-head] h1').textContent()).toContain('تخلف ساختمانی');
		expect(pageErrors).toEqual([]);
	});
});

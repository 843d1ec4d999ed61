/**
 * The council member's story of issue 10 §2 in a real browser against the built server with the
 * sample city and its SAMPLE year of requests: the council member signs in, sees the choropleth,
 * switches its metric, opens a district (its cards and the cases behind them), downloads the XLSX
 * and it reads back with the same figures; the public transparency page shows the figures without
 * the case list. Screenshots go to tests/output/screenshots/dashboard-*.png for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import type { DistrictReport } from '../../src/lib/api/dashboard';
import { toLatinDigits } from '../../src/lib/i18n/format';
import { launchChromium, offScreen, PHONE, staffSignIn } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** MapLibre's console warnings of a style image it could not find (a hatch not registered): each map must register them. */
const missingImages: string[] = [];
const watchImages = (p: Page) => p.on('console', (m) => m.text().includes('could not be loaded') && missingImages.push(`${p.url()}: ${m.text()}`));
/** Until the map has drawn its tiles: the warnings come as tiles ask for their images. */
const mapSettled = (p: Page) => p.waitForFunction(() => window.__pelakMap?.loaded() && window.__pelakMap.areTilesLoaded(), undefined, { timeout: 60_000 });

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `dashboard-${name}.png`) });
const number = (text: string | null) => Number(toLatinDigits(text ?? '').replace(/[٬,]/g, '').replace('٫', '.').replace(/[^\d.]/g, ''));

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	// the default sample city and its year of requests, as a new user's first start makes them (a copy
	// of this run's first start: the other files' servers made it)
	server = await startBuiltServer();
	browser = await launchChromium();
	page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	watchImages(page);
	await staffSignIn(page, server.url, 'council', '/dashboard', { timeoutMs: 60_000 });
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('a council member and the district dashboards', () => {
	let report: DistrictReport;

	it('sees the choropleth of a living city and switches its metric', async () => {
		await page.locator('[data-testid=district-map][data-ready=true]').waitFor({ timeout: 60_000 });
		await mapSettled(page);
		expect(await page.locator('[data-testid=nav-dashboard]').count()).toBe(1);
		expect(await page.locator('[data-testid=sample-note]').count()).toBe(1);
		report = (await (await page.request.get(`${server.url}/api/dashboard/districts`)).json()) as DistrictReport;
		expect(report.city.requests_filed).toBeGreaterThan(100);
		const cityCard = page.locator('[data-testid=city-cards] [data-figure=requests_filed] dd');
		expect(number(await cityCard.textContent())).toBe(report.city.requests_filed);
		// every figure says how it is computed
		expect(await page.locator('[data-testid=city-cards] [data-figure=overdue_share]').getAttribute('title')).toContain('مهلت');
		await shot('1-requests-filed');

		const fill = () => page.evaluate(() => JSON.stringify(window.__pelakMap!.getSource('dashboard-districts') && (window.__pelakMap!.getSource('dashboard-districts') as unknown as { _data: GeoJSON.FeatureCollection })._data));
		const before = await fill();
		await page.selectOption('[data-testid=metric]', 'fees_paid_rial');
		await page.locator('[data-testid=legend][data-metric=fees_paid_rial]').waitFor();
		await page.waitForFunction((b) => {
			const src = window.__pelakMap!.getSource('dashboard-districts') as unknown as { _data: unknown };
			return JSON.stringify(src._data) !== b;
		}, before);
		const busiest = [...report.districts].sort((a, b) => b.fees_paid_rial - a.fees_paid_rial)[0];
		const row = page.locator(`[data-testid=district-table] tr[data-district="${busiest.district.code}"] td`).nth(1);
		expect(number(await row.textContent())).toBe(busiest.fees_paid_rial);
		await shot('2-fees-paid');
	});

	it('opens a district: its figures and the cases behind them', async () => {
		const busiest = [...report.districts].sort((a, b) => b.requests_filed - a.requests_filed)[0];
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get('district') === String(busiest.district.id)),
			page.click(`[data-testid=district-table] tr[data-district="${busiest.district.code}"] button`)
		]);
		await page.locator('[data-testid=district-cards]').waitFor();
		expect(number(await page.locator('[data-testid=district-cards] [data-figure=requests_filed] dd').textContent())).toBe(busiest.requests_filed);
		const rows = page.locator('[data-testid=cases-behind] tbody tr');
		expect(await rows.count()).toBeGreaterThan(0);
		// each case's request type and status by their names in the page's language, not the codes the facts hold
		const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[1].textContent!.trim(), tr.children[2].textContent!.trim()]));
		for (const [type, status] of cells) {
			expect(type).not.toMatch(/[a-z]+_[a-z]+/);
			expect(status).not.toMatch(/[a-z]+_[a-z]+|approved|rejected/);
		}
		await shot('3-district');
	});

	it('sees the backlog imported from the previous system: open per district, and the officers’ closings in the period', async () => {
		const city = page.locator('[data-testid=imported-backlog] [data-testid=backlog-city]');
		await city.waitFor();
		const rows = page.locator('[data-testid=imported-backlog] [data-testid=backlog-row]');
		expect(await rows.count()).toBeGreaterThan(0);
		const sum = async (attr: string) => (await rows.evaluateAll((trs, a) => trs.map((tr) => Number(tr.getAttribute(a))), attr)).reduce((n, v) => n + v, 0);
		const open = Number(await city.getAttribute('data-open'));
		expect(open).toBeGreaterThan(0);
		expect(await sum('data-open')).toBe(open);
		// the SAMPLE officers closed a few of each district's oldest in the last weeks
		const closed = Number(await city.getAttribute('data-closed'));
		expect(closed).toBeGreaterThan(0);
		expect(await sum('data-closed')).toBe(closed);
		expect(number(await city.locator('td').nth(1).textContent())).toBe(open);
		await page.locator('[data-testid=imported-backlog]').scrollIntoViewIfNeeded();
		await shot('3b-imported-backlog');
	});

	it('downloads the XLSX, which reads back with the same figures', async () => {
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
		const file = await download.path();
		const book = new ExcelJS.Workbook();
		await book.xlsx.readFile(file!);
		const sheet = book.worksheets[0];
		expect(sheet.getRow(1).getCell(3).value).toBe('درخواست‌های ثبت‌شده');
		const cityRow = sheet.getRow(report.districts.length + 2);
		expect(cityRow.getCell(1).value).toBe('کل شهر');
		expect(cityRow.getCell(3).value).toBe(report.city.requests_filed);
		expect(cityRow.getCell(12).value).toBe(report.city.fees_paid_rial);
		expect(sheet.views[0].rightToLeft).toBe(true);
		// the third sheet: the backlog imported from the previous system, its city row as the page shows it
		const imported = book.worksheets[2];
		expect(imported.name).toBe('سامانهٔ پیشین');
		const city = page.locator('[data-testid=imported-backlog] [data-testid=backlog-city]');
		const importedCity = imported.getRows(1, imported.rowCount)!.find((r) => r.getCell(1).value === 'کل شهر')!;
		expect(importedCity.getCell(3).value).toBe(Number(await city.getAttribute('data-open')));
		expect(importedCity.getCell(5).value).toBe(Number(await city.getAttribute('data-closed')));
	});

	it('the public transparency page shows the figures but no cases', async () => {
		const visitor = await browser.newPage();
		watchImages(visitor);
		await visitor.goto(`${server.url}/transparency?district=${report.districts[0].district.id}`);
		await visitor.locator('[data-testid=city-cards]').waitFor();
		await visitor.locator('[data-testid=district-map][data-ready=true]').waitFor({ timeout: 60_000 });
		await mapSettled(visitor);
		expect(await visitor.locator('[data-testid=cases-behind]').count()).toBe(0);
		const anonymous = await visitor.request.get(`${server.url}/api/dashboard/districts/${report.districts[0].district.id}/cases`);
		expect(anonymous.status()).toBe(401);
		await visitor.close();
		expect(pageErrors).toEqual([]);
		// the dashboard's and this page's maps drew the heritage buffer with its hatch
		expect(missingImages).toEqual([]);
	});

	it('on a phone the months show as rows of horizontal bars, the longest for the busiest month, nothing past the edges', async () => {
		const phone = await (await browser.newContext(PHONE)).newPage();
		await phone.goto(`${server.url}/transparency`);
		const rows = phone.getByTestId('monthly-rows');
		await rows.waitFor();
		expect(await phone.locator('[data-testid=monthly-chart] svg').isVisible()).toBe(false);
		const months = await rows.locator('li').evaluateAll((lis) =>
			lis.map((li) => ({
				value: li.querySelector('.value')!.textContent!,
				bar: li.querySelector('.bar')!.getBoundingClientRect().width,
				track: li.querySelector('.track')!.getBoundingClientRect().width,
				height: li.getBoundingClientRect().height
			}))
		);
		// the same months as the bars of the wide chart, the sample year's twelve at least
		expect(months.length).toBeGreaterThanOrEqual(12);
		const values = months.map((m) => number(m.value));
		const busiest = values.indexOf(Math.max(...values));
		expect(values[busiest]).toBeGreaterThan(0);
		expect(months[busiest].bar).toBeCloseTo(months[busiest].track, 0);
		months.forEach((m, i) => expect(m.bar).toBeCloseTo(Math.max(2, (months[busiest].track * values[i]) / values[busiest]), 0));
		// a row a line: the names and figures are not squeezed onto several lines
		expect(Math.max(...months.map((m) => m.height))).toBeLessThan(40);
		expect(await offScreen(phone)).toEqual([]);
		await phone.screenshot({ path: path.join(SHOTS, 'dashboard-phone-months.png'), fullPage: true });
		await phone.close();
	});
});

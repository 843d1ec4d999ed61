/**
 * The planner's story of issue 10 §1 in a real browser against the built server with the sample
 * city: the planner finds the setback conflicts of one street (a row flies the map there and
 * highlights it; a click on the map selects the row back), drafts a wider street and sees the
 * affected parcels grow, adopts it, and the parcel panel's setback changes.
 * Screenshots go to tests/output/screenshots/planning-*.png for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import type { ConflictReport, ConflictRow } from '../../src/lib/api/planning';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import { toLatinDigits } from '../../src/lib/i18n/format';
import { launchChromium, staffSignIn } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `planning-${name}.png`) });
const number = (text: string | null) => Number(toLatinDigits(text ?? '').replace(/[^\d.]/g, ''));

async function api<T>(pathAndQuery: string): Promise<T> {
	const response = await page.request.get(server.url + pathAndQuery);
	expect(response.status(), pathAndQuery).toBe(200);
	return (await response.json()) as T;
}

async function waitForMapIdle() {
	await page.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
}

async function setbackOnParcelPage(id: number): Promise<number> {
	const other = await page.context().newPage();
	await other.goto(`${server.url}/parcels/${id}`);
	const text = await other.locator('[data-testid=panel-setback-area]').textContent();
	await other.close();
	return number(text);
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startBuiltServer();
	browser = await launchChromium();
	page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	await staffSignIn(page, server.url, 'planner', '/planning');
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('a planner and the widening conflicts', () => {
	let street: ConflictRow;
	let firstParcel: ConflictRow;
	let setbackBefore: number;
	let plannedAfter: number;

	it('finds the conflicts of one street: a row flies the map there and highlights it, a map click selects it back', async () => {
		await page.locator('[data-testid=conflict-table]').waitFor();
		expect(await page.locator('[data-testid=nav-planning]').count()).toBe(1);
		const districts = await api<ConflictReport>('/api/planning/setback-conflicts?view=districts');
		const district = districts.rows[0].districts[0];
		await Promise.all([page.waitForURL((u) => u.searchParams.get('district') === String(district.id)), page.selectOption('[data-testid=filter-district]', String(district.id))]);
		const streets = await api<ConflictReport>(`/api/planning/setback-conflicts?view=streets&district=${district.id}`);
		street = streets.rows.find((r) => r.street!.class === 'collector' && r.parcels >= 10 && r.parcels <= 60) ?? streets.rows[0];
		await page.locator(`[data-testid=conflict-row][data-key="${street.key}"] [data-testid=street-plan-link]`).click();
		await page.locator(`[data-testid=street-plan][data-street-id="${street.street!.id}"]`).waitFor();
		const rows = page.locator('[data-testid=conflict-row]');
		expect(await rows.count()).toBeGreaterThanOrEqual(street.parcels);

		const parcels = await api<ConflictReport>(`/api/planning/setback-conflicts?street=${street.street!.id}&district=${district.id}`);
		firstParcel = parcels.rows[0];
		setbackBefore = await setbackOnParcelPage(firstParcel.parcel!.id);
		expect(setbackBefore).toBeGreaterThan(0);

		await waitForMapIdle();
		await page.locator(`[data-testid=conflict-row][data-key="${firstParcel.key}"]`).click();
		await page.waitForFunction(async () => {
			const source = window.__pelakMap?.getSource('planning-highlight') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> } | undefined;
			const data = await source?.getData();
			return !!data?.features.some((f) => f.properties?.kind === 'piece');
		}, null, { timeout: 30_000 });
		await waitForMapIdle();
		const [w, , e] = firstParcel.bbox!;
		const view = await page.evaluate(() => window.__pelakMap!.getBounds().toArray());
		expect(view[0][0]).toBeLessThanOrEqual(w);
		expect(view[1][0]).toBeGreaterThanOrEqual(e);
		expect(await page.evaluate(() => window.__pelakMap!.getZoom())).toBeGreaterThan(15);
		await shot('1-street-row');

		// and back: with another row selected, a click on the first parcel on the map selects its row again
		const other = (await rows.nth(1).getAttribute('data-key'))!;
		await rows.nth(1).click();
		await page.locator(`[data-testid=conflict-row][data-key="${other}"][aria-selected=true]`).waitFor();
		const { centroid } = await api<ParcelDetail>(`/api/parcels/${firstParcel.parcel!.id}`);
		await waitForMapIdle();
		await page.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 18 }), centroid);
		await waitForMapIdle();
		const point = await page.evaluate((c) => window.__pelakMap!.project(c), centroid);
		const box = (await page.locator('[data-testid=map]').boundingBox())!;
		await page.mouse.click(box.x + point.x, box.y + point.y);
		await page.locator(`[data-testid=conflict-row][data-key="${firstParcel.key}"][aria-selected=true]`).waitFor({ timeout: 30_000 });
	});

	it('drafts a wider street and sees the affected parcels grow before adopting', async () => {
		const planned = Number(await page.locator('[data-testid=street-planned-width]').getAttribute('data-value'));
		// 30 m more either side: through the fronting lots into the lots behind them
		plannedAfter = planned + 60;
		await page.fill('[data-testid=draft-width]', String(plannedAfter));
		await page.fill('[data-testid=draft-reason]', 'آزمون: تعریض برای خط ویژهٔ اتوبوس');
		await page.click('[data-testid=draft-submit]');
		const impact = page.locator('[data-testid=plan-impact]');
		await impact.waitFor({ timeout: 30_000 });
		const figures = page.locator('[data-testid=impact-parcels]');
		expect(Number(await figures.getAttribute('data-after'))).toBeGreaterThan(Number(await figures.getAttribute('data-before')));
		const land = page.locator('[data-testid=impact-land_m2]');
		expect(Number(await land.getAttribute('data-after'))).toBeGreaterThan(Number(await land.getAttribute('data-before')));
		expect(await page.locator('[data-testid=plan-version][data-status=draft]').count()).toBe(1);
		expect(await setbackOnParcelPage(firstParcel.parcel!.id)).toBeCloseTo(setbackBefore, 1);
		await waitForMapIdle();
		await shot('2-draft-impact');
	});


	it('adopts the draft, and the parcel panel shows the new setback', async () => {
		const expectedParcels = Number(await page.locator('[data-testid=impact-parcels]').getAttribute('data-after'));
		await page.click('[data-testid=adopt-plan]');
		await page.locator('[data-testid=form-done]').waitFor({ timeout: 60_000 });
		expect(Number(await page.locator('[data-testid=street-planned-width]').getAttribute('data-value'))).toBe(plannedAfter);
		expect(await page.locator('[data-testid=plan-version][data-status=adopted]').count()).toBe(1);
		const street = await api<ConflictReport>(`/api/planning/setback-conflicts?view=streets&street=${firstParcel.street!.id}`);
		expect(street.rows[0].parcels).toBe(expectedParcels);
		expect(street.rows[0].street!.status).toBe('revised');

		const after = await setbackOnParcelPage(firstParcel.parcel!.id);
		expect(after).toBeGreaterThan(setbackBefore + 1);
		const detail = await api<ParcelDetail>(`/api/parcels/${firstParcel.parcel!.id}`);
		expect(detail.setback.streets.find((s) => s.id === firstParcel.street!.id)?.planned_width_m).toBe(plannedAfter);
		await shot('3-adopted');
		expect(pageErrors).toEqual([]);
	});
});

describe('the conflicts table in a 1280 px window and on a phone', () => {
	it('shows every column without scrolling, tells two streets of one name apart, and stacks the rows as cards on a phone', async () => {
		const other = await page.context().newPage();
		const overflow = () =>
			other.evaluate(() => {
				const wrap = document.querySelector('[data-testid=conflict-table]')!.parentElement!;
				return wrap.scrollWidth - wrap.clientWidth;
			});
		await other.setViewportSize({ width: 1280, height: 900 });
		await other.goto(`${server.url}/planning?view=streets`, { waitUntil: 'networkidle' });
		await other.locator('[data-testid=conflict-row]').first().waitFor();
		expect(await overflow()).toBeLessThanOrEqual(1);
		// each street row names its districts: two streets of one name read apart
		const streets = await api<ConflictReport>('/api/planning/setback-conflicts?view=streets');
		const first = streets.rows[0];
		const named = other.locator(`[data-testid=conflict-row][data-key="${first.key}"] [data-testid=street-districts]`);
		expect(await named.textContent()).toContain(first.districts[0].name_fa.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]));

		await other.setViewportSize({ width: 390, height: 844 });
		expect(await overflow()).toBeLessThanOrEqual(1);
		// a card: the column's name before each figure
		const land = other.locator(`[data-testid=conflict-row][data-key="${first.key}"] [data-testid=cell-land]`);
		expect(await land.evaluate((td) => getComputedStyle(td, '::before').content)).toContain('زمین');
		await other.screenshot({ path: path.join(SHOTS, 'planning-phone.png') });
		await other.close();
	});
});

/**
 * The proposal form in a real browser against the built server with the sample city: from the
 * parcel panel to the form, a footprint drawn inside the parcel with the mouse, the verdicts rule
 * by rule; floors too large for the density fail with the server's numbers; a mistyped field is
 * named. Screenshots go to tests/output/screenshots/proposal-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import type { ProposalCheckResponse } from '../../src/lib/api/proposal';
import { formatArea } from '../../src/lib/i18n/format';
import { launchChromium } from './browser';
import type { RunningServer } from './server';
import { startSmallCity } from './sample-server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
let parcel: ParcelDetail;
const pageErrors: string[] = [];
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `proposal-${name}.png`), fullPage: true });

async function checked(act: () => Promise<unknown>): Promise<{ status: number; body: ProposalCheckResponse }> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url().endsWith(`/api/parcels/${parcel.id}/proposal-check`) && r.request().method() === 'POST', { timeout: 30_000 }),
		act()
	]);
	return { status: response.status(), body: (await response.json()) as ProposalCheckResponse };
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startSmallCity();
	// a parcel under the rule book, preferably without a widening line or overlay (fewer rules to read)
	const zoned: ParcelDetail[] = [];
	for (let id = 1; id < 400 && zoned.length < 40; id++) {
		const response = await fetch(`${server.url}/api/parcels/${id}`);
		if (!response.ok) continue;
		const p = (await response.json()) as ParcelDetail;
		if (p.zoning && p.rule_book && p.net_area_m2 > 100) zoned.push(p);
	}
	const plain = (p: ParcelDetail) => (p.setback.area_m2 > 0 ? 1 : 0) + (p.overlays.length > 0 ? 1 : 0);
	parcel = zoned.sort((a, b) => plain(a) - plain(b))[0];
	expect(parcel, 'the sample city has a zoned parcel').toBeTruthy();
	browser = await launchChromium();
	page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('the proposal form', () => {
	it('opens from the parcel panel', async () => {
		await page.goto(`${server.url}/parcels/${parcel.id}`);
		const link = page.getByTestId('proposal-link');
		expect(await link.textContent()).toBe('بررسی طرح پیشنهادی');
		await Promise.all([page.waitForURL((u) => u.pathname === `/parcels/${parcel.id}/proposal`), link.click()]);
		await page.getByTestId('drawing-toolbar').waitFor({ timeout: 60_000 });
	});

	it('draws the footprint inside the parcel and shows every rule\'s verdict', async () => {
		await page.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
		await page.evaluate((b) => window.__pelakMap!.fitBounds(b, { padding: 40, duration: 0, maxZoom: 20 }), parcel.bbox);
		await page.waitForFunction(() => !window.__pelakMap!.isMoving(), null, { timeout: 30_000 });
		// the parcel's outline shrunk to 60 % about a point inside it: inside the parcel
		const ring = parcel.geometry.coordinates[0][0].slice(0, -1);
		const [cx, cy] = parcel.centroid;
		const corners = ring.map(([x, y]) => [cx + (x - cx) * 0.6, cy + (y - cy) * 0.6] as [number, number]);
		const box = (await page.getByTestId('map').boundingBox())!;
		const pixels = await page.evaluate((cs) => cs.map((c) => window.__pelakMap!.project(c)), corners);
		await page.getByTestId('draw-pit').click();
		for (const p of pixels) await page.mouse.click(box.x + p.x, box.y + p.y);
		await page.mouse.click(box.x + pixels[0].x, box.y + pixels[0].y); // close on the first corner
		await expect.poll(() => page.getByTestId('footprint-drawn').isChecked()).toBe(true);
		const drawn = await page.evaluate(() =>
			window.__pelakDraw!.getSnapshot().filter((f) => f.properties.mode === 'polygon' && f.geometry.type === 'Polygon').map((f) => (f.geometry.coordinates as number[][][])[0].length)
		);
		expect(drawn, 'one footprint with every corner clicked').toEqual([corners.length + 1]);

		const { status, body } = await checked(() => page.getByTestId('proposal-check').click());
		expect(status).toBe(200);
		expect(body.facts.footprint, 'the drawn footprint was measured').toBeTruthy();
		const rows = page.getByTestId('rule-row');
		await expect.poll(() => rows.count()).toBe(body.rules.length);
		const inside = page.locator('[data-testid=rule-row][data-rule=footprint_in_parcel]');
		expect(await inside.getAttribute('data-verdict')).toBe('pass');
		const occupancy = body.rules.find((r) => r.rule === 'occupancy')!;
		expect(await page.locator('[data-testid=rule-row][data-rule=occupancy] [data-testid=rule-proposed]').textContent()).toBe(formatArea(occupancy.proposed!, 'fa'));
		for (const r of body.rules) expect(await page.locator(`[data-testid=rule-row][data-rule=${r.rule}]`).first().getAttribute('data-verdict')).toBe(r.verdict);
		expect(await page.getByTestId('proposal-result').textContent()).toContain(body.rules[0].explanation.fa);
		// the zone code as the plan writes it, not in Persian digits
		expect(body.zone_code).toMatch(/\d/);
		expect(await page.getByTestId('proposal-result').textContent()).toContain(`پهنهٔ ${body.zone_code}`);
		await shot('drawn');
	});

	it('floors beyond the density fail, with the proposed area and the limit', async () => {
		const inputs = page.locator('input[name$=".area_m2"][name^="floors"]');
		const big = String(Math.ceil(parcel.net_area_m2 * 2));
		for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill(big.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]));
		const { status, body } = await checked(() => page.getByTestId('proposal-check').click());
		expect(status).toBe(200);
		const density = body.rules.find((r) => r.rule === 'density')!;
		expect(density.verdict).toBe('fail');
		expect(density.proposed!).toBeGreaterThan(density.limit!);
		const row = page.locator('[data-testid=rule-row][data-rule=density]');
		await expect.poll(() => row.getAttribute('data-verdict')).toBe('fail');
		expect(await row.getByTestId('rule-proposed').textContent()).toBe(formatArea(density.proposed!, 'fa'));
		expect(await row.getByTestId('rule-limit').textContent()).toBe(formatArea(density.limit!, 'fa'));
		expect(await row.textContent()).toContain('مغایر');
		expect(await page.getByTestId('proposal-overall').textContent()).toContain('نمی‌خواند');
		await shot('density-fail');
	});

	it('warns while the units outgrow the floors left, and the check fails them', async () => {
		expect(await page.getByTestId('units-beyond-floors').count()).toBe(0);
		// floors removed down to the pilotis and one residential floor of 100 m², the three starter flats kept
		const rows = page.getByTestId('floor-row');
		while ((await rows.count()) > 2) await rows.last().locator('button').click();
		await page.fill('input[name="floors[1].area_m2"]', '۱۰۰');
		const warning = page.getByTestId('units-beyond-floors');
		await warning.waitFor();
		expect(await warning.textContent()).toContain(`از زیربنای طبقات مسکونی (${formatArea(100, 'fa')}) بیشتر است`);
		const { body } = await checked(() => page.getByTestId('proposal-check').click());
		const units = body.rules.find((r) => r.rule === 'unit_areas')!;
		expect(units).toMatchObject({ verdict: 'fail', limit: 100 });
		await expect.poll(() => page.locator('[data-testid=rule-row][data-rule=unit_areas]').getAttribute('data-verdict')).toBe('fail');
		await shot('units-beyond-floors');
	});

	it('names a mistyped field in the server\'s words', async () => {
		await page.fill('input[name=height_m]', 'بلند');
		const { status } = await checked(() => page.getByTestId('proposal-check').click());
		expect(status).toBe(400);
		await page.getByTestId('proposal-error').waitFor();
		expect(await page.locator('.error[data-path=height_m]').count()).toBe(1);
		expect(pageErrors).toEqual([]);
	});
});

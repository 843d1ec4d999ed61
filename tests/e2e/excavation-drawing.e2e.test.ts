/**
 * Drawing a dig in a real browser (Debian chromium via playwright-core) against the built server
 * with the sample city: a signed-in applicant draws a trench with the mouse next to an emergency
 * repair on a lately resurfaced street, sees the server's area, length and streets, the moratorium
 * and the clash; widens and edits the trench and sees the figures follow; draws a bow-tie pit and
 * sees the crossing corner refused; submits. Screenshots go to tests/output/screenshots/drawing-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page, type Response } from 'playwright-core';
import type { ExcavationCheck, PublicWorksCollection } from '../../src/lib/api/excavation';
import { formatArea, formatDate, formatMetres } from '../../src/lib/i18n/format';
import { t } from '../../src/lib/i18n/t';
import type { MessageKey } from '../../src/lib/i18n/messages';
import type { RunningServer } from './server';
import { startSmallCity } from './sample-server';
import { launchChromium, staffSignIn } from './browser';
import { fromToday, lineBeside, postJson, type LonLat } from './excavation-support';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

interface Spot {
	workId: number;
	start: string;
	end: string;
	line: [LonLat, LonLat];
	check: ExcavationCheck;
}

let server: RunningServer;
let browser: Browser;
let page: Page;
let spot: Spot;
const pageErrors: string[] = [];
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `drawing-${name}.png`) });

/** A work on a moratorium street (the sample's emergency repairs are): the server, asked directly, finds both problems beside it. */
async function findSpot(): Promise<Spot> {
	const [lon, lat] = [51.675, 32.655];
	for (const [dx, dy] of [[0, 0], [-0.09, 0], [0, -0.09], [-0.09, -0.09]]) {
		const bbox = [lon + dx - 0.0, lat + dy, lon + dx + 0.09, lat + dy + 0.09].map((n) => n.toFixed(5)).join(',');
		const response = await fetch(`${server.url}/api/excavations?bbox=${bbox}`);
		expect(response.status).toBe(200);
		const works = (await response.json()) as PublicWorksCollection;
		const candidates = works.features.filter((f) => f.properties.status === 'active').sort((a, b) => Number(b.properties.emergency) - Number(a.properties.emergency));
		for (const work of candidates) {
			const line = lineBeside(work.geometry.coordinates[0][0]);
			// on the work's dates from today at the earliest: a planned dig may not start in the past
			const [start, end] = [fromToday(work.properties.start), work.properties.end];
			const { status, json } = await postJson<ExcavationCheck>(server.url, '/api/excavations/check', { features: [{ geometry: { type: 'LineString', coordinates: line }, width_m: 0.6 }], start, end, emergency: false });
			if (status === 200 && json.moratoriums.length > 0 && json.clashes.some((c) => c.id === work.properties.id)) {
				return { workId: work.properties.id, start, end, line, check: json };
			}
		}
	}
	throw new Error('the sample city has no work on a moratorium street');
}

async function waitForMapIdle() {
	await page.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
}

async function screenPoint(at: LonLat): Promise<{ x: number; y: number }> {
	const box = (await page.getByTestId('map').boundingBox())!;
	const p = await page.evaluate((c) => window.__pelakMap!.project(c), at);
	return { x: box.x + p.x, y: box.y + p.y };
}

const isCheck = (r: Response) => r.url().endsWith('/api/excavations/check') && r.request().method() === 'POST';

/** Runs `act` and returns the next check the page receives (and has rendered). */
async function nextCheck(act: () => Promise<unknown>): Promise<ExcavationCheck> {
	const [response] = await Promise.all([page.waitForResponse(isCheck, { timeout: 30_000 }), act()]);
	expect(response.status()).toBe(200);
	const check = (await response.json()) as ExcavationCheck;
	await expect.poll(() => page.getByTestId('check-area').textContent(), { timeout: 10_000 }).toBe(formatArea(check.area_m2, 'fa'));
	return check;
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startSmallCity();
	spot = await findSpot();
	browser = await launchChromium();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('drawing a dig on the map', () => {
	it('sends an anonymous visitor to sign in first', async () => {
		await page.goto(`${server.url}/excavations/new`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await staffSignIn(page, server.url, 'water.applicant', '/excavations/new'); // a utility's applicant: the one who files digs
		await page.getByTestId('drawing-toolbar').waitFor({ timeout: 60_000 });
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
	});

	it('finds the street to dig in by its name and flies there, the street drawn over the map', async () => {
		const name = spot.check.streets.find((x) => x.name_fa)!.name_fa!;
		const input = page.locator('[data-testid=excavation-search] [data-testid=search-input]');
		await input.fill(name);
		const hit = page.locator('[data-testid=excavation-search] [data-testid=search-hit][data-matched=street]').first();
		await hit.waitFor({ timeout: 15_000 });
		// the open list sits in the panel's flow: the drawing buttons below it stay uncovered
		expect(await page.getByTestId('draw-trench').evaluate((b) => { const r = b.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; })).toBe(true);
		// Escape closes the list and keeps the text
		await input.press('Escape');
		expect(await page.getByTestId('search-results').count()).toBe(0);
		expect(await input.inputValue()).toBe(name);
		// several hits (every address starts with the city's name): the arrow keys move to the second, Enter takes it
		const city = 'اصفهان';
		const many = ((await (await page.request.get(`${server.url}/api/search?q=${encodeURIComponent(city)}`)).json()) as { hits: { id: number; bbox: [number, number, number, number] }[] }).hits;
		expect(many.length).toBeGreaterThan(2);
		await input.fill(city);
		await page.locator(`[data-testid=excavation-search] [data-testid=search-hit][data-parcel-id="${many[1].id}"]`).waitFor({ timeout: 15_000 });
		await input.press('ArrowDown');
		await input.press('ArrowDown');
		expect(await input.getAttribute('aria-activedescendant')).toBe('search-hit-1');
		await input.press('Enter');
		await expect.poll(() => page.getByTestId('search-results').count()).toBe(0);
		await waitForMapIdle();
		const [plon, plat] = await page.evaluate(() => window.__pelakMap!.getCenter().toArray());
		expect(plon).toBeGreaterThanOrEqual(many[1].bbox[0] - 1e-4);
		expect(plon).toBeLessThanOrEqual(many[1].bbox[2] + 1e-4);
		expect(plat).toBeGreaterThanOrEqual(many[1].bbox[1] - 1e-4);
		expect(plat).toBeLessThanOrEqual(many[1].bbox[3] + 1e-4);
		// Enter with nothing highlighted takes the first hit: the street, found by its name
		const response = await page.request.get(`${server.url}/api/search?q=${encodeURIComponent(name)}`);
		const street = ((await response.json()) as { hits: { matched: string; bbox: [number, number, number, number] }[] }).hits[0];
		expect(street.matched).toBe('street');
		await input.fill(name);
		await hit.waitFor({ timeout: 15_000 });
		await input.press('Enter');
		await expect.poll(() => page.getByTestId('search-results').count()).toBe(0);
		await waitForMapIdle();
		const [lon, lat] = await page.evaluate(() => window.__pelakMap!.getCenter().toArray());
		expect(lon).toBeGreaterThanOrEqual(street.bbox[0]);
		expect(lon).toBeLessThanOrEqual(street.bbox[2]);
		expect(lat).toBeGreaterThanOrEqual(street.bbox[1]);
		expect(lat).toBeLessThanOrEqual(street.bbox[3]);
		expect(await page.evaluate(() => window.__pelakMap!.queryRenderedFeatures({ layers: ['search-street'] }).length)).toBeGreaterThan(0);
	});

	it('draws a trench with the mouse and shows the server\'s area, length and streets', async () => {
		await page.fill('[data-testid=date-start]', spot.start);
		await page.fill('[data-testid=date-end]', spot.end);
		const mid: LonLat = [(spot.line[0][0] + spot.line[1][0]) / 2, (spot.line[0][1] + spot.line[1][1]) / 2];
		await page.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 19 }), mid);
		await waitForMapIdle();
		await page.getByTestId('draw-trench').click();
		const a = await screenPoint(spot.line[0]);
		const b = await screenPoint(spot.line[1]);
		await page.mouse.click(a.x, a.y);
		await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
		const check = await nextCheck(async () => {
			await page.mouse.click(b.x, b.y);
			await page.mouse.click(b.x, b.y); // a second click on the last point finishes the line
		});
		// what was drawn by hand is the server's trench within a pixel or two
		expect(check.length_m).toBeGreaterThan(spot.check.length_m * 0.9);
		expect(check.length_m).toBeLessThan(spot.check.length_m * 1.1);
		expect(await page.getByTestId('check-length').textContent()).toBe(formatMetres(check.length_m, 'fa'));
		expect(check.area_m2).toBeCloseTo(check.length_m * 0.6, 0);
		expect(await page.getByTestId('shape').count()).toBe(1);
		const streets = await page.getByTestId('check-streets').textContent();
		expect(check.streets.length).toBeGreaterThan(0);
		for (const s of check.streets) if (s.name_fa) expect(streets).toContain(s.name_fa);
		await shot('trench');
	});

	it('warns of the moratorium and the clash with a link to the other work', async () => {
		expect(await page.getByTestId('check-verdict').getAttribute('data-allowed')).toBe('false');
		expect(await page.getByTestId('check-moratoriums').textContent()).toContain(spot.check.moratoriums[0].message.fa);
		const clash = page.locator(`[data-testid=check-clashes] li[data-clash-id="${spot.workId}"]`);
		expect(await clash.count()).toBe(1);
		expect(await clash.getByTestId('clash-link').getAttribute('href')).toBe(`/api/excavations/${spot.workId}`);
		expect(await page.getByTestId('check-fee-total').textContent()).toMatch(/[۰-۹]/);
	});

	it('an emergency is exempt from the moratorium', async () => {
		await nextCheck(() => page.getByTestId('emergency').check());
		expect(await page.getByTestId('check-verdict').getAttribute('data-allowed')).toBe('true');
		await nextCheck(() => page.getByTestId('emergency').uncheck());
		expect(await page.getByTestId('check-verdict').getAttribute('data-allowed')).toBe('false');
	});

	it('a wider trench, typed in Persian digits, digs a larger area', async () => {
		const before = Number((await page.evaluate(() => window.__pelakDraw!.getSnapshot().length)));
		expect(before).toBeGreaterThan(0);
		const input = page.getByTestId('width-input');
		const check = await nextCheck(() => input.fill('۱٫۲'));
		expect(check.area_m2).toBeCloseTo(check.length_m * 1.2, 0);
	});

	it('edits the trench by dragging its end, and the length follows', async () => {
		const before = Number((await page.getByTestId('check-length').textContent())!.replace(/[^۰-۹٫]/g, '').replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace('٫', '.'));
		await page.getByTestId('draw-edit').click();
		const a = await screenPoint(spot.line[0]);
		const b = await screenPoint(spot.line[1]);
		await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2); // select the trench
		await expect.poll(() => page.getByTestId('draw-delete').isEnabled()).toBe(true);
		const away = { x: b.x + (b.x - a.x) * 0.5, y: b.y + (b.y - a.y) * 0.5 };
		const check = await nextCheck(async () => {
			await page.mouse.move(b.x, b.y);
			await page.mouse.down();
			await page.mouse.move(away.x, away.y, { steps: 8 });
			await page.mouse.up();
		});
		expect(check.length_m).toBeGreaterThan(before * 1.3);
		await shot('edited');
	});

	it('refuses a pit whose edges would cross, and keeps the valid triangle', async () => {
		await page.getByTestId('draw-pit').click();
		const box = (await page.getByTestId('map').boundingBox())!;
		const o = { x: box.x + 120, y: box.y + 120 };
		const corner = (dx: number, dy: number) => ({ x: o.x + dx, y: o.y + dy });
		const [A, B, C, D] = [corner(0, 0), corner(150, 150), corner(150, 0), corner(0, 150)];
		for (const p of [A, B, C]) await page.mouse.click(p.x, p.y);
		await page.mouse.click(D.x, D.y); // C→D would cross A→B: a bow-tie
		await page.getByTestId('draw-refused').waitFor({ timeout: 5_000 });
		expect(await page.getByTestId('draw-refused').textContent()).toContain('ضلع‌های متقاطع');
		await shot('refused');
		const check = await nextCheck(() => page.mouse.click(A.x, A.y)); // closing gives the triangle A, B, C
		// the pit lies among the parcels, off the street-surface layer: charged all the same, and the panel says how
		expect(check.unmapped_m2).toBeGreaterThan(0);
		expect(check.unmapped_charged_as).not.toBeNull();
		expect(check.fee.total_rial).toBeGreaterThan(0);
		const unmapped = (await page.getByTestId('check-unmapped').textContent())!;
		expect(unmapped).toContain(formatArea(check.unmapped_m2, 'fa'));
		expect(unmapped).toMatch(/به نرخ/);
		const pits = page.locator('[data-testid=shape][data-kind=pit]');
		expect(await pits.count()).toBe(1);
		const rings = await page.evaluate(() =>
			window.__pelakDraw!.getSnapshot().filter((f) => f.geometry.type === 'Polygon' && f.properties.mode === 'polygon').map((f) => (f.geometry.coordinates as number[][][])[0].length)
		);
		expect(rings).toEqual([4]);
	});

	it('deletes a shape from the list', async () => {
		const check = await nextCheck(() => page.locator('[data-testid=shape][data-kind=pit] [data-testid=shape-remove]').click());
		expect(await page.getByTestId('shape').count()).toBe(1);
		expect(check.length_m).toBeGreaterThan(0);
	});

	it('submits to POST /api/excavations and shows the moratorium\'s refusal in the server\'s words', async () => {
		const [response] = await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === '/api/excavations' && r.request().method() === 'POST', { timeout: 30_000 }),
			page.getByTestId('submit-excavation').click()
		]);
		// the trench still lies on the lately resurfaced street: a non-emergency dig is refused there (409), nothing filed
		expect(response.status()).toBe(409);
		const body = (await response.json()) as { error: { message: string; code: string } };
		expect(body.error.code).toBe('moratorium');
		await page.getByTestId('submit-error').waitFor();
		expect(await page.getByTestId('submit-error').textContent()).toBe(body.error.message);
		expect(body.error.message).toContain(spot.check.moratoriums[0].message.fa);
		expect(new URL(page.url()).pathname).toBe('/excavations/new');
		expect(pageErrors).toEqual([]);
	});
});

describe('works near me, for everyone', () => {
	it('lists the works around the reader\'s location: who, why, until when, status', async () => {
		const today = new Date(Date.now() + 3.5 * 3_600_000).toISOString().slice(0, 10);
		const to = new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10);
		let target: PublicWorksCollection['features'][number] | undefined;
		for (const [dx, dy] of [[0, 0], [-0.09, 0], [0, -0.09], [-0.09, -0.09]]) {
			const bbox = [51.675 + dx, 32.655 + dy, 51.675 + dx + 0.09, 32.655 + dy + 0.09].map((n) => n.toFixed(5)).join(',');
			const works = (await (await fetch(`${server.url}/api/excavations?bbox=${bbox}&from=${today}&to=${to}`)).json()) as PublicWorksCollection;
			target ??= works.features.find((f) => f.properties.status === 'approved' || f.properties.status === 'planned');
		}
		expect(target, 'the sample city has works in the coming month').toBeTruthy();
		const [longitude, latitude] = target!.geometry.coordinates[0][0][0];
		const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, geolocation: { longitude, latitude }, permissions: ['geolocation'] });
		const visitor = await context.newPage();
		await visitor.goto(`${server.url}/`);
		await Promise.all([visitor.waitForURL((u) => u.pathname === '/works'), visitor.getByTestId('nav-works').click()]);
		await expect.poll(() => visitor.getByTestId('works-where').getAttribute('data-where'), { timeout: 30_000 }).toBe('you');
		const item = visitor.locator(`[data-testid=work][data-id="${target!.properties.id}"]`);
		await item.waitFor({ timeout: 60_000 }); // once the map has started and moved there
		const w = target!.properties;
		expect(await item.getByTestId('work-who').textContent()).toBe(w.organisation_name_fa);
		expect(await item.getByTestId('work-why').textContent()).toBe(t('fa', `excavation_purpose.${w.purpose}` as MessageKey));
		expect(await item.getByTestId('work-until').textContent()).toBe(t('fa', 'drawing.works_until', { date: formatDate(w.end, 'fa') }));
		expect(await visitor.getByTestId('works-list').textContent()).not.toMatch(/09\d{9}|[۰-۹]{10}/); // no phone or national id
		await visitor.screenshot({ path: path.join(SHOTS, 'drawing-works-near-me.png') });
		await context.close();
	});

	it('falls back to the city centre when the location is refused', async () => {
		const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
		const visitor = await context.newPage();
		await visitor.goto(`${server.url}/works`);
		await expect.poll(() => visitor.getByTestId('works-where').getAttribute('data-where'), { timeout: 30_000 }).toBe('centre');
		await visitor.getByTestId('works-count').waitFor({ timeout: 60_000 });
		await context.close();
	});
});

/**
 * The map and the parcel panel in a real browser (Debian chromium via playwright-core) against the
 * built server with the sample city. Screenshots go to tests/output/screenshots/ for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import { formatArea, formatDigits } from '../../src/lib/i18n/format';
import { launchChromium, PHONE } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const tileStatuses: number[] = [];
/** The parcel the search test flies to, searched again on a phone. */
let searched: ParcelDetail;

/** Where a parcel's bbox is on the screen, in page pixels. */
async function onScreenBox(p: Page, bbox: [number, number, number, number]) {
	const box = (await p.getByTestId('map').boundingBox())!;
	const [a, b] = await p.evaluate((bb) => [window.__pelakMap!.project([bb[0], bb[3]]), window.__pelakMap!.project([bb[2], bb[1]])], bbox);
	return { left: box.x + a.x, top: box.y + a.y, right: box.x + b.x, bottom: box.y + b.y };
}

/** The page's `?parcel=`, or null. */
const parcelInAddress = (p: Page) => new URL(p.url()).searchParams.get('parcel');
const pageErrors: string[] = [];

async function waitForMapIdle(p: Page) {
	await p.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
}

async function api<T>(pathname: string): Promise<T> {
	const response = await fetch(server.url + pathname);
	expect(response.status, pathname).toBe(200);
	return (await response.json()) as T;
}

/** Parcels drawn around the start view at z16, with their details, for the tests to pick from. */
async function renderedParcels(p: Page, howMany: number): Promise<ParcelDetail[]> {
	await p.evaluate(() => window.__pelakMap!.jumpTo({ zoom: 16 }));
	await waitForMapIdle(p);
	const ids = await p.evaluate(() =>
		[...new Set(window.__pelakMap!.queryRenderedFeatures({ layers: ['parcels-fill'] }).map((f) => Number(f.id ?? f.properties.id)))].slice(0, 40)
	);
	expect(ids.length, 'parcels are drawn at z16 around the start view').toBeGreaterThan(0);
	const details: ParcelDetail[] = [];
	for (const id of ids) {
		const d = await api<ParcelDetail>(`/api/parcels/${id}`);
		if (d.zoning && d.capacity && d.renovation_code) details.push(d);
		if (details.length >= howMany) break;
	}
	expect(details.length).toBeGreaterThanOrEqual(howMany);
	return details;
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startBuiltServer();
	browser = await launchChromium();
	context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	page.on('response', (r) => {
		if (r.url().includes('/tiles/')) tileStatuses.push(r.status());
	});
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('the city map', () => {
	it('opens on the map in Persian with tiles from our own server', async () => {
		await page.goto(server.url + '/');
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await page.locator('html').getAttribute('lang')).toBe('fa');
		await expect.poll(() => page.locator('[data-testid="map"] canvas').count(), { timeout: 30_000 }).toBe(1);
		await waitForMapIdle(page);
		const canvas = await page.locator('[data-testid="map"] canvas').boundingBox();
		expect(canvas!.width).toBeGreaterThan(600);
		expect(tileStatuses.length).toBeGreaterThan(0);
		expect(tileStatuses.filter((s) => s !== 200 && s !== 204 && s !== 304)).toEqual([]);
		expect(await page.getByText('پلاک — سامانه شهرسازی الکترونیک').count()).toBe(1);
		// the scale bar in Persian digits and words, kept so as the map moves (MapLibre writes it anew)
		const scale = page.locator('.maplibregl-ctrl-scale');
		expect(await scale.textContent()).toMatch(/^[۰-۹٫]+\s(متر|کیلومتر)$/);
		const before = await scale.textContent();
		await page.evaluate(() => window.__pelakMap!.jumpTo({ zoom: window.__pelakMap!.getZoom() - 3 }));
		await expect.poll(() => scale.textContent()).not.toBe(before);
		expect(await scale.textContent()).toMatch(/^[۰-۹٫]+\s(متر|کیلومتر)$/);
		await page.evaluate(() => window.__pelakMap!.jumpTo({ zoom: window.__pelakMap!.getZoom() + 3 }));
		await waitForMapIdle(page);
		expect(pageErrors).toEqual([]);
		await page.screenshot({ path: path.join(SHOTS, 'map-home-fa.png') });
	});

	it('shows the zoning and remaining capacity of a clicked parcel', async () => {
		const [parcel] = await renderedParcels(page, 1);
		// the parcel on the right, where the panel opens in Persian
		await page.evaluate((c) => {
			const map = window.__pelakMap!;
			map.jumpTo({ center: c, zoom: 17.5 });
			map.panBy([-(map.getContainer().clientWidth / 2 - 180), 0], { animate: false });
		}, parcel.centroid);
		await waitForMapIdle(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		const point = await page.evaluate((c) => window.__pelakMap!.project(c), parcel.centroid);
		await page.mouse.click(box.x + point.x, box.y + point.y);

		const panel = page.getByTestId('parcel-panel');
		await panel.waitFor({ timeout: 20_000 });
		expect(await panel.getAttribute('data-parcel-id')).toBe(String(parcel.id));
		// clicked where the panel now is, the parcel is moved beside it
		const panelLeft = (await panel.boundingBox())!.x;
		expect(box.x + point.x).toBeGreaterThan(panelLeft);
		await expect.poll(async () => box.x + (await page.evaluate((c) => window.__pelakMap!.project(c), parcel.centroid)).x, { timeout: 5000 }).toBeLessThan(panelLeft);
		expect((await page.getByTestId('panel-zone-code').textContent())!.trim()).toBe(parcel.zoning!.code);
		// the sample city's rules come from its SAMPLE rule book, named on the panel
		expect(await page.getByTestId('panel-rule-book').textContent()).toContain('داده نمونه');
		const remaining = (await page.getByTestId('panel-remaining').textContent())!.trim();
		const r = parcel.capacity!.remaining_floor_area_m2;
		expect(remaining).toContain(formatArea(Math.abs(r), 'fa'));
		await waitForMapIdle(page);
		await page.screenshot({ path: path.join(SHOTS, 'parcel-panel-fa.png') });

		await page.keyboard.press('Escape');
		await expect.poll(() => panel.count()).toBe(0);
	});

	it('says so when the click finds no parcel', async () => {
		// Far outside the city: the lookup answers 404 and the page stays usable.
		await page.evaluate(() => window.__pelakMap!.jumpTo({ center: [51.2, 32.2], zoom: 15 }));
		await waitForMapIdle(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await expect.poll(() => page.getByTestId('map-status').textContent(), { timeout: 20_000 }).toContain('پلاکی یافت نشد');
		expect(await page.getByTestId('parcel-panel').count()).toBe(0);
		expect(pageErrors).toEqual([]);
	});

	it('flies to a parcel found by its renovation code typed in Persian digits and opens it', async () => {
		await page.evaluate(() => window.__pelakMap!.jumpTo({ center: [51.675, 32.655], zoom: 16 }));
		const [, target] = await renderedParcels(page, 2);
		await page.evaluate(() => window.__pelakMap!.jumpTo({ center: [51.62, 32.61], zoom: 13 }));
		await waitForMapIdle(page);

		await page.getByTestId('search-input').fill(formatDigits(target.renovation_code!, 'fa'));
		const hit = page.locator(`[data-testid="search-hit"][data-parcel-id="${target.id}"]`);
		await hit.waitFor({ timeout: 20_000 });
		await page.screenshot({ path: path.join(SHOTS, 'search-hits-fa.png') });
		await hit.click();

		const panel = page.getByTestId('parcel-panel');
		await expect.poll(() => panel.getAttribute('data-parcel-id'), { timeout: 20_000 }).toBe(String(target.id));
		await page.waitForTimeout(300);
		await waitForMapIdle(page);
		const view = await page.evaluate(() => ({ zoom: window.__pelakMap!.getZoom(), bounds: window.__pelakMap!.getBounds().toArray() }));
		expect(view.zoom).toBeGreaterThan(15);
		const [[w, s], [e, n]] = view.bounds;
		expect(target.centroid[0]).toBeGreaterThan(w);
		expect(target.centroid[0]).toBeLessThan(e);
		expect(target.centroid[1]).toBeGreaterThan(s);
		expect(target.centroid[1]).toBeLessThan(n);
		// beside the panel (on the left in Persian), not under it
		const panelLeft = (await panel.boundingBox())!.x;
		const shown = await onScreenBox(page, target.bbox);
		expect(shown.right).toBeLessThan(panelLeft);
		expect(shown.left).toBeGreaterThan(0);
		// the address names the parcel shown, to share or reload
		expect(parcelInAddress(page)).toBe(String(target.id));
		searched = target;
		await page.screenshot({ path: path.join(SHOTS, 'search-flown-fa.png') });
	});

	it('keeps the address in step with the parcel shown: another parcel clicked, a reload, the panel closed', async () => {
		const [first, second] = await renderedParcels(page, 2);
		await page.goto(`${server.url}/?parcel=${first.id}`);
		const panel = page.getByTestId('parcel-panel');
		await expect.poll(() => panel.getAttribute('data-parcel-id'), { timeout: 20_000 }).toBe(String(first.id));
		await page.waitForTimeout(900);
		await waitForMapIdle(page);
		// the second parcel clicked: the address follows, without a new history entry
		const historyLength = await page.evaluate(() => history.length);
		await page.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 18 }), second.centroid);
		await waitForMapIdle(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		const point = await page.evaluate((c) => window.__pelakMap!.project(c), second.centroid);
		await page.mouse.click(box.x + point.x, box.y + point.y);
		await expect.poll(() => panel.getAttribute('data-parcel-id'), { timeout: 20_000 }).toBe(String(second.id));
		expect(parcelInAddress(page)).toBe(String(second.id));
		expect(await page.evaluate(() => history.length)).toBe(historyLength);
		// a reload shows the parcel the address names
		await page.reload();
		await expect.poll(() => page.getByTestId('parcel-panel').getAttribute('data-parcel-id'), { timeout: 20_000 }).toBe(String(second.id));
		// closed: the address is the map's own again
		await page.waitForTimeout(900);
		await page.keyboard.press('Escape');
		await expect.poll(() => panel.count()).toBe(0);
		expect(new URL(page.url()).search).toBe('');
		expect(pageErrors).toEqual([]);
	});

	it('finds the streets printed on the map by their names, and flies to the whole street', async () => {
		for (const q of ['خیابان نظر', 'هاتف', 'کاوه', 'طالقانی', 'آمادگاه', 'كاوه']) {
			const { hits } = await api<{ hits: { matched: string; label: string }[] }>(`/api/search?q=${encodeURIComponent(q)}`);
			expect(hits.filter((h) => h.matched === 'street').length, q).toBeGreaterThan(0);
			expect(hits[0].label, q).toContain(q.replace('ك', 'ک').replace('خیابان ', ''));
		}
		await page.goto(server.url + '/');
		await waitForMapIdle(page);
		await page.evaluate(() => window.__pelakMap!.jumpTo({ center: [51.62, 32.61], zoom: 17 }));
		await page.getByTestId('search-input').fill('خیابان نظر');
		const hit = page.locator('[data-testid="search-hit"][data-matched="street"]').first();
		await hit.waitFor({ timeout: 20_000 });
		expect(await hit.textContent()).toContain('خیابان');
		const { hits } = await api<{ hits: { id: number; matched: string; bbox: [number, number, number, number] }[] }>(`/api/search?q=${encodeURIComponent('خیابان نظر')}`);
		const street = hits.find((h) => h.matched === 'street')!;
		await hit.click();
		await page.waitForTimeout(900);
		await waitForMapIdle(page);
		// the whole street in sight, and no parcel opened for it
		const shown = await onScreenBox(page, street.bbox);
		const box = (await page.getByTestId('map').boundingBox())!;
		expect(shown.left).toBeGreaterThanOrEqual(box.x);
		expect(shown.right).toBeLessThanOrEqual(box.x + box.width);
		expect(shown.top).toBeGreaterThanOrEqual(box.y);
		expect(shown.bottom).toBeLessThanOrEqual(box.y + box.height);
		expect(await page.getByTestId('parcel-panel').count()).toBe(0);
		expect(parcelInAddress(page)).toBe(null);
		// and drawn over the map, to tell it from the streets around it
		expect(await page.evaluate(() => window.__pelakMap!.queryRenderedFeatures({ layers: ['search-street'] }).length)).toBeGreaterThan(0);
		await page.screenshot({ path: path.join(SHOTS, 'search-street-fa.png') });
		expect(pageErrors).toEqual([]);
	});

	it('draws a street as wide as it is on the ground, so that a dig drawn along it lands on it', async () => {
		const before = await page.evaluate(() => ({ center: window.__pelakMap!.getCenter().toArray() as [number, number], zoom: window.__pelakMap!.getZoom() }));
		// an arterial found by its name, looked at closely
		const { hits } = await api<{ hits: { matched: string; geometry?: GeoJSON.LineString | GeoJSON.MultiLineString }[] }>(`/api/search?q=${encodeURIComponent('سپه')}`);
		const sepah = hits.find((h) => h.matched === 'street')!.geometry!;
		const vertices = sepah.type === 'LineString' ? sepah.coordinates : sepah.coordinates.flat();
		await page.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 17 }), vertices[Math.floor(vertices.length / 2)] as [number, number]);
		await waitForMapIdle(page);
		// a wide street's straight stretch on the screen, and points across it at 40 % of its width from the centre line
		const probe = await page.evaluate(() => {
			const map = window.__pelakMap!;
			const streets = map.queryRenderedFeatures({ layers: ['streets-line'] }).filter((f) => Number(f.properties.width_m) >= 20);
			for (const f of streets) {
				const g = f.geometry as GeoJSON.LineString | GeoJSON.MultiLineString;
				const line = g.type === 'LineString' ? g.coordinates : g.coordinates[0];
				for (let i = 0; i + 1 < line.length; i++) {
					const [a, b] = [map.project(line[i] as [number, number]), map.project(line[i + 1] as [number, number])];
					const length = Math.hypot(b.x - a.x, b.y - a.y);
					const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
					const { width, height } = map.getCanvas().getBoundingClientRect();
					if (length < 30 || mid.x < 80 || mid.y < 80 || mid.x > width - 80 || mid.y > height - 80) continue;
					// metres per pixel here, from two points 100 px apart
					const m = map.unproject([mid.x + 100, mid.y]).toArray();
					const c = map.unproject([mid.x, mid.y]).toArray();
					const metresPerPx = (Math.hypot((m[0] - c[0]) * Math.cos((c[1] * Math.PI) / 180), m[1] - c[1]) * 111_320) / 100;
					const off = (0.4 * Number(f.properties.width_m)) / metresPerPx;
					const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
					return { id: f.id, width: Number(f.properties.width_m), points: [1, -1].map((side) => [mid.x + side * off * normal.x, mid.y + side * off * normal.y]) };
				}
			}
			return null;
		});
		expect(probe, 'a street of 20 m or more in view').not.toBeNull();
		for (const point of probe!.points) {
			const hit = await page.evaluate((p) => window.__pelakMap!.queryRenderedFeatures(p as [number, number], { layers: ['streets-line'] }).map((f) => f.id), point);
			expect(hit, `${probe!.width} m street, 40 % of its width off its centre line`).toContain(probe!.id);
		}
		await page.evaluate((v) => window.__pelakMap!.jumpTo(v), before);
		await waitForMapIdle(page);
	});

	it('on a phone, «no parcel here» covers neither the legend’s toggle nor the search, and fades', async () => {
		const phone = await (await browser.newContext(PHONE)).newPage();
		phone.on('pageerror', (e) => pageErrors.push(e.message));
		await phone.goto(server.url + '/');
		await waitForMapIdle(phone);
		await phone.evaluate(() => window.__pelakMap!.jumpTo({ center: [51.2, 32.2], zoom: 15 }));
		await waitForMapIdle(phone);
		const map = (await phone.getByTestId('map').boundingBox())!;
		await phone.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
		const status = phone.getByTestId('map-status');
		await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('پلاکی یافت نشد');
		const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
			a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
		const shown = (await status.boundingBox())!;
		for (const [name, locator] of [
			['legend toggle', phone.locator('[data-testid=map-legend] summary')],
			['search', phone.getByTestId('search-input')],
			['zoom buttons', phone.locator('.maplibregl-ctrl-zoom-in')]
		] as const) {
			expect(overlaps(shown, (await locator.boundingBox())!), `the message covers the ${name}`).toBe(false);
		}
		expect(shown.x).toBeGreaterThanOrEqual(0);
		expect(shown.x + shown.width).toBeLessThanOrEqual(390);
		expect(shown.height, 'one line, not squeezed into half the screen').toBeLessThan(48);
		// the legend's toggle stays usable while the message is up
		await phone.locator('[data-testid=map-legend] summary').click();
		expect(await phone.getByTestId('map-legend').getAttribute('open')).not.toBeNull();
		// and the message goes by itself
		await status.waitFor({ state: 'detached', timeout: 8_000 });
		await phone.close();
		expect(pageErrors).toEqual([]);
	});

	it('on a phone, a parcel chosen from the search comes into view above its sheet', async () => {
		const phone = await (await browser.newContext(PHONE)).newPage();
		phone.on('pageerror', (e) => pageErrors.push(e.message));
		await phone.goto(server.url + '/');
		await waitForMapIdle(phone);
		await phone.getByTestId('search-input').fill(searched.renovation_code!);
		const hit = phone.locator(`[data-testid="search-hit"][data-parcel-id="${searched.id}"]`);
		await hit.waitFor({ timeout: 20_000 });
		await hit.click();
		const panel = phone.getByTestId('parcel-panel');
		await expect.poll(() => panel.getAttribute('data-parcel-id'), { timeout: 20_000 }).toBe(String(searched.id));
		await phone.waitForTimeout(900); // the flight runs 800 ms
		await waitForMapIdle(phone);
		const sheetTop = (await panel.boundingBox())!.y;
		const searchBottom = (await phone.getByTestId('search-input').boundingBox())!;
		const shown = await onScreenBox(phone, searched.bbox);
		expect(shown.bottom).toBeLessThan(sheetTop);
		expect(shown.top).toBeGreaterThan(searchBottom.y + searchBottom.height);
		expect(shown.left).toBeGreaterThanOrEqual(0);
		expect(shown.right).toBeLessThanOrEqual(390);
		expect(parcelInAddress(phone)).toBe(String(searched.id));
		await phone.screenshot({ path: path.join(SHOTS, 'search-phone-fa.png') });
		await phone.close();
		expect(pageErrors).toEqual([]);
	});

	it('renders the same panel on the shareable parcel page, and a 404 for an unknown id', async () => {
		const [parcel] = await renderedParcels(page, 1);
		const html = await (await fetch(`${server.url}/parcels/${parcel.id}`)).text();
		expect(html).toContain('data-testid="parcel-panel"');
		// zone codes (R121, M131) are shown as written, Latin letters and digits, in both languages
		expect(html).toContain(`data-testid="panel-zone-code" dir="ltr">${parcel.zoning!.code}<`);

		for (const bad of ['999999999', 'abc', '-1']) {
			const response = await fetch(`${server.url}/parcels/${bad}`);
			expect(response.status, bad).toBe(404);
		}
		await page.goto(`${server.url}/parcels/${parcel.id}`);
		await waitForMapIdle(page);
		await page.screenshot({ path: path.join(SHOTS, 'parcel-page-fa.png') });
	});

	it('switches to English: left-to-right, English words and English street labels', async () => {
		await page.goto(server.url + '/');
		await waitForMapIdle(page);
		await page.getByTestId('lang-switch').click();
		await page.waitForURL(server.url + '/');
		await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.getByTestId('search-input').getAttribute('placeholder')).toMatch(/Renovation code/);
		await waitForMapIdle(page);
		const labelField = await page.evaluate(() => JSON.stringify(window.__pelakMap!.getLayoutProperty('streets-label', 'text-field')));
		expect(labelField.indexOf('name_en')).toBeLessThan(labelField.indexOf('name_fa'));
		expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/^[0-9.]+\s(m|km)$/);

		const [parcel] = await renderedParcels(page, 1);
		await page.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 17.5 }), parcel.centroid);
		await waitForMapIdle(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		const point = await page.evaluate((c) => window.__pelakMap!.project(c), parcel.centroid);
		await page.mouse.click(box.x + point.x, box.y + point.y);
		await page.getByTestId('parcel-panel').waitFor({ timeout: 20_000 });
		expect((await page.getByTestId('panel-remaining').textContent())!).toMatch(/m²/);
		// The panel sits on the left in English.
		const panelBox = (await page.getByTestId('parcel-panel').boundingBox())!;
		expect(panelBox.x).toBeLessThan(100);
		await waitForMapIdle(page);
		await page.screenshot({ path: path.join(SHOTS, 'parcel-panel-en.png') });
		expect(pageErrors).toEqual([]);
	});
});

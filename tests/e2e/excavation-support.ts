/**
 * Shared steps of the excavation browser tests: places in the sample city found through the public
 * API (a work on a moratorium street; a clean stretch of street to dig), signing in on the staff
 * tab, and drawing on the map with the mouse while waiting for the live check the page shows.
 */
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { ExcavationCheck, PublicWorksCollection } from '../../src/lib/api/excavation';
import { formatArea } from '../../src/lib/i18n/format';
import { staffSignIn } from './browser';

export type LonLat = [number, number];
export interface Spot {
	workId: number;
	start: string;
	end: string;
	line: [LonLat, LonLat];
	check: ExcavationCheck;
}

/** The sample city's four quarters around its centre, as `bbox` values of the works list. */
const QUARTERS = ([[0, 0], [-0.09, 0], [0, -0.09], [-0.09, -0.09]] as const).map(([dx, dy]) =>
	[51.675 + dx, 32.655 + dy, 51.675 + dx + 0.09, 32.655 + dy + 0.09].map((n) => n.toFixed(5)).join(',')
);

export async function postJson<T>(base: string, pathname: string, body: unknown): Promise<{ status: number; json: T }> {
	const response = await fetch(base + pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json().catch(() => null)) as T };
}

export async function publicWorks(base: string): Promise<PublicWorksCollection['features']> {
	const all: PublicWorksCollection['features'] = [];
	for (const bbox of QUARTERS) {
		const response = await fetch(`${base}/api/excavations?bbox=${bbox}`);
		expect(response.status).toBe(200);
		all.push(...((await response.json()) as PublicWorksCollection).features);
	}
	return [...new Map(all.map((f) => [f.properties.id, f])).values()];
}

/** An 8 m line from the middle of a work's footprint along its longest edge: a trench beside that work. */
export function lineBeside(ring: number[][], sideways = 0): [LonLat, LonLat] {
	let best = [ring[0], ring[1]];
	let longest = 0;
	for (let i = 0; i + 1 < ring.length; i++) {
		const d = Math.hypot(ring[i + 1][0] - ring[i][0], ring[i + 1][1] - ring[i][1]);
		if (d > longest) [longest, best] = [d, [ring[i], ring[i + 1]]];
	}
	const cx = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
	const cy = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
	const ux = (best[1][0] - best[0][0]) / longest;
	const uy = (best[1][1] - best[0][1]) / longest;
	const step = 4 / 111_320; // ~4 m in degrees, enough for a line the server measures
	const [ox, oy] = [-uy * sideways * step, ux * sideways * step];
	return [
		[cx - ux * step + ox, cy - uy * step + oy],
		[cx + ux * step + ox, cy + uy * step + oy]
	];
}

/** Today in Tehran (UTC+03:30), YYYY-MM-DD: the server refuses a planned dig that starts before it. */
export const tehranToday = (): string => new Date(Date.now() + 3.5 * 3_600_000).toISOString().slice(0, 10);

/** A dig beside an active work, on its dates but from today at the earliest (the work began before today). */
export const fromToday = (start: string): string => (start < tehranToday() ? tehranToday() : start);

const trenchAt = (line: [LonLat, LonLat]) => ({ geometry: { type: 'LineString', coordinates: line }, width_m: 0.6 });

/** A work on a moratorium street (the sample's emergency repairs are): the server, asked directly, finds both problems beside it. */
export async function findMoratoriumSpot(base: string): Promise<Spot> {
	const works = (await publicWorks(base)).filter((f) => f.properties.status === 'active').sort((a, b) => Number(b.properties.emergency) - Number(a.properties.emergency));
	for (const work of works) {
		const line = lineBeside(work.geometry.coordinates[0][0]);
		const [start, end] = [fromToday(work.properties.start), work.properties.end];
		const { status, json } = await postJson<ExcavationCheck>(base, '/api/excavations/check', { features: [trenchAt(line)], start, end, emergency: false });
		if (status === 200 && json.moratoriums.length > 0 && json.clashes.some((c) => c.id === work.properties.id)) {
			return { workId: work.properties.id, start, end, line, check: json };
		}
	}
	throw new Error('the sample city has no work on a moratorium street');
}

/**
 * A stretch of street where the dig is allowed on these dates: no moratorium, blackout or protected
 * area, on the street-surface layer (so there is a fee to pay), a few metres beside a finished work.
 */
export async function findCleanSpot(base: string, start: string, end: string, avoid: number): Promise<{ line: [LonLat, LonLat]; check: ExcavationCheck }> {
	const works = (await publicWorks(base)).filter((f) => f.properties.id !== avoid && ['closed', 'completed'].includes(f.properties.status));
	for (const work of works) {
		const line = lineBeside(work.geometry.coordinates[0][0]);
		const { status, json } = await postJson<ExcavationCheck>(base, '/api/excavations/check', { features: [trenchAt(line)], start, end, emergency: false });
		if (status === 200 && json.allowed && json.moratoriums.length === 0 && json.referrals.length === 0 && json.fee.total_rial > 0 && json.unmapped_m2 === 0) return { line, check: json };
	}
	throw new Error('the sample city has no street to dig cleanly');
}

/** A new browser context signed in on the staff tab as a demo account, on `then`. */
export async function signedIn(browser: Browser, base: string, username: string, then: string, pageErrors: string[]): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
	await staffSignIn(page, base, username, then);
	return { context, page };
}

export async function waitForMapIdle(page: Page) {
	await page.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
}

export async function screenPoint(page: Page, at: LonLat): Promise<{ x: number; y: number }> {
	const box = (await page.getByTestId('map').boundingBox())!;
	const p = await page.evaluate((c) => window.__pelakMap!.project(c), at);
	return { x: box.x + p.x, y: box.y + p.y };
}

const isCheck = (r: Response) => r.url().endsWith('/api/excavations/check') && r.request().method() === 'POST';

/** Runs `act` and returns the next check the page receives (and has rendered). */
export async function nextCheck(page: Page, act: () => Promise<unknown>): Promise<ExcavationCheck> {
	const [response] = await Promise.all([page.waitForResponse(isCheck, { timeout: 30_000 }), act()]);
	expect(response.status()).toBe(200);
	const check = (await response.json()) as ExcavationCheck;
	await expect.poll(() => page.getByTestId('check-area').textContent(), { timeout: 10_000 }).toBe(formatArea(check.area_m2, 'fa'));
	return check;
}

/** Centres the map on a line at street zoom, then draws it as a trench with the mouse; returns the check it brought. */
export async function drawTrench(page: Page, line: [LonLat, LonLat]): Promise<ExcavationCheck> {
	const mid: LonLat = [(line[0][0] + line[1][0]) / 2, (line[0][1] + line[1][1]) / 2];
	await page.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 19 }), mid);
	await waitForMapIdle(page);
	await page.getByTestId('draw-trench').click();
	const a = await screenPoint(page, line[0]);
	const b = await screenPoint(page, line[1]);
	await page.mouse.click(a.x, a.y);
	await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
	return nextCheck(page, async () => {
		await page.mouse.click(b.x, b.y);
		await page.mouse.click(b.x, b.y); // a second click on the last point finishes the line
	});
}

/** A short trench in a protected area (the sample's heritage buffer around its square), which the check refers to Cultural Heritage. */
export async function findHeritageSpot(base: string, start: string, end: string): Promise<{ line: [LonLat, LonLat]; check: ExcavationCheck }> {
	const beside = (await publicWorks(base)).map((w) => lineBeside(w.geometry.coordinates[0][0]));
	const grid: [LonLat, LonLat][] = [];
	for (let i = -4; i <= 4; i++) for (let j = -4; j <= 4; j++) {
		const [x, y] = [51.675 + i * 0.002, 32.655 + j * 0.002];
		grid.push([[x, y], [x + 0.00008, y]]);
	}
	for (const line of [...beside, ...grid]) {
		const { status, json } = await postJson<ExcavationCheck>(base, '/api/excavations/check', { features: [trenchAt(line)], start, end, emergency: false });
		if (status === 200 && json.allowed && json.referrals.some((r) => r.agency_kind === 'cultural_heritage')) return { line, check: json };
	}
	throw new Error('the sample city has no protected area to dig in');
}

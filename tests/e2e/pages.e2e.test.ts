/**
 * Every page a person reaches by following links renders without a fault: signed in as each kind of
 * user of the sample city, a crawl from their first page through every link on this site (two pages of
 * each shape, /cases/N and /assessments/N alike, one parcel's pages, at most PAGES in all; the public pages
 * that show everyone the same, once per language and screen width in the run), each page checked for uncaught
 * errors and console errors in the browser, answers of 400 and above (a link that leads to a refusal is
 * a fault too), text that only a bug writes (undefined, NaN, [object …], Invalid Date), and whatever axe
 * (axe-core: its WCAG 2.0/2.1 A and AA rules and its best practices) finds, of any impact: an unnamed
 * control or link, contrast below 4.5:1, a column without a heading, a skipped heading level, text
 * outside the page's landmarks. It found a dig across two road surfaces whose bill threw in the browser (the same fee item
 * twice), the parcel panel's "Start a request" leading the administrator to a refusal, and a report's
 * photo links without a name.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { toLatinDigits } from '../../src/lib/domain/text';
import { launchChromium, offScreen, PHONE, staffSignIn } from './browser';
import { startSmallCity } from './sample-server';
import type { RunningServer } from './server';

const PAGES = 24;
/** Not pages: sign-out and the language switch (they redirect), tiles, downloads and exports. */
const SKIP = /^\/(logout|lang|tiles|documents|ogc|api)(\/|\?|$)|\.(pdf|csv|xlsx|geojson|png|jpg)(\?|$)|[?&]format=/;
const BUG_TEXT = ['undefined', 'NaN', '[object ', 'Invalid Date'];
/**
 * Public pages that read nothing of who is signed in (the header aside, checked on the person's other
 * pages): checked once per language and screen width in the run, and still followed for their links.
 */
const SAME_FOR_EVERYONE = /^\/(track|transparency|works)$/;
/** A parcel's pages (the map with its panel, the parcel page, the proposal form): one parcel per person. */
const ONE_PER_PERSON = /^\/(\?parcel=N|parcels\/N(\/proposal)?)$/;
/** «lang width path» of the SAME_FOR_EVERYONE pages checked so far in this run. */
const checkedOnce = new Set<string>();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe's violations on the page (every rule it runs by default, any impact), each with its first element. */
async function accessibilityFaults(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: AXE });
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
		const { violations } = await axe.run(document, { resultTypes: ['violations'] });
		return violations.map((v) => `axe ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
	});
}

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	server = await startSmallCity();
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Signs in as a demo citizen with the code the sign-in page shows in demo mode. */
async function citizenSignIn(page: Page, nationalId: string, mobile: string) {
	await page.goto(`${server.url}/login?redirect=/cases`, { waitUntil: 'networkidle' });
	await page.fill('input[name=nationalId]', nationalId);
	await page.fill('input[name=mobile]', mobile);
	await page.click('form button');
	await page.locator('input[name=code]').waitFor();
	const code = /\b(\d{6})\b/.exec(toLatinDigits((await page.getByTestId('sandbox-sms').textContent()) ?? ''))?.[1];
	if (!code) throw new Error('the code step shows no six-digit code');
	await page.fill('input[name=code]', code);
	await Promise.all([page.waitForURL((u) => u.pathname === '/cases'), page.click('form button')]);
}

/** The faults of every page reached from `start` by links, each as «path: what». */
async function crawl(page: Page, start: string, lang: string, phone = false): Promise<{ visited: string[]; faults: string[] }> {
	const faults: string[] = [];
	let heard: string[] = [];
	page.on('pageerror', (e) => heard.push(`uncaught ${e.message.split('\n')[0]}`));
	page.on('console', (m) => {
		if (m.type() === 'error') heard.push(`console: ${m.text().slice(0, 200)}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.url().startsWith(server.url)) heard.push(`${r.status()} ${r.url().slice(server.url.length)}`);
	});
	const queue = [start, '/'];
	const visited: string[] = [];
	const perShape = new Map<string, number>();
	while (queue.length && visited.length < PAGES) {
		const path = queue.shift()!;
		const shape = path.replace(/\d+/g, 'N');
		if (visited.includes(path) || (perShape.get(shape) ?? 0) >= (ONE_PER_PERSON.test(shape) ? 1 : 2)) continue;
		perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
		visited.push(path);
		heard = [];
		const answer = await page.goto(server.url + path, { waitUntil: 'networkidle', timeout: 60_000 });
		const once = `${lang} ${page.viewportSize()?.width} ${path}`;
		if (SAME_FOR_EVERYONE.test(path) && checkedOnce.has(once)) {
			if (heard.length) faults.push(`${path}: ${heard.join('; ')}`);
			queue.push(...(await linksOf(page)).filter((next) => !visited.includes(next)));
			continue;
		}
		checkedOnce.add(once);
		// a photo or a file a link opens is not a page (its own answer is checked above, by status)
		if (!answer?.headers()['content-type']?.startsWith('text/html')) {
			if (heard.length) faults.push(`${path}: ${heard.join('; ')}`);
			continue;
		}
		const text = await page.evaluate(() => document.body.innerText);
		const bugs = BUG_TEXT.filter((b) => text.includes(b)).map((b) => `the page says «${b}»`);
		// a figure half in one language's separators: «۱.۷», «۱۰,۰۰۰» in Persian, «1٫7» in English
		for (const mixed of text.match(/[۰-۹][.,][۰-۹]|[0-9][٬٫][0-9]/g) ?? []) bugs.push(`a figure mixes separators: «${mixed}»`);
		const inaccessible = await accessibilityFaults(page);
		// the planners' conflict table scrolls inside its own box by design (a dozen columns of figures)
		const off = phone ? (await offScreen(page)).filter((o) => !o.startsWith('table[conflict-table]')).map((o) => `past the screen's edge: ${o}`) : [];
		if (heard.length || bugs.length || inaccessible.length || off.length) faults.push(`${path}: ${[...heard, ...bugs, ...inaccessible, ...off].join('; ')}`);
		queue.push(...(await linksOf(page)).filter((next) => !visited.includes(next)));
	}
	return { visited, faults };
}

/** The pages the page links to on this site (not SKIP). */
async function linksOf(page: Page): Promise<string[]> {
	const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
	return links.map((href) => href.split('#')[0]).filter((next) => next.startsWith('/') && !next.startsWith('//') && !SKIP.test(next));
}

describe('every page reached by links', () => {
	const people: { who: string; lang: 'fa' | 'en'; phone?: number; signIn: (page: Page) => Promise<string> }[] = [
		{ who: 'a citizen', lang: 'fa', signIn: (p) => citizenSignIn(p, '0010000011', '09120000001').then(() => '/cases') },
		{ who: 'a district officer', lang: 'en', signIn: (p) => staffSignIn(p, server.url, 'officer.d3', '/cartable').then(() => '/cartable') },
		{ who: "a utility's excavation applicant", lang: 'en', signIn: (p) => staffSignIn(p, server.url, 'water.applicant', '/excavations').then(() => '/excavations') },
		{ who: 'a supervising engineer', lang: 'en', signIn: (p) => staffSignIn(p, server.url, 'supervisor', '/supervision').then(() => '/supervision') },
		{ who: 'the administrator', lang: 'fa', signIn: (p) => staffSignIn(p, server.url, 'admin', '/admin').then(() => '/admin') },
		{ who: 'a planner', lang: 'en', signIn: (p) => staffSignIn(p, server.url, 'planner', '/planning').then(() => '/planning') },
		// on phones (390 and 360 CSS pixels wide, the common small Android): the pages' narrow layouts are checked
		// too (the dashboard's months as rows, tables as cards), and nothing may reach past the screen's edges
		{ who: 'a council member on a phone', lang: 'fa', phone: 390, signIn: (p) => staffSignIn(p, server.url, 'council', '/dashboard').then(() => '/dashboard') },
		{ who: "a utility's excavation applicant on a small phone", lang: 'fa', phone: 360, signIn: (p) => staffSignIn(p, server.url, 'water.applicant', '/excavations').then(() => '/excavations') },
		{ who: 'the administrator on a small phone', lang: 'en', phone: 360, signIn: (p) => staffSignIn(p, server.url, 'admin', '/admin').then(() => '/admin') }
	];

	it.each(people)('renders without a fault for $who ($lang)', async ({ lang, phone, signIn }) => {
		// bypassCSP: for axe's script only (the app's CSP allows no injected script; security.e2e checks it)
		const context = await browser.newContext({ ...(phone ? { ...PHONE, viewport: { width: phone, height: phone === 390 ? 844 : 740 } } : { viewport: { width: 1280, height: 900 } }), bypassCSP: true });
		try {
			await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
			const page = await context.newPage();
			const start = await signIn(page);
			const { visited, faults } = await crawl(page, start, lang, phone !== undefined);
			expect(visited.length).toBeGreaterThan(5);
			expect(faults).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

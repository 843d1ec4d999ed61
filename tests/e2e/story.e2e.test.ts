/**
 * The story of issue 3 in a real browser against the built server with the sample city: a citizen
 * signs in (the one-time code read from the admin's sandbox outbox in a second browser context),
 * files a building permit with documents from a parcel; the district officer asks for one more
 * document; the citizen uploads it; the officer refers the case to cultural heritage; the agency
 * replies; the officer approves; the citizen sees each step and its deadline.
 * Screenshots go to tests/output/screenshots/story-*.png for review.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import { sandboxSampleOwner } from '../../src/lib/server/registries';
import { toLatinDigits } from '../../src/lib/i18n/format';
import { DEMO_CITIZENS } from '../../src/lib/server/auth/demo-accounts';
import { citizenSignIn, offScreenPages, openBrowser, staffSignIn, submitAndWait, type BrowserKit } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const DOCS = path.resolve(import.meta.dirname, '../fixtures/documents');
const citizen = DEMO_CITIZENS[0];

let server: RunningServer;
let kit: BrowserKit;
let filesDir: string;

let parcel: ParcelDetail;
/** A parcel with a plate the citizen does not own (someone else does, in the sandbox registry). */
let notHers: ParcelDetail;
let officerName: string;
let caseUrl: string;
let trackingCode: string;

async function caseStep(page: Page) {
	return (await page.locator('[data-testid=case-step]').textContent())?.trim() ?? '';
}

beforeAll(async () => {
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-files-'));
	// The server inherits these: its own document store, and uploads up to 30 MB past adapter-node's 512 KB default.
	process.env.PELAK_FILES_DIR = filesDir;
	process.env.BODY_SIZE_LIMIT = '32M';
	server = await startBuiltServer();
	kit = await openBrowser('story');

	// A parcel in a district, inside the detailed plan, with room to build and no open case, that the
	// citizen owns in the sandbox deeds registry (issue 7: only an owner files a permit).
	for (let id = 1; id < 400 && !parcel; id++) {
		const response = await fetch(`${server.url}/api/parcels/${id}`);
		if (!response.ok) continue;
		const p = (await response.json()) as ParcelDetail;
		const owner = sandboxSampleOwner(p.registration_plate ?? '');
		if (!notHers && p.district && owner && owner !== citizen.nationalId) notHers = p;
		if (p.district && p.capacity && p.capacity.remaining_floor_area_m2 > 50 && p.open_cases.length === 0 && p.buildings.length === 0 && sandboxSampleOwner(p.registration_plate ?? '') === citizen.nationalId) parcel = p;
	}
	expect(parcel, 'a free parcel in the sample city').toBeTruthy();
	expect(notHers, 'a parcel someone else owns').toBeTruthy();
	const n = parcel.district!.code.replace(/\D/g, '').replace(/^0+(?=\d)/, '') || String(parcel.district!.id);
	officerName = `officer.d${n}`;
});

afterAll(async () => {
	await kit?.close();
	await server?.stop();
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('a building permit from the parcel to approval', () => {
	let citizenPage: Page;
	let officerPage: Page;

	it('signs the citizen in with the code from the sandbox outbox', async () => {
		citizenPage = await kit.newPage();
		const admin = await citizenSignIn(kit, citizenPage, server.url, citizen, '/cases');
		await kit.shot(admin, 'admin-outbox');
		// her list: empty, or the sample city's permits on record for her (supervision sample)
		await citizenPage.locator('[data-testid=no-cases], [data-testid=case-table]').first().waitFor();
	});

	it('is told on opening the form, before filling anything, that she cannot file a permit for a parcel she does not own', async () => {
		await citizenPage.goto(`${server.url}/requests/new?parcel=${notHers.id}`);
		const notice = citizenPage.getByTestId('ownership-notice');
		expect(await notice.getAttribute('data-status')).toBe('not_owner');
		expect(await notice.textContent()).toContain('وکالت');
		expect(await citizenPage.locator('[data-testid=type-building_permit_new]').isDisabled()).toBe(true);
		expect(await citizenPage.locator('[data-testid=type-bank_inquiry]').isDisabled()).toBe(false); // an inquiry needs no ownership
		await kit.shot(citizenPage, '0-not-an-owner');
	});

	it('files a building permit with documents from the parcel and gets a tracking code', async () => {
		await citizenPage.goto(`${server.url}/parcels/${parcel.id}`);
		const link = citizenPage.locator(`a[href^="/requests/new?parcel=${parcel.id}"]`);
		if (await link.count()) await Promise.all([citizenPage.waitForURL(/\/requests\/new/), link.first().click()]);
		else await citizenPage.goto(`${server.url}/requests/new?parcel=${parcel.id}`);

		expect(await citizenPage.getByTestId('ownership-notice').getAttribute('data-status')).toBe('owner');
		await citizenPage.check('[data-testid=type-building_permit_new]');
		const inputs = citizenPage.locator('[data-testid=request-form] input[type=file][required]');
		const count = await inputs.count();
		expect(count).toBeGreaterThanOrEqual(2);
		for (let i = 0; i < count; i++) {
			const name = (await inputs.nth(i).getAttribute('name'))!;
			await inputs.nth(i).setInputFiles(path.join(DOCS, name === 'doc:site_photos' ? 'jpeg-photo.jpg' : 'deed.pdf'));
		}
		await kit.shot(citizenPage, '1-request-form');
		await Promise.all([citizenPage.waitForLoadState('load'), citizenPage.click('[data-testid=submit-request]')]);
		await citizenPage.locator('[data-testid=filed], [data-testid=form-error]').first().waitFor({ timeout: 30_000 });
		// allTextContents does not wait: textContent() here waited out its 30 s timeout on every run
		expect(await citizenPage.locator('[data-testid=form-error]').allTextContents()).toEqual([]);
		trackingCode = toLatinDigits((await citizenPage.locator('[data-testid=tracking-code]').textContent()) ?? '').replace(/\D/g, '');
		expect(trackingCode).toMatch(/^\d{12}$/);
		await kit.shot(citizenPage, '2-filed');
		caseUrl = (await citizenPage.locator('[data-testid=go-to-case]').getAttribute('href'))!;
		expect(caseUrl).toMatch(/^\/cases\/\d+$/);
	});

	it('the district officer finds it in the cartable and asks for one more document', async () => {
		officerPage = await kit.newPage();
		await staffSignIn(officerPage, server.url, officerName, '/cartable?tab=unassigned');
		const row = officerPage.locator(`[data-testid=case-row][data-case-id="${caseUrl.split('/').pop()}"]`);
		await row.waitFor();
		// the selection column says what it is; the bulk rejection shows its reason and button once a case is ticked
		expect(await officerPage.getByTestId('extra-header').textContent()).toContain('رد گروهی');
		expect(await officerPage.getByTestId('spam-submit').count()).toBe(0);
		await officerPage.getByTestId('spam-hint').waitFor();
		await row.locator('input[name=caseIds]').check();
		await officerPage.getByTestId('spam-submit').waitFor();
		await row.locator('input[name=caseIds]').uncheck();
		await officerPage.getByTestId('spam-hint').waitFor();
		await kit.shot(officerPage, '3-cartable');

		await officerPage.goto(server.url + caseUrl);
		// the step's sentence is the applicant's ("… your documents"): the officer sees it as what the applicant is told
		expect(await officerPage.getByTestId('applicant-is-told').count()).toBe(1);
		const form = officerPage.locator('form[data-action=request_document]');
		await form.locator('input[name=kinds]').first().check();
		await form.locator('textarea[name=reason]').fill('لطفاً دفترچه محاسبات سازه را هم بارگذاری کنید.');
		await submitAndWait(officerPage, '[data-testid=act-request_document]');
		await kit.shot(officerPage, '4-document-requested');
	});

	it('the citizen sees the task and its deadline, and uploads the document', async () => {
		await citizenPage.goto(`${server.url}/cases`);
		// her row (the demo city gives her sample cases of her own besides it)
		const row = citizenPage.locator(`[data-testid=case-row][data-case-id="${caseUrl.split('/').pop()}"]`);
		await row.locator('[data-testid=task-flag]').waitFor();
		await expect.poll(() => row.locator('[data-testid=deadline]').count()).toBe(1);
		await kit.shot(citizenPage, '5-my-cases-task');

		await citizenPage.goto(server.url + caseUrl);
		const task = citizenPage.locator('[data-testid=task-form]').first();
		await task.waitFor();
		expect(await citizenPage.getByTestId('applicant-is-told').count()).toBe(0);
		expect(await citizenPage.locator('[data-testid=case-deadline] [data-testid=deadline]').count()).toBe(1);
		const files = task.locator('input[type=file]');
		for (let i = 0; i < (await files.count()); i++) await files.nth(i).setInputFiles(path.join(DOCS, 'deed.pdf'));
		await Promise.all([citizenPage.waitForLoadState('load'), citizenPage.click('[data-testid=answer-task]')]);
		await citizenPage.locator('[data-testid=form-done], [data-testid=form-error]').first().waitFor({ timeout: 30_000 });
		expect(await citizenPage.locator('[data-testid=form-error]').count()).toBe(0);
		expect(await citizenPage.locator('[data-testid=task-form]').count()).toBe(0);
		await kit.shot(citizenPage, '6-document-uploaded');
	});

	it('the officer refers the case to cultural heritage with a due date', async () => {
		await officerPage.goto(server.url + caseUrl);
		const form = officerPage.locator('form[data-action=refer_to_agency]');
		await form.locator('select[name=agency]').selectOption('cultural_heritage');
		await form.locator('textarea[name=question]').fill('آیا پلاک در حریم بنای تاریخی است؟');
		await submitAndWait(officerPage, '[data-testid=act-refer_to_agency]');
		await officerPage.locator('[data-testid=referrals]').waitFor();
		await kit.shot(officerPage, '7-referred');
	});

	it('the heritage agency reads the case and replies with a document', async () => {
		const heritage = await kit.newPage();
		await staffSignIn(heritage, server.url, 'heritage', '/cartable');
		await heritage.locator(`[data-testid=case-row][data-case-id="${caseUrl.split('/').pop()}"]`).waitFor();
		await heritage.goto(server.url + caseUrl);
		// read-only apart from the reply: no message form, only the reply action
		expect(await heritage.locator('[data-testid=message-body]').count()).toBe(0);
		expect(await heritage.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')))).toEqual(['agency_reply']);
		// it is told it answers the referral, not that the case is read-only; the question stands above the answer form
		expect(await heritage.getByTestId('agency-scope').textContent()).toContain('پاسخ می‌دهید');
		const questionFirst = await heritage.evaluate(() => {
			const question = document.querySelector('[data-testid=referrals]');
			const form = document.querySelector('form[data-action=agency_reply]');
			return !!question && !!form && (question.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
		});
		expect(questionFirst).toBe(true);
		// nothing empty: no applicant without a name, no history heading without a history
		expect(await heritage.locator('[data-testid=timeline]').count()).toBe(0);
		expect(await heritage.locator('[data-testid=case-head] dt', { hasText: 'متقاضی' }).count()).toBe(0);
		const form = heritage.locator('form[data-action=agency_reply]');
		await form.locator('textarea[name=reply]').fill('پلاک خارج از حریم است؛ با رعایت ارتفاع مجاز بلامانع است.');
		await form.locator('[data-testid=verdict-agree_with_conditions]').check();
		await form.locator('input[name=files]').setInputFiles(path.join(DOCS, 'deed.pdf'));
		// the reply ends the agency's access (issue 7): it lands back on its cartable, and the case is gone
		await heritage.click('[data-testid=act-agency_reply]');
		await heritage.locator('[data-testid=agency-replied]').waitFor({ timeout: 30_000 });
		expect(await heritage.locator(`[data-testid=case-row][data-case-id="${caseUrl.split('/').pop()}"]`).count()).toBe(0);
		await kit.shot(heritage, '8-agency-replied');
		// its record of the answer stays: the answered tab lists the case's code, the question and its own reply, with no link into the case
		await heritage.goto(`${server.url}/cartable?tab=closed`);
		const answered = heritage.locator('[data-testid=answered-row]', { hasText: 'خارج از حریم' });
		await answered.waitFor();
		expect(toLatinDigits((await answered.getByTestId('answered-code').textContent()) ?? '').replace(/\D/g, '')).toBe(trackingCode);
		expect(await answered.locator('a').count()).toBe(0);
		await kit.shot(heritage, '8b-agency-answered');
	});

	it('the officer approves the step', async () => {
		await officerPage.goto(server.url + caseUrl);
		const before = await caseStep(officerPage);
		await submitAndWait(officerPage, '[data-testid=act-approve]');
		await expect.poll(() => caseStep(officerPage)).not.toBe(before);
		await kit.shot(officerPage, '9-approved');
	});

	it('the citizen sees every step, who acted, and the new deadline', async () => {
		await citizenPage.goto(server.url + caseUrl);
		const actions = await citizenPage.locator('[data-testid=timeline] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
		expect(actions).toEqual(expect.arrayContaining(['file', 'request_document', 'applicant_reply', 'refer_to_agency', 'agency_reply', 'approve']));
		// her own submission of the filing step reads as one, not as approving a step
		const heads = await citizenPage.locator('[data-testid=timeline] li .head strong').allTextContents();
		expect(heads[1]).toBe('تکمیل و ارسال پرونده');
		expect(heads.at(-1)).toBe('تأیید مرحله');
		expect(await citizenPage.locator('[data-testid=case-deadline] [data-testid=deadline]').count()).toBe(1);
		expect(await citizenPage.locator('[data-testid=referral-reply]').count()).toBe(1);
		await kit.shot(citizenPage, '10-citizen-timeline');

		// the public page answers the same step without personal data
		const track = await kit.newPage();
		await track.goto(`${server.url}/track`, { waitUntil: 'networkidle' });
		await track.fill('[data-testid=track-code]', trackingCode);
		await track.fill('[data-testid=track-nid]', citizen.nationalId);
		await track.click('form button');
		await track.locator('[data-testid=track-result]').waitFor();
		expect(await track.locator('[data-testid=track-result]').textContent()).toContain(await caseStep(citizenPage));
		expect(await track.content()).not.toContain('مریم');
		await kit.shot(track, '11-public-track');

		// a document link downloads for the owner only
		const href = (await citizenPage.locator('[data-testid=document-link]').first().getAttribute('href'))!;
		const own = await citizenPage.request.get(server.url + href);
		expect(own.status()).toBe(200);
		const anonymous = await fetch(server.url + href, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(kit.pageErrors).toEqual([]);
	});

	it('the officer closes a case imported from the previous system, and its parcel no longer shows it open', async () => {
		await officerPage.goto(`${server.url}/cartable?tab=legacy`);
		const row = officerPage.locator('[data-testid=legacy-row]').first();
		await row.waitFor();
		await kit.shot(officerPage, '12-legacy-cases');
		const caseId = (await row.getAttribute('data-case'))!;
		const code = toLatinDigits((await row.locator('td').first().textContent())!.trim());
		const parcelId = (await row.locator('a[href^="/parcels/"]').getAttribute('href'))!.split('/').pop();
		const openCodes = async () => ((await (await fetch(`${server.url}/api/parcels/${parcelId}`)).json()) as ParcelDetail).open_cases.map((c) => c.tracking_code);
		expect(await openCodes()).toContain(code);
		// the parcel's page tells a citizen where such a case is followed up
		const parcelPage = await kit.newPage();
		await parcelPage.goto(`${server.url}/parcels/${parcelId}`);
		await parcelPage.locator('[data-testid=case-imported]').first().waitFor();
		await parcelPage.locator('[data-testid=case-imported]').first().scrollIntoViewIfNeeded();
		await kit.shot(parcelPage, '13-imported-case-on-parcel');
		await parcelPage.close();

		await officerPage.selectOption(`[data-testid=legacy-outcome-${caseId}]`, 'completed_before');
		await officerPage.click(`[data-testid=legacy-close-${caseId}]`);
		await officerPage.locator('[data-testid=legacy-done]').waitFor();
		expect(toLatinDigits((await officerPage.locator('[data-testid=legacy-done]').textContent())!)).toContain(code);
		expect(await officerPage.locator(`[data-testid=legacy-row][data-case="${caseId}"]`).count()).toBe(0);
		expect(await openCodes()).not.toContain(code);
		expect(kit.pageErrors).toEqual([]);
	});
});

describe('on a phone', () => {
	let phone: Page;
	const box = async (selector: string) => (await phone.locator(selector).first().boundingBox())!;
	/** Where a point of the map is on the screen. */
	const onScreen = async (at: [number, number]) => {
		const map = await box('[data-testid=map]');
		const p = await phone.evaluate((c) => window.__pelakMap!.project(c), at);
		return { x: map.x + p.x, y: map.y + p.y };
	};

	it('the citizen signs in on a phone: one header row, the links behind the menu, her cases as cards', async () => {
		phone = await kit.newPage({ phone: true });
		await citizenSignIn(kit, phone, server.url, citizen, '/cases');
		// the header is one row (name, sample badge, menu); the links wait behind the menu
		expect((await box('header.app-header')).height).toBeLessThan(80);
		expect(await phone.getByTestId('main-nav').isVisible()).toBe(false);
		await phone.getByTestId('menu-toggle').click();
		await expect.poll(() => phone.getByTestId('main-nav').isVisible()).toBe(true);
		expect(await phone.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('true');
		await kit.shot(phone, '14-phone-menu');
		// Escape folds it from within, and the focus goes back to the toggle
		await phone.getByTestId('main-nav').locator('a[href="/"]').focus();
		await phone.keyboard.press('Escape');
		await expect.poll(() => phone.getByTestId('main-nav').isVisible()).toBe(false);
		expect(await phone.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('false');
		expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('menu-toggle');
		await phone.getByTestId('menu-toggle').click();
		await expect.poll(() => phone.getByTestId('main-nav').isVisible()).toBe(true);
		await Promise.all([phone.waitForURL((u) => u.pathname === '/'), phone.getByTestId('main-nav').locator('a[href="/"]').click()]);
		await expect.poll(() => phone.getByTestId('main-nav').isVisible()).toBe(false); // a navigation folds it again
		// in English too: the header names the app by its short name, so it keeps to one row
		const headerHeight = await box('header.app-header').then((b) => b.height);
		await phone.context().addCookies([{ name: 'lang', value: 'en', url: server.url }]);
		await phone.goto(`${server.url}/`);
		expect(await phone.locator('header.app-header .brand').innerText()).toBe('Pelak');
		expect((await box('header.app-header')).height).toBeLessThanOrEqual(headerHeight + 2);
		await phone.context().addCookies([{ name: 'lang', value: 'fa', url: server.url }]);

		await phone.goto(`${server.url}/cases`);
		const rows = phone.locator('[data-testid=case-row]');
		// her permit from this story and the SAMPLE cases the demo city gives her (an answered inquiry, one waiting for her deed)
		expect(await rows.count()).toBeGreaterThanOrEqual(3);
		expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
		const first = await rows.first().boundingBox();
		expect(first!.x + first!.width).toBeLessThanOrEqual(390);
		// each cell names its column on a card, since the table's header row is hidden
		const label = await rows.first().locator('td').nth(3).evaluate((td) => getComputedStyle(td, '::before').content);
		expect(label).toContain('وضعیت');
		await kit.shot(phone, '15-phone-cases');
	});

	it('the map keeps its legend folded, and a parcel tapped low on the screen comes up above the panel', async () => {
		await phone.goto(`${server.url}/`);
		await phone.waitForFunction(() => window.__pelakMap?.loaded());
		expect(await phone.getByTestId('map-legend').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
		// the parcel at the bottom of the map, where the panel's sheet will open
		await phone.evaluate((c) => {
			const map = window.__pelakMap!;
			map.jumpTo({ center: c, zoom: 18 });
			map.panBy([0, -map.getContainer().clientHeight * 0.3], { animate: false });
		}, parcel.centroid);
		const tapped = await onScreen(parcel.centroid);
		const screen = phone.viewportSize()!;
		expect(tapped.y).toBeGreaterThan(screen.height * 0.55);
		await phone.touchscreen.tap(tapped.x, tapped.y);
		const panel = phone.getByTestId('parcel-panel');
		await expect.poll(() => panel.getAttribute('data-parcel-id'), { timeout: 30_000 }).toBe(String(parcel.id));
		await phone.waitForFunction(() => !window.__pelakMap!.isMoving());
		await phone.waitForTimeout(900); // the ease runs 800 ms
		const sheetTop = (await panel.boundingBox())!.y;
		const mapTop = (await box('[data-testid=map]')).y;
		const now = await onScreen(parcel.centroid);
		expect(now.y).toBeLessThan(sheetTop);
		expect(now.y).toBeGreaterThan(mapTop);
		await kit.shot(phone, '16-phone-parcel');
		expect(kit.pageErrors).toEqual([]);
	});

	it('every page she goes through fits the phone: nothing reaches past the screen\'s edges', async () => {
		const pages = [caseUrl, `/requests/new?parcel=${parcel.id}`, `/parcels/${parcel.id}/proposal`, `/parcels/${parcel.id}`, '/track', '/works', '/transparency'];
		expect(await offScreenPages(phone, server.url, pages)).toEqual({});
		await phone.goto(`${server.url}/parcels/${parcel.id}/proposal`);
		await kit.shot(phone, '17-phone-proposal');
		expect(kit.pageErrors).toEqual([]);
	});

	it('staff in the field find their cartables fitting the phone too: the district officer, the excavation inspector', async () => {
		let wide: Record<string, string[]> = {};
		for (const [username, paths] of [
			[officerName, ['/cartable', '/cartable?tab=legacy', caseUrl]],
			['excavation.inspector', ['/excavations']]
		] as const) {
			const staff = await kit.newPage({ phone: true });
			await staffSignIn(staff, server.url, username, '/account');
			wide = { ...wide, ...(await offScreenPages(staff, server.url, paths, `${username} `)) };
			if (username === 'excavation.inspector') await kit.shot(staff, '18-phone-excavations');
			await staff.close();
		}
		expect(wide).toEqual({});
		expect(kit.pageErrors).toEqual([]);
	});
});

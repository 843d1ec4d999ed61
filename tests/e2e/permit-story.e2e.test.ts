/**
 * The whole permit story of ONE parcel in a real browser against the built server with the sample
 * city (issue 8, §8), as a new citizen at home does it: the parcel picked on the city map, the
 * permit filed from its panel; the district officer sends it to the zoning statement, which the
 * system issues by itself; the citizen downloads the zoning statement PDF, uploads the drawings,
 * draws the building's footprint on the parcel's map, checks it (it passes) and files it with the
 * case; the fees are assessed by themselves and itemised; the citizen pays in the sandbox gateway;
 * the permit is issued by itself, naming the supervising engineer assigned with it; its PDF's QR
 * code opens /verify (valid). Then the engineer named on THAT permit signs in and files every
 * stage report the completion certificate needs from their works list, each with a photo and a
 * point picked on the map; the citizen applies for the completion certificate, the engineer
 * confirms it from their cartable, the inspector and the district officer take it through, and
 * the certificate is issued for that permit: its PDF names the permit, the engineer and each
 * stage report, and its /verify says valid.
 * Screenshots go to tests/output/screenshots/permit-*.png for review.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import type { ProposalCheckResponse } from '../../src/lib/api/proposal';
import { DEMO_CITIZENS } from '../../src/lib/server/auth/demo-accounts';
import { COMPLETION_STAGES, stageOf } from '../../src/lib/domain/supervision';
import { sampleHouse } from '../../src/lib/domain/rules';
import { footerQr, pdftotext, readable, withoutZwnj } from '../../src/lib/server/pdf/pdf-reading.test-support';
import { sandboxSampleOwner } from '../../src/lib/server/registries';
import { citizenSignIn, openBrowser, staffSignIn, submitAndWait, type BrowserKit } from './browser';
import { startOnPostgresCopy } from './sample-server';
import { startBuiltServer, type RunningServer } from './server';

const DOCS = path.resolve(import.meta.dirname, '../fixtures/documents');
const PHOTO = path.join(DOCS, 'site-photo.png');
/** The sample pool's engineers (demo accounts): the rotation gives a new permit to either. */
const ENGINEERS = [
	{ username: 'supervisor2', name: 'مهندس ناظر دوم (نمونه)' },
	{ username: 'supervisor', name: 'مهندس ناظر (نمونه)' }
];
const citizen = DEMO_CITIZENS[1];
const postgres = process.env.PELAK_TEST_PG || process.env.DATABASE_URL;

let server: RunningServer;
let kit: BrowserKit;
let filesDir: string;

let parcel: ParcelDetail;
let proposal: Record<string, unknown>;
let officerName: string;
let inspectorName: string;
let caseUrl: string;
let permitNumber: string;
let engineer: (typeof ENGINEERS)[number];

/** The corners of the parcel's outer ring shrunk towards its centroid: a footprint well inside it, as the citizen draws it. */
function corners(p: ParcelDetail, k: number): Position[] {
	const geometry = p.geometry as Polygon | MultiPolygon;
	const ring: Position[] = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
	const [cx, cy] = p.centroid;
	return ring.slice(0, -1).map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k]);
}
const polygonOf = (cs: Position[]): Polygon => ({ type: 'Polygon', coordinates: [[...cs, cs[0]]] });

/** The map of `page` once it has loaded and stopped moving. */
async function mapIdle(page: Page) {
	await page.waitForFunction(() => !!window.__pelakMap && window.__pelakMap.loaded() && !window.__pelakMap.isMoving(), null, { timeout: 60_000 });
}

/** Where a WGS84 point lies on the screen, on the map of `page`. */
async function onScreen(page: Page, at: Position): Promise<{ x: number; y: number }> {
	const box = (await page.getByTestId('map').first().boundingBox())!;
	const p = await page.evaluate((c) => window.__pelakMap!.project(c as [number, number]), at);
	return { x: box.x + p.x, y: box.y + p.y };
}

const districtNumber = (d: { id: number; code: string }) => d.code.replace(/\D/g, '').replace(/^0+(?=\d)/, '') || String(d.id);

/** pdftotext as read: no direction marks, a wrapped line joined to the next. */
const flat = (text: string) => readable(text).replace(/\s*\n\s*/g, ' ');

async function check(id: number, body: unknown): Promise<ProposalCheckResponse | null> {
	const res = await fetch(`${server.url}/api/parcels/${id}/proposal-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return res.ok ? ((await res.json()) as ProposalCheckResponse) : null;
}

/** A two-storey house inside the parcel (on pilotis where the zone allows them) that keeps every rule, or null. */
async function passingProposal(p: ParcelDetail): Promise<Record<string, unknown> | null> {
	if (!p.geometry) return null;
	for (const k of [0.5, 0.6]) {
		const footprint = polygonOf(corners(p, k));
		const probe = await check(p.id, { floors: [{ level: 1, use: 'residential', area_m2: 1 }], footprint_m2: footprint, height_m: 3, units: [{ area_m2: 85 }], parking_spaces: 1 });
		const area = probe?.facts.footprint?.area_m2;
		if (!probe || !area || area < 40) continue;
		// a little under the footprint: the one drawn with the mouse differs from it by centimetres
		const floor = Math.floor(area) - 2;
		for (const pilotis of [true, false]) {
			const body = sampleHouse({ footprint_m2: footprint }, floor, pilotis, probe.facts.net_area_m2);
			if ((await check(p.id, body))?.ok) return { ...body, k };
		}
	}
	return null;
}

beforeAll(async () => {
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-files-'));
	process.env.PELAK_FILES_DIR = filesDir;
	process.env.BODY_SIZE_LIMIT = '32M';
	// the default sample city (a smaller one lies wholly in the heritage buffer); real PostgreSQL when PELAK_TEST_PG is set
	const env: NodeJS.ProcessEnv = { PELAK_MODE: 'demo', PELAK_FILES_DIR: filesDir };
	server = postgres ? await startOnPostgresCopy(postgres, env, 280_000) : await startBuiltServer(280_000, env);
	kit = await openBrowser('permit');

});

afterAll(async () => {
	await kit?.close();
	await server?.stop();
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

/** The PDF's QR code opens /verify/<code> for anyone: valid, and no personal data. */
async function verifiesValid(pdf: Buffer, shot: string) {
	const qr = footerQr(pdf)!;
	expect(qr).toMatch(/\/verify\/[0-9A-Z-]+$/);
	const anyone = await kit.newPage();
	await anyone.goto(server.url + new URL(qr).pathname);
	const result = anyone.locator('[data-testid=verify-result]');
	await result.waitFor();
	expect(await result.getAttribute('data-status')).toBe('valid');
	expect(await anyone.content()).not.toContain(citizen.nationalId);
	await kit.shot(anyone, shot);
	expect(kit.pageErrors).toEqual([]);
}

describe('a two-stage building permit, from the parcel to the verified permit', () => {
	let citizenPage: Page;
	let officerPage: Page;

	it('finds a free parcel of the sample city where a simple house passes the rule check', async () => {
		// a free parcel of the citizen's (the sandbox deeds registry) on which a simple house passes the rule check
		for (let id = 1; id < 6000 && !parcel; id++) {
			const response = await fetch(`${server.url}/api/parcels/${id}`);
			if (!response.ok) continue;
			const p = (await response.json()) as ParcelDetail;
			if (!p.district || p.open_cases.length > 0 || p.buildings.length > 0 || p.overlays.length > 0) continue;
			// the pilot district, whose inspector (a demo account) inspects the finished building
			if (districtNumber(p.district) !== '6') continue;
			if (sandboxSampleOwner(p.registration_plate ?? '') !== citizen.nationalId) continue;
			const body = await passingProposal(p);
			if (body) [parcel, proposal] = [p, body];
		}
		expect(parcel, 'a free parcel of the sample city where a house passes the check').toBeTruthy();
		officerName = `officer.d${districtNumber(parcel.district!)}`;
		inspectorName = `inspector.d${districtNumber(parcel.district!)}`;
	});

	it('signs the citizen in, picks the parcel on the city map and files the permit from its panel', async () => {
		citizenPage = await kit.newPage();
		await citizenSignIn(kit, citizenPage, server.url, citizen, '/cases');

		await citizenPage.goto(`${server.url}/`);
		await mapIdle(citizenPage);
		await citizenPage.evaluate((c) => window.__pelakMap!.jumpTo({ center: c, zoom: 18 }), parcel.centroid);
		await mapIdle(citizenPage);
		const at = await onScreen(citizenPage, parcel.centroid);
		await citizenPage.mouse.click(at.x, at.y);
		const panel = citizenPage.getByTestId('parcel-panel');
		await expect.poll(() => panel.getAttribute('data-parcel-id'), { timeout: 30_000 }).toBe(String(parcel.id));
		await kit.shot(citizenPage, '0-parcel-picked');
		await Promise.all([citizenPage.waitForURL((u) => u.pathname === '/requests/new'), panel.getByTestId('start-request').click()]);
		await citizenPage.check('[data-testid=type-building_permit_new]');
		const inputs = citizenPage.locator('[data-testid=request-form] input[type=file][required]');
		for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).setInputFiles(path.join(DOCS, 'deed.pdf'));
		await Promise.all([citizenPage.waitForLoadState('load'), citizenPage.click('[data-testid=submit-request]')]);
		await citizenPage.locator('[data-testid=filed], [data-testid=form-error]').first().waitFor({ timeout: 30_000 });
		expect(await citizenPage.locator('[data-testid=form-error]').count()).toBe(0);
		caseUrl = (await citizenPage.locator('[data-testid=go-to-case]').getAttribute('href'))!;
		expect(caseUrl).toMatch(/^\/cases\/\d+$/);
	});

	it('the officer sends it to the zoning statement, which the system issues by itself', async () => {
		officerPage = await kit.newPage();
		await staffSignIn(officerPage, server.url, officerName, '/cartable');
		await officerPage.goto(server.url + caseUrl);
		await officerPage.locator('form[data-action=approve] select[name=to]').selectOption('zoning_statement');
		await submitAndWait(officerPage, '[data-testid=act-approve]');
		// the result says what the system did next, with the statement it issued
		const issuedLink = officerPage.locator('[data-testid=form-done] [data-testid=done-issued]');
		await issuedLink.waitFor();
		const issuedHref = await issuedLink.getAttribute('href');
		expect(issuedHref).toMatch(/^\/documents\/issued\/\d+\.pdf$/);
		expect(await officerPage.getByTestId('done-by-system').first().textContent()).toContain('دستور نقشه');
		await officerPage.goto(server.url + caseUrl);
		const actions = await officerPage.locator('[data-testid=timeline] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
		expect(actions.slice(-2)).toEqual(['approve', 'approve']); // the officer's, then the system's
		// the history links the statement the system issued
		expect(await officerPage.locator('[data-testid=timeline] li').last().getByTestId('timeline-issued').getAttribute('href')).toBe(issuedHref);
	});

	it('the citizen downloads the zoning statement PDF: the parcel’s rules and net area', async () => {
		await citizenPage.goto(server.url + caseUrl);
		const statement = citizenPage.locator('[data-testid=issued-documents] .issued[data-kind=zoning_statement]');
		await statement.waitFor();
		await kit.shot(citizenPage, '1-zoning-statement');
		const href = (await statement.locator('[data-testid=issued-pdf]').getAttribute('href'))!;
		const res = await citizenPage.request.get(server.url + href);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('application/pdf');
		const text = readable(pdftotext(Buffer.from(await res.body())));
		expect(text).toContain('دستور نقشه');
		expect(text).toContain('مساحت خالص پس از اصلاحی');
		expect(text).toContain('حداکثر تراکم ساختمانی');
	});

	it('uploads the drawings, draws the footprint on the parcel’s map, checks it (it passes) and files it with the case', async () => {
		await citizenPage.locator('[data-testid=drawings-form] input[type=file]').setInputFiles(path.join(DOCS, 'deed.pdf'));
		await Promise.all([citizenPage.waitForLoadState('load'), citizenPage.click('[data-testid=upload-drawings]')]);
		await citizenPage.locator('[data-testid=form-done], [data-testid=form-error]').first().waitFor({ timeout: 30_000 });
		expect(await citizenPage.locator('[data-testid=form-error]').count()).toBe(0);

		// from the case to the parcel's proposal page, which files with this case
		await citizenPage.goto(server.url + caseUrl);
		await Promise.all([citizenPage.waitForURL((u) => u.pathname === `/parcels/${parcel.id}/proposal`), citizenPage.getByTestId('draw-proposal').click()]);
		await citizenPage.getByTestId('drawing-toolbar').waitFor({ timeout: 60_000 });
		const form = citizenPage.getByTestId('proposal-form');
		const floors = proposal.floors as { level: number; use: string; area_m2: number }[];
		const rows = form.getByTestId('floor-row');
		while ((await rows.count()) > floors.length) await rows.last().locator('button').click();
		for (const [i, f] of floors.entries()) {
			await form.locator(`input[name="floors[${i}].level"]`).fill(String(f.level));
			await form.locator(`select[name="floors[${i}].use"]`).selectOption(f.use);
			await form.locator(`input[name="floors[${i}].area_m2"]`).fill(String(f.area_m2));
		}
		const units = form.locator('input[name^="units["]');
		while ((await units.count()) > 2) await form.locator('.unit button').last().click();
		for (const [i, u] of (proposal.units as { area_m2: number }[]).entries()) await form.locator(`input[name="units[${i}].area_m2"]`).fill(String(u.area_m2));
		await form.locator('input[name=height_m]').fill('7');
		await form.locator('input[name=parking_spaces]').fill('2');
		await form.locator('input[name=light_well_m2]').fill(String(proposal.light_well_m2));
		if (!proposal.pilotis) await form.locator('input[name=pilotis]').uncheck();

		// the footprint drawn with the mouse, corner by corner, inside the parcel (the mode chosen first:
		// choosing it hides the number field and moves the map up)
		await citizenPage.getByTestId('footprint-drawn').check();
		await citizenPage.getByTestId('map').scrollIntoViewIfNeeded(); // every corner clicked must be on the screen
		await mapIdle(citizenPage);
		// the footprint fills the map, so that its shortest side is long on the screen (a click near the
		// corner just placed would finish the polygon early)
		const pts = corners(parcel, proposal.k as number);
		const fit: [number, number, number, number] = [Math.min(...pts.map((c) => c[0])), Math.min(...pts.map((c) => c[1])), Math.max(...pts.map((c) => c[0])), Math.max(...pts.map((c) => c[1]))];
		await citizenPage.evaluate((b) => window.__pelakMap!.fitBounds(b, { padding: 30, duration: 0, maxZoom: 23 }), fit);
		await mapIdle(citizenPage);
		const pixels = [];
		for (const c of pts) pixels.push(await onScreen(citizenPage, c));
		await citizenPage.getByTestId('draw-pit').click();
		for (const p of pixels) await citizenPage.mouse.click(p.x, p.y);
		await citizenPage.mouse.click(pixels[0].x, pixels[0].y); // close on the first corner
		await expect.poll(() => citizenPage.getByTestId('footprint-drawn').isChecked()).toBe(true);
		const drawn = await citizenPage.evaluate(() =>
			window.__pelakDraw!.getSnapshot().filter((f) => f.properties.mode === 'polygon' && f.geometry.type === 'Polygon').map((f) => (f.geometry.coordinates as number[][][])[0].length)
		);
		expect(drawn, `one footprint with every corner clicked (at ${JSON.stringify(pixels.map((p) => [Math.round(p.x), Math.round(p.y)]))})`).toEqual([pts.length + 1]);

		const [response] = await Promise.all([
			citizenPage.waitForResponse((r) => r.url().endsWith(`/api/parcels/${parcel.id}/proposal-check`) && r.request().method() === 'POST', { timeout: 30_000 }),
			citizenPage.getByTestId('proposal-check').click()
		]);
		const checked = (await response.json()) as ProposalCheckResponse;
		expect(checked.facts.footprint, 'the drawn footprint was measured').toBeTruthy();
		expect(checked.rules.filter((r) => r.verdict !== 'pass'), 'every rule passes').toEqual([]);
		expect(checked.ok).toBe(true);
		await kit.shot(citizenPage, '2-proposal-drawn');
		await citizenPage.getByTestId('proposal-file').click();
		await citizenPage.locator('[data-testid=proposal-filed], [data-testid=proposal-error]').first().waitFor({ timeout: 30_000 });
		expect(await citizenPage.getByTestId('proposal-error').count()).toBe(0);

		await citizenPage.goto(server.url + caseUrl);
		expect(await citizenPage.locator('[data-testid=proposal-verdict]').getAttribute('data-ok')).toBe('true');
		await kit.shot(citizenPage, '2-proposal-passed');
		await submitAndWait(citizenPage, '[data-testid=act-approve]');
	});

	let receiptUrl: string;

	it('the fees are assessed by themselves; the citizen pays the bill in the sandbox gateway', async () => {
		await citizenPage.goto(server.url + caseUrl);
		const link = citizenPage.locator('[data-testid=case-assessments] a[href^="/assessments/"]').first();
		await link.waitFor();
		await Promise.all([citizenPage.waitForURL(/\/assessments\/\d+$/), link.click()]);
		// itemised: each line with its formula and the bound numbers, and a total in whole thousands of rials
		const lines = citizenPage.locator('[data-testid=assessment-line]');
		expect(await lines.count()).toBeGreaterThan(0);
		expect(await lines.first().textContent()).toMatch(/\*|×/);
		const total = Number(await citizenPage.locator('[data-testid=assessment-total]').getAttribute('data-rial'));
		expect(total).toBeGreaterThan(0);
		expect(total % 1000).toBe(0);
		await kit.shot(citizenPage, '3-bill');
		await Promise.all([citizenPage.waitForURL(/\/sandbox-gateway\/S[0-9A-F]{32}$/, { timeout: 30_000 }), citizenPage.click('[data-testid=pay]')]);
		await Promise.all([citizenPage.waitForURL(/\/receipts\/\d+$/, { timeout: 30_000 }), citizenPage.click('[data-testid=gateway-pay]')]);
		receiptUrl = new URL(citizenPage.url()).pathname;
		expect(await citizenPage.locator('[data-testid=receipt-sandbox]').count()).toBe(1);
		const receipt = await citizenPage.request.get(`${server.url}${receiptUrl}.pdf`);
		expect(receipt.status()).toBe(200);
		expect(readable(pdftotext(Buffer.from(await receipt.body())))).toContain('رسید پرداخت عوارض');
	});

	it('the permit is issued by itself: its PDF downloads and its QR code opens /verify, which says it is valid', async () => {
		await citizenPage.goto(server.url + caseUrl);
		expect(await citizenPage.locator('[data-testid=case-status]').textContent()).toMatch(/انجام|completed|تأیید/);
		const permit = citizenPage.locator('[data-testid=issued-documents] .issued[data-kind=building_permit]');
		await permit.waitFor();
		expect(await permit.getAttribute('data-status')).toBe('valid');
		expect(await citizenPage.locator(`[data-testid=receipt-pdf][href="${receiptUrl}.pdf"]`).count()).toBe(1);
		await kit.shot(citizenPage, '4-permit-issued');
		const res = await citizenPage.request.get(server.url + (await permit.locator('[data-testid=issued-pdf]').getAttribute('href'))!);
		const pdf = Buffer.from(await res.body());
		const text = flat(pdftotext(pdf));
		expect(text).toContain('پروانهٔ ساختمان');
		permitNumber = /BP-\d{4}-\d{6}/.exec(text)![0];
		// it names the supervising engineer assigned with it (one of the sample pool's), and the bill paid
		engineer = ENGINEERS.find((e) => text.includes(e.name))!;
		expect(engineer, `the permit names an engineer of the pool: ${text.slice(text.indexOf('مهندس ناظر'), text.indexOf('مهندس ناظر') + 80)}`).toBeTruthy();
		expect(text).toMatch(/شناسهٔ قبض [۰-۹]{6,13}/);
		expect(text).toMatch(/شناسهٔ پرداخت [۰-۹]{6,13}/);
		await verifiesValid(pdf, '5-verify');
	});

	let engineerPage: Page;
	const permitCaseId = () => caseUrl.split('/').pop()!;

	it('the engineer named on the permit signs in and files every stage report the completion needs, with a photo and a point picked on the map', async () => {
		engineerPage = await kit.newPage();
		await staffSignIn(engineerPage, server.url, engineer.username, '/supervision');
		const work = engineerPage.locator(`[data-testid=work-${permitCaseId()}]`);
		await work.waitFor();
		await mapIdle(engineerPage);
		for (const [i, stage] of COMPLETION_STAGES.entries()) {
			await engineerPage.click(`[data-testid=file-report-${permitCaseId()}]`);
			await engineerPage.getByTestId('report-form').waitFor();
			await engineerPage.selectOption('[data-testid=report-stage]', stage);
			// the point where the engineer stood: picked on the map, inside the parcel
			const inside = corners(parcel, 0.2)[i % 3];
			await engineerPage.evaluate((c) => window.__pelakMap!.jumpTo({ center: c as [number, number], zoom: 19 }), inside);
			await mapIdle(engineerPage);
			const at = await onScreen(engineerPage, inside);
			await engineerPage.mouse.click(at.x, at.y);
			await expect.poll(async () => Math.abs(Number(await engineerPage.locator('[data-testid=report-form] input[name=lon]').inputValue()) - inside[0])).toBeLessThan(2e-5);
			await engineerPage.fill('[data-testid=report-progress]', String(Math.round(((i + 1) / COMPLETION_STAGES.length) * 100)));
			await engineerPage.fill('[data-testid=report-body]', `مرحلهٔ ${stageOf(stage).name.fa} مطابق پروانه و نقشه‌های مصوب اجرا شد.`);
			await engineerPage.setInputFiles('[data-testid=report-photos]', PHOTO);
			await engineerPage.click('[data-testid=report-submit]');
			const refused = engineerPage.locator('[data-testid=form-error]');
			await expect
				.poll(async () => ((await refused.count()) ? `refused: ${await refused.first().textContent()}` : (await work.getByTestId('stages-done').textContent()) ?? ''), { timeout: 30_000 })
				.toContain(stageOf(stage).name.fa);
		}
		expect(await work.getByTestId('stages-pending').locator('.chip').count()).toBe(0);
		await kit.shot(engineerPage, '6-stage-reports');
	});

	let certificateUrl: string;

	it('the citizen applies for the completion certificate of the parcel', async () => {
		await citizenPage.goto(`${server.url}/parcels/${parcel.id}`);
		await Promise.all([citizenPage.waitForURL((u) => u.pathname === '/requests/new'), citizenPage.getByTestId('start-request').click()]);
		await citizenPage.check('[data-testid=type-completion_certificate]');
		const inputs = citizenPage.locator('[data-testid=request-form] input[type=file][required]');
		for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).setInputFiles(path.join(DOCS, 'deed.pdf'));
		await Promise.all([citizenPage.waitForLoadState('load'), citizenPage.click('[data-testid=submit-request]')]);
		await citizenPage.locator('[data-testid=filed], [data-testid=form-error]').first().waitFor({ timeout: 30_000 });
		const refused = citizenPage.locator('[data-testid=form-error]');
		if (await refused.count()) throw new Error(`refused: ${await refused.first().textContent()}`);
		certificateUrl = (await citizenPage.locator('[data-testid=go-to-case]').getAttribute('href'))!;
		expect(certificateUrl).toMatch(/^\/cases\/\d+$/);
	});

	it('the engineer confirms it from their cartable; the inspector and the district officer take it through; the certificate is issued', async () => {
		// unclaimed, it waits in the cartable's "unassigned" tab: the engineer claims it, then opens it from "mine"
		const id = certificateUrl.split('/').pop()!;
		await engineerPage.goto(`${server.url}/cartable?tab=unassigned`);
		const claim = engineerPage.getByTestId(`claim-${id}`);
		await claim.waitFor();
		await claim.click();
		await expect.poll(() => claim.count(), { timeout: 30_000 }).toBe(0);
		await engineerPage.goto(`${server.url}/cartable`);
		await Promise.all([engineerPage.waitForURL((u) => u.pathname === certificateUrl), engineerPage.locator(`a[href="${certificateUrl}"]`).first().click()]);
		await submitAndWait(engineerPage, '[data-testid=act-approve]');

		const inspector = await kit.newPage();
		await staffSignIn(inspector, server.url, inspectorName, '/cartable');
		await inspector.goto(server.url + certificateUrl);
		await submitAndWait(inspector, '[data-testid=act-approve]');

		await officerPage.goto(server.url + certificateUrl);
		expect(await officerPage.locator('form[data-action=approve] input[name=stepId]').inputValue()).toBe('district_review');
		await submitAndWait(officerPage, '[data-testid=act-approve]');
		// the completion charge is assessed by itself from the book and billed; the citizen pays it in the sandbox gateway
		await citizenPage.goto(server.url + certificateUrl);
		const bill = citizenPage.locator('[data-testid=case-assessments] a[href^="/assessments/"]').first();
		await bill.waitFor();
		await Promise.all([citizenPage.waitForURL(/\/assessments\/\d+$/), bill.click()]);
		expect(Number(await citizenPage.locator('[data-testid=assessment-total]').getAttribute('data-rial'))).toBeGreaterThan(0);
		await Promise.all([citizenPage.waitForURL(/\/sandbox-gateway\/S[0-9A-F]{32}$/, { timeout: 30_000 }), citizenPage.click('[data-testid=pay]')]);
		await Promise.all([citizenPage.waitForURL(/\/receipts\/\d+$/, { timeout: 30_000 }), citizenPage.click('[data-testid=gateway-pay]')]);
		await officerPage.goto(server.url + certificateUrl);
		await submitAndWait(officerPage, '[data-testid=act-complete]');
	});

	it('the completion certificate names the permit, the engineer and every stage report; its QR opens /verify, valid', async () => {
		await citizenPage.goto(server.url + certificateUrl);
		const certificate = citizenPage.locator('[data-testid=issued-documents] .issued[data-kind=certificate]');
		await certificate.waitFor();
		expect(await certificate.getAttribute('data-status')).toBe('valid');
		await kit.shot(citizenPage, '7-certificate');
		const res = await citizenPage.request.get(server.url + (await certificate.locator('[data-testid=issued-pdf]').getAttribute('href'))!);
		expect(res.status()).toBe(200);
		const pdf = Buffer.from(await res.body());
		const text = flat(pdftotext(pdf));
		expect(text).toContain('گواهی پایان کار');
		expect(text).toContain(permitNumber);
		expect(text).toContain(engineer.name);
		for (const stage of COMPLETION_STAGES) expect(text).toContain(withoutZwnj(stageOf(stage).name.fa));
		expect(text).toContain('پیشرفت ۱۰۰ درصد، بدون تخلف');

		await verifiesValid(pdf, '8-certificate-verify');
	});
});

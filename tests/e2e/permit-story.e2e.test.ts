/**
 * The two-stage permit in a real browser against the built server with the sample city (issue 8):
 * the citizen files a building permit from a parcel; the district officer sends it to the zoning
 * statement, which the system issues by itself; the citizen downloads the zoning statement PDF,
 * uploads the drawings and submits the proposed building (a footprint drawn inside the parcel, as
 * the map tool sends it), which the server checks and passes; the fees are assessed by themselves;
 * the citizen pays in the sandbox gateway; the permit is issued by itself; its PDF downloads and
 * its QR code opens /verify, which says it is valid.
 * Screenshots go to tests/output/screenshots/permit-*.png for review.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Page } from 'playwright-core';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import type { ProposalCheckResponse } from '../../src/lib/api/proposal';
import { DEMO_CITIZENS } from '../../src/lib/server/auth/demo-accounts';
import { footerQr, pdftotext, readable } from '../../src/lib/server/pdf/pdf-reading.test-support';
import { sandboxSampleOwner } from '../../src/lib/server/registries';
import { citizenSignIn, openBrowser, staffSignIn, submitAndWait, type BrowserKit } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const DOCS = path.resolve(import.meta.dirname, '../fixtures/documents');
const citizen = DEMO_CITIZENS[1];
const postgres = process.env.PELAK_TEST_PG || process.env.DATABASE_URL;
const dbName = `pelak_e2e_permit_${process.pid}`;
let admin: pg.Client | undefined;

let server: RunningServer;
let kit: BrowserKit;
let filesDir: string;

let parcel: ParcelDetail;
let proposal: Record<string, unknown>;
let officerName: string;
let caseUrl: string;

/** The parcel's outer ring shrunk towards its centre: a footprint well inside it, as drawn on the map. */
function shrunk(geometry: Polygon | MultiPolygon, k: number): Polygon {
	const ring: Position[] = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
	const pts = ring.slice(0, -1);
	const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
	const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
	const moved = pts.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k]);
	return { type: 'Polygon', coordinates: [[...moved, moved[0]]] };
}

async function check(id: number, body: unknown): Promise<ProposalCheckResponse | null> {
	const res = await fetch(`${server.url}/api/parcels/${id}/proposal-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return res.ok ? ((await res.json()) as ProposalCheckResponse) : null;
}

/** A two-storey house inside the parcel (on pilotis where the zone allows them) that keeps every rule, or null. */
async function passingProposal(p: ParcelDetail): Promise<Record<string, unknown> | null> {
	if (!p.geometry) return null;
	for (const k of [0.5, 0.6]) {
		const footprint = shrunk(p.geometry, k);
		const probe = await check(p.id, { floors: [{ level: 1, use: 'residential', area_m2: 1 }], footprint_m2: footprint, height_m: 3, units: [{ area_m2: 85 }], parking_spaces: 1 });
		const area = probe?.facts.footprint?.area_m2;
		if (!probe || !area) continue;
		const floor = Math.floor(area);
		for (const pilotis of [true, false]) {
			const body = {
				floors: [...(pilotis ? [{ level: 0, use: 'pilotis', area_m2: floor }] : []), ...[1, 2].map((level) => ({ level, use: 'residential', area_m2: floor }))],
				footprint_m2: footprint,
				height_m: 7,
				units: [{ area_m2: 85 }, { area_m2: 85 }],
				parking_spaces: 2,
				pilotis,
				light_well_m2: Math.ceil(Math.max(12, 0.03 * probe.facts.net_area_m2)) + 1
			};
			if ((await check(p.id, body))?.ok) return body;
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
	if (postgres) {
		const adminUrl = new URL(postgres);
		admin = new pg.Client({ connectionString: adminUrl.toString() });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${dbName}`);
		const url = new URL(postgres);
		url.pathname = `/${dbName}`;
		env.DATABASE_URL = url.toString();
	}
	server = await startBuiltServer(280_000, env);
	kit = await openBrowser('permit');

});

afterAll(async () => {
	await kit?.close();
	await server?.stop();
	if (admin) {
		await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
		await admin.end();
	}
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

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
			if (sandboxSampleOwner(p.registration_plate ?? '') !== citizen.nationalId) continue;
			const body = await passingProposal(p);
			if (body) [parcel, proposal] = [p, body];
		}
		expect(parcel, 'a free parcel of the sample city where a house passes the check').toBeTruthy();
		const n = parcel.district!.code.replace(/\D/g, '').replace(/^0+(?=\d)/, '') || String(parcel.district!.id);
		officerName = `officer.d${n}`;
	});

	it('signs the citizen in and files the permit from the parcel', async () => {
		citizenPage = await kit.newPage();
		await citizenSignIn(kit, citizenPage, server.url, citizen, '/cases');

		await citizenPage.goto(`${server.url}/requests/new?parcel=${parcel.id}`);
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
		await officerPage.goto(server.url + caseUrl);
		const actions = await officerPage.locator('[data-testid=timeline] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
		expect(actions.slice(-2)).toEqual(['approve', 'approve']); // the officer's, then the system's
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

	it('uploads the drawings and submits the proposal drawn inside the parcel; the server checks and passes it', async () => {
		await citizenPage.locator('[data-testid=drawings-form] input[type=file]').setInputFiles(path.join(DOCS, 'deed.pdf'));
		await Promise.all([citizenPage.waitForLoadState('load'), citizenPage.click('[data-testid=upload-drawings]')]);
		await citizenPage.locator('[data-testid=form-done], [data-testid=form-error]').first().waitFor({ timeout: 30_000 });
		expect(await citizenPage.locator('[data-testid=form-error]').count()).toBe(0);

		const floors = proposal.floors as { area_m2: number }[];
		const form = citizenPage.locator('[data-testid=proposal-form]');
		await form.locator('input[name=storeys]').fill('2');
		if (!proposal.pilotis) await form.locator('input[name=pilotis]').uncheck();
		await form.locator('input[name=floor_area_m2]').fill(String(floors.at(-1)!.area_m2));
		await form.locator('input[name=height_m]').fill('7');
		await form.locator('input[name=units]').fill('2');
		await form.locator('input[name=unit_area_m2]').fill('85');
		await form.locator('input[name=parking_spaces]').fill('2');
		await form.locator('input[name=light_well_m2]').fill(String(proposal.light_well_m2));
		await form.locator('textarea[name=footprint_geojson]').fill(JSON.stringify(proposal.footprint_m2));
		await submitAndWait(citizenPage, '[data-testid=submit-proposal]');
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
		expect(readable(pdftotext(pdf))).toContain('پروانهٔ ساختمان');
		const qr = footerQr(pdf)!;
		expect(qr).toMatch(/\/verify\/[0-9A-Z-]+$/);

		const anyone = await kit.newPage();
		await anyone.goto(server.url + new URL(qr).pathname);
		const result = anyone.locator('[data-testid=verify-result]');
		await result.waitFor();
		expect(await result.getAttribute('data-status')).toBe('valid');
		expect(await anyone.content()).not.toContain(citizen.nationalId);
		await kit.shot(anyone, '5-verify');
		expect(kit.pageErrors).toEqual([]);
	});
});

/**
 * An excavation permit's whole life in a real browser (Debian chromium via playwright-core) against
 * the built server with the sample city, each person in their own signed-in browser (issue 9, §7):
 * the water company's applicant draws a trench with the mouse across a moratorium street beside
 * another work and sees both problems live; redraws it on a street free to dig and submits; the
 * municipality's excavation officer finds it in the works cartable and grants it with a condition;
 * the applicant pays the fee in the sandbox gateway; the permit PDF downloads and the QR code in it
 * opens /verify, which says it is valid; the site supervisor starts and completes the works; the
 * inspector fails the reinstatement with a photo, the supervisor remedies it, the inspector passes
 * it with another photo and the deposit is released. Then a dig in the heritage buffer: Cultural
 * Heritage's expert finds the referral in the agency's own works cartable, sees only that referral,
 * consents, and loses access; the officer sees the answer and may decide. Screenshots: tests/output/screenshots/story-excavation-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import type { ExcavationCheck } from '../../src/lib/api/excavation';
import { footerQr, pdftotext, readable, withoutZwnj } from '../../src/lib/server/pdf/pdf-reading.test-support';
import { toLatinDigits } from '../../src/lib/domain/text';
import { t } from '../../src/lib/i18n/t';
import type { MessageKey } from '../../src/lib/i18n/messages';
import { startBuiltServer, type RunningServer } from './server';
import { startSmallCity } from './sample-server';
import { launchChromium, PHONE, staffSignIn } from './browser';
import { drawTrench, findCleanSpot, findHeritageSpot, findMoratoriumSpot, signedIn, type LonLat, type Spot } from './excavation-support';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');
const CONDITION = 'حصارکشی و چراغ چشمک‌زن در شب';

let server: RunningServer;
let browser: Browser;
let spot: Spot;
let clean: { line: [LonLat, LonLat]; check: ExcavationCheck };
const pageErrors: string[] = [];
const pages: Record<'applicant' | 'officer' | 'supervisor' | 'inspector', Page> = {} as never;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `story-excavation-${name}.png`), fullPage: true });

/** A small PNG photo of the reinstatement (the server checks the bytes are an image). */
function photo(name: string, shade: number) {
	const png = new PNG({ width: 24, height: 16 });
	for (let i = 0; i < png.data.length; i += 4) png.data.set([shade, 120, 255 - shade, 255], i);
	return { name, mimeType: 'image/png', buffer: PNG.sync.write(png) };
}

let workId: number;
let workUrl: string;
const status = (s: string) => t('fa', `excavation_status.${s}` as MessageKey);

/** Opens the work's page as this person and returns its status as shown. */
async function openWork(page: Page): Promise<string> {
	await page.goto(server.url + workUrl);
	return (await page.getByTestId('work-status').textContent())!.trim();
}

/** Takes a step from the work's page (the form of `action`), and waits for the page to say it is done. */
async function step(page: Page, action: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {}) {
	await openWork(page);
	const form = page.getByTestId(`action-${action}`);
	await form.waitFor({ timeout: 10_000 });
	await fill(form);
	await form.getByTestId(`do-${action}`).click();
	await page.getByTestId('form-done').waitFor({ timeout: 30_000 });
}

/** Whether the work is in this person's works cartable, from the inbox as the page lists it. */
async function inInbox(page: Page): Promise<boolean> {
	await page.goto(`${server.url}/excavations`);
	return (await page.locator(`[data-testid=work-row][data-work-id="${workId}"]`).count()) === 1;
}

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	// the embedded database loads the sample city slowly on a busy machine: give it longer than the shared default
	server = process.env.PELAK_TEST_PG || process.env.DATABASE_URL ? await startSmallCity() : await startBuiltServer(600_000, { PELAK_MODE: 'demo', PELAK_SAMPLE_CITY: '2000' });
	spot = await findMoratoriumSpot(server.url);
	clean = await findCleanSpot(server.url, spot.start, spot.end, spot.workId);
	browser = await launchChromium();
}, 900_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('an excavation permit from the drawing to the released deposit', () => {
	it('the applicant draws a trench with the mouse across a moratorium street, beside another work, and sees both problems live', async () => {
		const applicant = await signedIn(browser, server.url, 'water.applicant', '/excavations/new', pageErrors);
		pages.applicant = applicant.page;
		const page = pages.applicant;
		await page.getByTestId('drawing-toolbar').waitFor({ timeout: 60_000 });
		await page.fill('[data-testid=date-start]', spot.start);
		await page.fill('[data-testid=date-end]', spot.end);
		const check = await drawTrench(page, spot.line);
		expect(check.moratoriums.length).toBeGreaterThan(0);
		expect(await page.getByTestId('check-verdict').getAttribute('data-allowed')).toBe('false');
		expect(await page.getByTestId('check-moratoriums').textContent()).toContain(check.moratoriums[0].message.fa);
		const clash = page.locator(`[data-testid=check-clashes] li[data-clash-id="${spot.workId}"]`);
		expect(await clash.count()).toBe(1);
		await shot(page, '1-moratorium-and-clash');
	});

	it('redraws the trench on a street free to dig: the moratorium is gone, the fee is shown, and submits', async () => {
		const page = pages.applicant;
		await page.locator('[data-testid=shape] [data-testid=shape-remove]').click();
		await expect.poll(() => page.getByTestId('shape').count()).toBe(0);
		const check = await drawTrench(page, clean.line);
		expect(await page.getByTestId('shape').count()).toBe(1);
		expect(check.moratoriums).toEqual([]);
		expect(check.fee.total_rial).toBeGreaterThan(0);
		expect(await page.getByTestId('check-verdict').getAttribute('data-allowed')).toBe('true');
		expect(await page.locator('[data-testid=check-moratoriums]').count()).toBe(0);
		expect(toLatinDigits((await page.getByTestId('check-fee-total').textContent())!).replace(/\D/g, '')).toBe(String(check.fee.total_rial));
		await page.getByTestId('purpose').selectOption('repair');
		await page.fill('textarea[name=description]', 'تعویض شیر فلکه — آزمون مرورگر');
		const [response] = await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === '/api/excavations' && r.request().method() === 'POST', { timeout: 30_000 }),
			page.getByTestId('submit-excavation').click()
		]);
		expect(response.status()).toBe(201);
		const created = (await response.json()) as { id: number; url: string; status: string };
		expect(created.status).toBe('planned');
		workId = created.id;
		workUrl = new URL(created.url, server.url).pathname;
		await page.waitForURL((u) => u.pathname === workUrl, { timeout: 30_000 });
		expect((await page.getByTestId('work-status').textContent())!.trim()).toBe(status('planned'));
		await shot(page, '2-filed');
	});

	it('the excavation officer finds it in the works cartable and grants it with a condition', async () => {
		pages.officer = (await signedIn(browser, server.url, 'excavation.officer', '/excavations', pageErrors)).page;
		expect(await inInbox(pages.officer)).toBe(true);
		await step(pages.officer, 'approve', async (form) => {
			await form.locator('textarea[name=conditions]').fill(CONDITION);
		});
		expect(await openWork(pages.officer)).toBe(status('approved'));
		expect(await inInbox(pages.officer)).toBe(false);
		expect(await inInbox(pages.applicant)).toBe(true);
	});

	it('the applicant pays the fee in the sandbox gateway, and the permit is issued', async () => {
		const page = pages.applicant;
		await openWork(page);
		expect(await page.locator('body').textContent()).toContain(CONDITION);
		// the fee in Persian digits grouped by the Persian separator, as on the assessment page («۱۰٬۰۰۰٬۰۰۰ ریال»)
		expect(await page.getByTestId('assessment-link').textContent()).toMatch(/[۰-۹]{1,3}(٬[۰-۹]{3})+ ریال/);
		const amount = (await page.getByTestId('assessment-link').textContent())!.match(/[۰-۹]{1,3}(٬[۰-۹]{3})+ ریال/)![0];

		// on a phone, the due payment is the page's primary button, on the first screen, under the fee's own heading;
		// cancelling is a secondary button below it
		const phone = await (await browser.newContext(PHONE)).newPage();
		phone.on('pageerror', (e) => pageErrors.push(`phone: ${e.message}`));
		await staffSignIn(phone, server.url, 'water.applicant', workUrl);
		const pay = phone.getByTestId('pay-fee');
		expect((await pay.textContent())!.trim()).toBe(`پرداخت ${amount}`);
		expect(await phone.getByTestId('fee-card').locator('h2').textContent()).toBe(t('fa', 'excavation.fee_heading'));
		const payBox = (await pay.boundingBox())!;
		expect(payBox.y + payBox.height).toBeLessThan(PHONE.viewport.height);
		const cancel = phone.getByTestId('do-cancel');
		expect(await cancel.getAttribute('class')).toContain('secondary');
		expect(await pay.getAttribute('class')).not.toContain('secondary');
		expect((await cancel.boundingBox())!.y).toBeGreaterThan(payBox.y);
		await shot(phone, '3-pay-phone');
		await phone.context().close();
		expect(await page.getByTestId('fee-state').textContent()).toBe(t('fa', 'excavation.fee_unpaid'));

		// the bill, read before paying through the fee's link
		await Promise.all([page.waitForURL(/\/assessments\/\d+$/, { timeout: 30_000 }), page.getByTestId('assessment-link').click()]);
		expect(Number(await page.getByTestId('assessment-total').getAttribute('data-rial'))).toBeGreaterThan(0);
		// the surface's rate reads the surface by the book's name for it, in the page's language, not the tariff's code
		const rate = (await page.locator('[data-testid=coefficient][data-table=R_surface]').first().textContent()) ?? '';
		expect(rate).toMatch(/آسفالت|بتن|سنگ‌فرش|خاکی/);
		expect(rate).not.toMatch(/asphalt|concrete|paving|unpaved/);
		// the work page's pay button starts the payment itself: straight to the gateway, no bill page between
		await openWork(page);
		await Promise.all([page.waitForURL(/\/sandbox-gateway\/S[0-9A-F]{32}$/, { timeout: 30_000 }), page.getByTestId('pay-fee').click()]);
		await Promise.all([page.waitForURL(/\/receipts\/\d+$/, { timeout: 30_000 }), page.click('[data-testid=gateway-pay]')]);
		const receipt = new URL(page.url()).pathname;
		expect(await openWork(page)).toBe(status('permitted'));
		await page.getByTestId('permit-pdf').waitFor();
		// paid, on which day, and the receipt; the permit's number and its verification page named as such
		expect(await page.getByTestId('fee-state').textContent()).toMatch(/^پرداخت‌شده در .*[۰-۹]/);
		expect(await page.getByTestId('fee-receipt').getAttribute('href')).toBe(receipt);
		expect(await page.getByTestId('pay-fee').count()).toBe(0);
		expect(await page.getByTestId('permit-verify').textContent()).toBe(t('fa', 'permit.verify'));
		expect(await page.getByTestId('permit-pdf').textContent()).toMatch(/^مجوز حفاری شمارهٔ EX-[۰-۹]+-[۰-۹]+ \(PDF\)$/);
		await shot(page, '3-permitted');
	});

	it('the permit PDF names the works, and the QR code in it opens /verify, which says it is valid', async () => {
		const page = pages.applicant;
		const res = await page.request.get(server.url + (await page.getByTestId('permit-pdf').getAttribute('href'))!);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('application/pdf');
		const pdf = Buffer.from(await res.body());
		const text = readable(pdftotext(pdf));
		expect(text).toContain('مجوز حفاری معابر');
		expect(text).toContain(withoutZwnj(CONDITION)); // the officer's condition is printed among the permit's
		const qr = footerQr(pdf)!;
		expect(qr).toMatch(/\/verify\/[0-9A-Z-]+$/);
		const code = qr.split('/verify/')[1];
		expect(toLatinDigits(text)).toContain(code); // the code is printed too, for those who type it

		const anyone = await (await browser.newContext()).newPage();
		await anyone.goto(server.url + new URL(qr).pathname);
		const result = anyone.getByTestId('verify-result');
		await result.waitFor();
		expect(await result.getAttribute('data-status')).toBe('valid');
		expect((await anyone.getByTestId('verify-kind').textContent())!.trim()).toBe(t('fa', 'issued_kind.excavation_permit'));
		await shot(anyone, '4-verify');
		await anyone.context().close();
	});

	it('the site supervisor starts and completes the works', async () => {
		pages.supervisor = (await signedIn(browser, server.url, 'water.supervisor', '/excavations', pageErrors)).page;
		expect(await inInbox(pages.supervisor)).toBe(true);
		await step(pages.supervisor, 'start');
		expect(await openWork(pages.supervisor)).toBe(status('active'));
		await step(pages.supervisor, 'complete');
		expect(await openWork(pages.supervisor)).toBe(status('completed'));
	});

	it('the inspector fails the reinstatement with a photo and a remedy period', async () => {
		pages.inspector = (await signedIn(browser, server.url, 'excavation.inspector', '/excavations', pageErrors)).page;
		expect(await inInbox(pages.inspector)).toBe(true);
		await step(pages.inspector, 'fail', async (form) => {
			await form.locator('input[name=photos]').setInputFiles(photo('نشست آسفالت.png', 40));
			await form.locator('input[name=remedialDays]').fill('5');
			await form.locator('textarea[name=note]').fill('آسفالت ترمیم نشست کرده است.');
		});
		expect(await openWork(pages.inspector)).toBe(status('remedial'));
		const inspections = pages.inspector.getByTestId('inspections');
		expect(await inspections.textContent()).toContain('آسفالت ترمیم نشست کرده است.');
		const img = inspections.locator('img').first();
		const shown = await pages.inspector.request.get(server.url + (await img.getAttribute('src'))!);
		expect(shown.status()).toBe(200);
		expect(shown.headers()['content-type']).toBe('image/png');
		expect(await inInbox(pages.supervisor)).toBe(true);
		await shot(pages.inspector, '5-failed');
	});

	it('the supervisor remedies it, and the inspector passes it with a photo: the works close and the deposit is released', async () => {
		await step(pages.supervisor, 'remedy');
		expect(await inInbox(pages.inspector)).toBe(true);
		await step(pages.inspector, 'pass', async (form) => {
			await form.locator('input[name=photos]').setInputFiles(photo('ترمیم نهایی.png', 200));
		});
		expect(await openWork(pages.inspector)).toBe(status('closed'));
		await pages.inspector.getByTestId('deposit-released').waitFor();
		expect(await pages.inspector.locator('[data-testid=inspections] li').count()).toBe(2);
		// the history tells the whole story, step by step
		const history = (await pages.inspector.getByTestId('history').textContent())!;
		for (const action of ['filed', 'approve', 'paid', 'start', 'complete', 'fail', 'remedy', 'pass'] as const) expect(history).toContain(t('fa', `excavation_action.${action}`));
		await shot(pages.inspector, '6-closed');
		expect(await inInbox(pages.inspector)).toBe(false);
		expect(pageErrors).toEqual([]);
	});
});

describe('a dig in a protected area, answered by the agency in its own inbox', () => {
	let referredId: number;
	let referredUrl: string;
	let heritage: Page;

	it('the applicant files a trench in the heritage buffer: it is referred to Cultural Heritage', async () => {
		const spotHere = await findHeritageSpot(server.url, spot.start, spot.end);
		const page = pages.applicant;
		await page.goto(`${server.url}/excavations/new`);
		await page.getByTestId('drawing-toolbar').waitFor({ timeout: 60_000 });
		await page.fill('[data-testid=date-start]', spot.start);
		await page.fill('[data-testid=date-end]', spot.end);
		const check = await drawTrench(page, spotHere.line);
		expect(check.referrals.map((r) => r.agency_kind)).toContain('cultural_heritage');
		expect(await page.getByTestId('check-referrals').textContent()).toContain(check.referrals[0].reason.fa);
		const [response] = await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === '/api/excavations' && r.request().method() === 'POST', { timeout: 30_000 }),
			page.getByTestId('submit-excavation').click()
		]);
		expect(response.status()).toBe(201);
		const created = (await response.json()) as { id: number; url: string };
		referredId = created.id;
		referredUrl = new URL(created.url, server.url).pathname;
		await page.waitForURL((u) => u.pathname === referredUrl, { timeout: 30_000 });
		expect(await page.getByTestId('referrals').textContent()).toContain(t('fa', 'excavation.referral_pending'));
		// the officer's answer form says it records the agency's answer received by letter, not the officer's own
		await pages.officer.goto(server.url + referredUrl);
		expect(await pages.officer.locator('[data-testid^=referral-record-]').first().textContent()).toContain('ثبت پاسخ میراث فرهنگی (دریافتی)');
	});

	it('Cultural Heritage’s expert finds it in the works cartable and sees only the referral', async () => {
		heritage = (await signedIn(browser, server.url, 'heritage', '/excavations', pageErrors)).page;
		await heritage.getByTestId('nav-excavations').waitFor();
		const row = heritage.locator(`[data-testid=referral-row][data-work-id="${referredId}"]`);
		await row.waitFor({ timeout: 10_000 });
		await shot(heritage, '7-agency-inbox');
		await Promise.all([heritage.waitForURL((u) => u.pathname === referredUrl), row.getByTestId('referral-open').click()]);
		await heritage.getByTestId('agency-view').waitFor();
		for (const hidden of ['history', 'no-actions', 'assessment-link', 'permit-pdf']) expect(await heritage.getByTestId(hidden).count(), hidden).toBe(0);
		expect(await heritage.locator('[data-testid=referrals] li').count()).toBe(1);
	});

	it('consents with a condition, is sent back to the inbox, and can no longer open the work', async () => {
		const item = heritage.locator('[data-testid=referrals] li').first();
		// an objection needs its reason: reviewing one without it is stopped on the page
		await item.locator('input[value=objected]').check();
		expect(await item.locator('label[for$=-note]').textContent()).toBe(t('fa', 'excavation_referral.reason'));
		await item.locator('[data-testid^=referral-review-]').click();
		expect(await item.locator('[data-testid^=referral-problem-]').textContent()).toBe(t('fa', 'excavation_referral.reason_required'));
		expect(await item.locator('[data-testid^=referral-send-]').count()).toBe(0);
		// consent with a condition: the note by its label, then the answer shown to confirm before it goes
		await item.locator('input[value=consented]').check();
		await item.getByLabel(t('fa', 'excavation_referral.note')).fill('با حضور ناظر میراث فرهنگی');
		await item.locator('[data-testid^=referral-review-]').click();
		const confirm = item.locator('[data-testid^=referral-confirm-box-]');
		expect(await confirm.textContent()).toContain(t('fa', 'excavation_referral.confirm_title', { answer: t('fa', 'excavation_referral.consent') }));
		expect(await confirm.textContent()).toContain('با حضور ناظر میراث فرهنگی');
		expect(await confirm.textContent()).toContain(t('fa', 'excavation_referral.confirm_final_agency'));
		expect(new URL(heritage.url()).pathname).toBe(referredUrl); // nothing sent yet
		await shot(heritage, '7b-agency-confirm');
		await Promise.all([heritage.waitForURL((u) => u.pathname === '/excavations' && u.searchParams.has('replied'), { timeout: 30_000 }), confirm.locator('[data-testid^=referral-send-]').click()]);
		await heritage.getByTestId('referral-replied').waitFor();
		expect(await heritage.locator(`[data-testid=referral-row][data-work-id="${referredId}"]`).count()).toBe(0);
		const again = await heritage.goto(server.url + referredUrl);
		expect(again!.status()).toBe(404);
	});

	it('the officer sees the answer and may now grant the work', async () => {
		await pages.officer.goto(server.url + referredUrl);
		const referrals = (await pages.officer.getByTestId('referrals').textContent())!;
		expect(referrals).toContain(t('fa', 'excavation.referral_consented'));
		expect(referrals).toContain('با حضور ناظر میراث فرهنگی');
		expect(await pages.officer.locator('[data-testid^=referral-consent-]').count()).toBe(0); // answered: no form left
		expect(await pages.officer.getByTestId('action-approve').count()).toBe(1);
		// the history says the agency answered from its own cartable
		expect(await pages.officer.getByTestId('history').textContent()).toContain('پاسخ میراث فرهنگی: موافقت');
		await shot(pages.officer, '8-referral-answered');
		expect(pageErrors).toEqual([]);
	});
});

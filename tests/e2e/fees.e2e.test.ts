/**
 * Fees in a real browser against the built server with the sample city: the admin sees the sample
 * tariff book published, assesses a parcel's building-permit fees (P read from the zone values
 * layer), sees the itemised lines, pays through the sandbox gateway, gets the receipt; replaying
 * the gateway's callback is refused, and /api/bills/check knows the bill as paid. Then a building
 * whose fee is too large for one payment id: the page shows it split into instalment bills (one
 * bill id, a payment id each); the first is paid, the rest are shown outstanding (and the bill
 * check says the assessment is still open), the next is paid, and the assessment is paid only
 * with the last.
 * Screenshots go to tests/output/screenshots/fees-*.png for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import type { ParcelDetail } from '../../src/lib/api/parcel';
import { toLatinDigits } from '../../src/lib/i18n/format';
import { rialsInWords } from '../../src/lib/domain/fees/amount-words';
import { launchChromium, staffSignIn } from './browser';
import { startBuiltServer, type RunningServer } from './server';

const SHOTS = path.resolve(import.meta.dirname, '../output/screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
let parcel: ParcelDetail;
const pageErrors: string[] = [];
const callbacks: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `fees-${name}.png`), fullPage: true });

beforeAll(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	server = await startBuiltServer();
	browser = await launchChromium();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	page.on('request', (r) => {
		if (r.url().includes('/payments/callback')) callbacks.push(r.url());
	});
	for (let id = 1; id < 200 && !parcel; id++) {
		const response = await fetch(`${server.url}/api/parcels/${id}`);
		if (response.ok) {
			const p = (await response.json()) as ParcelDetail;
			if (p.district) parcel = p;
		}
	}
	await staffSignIn(page, server.url, 'admin', '/admin/fees');
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('fees and the sandbox payment, in the browser', () => {
	it('shows the admin the sample tariff book, published', async () => {
		const rows = page.locator('[data-testid=tariff-book]');
		expect(await rows.count()).toBe(1);
		expect(await rows.first().getAttribute('data-status')).toBe('published');
		expect(await rows.first().textContent()).toContain('نمونه');
		await shot('books');
	});

	let assessmentUrl: string;
	let total: number;

	it('the form names the parcel and labels its inputs by their names with units, not code names', async () => {
		await page.goto(`${server.url}/assessments/new?parcel=${parcel.id}`);
		await page.selectOption('select[name=kind]', 'building_permit');
		expect(await page.getByTestId('assess-about').textContent()).toContain('پلاک ثبتی');
		expect(await page.getByTestId('assess-about').textContent()).not.toContain('پلاک پلاک');
		const label = (name: string) => page.locator(`[data-testid=input-label][data-name=${name}]`).evaluate((el) => {
				// the label without its small code-name hint for staff
				const copy = el.cloneNode(true) as HTMLElement;
				copy.querySelector('small')?.remove();
				return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
			});
		expect(await label('floor_area')).toMatch(/^زیربنای ناخالص.*\(م²\)/);
		expect(await label('base_density_pct')).toMatch(/^تراکم پایه.*\(٪\)/);
		for (const name of ['use', 'floor_area', 'net_land_area', 'base_density_pct']) expect(await label(name)).not.toMatch(/[A-Za-z_]/);
		// what the parcel knows is filled in (the officer may change it)
		const net = toLatinDigits(await page.inputValue('input[name="in:net_land_area"]'));
		expect(net).toMatch(/^[0-9٬٫]+$/); // in the page's digits
		expect(Number(net.replace(/٬/g, '').replace('٫', '.'))).toBeGreaterThan(0);
		await shot('form');
	});

	it('assesses a parcel: P comes from the map, every line shows its formula and numbers', async () => {
		await page.goto(`${server.url}/assessments/new?parcel=${parcel.id}`);
		await page.selectOption('select[name=kind]', 'building_permit');
		await page.selectOption('select[name="in:use"]', 'residential');
		await page.fill('input[name="in:floor_area"]', '۱۸۰');
		await page.fill('input[name="in:units"]', '1');
		await page.fill('input[name="in:net_land_area"]', '200');
		await page.fill('input[name="in:base_density_pct"]', '120');
		await Promise.all([page.waitForURL(/\/assessments\/\d+$/, { timeout: 30_000 }), page.click('[data-testid=assess]')]);
		assessmentUrl = page.url();
		expect(await page.locator('[data-testid=sample-book]').count()).toBe(1);
		const line = page.locator('[data-testid=assessment-line][data-item="1-1"]');
		expect(await line.textContent()).toContain('table(K_residential_single, floor_area) * P * floor_area');
		expect(await line.textContent()).toContain('ریال بر مترمربع');
		// in words, with units: the coefficient says what 180 is, the formula by the book's names
		expect(await line.getByTestId('coefficient').textContent()).toMatch(/^ضریب زیربنای مسکونی تک‌واحدی برای ۱۸۰ مترمربع زیربنای ناخالص مشمول = ۰٫۳$/);
		expect(await line.getByTestId('formula-words').textContent()).toBe('ضریب زیربنای مسکونی تک‌واحدی × قیمت منطقه‌ای × زیربنای ناخالص مشمول');
		// the book's formula is there for staff, open
		expect(await line.locator('[data-testid=raw-formula]').getAttribute('open')).not.toBeNull();
		// the book's Persian title and legal basis read in Persian digits, whatever digits the book was typed with
		const basis = (await line.locator('td').nth(1).textContent())!;
		expect(basis).toMatch(/[۰-۹]/);
		expect(basis).not.toMatch(/[0-9]/);
		total = Number(await page.locator('[data-testid=assessment-total]').getAttribute('data-rial'));
		expect(total).toBeGreaterThan(0);
		expect(total % 1000).toBe(0);
		await shot('assessment');
	});

	it('pays through the sandbox gateway, clearly labelled, and lands on the receipt', async () => {
		await Promise.all([page.waitForURL(/\/sandbox-gateway\/S[0-9A-F]{32}$/, { timeout: 30_000 }), page.click('[data-testid=pay]')]);
		expect(await page.locator('[data-testid=sandbox-gateway]').textContent()).toContain('درگاه پرداخت آزمایشی — sandbox');
		await shot('gateway');
		await Promise.all([page.waitForURL(/\/receipts\/\d+$/, { timeout: 30_000 }), page.click('[data-testid=gateway-pay]')]);
		expect(await page.locator('[data-testid=receipt-sandbox]').count()).toBe(1);
		expect(Number(toLatinDigits((await page.locator('[data-testid=receipt-amount]').textContent()) ?? '').replace(/\D/g, ''))).toBe(total);
		// the amount in words, and the receipt registered (numbered) with the payment, before anyone downloads it
		expect(await page.locator('[data-testid=receipt-amount-words]').textContent()).toBe(rialsInWords(total, 'fa'));
		expect(toLatinDigits((await page.locator('[data-testid=receipt-number]').textContent()) ?? '')).toMatch(/^RC-\d{4}-\d{6}$/);
		// item codes in the page's digits, as on the bill
		const codes = await page.locator('[data-testid=receipt-line] td:first-child').allTextContents();
		expect(codes.length).toBeGreaterThan(0);
		for (const code of codes) expect(code.trim()).toMatch(/^[۰-۹]+-[۰-۹]+$/);
		await shot('receipt');
	});

	it('refuses the replayed callback with its reason, and the bill check knows the bill as paid', async () => {
		expect(callbacks).toHaveLength(1);
		const replay = await page.goto(callbacks[0]);
		expect(replay?.status()).toBe(409);
		expect(await page.locator('[data-testid=error-page]').getAttribute('data-code')).toBe('payment_replayed');
		expect(await page.getByTestId('error-status').textContent()).toBe('خطای ۴۰۹: با وضعیت فعلی ناسازگار است');

		await page.goto(assessmentUrl);
		expect(await page.locator('[data-testid=assessment-status]').getAttribute('data-status')).toBe('paid');
		const billId = toLatinDigits((await page.locator('[data-testid=bill-id]').textContent()) ?? '').trim();
		const paymentId = toLatinDigits((await page.locator('[data-testid=payment-id]').textContent()) ?? '').trim();
		const check = await (await fetch(`${server.url}/api/bills/check?bill_id=${billId}&payment_id=${paymentId}`)).json();
		expect(check).toMatchObject({ valid: true, amount_rial: total, service_type: 6, issued_by_pelak: true, assessment_status: 'paid' });
		expect(pageErrors).toEqual([]);
	});
});

describe('a fee too large for one payment id, paid in instalments', () => {
	let url: string;
	let count: number;
	const billIds = async (seq: number) => ({
		bill_id: toLatinDigits((await page.getByTestId(`bill-${seq}-bill-id`).textContent()) ?? '').replace(/\D/g, ''),
		payment_id: toLatinDigits((await page.getByTestId(`bill-${seq}-payment-id`).textContent()) ?? '').replace(/\D/g, '')
	});
	const checkBill = async (seq: number) => {
		const { bill_id, payment_id } = await billIds(seq);
		return (await fetch(`${server.url}/api/bills/check?bill_id=${bill_id}&payment_id=${payment_id}`)).json();
	};
	const paid = () => page.locator('[data-testid^=bill-][data-paid]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paid')));
	async function payBill(seq: number) {
		await Promise.all([page.waitForURL(/\/sandbox-gateway\/S[0-9A-F]{32}$/, { timeout: 30_000 }), page.click(`[data-testid=pay-${seq}]`)]);
		await Promise.all([page.waitForURL(/\/receipts\/\d+$/, { timeout: 30_000 }), page.click('[data-testid=gateway-pay]')]);
		const amount = Number(toLatinDigits((await page.locator('[data-testid=receipt-amount]').textContent()) ?? '').replace(/\D/g, ''));
		await page.goto(url);
		return amount;
	}

	it('is issued as instalment bills under one bill id, each with its own payment id and amount', async () => {
		await page.goto(`${server.url}/assessments/new?parcel=${parcel.id}`);
		await page.selectOption('select[name=kind]', 'building_permit');
		await page.selectOption('select[name="in:use"]', 'residential');
		await page.fill('input[name="in:floor_area"]', '۹۰۰۰۰');
		await page.fill('input[name="in:units"]', '1');
		await page.fill('input[name="in:net_land_area"]', '200');
		await page.fill('input[name="in:base_density_pct"]', '120');
		await Promise.all([page.waitForURL(/\/assessments\/\d+$/, { timeout: 30_000 }), page.click('[data-testid=assess]')]);
		url = page.url();
		expect(await page.getByTestId('bills-split-note').count()).toBe(1);
		count = await page.locator('[data-testid=bills] tbody tr').count();
		expect(count).toBeGreaterThanOrEqual(3);
		const amounts = await page.locator('[data-testid$=-amount][data-rial]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-rial'))));
		expect(amounts).toHaveLength(count);
		expect(amounts.reduce((a, b) => a + b, 0)).toBe(Number(await page.getByTestId('assessment-total').getAttribute('data-rial')));
		expect(amounts.every((a) => a <= 99_999_999_000)).toBe(true);
		const ids = [];
		for (let seq = 1; seq <= count; seq++) ids.push(await billIds(seq));
		expect(new Set(ids.map((b) => b.bill_id)).size).toBe(1);
		expect(new Set(ids.map((b) => b.payment_id)).size).toBe(count);
		for (let seq = 1; seq <= count; seq++) expect(await checkBill(seq)).toMatchObject({ valid: true, amount_rial: amounts[seq - 1], issued_by_pelak: true, assessment_status: 'open', instalment: { seq, of: count } });
		await shot('instalments');
	});

	it('pays the first: the rest are shown outstanding and the assessment stays open; then the next', async () => {
		const first = Number(await page.getByTestId('bill-1-amount').getAttribute('data-rial'));
		expect(await payBill(1)).toBe(first);
		expect(await paid()).toEqual(Array.from({ length: count }, (_, i) => (i === 0 ? 'yes' : 'no')));
		expect(toLatinDigits((await page.getByTestId('bills-remaining').textContent()) ?? '')).toContain(`${count - 1} `);
		expect(await page.getByTestId('assessment-status').getAttribute('data-status')).toBe('open');
		expect(await checkBill(1)).toMatchObject({ assessment_status: 'paid' });
		expect(await checkBill(2)).toMatchObject({ assessment_status: 'open' });
		await shot('instalment-1-paid');

		const second = Number(await page.getByTestId('bill-2-amount').getAttribute('data-rial'));
		expect(await payBill(2)).toBe(second);
		expect(await paid()).toEqual(Array.from({ length: count }, (_, i) => (i < 2 ? 'yes' : 'no')));
		expect(await page.getByTestId('assessment-status').getAttribute('data-status')).toBe('open');
	});

	it('is paid only with the last bill', async () => {
		for (let seq = 3; seq <= count; seq++) {
			await payBill(seq);
			expect(await page.getByTestId('assessment-status').getAttribute('data-status')).toBe(seq === count ? 'paid' : 'open');
		}
		expect(await paid()).toEqual(Array.from({ length: count }, () => 'yes'));
		await shot('instalments-paid');
		expect(pageErrors).toEqual([]);
	});
});

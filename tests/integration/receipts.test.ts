/**
 * Receipts and bills that must open for every payment on record: a receipt is issued (numbered)
 * with its payment, in the payment's transaction, so numbers follow the order payments were made;
 * a bill recorded with its total only (an imported or legacy assessment: no frozen lines or book)
 * opens on the bill page, the receipt page and the receipt PDF, saying so, instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { render } from 'svelte/server';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildFeeWorld, type FeeWorld } from '../factories/fee-world';
import { assessForCase, getAssessmentView } from '../../src/lib/server/fees';
import { completePayment, getReceipt, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { issueMissingReceipts, receiptPdf } from '../../src/lib/server/permits';
import { pdftotext, readable, withoutZwnj } from '../../src/lib/server/pdf/pdf-reading.test-support';
import { rialsInWords } from '../../src/lib/domain/fees/amount-words';
import { toPersianDigits } from '../../src/lib/domain/text';
import { SAMPLE_BILL_COMPANY_CODE } from '../../src/lib/server/config';
import { issueInstalments } from '../../src/lib/domain/bills';
import { FEE_ENGINE_VERSION } from '../../src/lib/domain/fees/assess';
import ReceiptPage from '../../src/routes/receipts/[id=id]/+page.svelte';
import AssessmentPage from '../../src/routes/assessments/[id=id]/+page.svelte';

let database: TestDatabase;
let world: FeeWorld;
let gateway: SandboxGateway;
const env = { origin: 'https://pelak.example.ir', watermark: null };

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildFeeWorld(database.db);
	gateway = new SandboxGateway(database.db, () => world.now);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const bill = (floor_area: number) =>
	assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: { use: 'residential', floor_area, units: 1, net_land_area: 200, base_density_pct: 120 } });

async function payThroughGateway(assessmentId: number) {
	const started = await startPayment(database.db, gateway, world.users.maryam, assessmentId, { callbackUrl: 'https://pelak.example.ir/payments/callback', now: world.now });
	const back = new URL(await gateway.settle(started.authority, true));
	return completePayment(database.db, gateway, back.searchParams, { now: world.now });
}

/**
 * A paid bill recorded the way an import (or the sample history) records it: its total and bill
 * ids, no frozen calculation (`lines = []`, no book), and its payment, with no receipt issued.
 */
async function recordLegacyPaidBill(totalRial: number, paidAt: Date = world.now): Promise<{ assessmentId: number; paymentId: number }> {
	const book = await database.db.selectFrom('tariff_books').select(['id', 'sha256']).where('id', '=', world.bookId).executeTakeFirstOrThrow();
	const { rows: files } = await sql<{ n: number }>`select nextval('fee_file_seq')::int as n`.execute(database.db);
	const [b] = issueInstalments({ file_id: files[0].n, company_code: SAMPLE_BILL_COMPANY_CODE, amount_rial: totalRial, jalali_year: 1404, first_period: 1 });
	const { rows } = await sql<{ id: number }>`
		insert into fee_assessments (case_id, parcel_id, request_kind, book_id, book_sha256, engine_version, inputs, lines, total_rial, status,
		                             file_id, period, bill_id, payment_id, issued_at, issued_by, expires_at, paid_at, closed_at)
		values (${world.caseId}, ${world.parcel6}, 'building_permit', ${book.id}, ${book.sha256}, ${FEE_ENGINE_VERSION}, '{}'::jsonb, '[]'::jsonb, ${totalRial}, 'paid',
		        ${files[0].n}, 1, ${b.bill_id}, ${b.payment_id}, ${world.now}, null, ${new Date(world.now.getTime() + 30 * 86_400_000)}, ${world.now}, ${world.now})
		returning id::int as id`.execute(database.db);
	const assessmentId = rows[0].id;
	await database.db.insertInto('fee_bills').values({ assessment_id: assessmentId, seq: b.seq, period: b.period, bill_id: b.bill_id, payment_id: b.payment_id, amount_rial: b.amount_rial }).execute();
	const { rows: paid } = await sql<{ id: number }>`
		insert into payments (assessment_id, gateway, authority, bill_id, payment_id, amount_rial, status, requested_at, requested_by, verified_at, ref_id)
		values (${assessmentId}, 'sandbox', ${'LEGACY-' + files[0].n}, ${b.bill_id}, ${b.payment_id}, ${b.amount_rial}, 'paid', ${paidAt}, ${world.users.maryam.id}, ${paidAt}, ${'L' + files[0].n})
		returning id::int as id`.execute(database.db);
	return { assessmentId, paymentId: paid[0].id };
}

const receiptNumber = async (paymentId: number) =>
	(
		await database.db
			.selectFrom('payment_receipts as r')
			.innerJoin('issued_documents as d', 'd.id', 'r.issued_document_id')
			.select('d.number')
			.where('r.payment_id', '=', paymentId)
			.executeTakeFirst()
	)?.number ?? null;

describe(`receipts (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('numbers a receipt when the payment is made, not when it is first opened; a download keeps the number', async () => {
		const first = await bill(180);
		const paid = await payThroughGateway(first.id);
		expect(paid.outcome).toBe('paid');
		// issued in the payment's transaction: the number exists before anyone opens the receipt
		const number = await receiptNumber(paid.paymentRowId);
		expect(number).toMatch(/^RC-\d{4}-000001$/);
		expect((await getReceipt(database.db, world.users.maryam, paid.paymentRowId)).number).toBe(number);
		const pdf = await receiptPdf(database.db, world.users.maryam, paid.paymentRowId, { ...env, now: world.now });
		expect(pdf.number).toBe(number);
		expect(await database.db.selectFrom('issued_documents').select('id').where('kind', '=', 'receipt').execute()).toHaveLength(1);
	});

	it('a bill recorded without its calculation opens on the bill page, the receipt page and the receipt PDF, total shown, saying why there are no lines', async () => {
		const total = 350_000_000;
		const { assessmentId, paymentId } = await recordLegacyPaidBill(total);

		const view = await getAssessmentView(database.db, world.users.maryam, assessmentId);
		expect(view).toMatchObject({ itemised: false, lines: [], notCharged: [], rounding: null, totalRial: total, status: 'paid' });
		expect(view.book.title.fa).not.toBe('');
		const receipt = await getReceipt(database.db, world.users.maryam, paymentId);
		expect(receipt.number).toBeNull();

		const page = render(ReceiptPage, { props: { data: { lang: 'fa', receipt }, params: { id: String(paymentId) } } as never }).body;
		expect(page).toContain('بدون محاسبهٔ ردیف‌به‌ردیف');
		expect(page).toContain(rialsInWords(total, 'fa'));
		const en = render(ReceiptPage, { props: { data: { lang: 'en', receipt }, params: { id: String(paymentId) } } as never }).body;
		expect(en).toContain('without a line-by-line calculation');
		expect(en).toContain(rialsInWords(total, 'en'));
		const billPage = render(AssessmentPage, { props: { data: { lang: 'fa', view, cancelled: false }, form: null, params: { id: String(assessmentId) } } as never }).body;
		expect(billPage).toContain('بدون محاسبهٔ ردیف‌به‌ردیف');
		expect(billPage).not.toContain('data-testid="assessment-lines"');

		// an old payment's receipt is numbered on its first download, after the receipts already issued, and keeps it
		const pdf = await receiptPdf(database.db, world.users.maryam, paymentId, { ...env, now: world.now });
		expect(pdf.number).toMatch(/^RC-\d{4}-000002$/);
		const text = readable(pdftotext(pdf.pdf));
		expect(text).toContain(withoutZwnj('بدون محاسبهٔ ردیف‌به‌ردیف'));
		expect(text).toContain('جمع کل عوارض');
		expect(text).toContain(toPersianDigits(total.toLocaleString('en-US')).replace(/,/g, '٬'));
		expect((await receiptPdf(database.db, world.users.maryam, paymentId, { ...env, now: world.now })).number).toBe(pdf.number);
	});

	it('the receipt page links back to the case it paid for and writes the amount in words', async () => {
		const paid = await database.db.selectFrom('payments').select(['id']).where('status', '=', 'paid').orderBy('id').executeTakeFirstOrThrow();
		const receipt = await getReceipt(database.db, world.users.maryam, paid.id);
		const page = render(ReceiptPage, { props: { data: { lang: 'fa', receipt }, params: { id: String(paid.id) } } as never }).body;
		expect(page).toMatch(new RegExp(`<a href="/cases/${world.caseId}"[^>]*data-testid="receipt-case"`));
		expect(page).toContain(rialsInWords(receipt.amountRial, 'fa'));
		expect(page).toContain(toPersianDigits(receipt.number!));
		expect(page).toContain(`href="/receipts/${paid.id}.pdf"`);
	});

	it('issues the receipts an import or the sample history left without one in the order they were paid, each dated its payment when asked', async () => {
		const hour = 3_600_000;
		// recorded out of order: the later payment first
		const later = await recordLegacyPaidBill(20_000_000, new Date(world.now.getTime() + 2 * hour));
		const earlier = await recordLegacyPaidBill(10_000_000, new Date(world.now.getTime() + hour));
		expect(await issueMissingReceipts(database.db, { asOfPayment: true, env })).toBe(2);
		const [a, b] = [await receiptNumber(earlier.paymentId), await receiptNumber(later.paymentId)];
		expect(a).toMatch(/^RC-\d{4}-000003$/);
		expect(b).toMatch(/^RC-\d{4}-000004$/);
		const issuedOn = await database.db
			.selectFrom('payment_receipts as r')
			.innerJoin('issued_documents as d', 'd.id', 'r.issued_document_id')
			.select('d.issued_at')
			.where('r.payment_id', '=', earlier.paymentId)
			.executeTakeFirstOrThrow();
		expect(new Date(issuedOn.issued_at).getTime()).toBe(world.now.getTime() + hour);
		// nothing left to issue; the numbers stay
		expect(await issueMissingReceipts(database.db, { asOfPayment: true, env })).toBe(0);
		expect(await receiptNumber(earlier.paymentId)).toBe(a);
	});
});

import { describe, expect, it } from 'vitest';
import { issueInstalments } from '../../domain/bills';
import { toPersianDigits } from '../../domain/text';
import { formatRials, renderOfficialDocument } from '../pdf';
import { pdftotext, readable, withoutZwnj } from '../pdf/pdf-reading.test-support';
import { parcelFacts, permitContent, type ParcelHeader, type PermitFacts } from './permit-documents';

const HEADER: ParcelHeader = {
	renovationCode: '6-101-2',
	address: null,
	registrationPlate: '1234/56',
	districtName: 'منطقه ۶',
	trackingCode: '051234567897',
	applicantName: 'مریم احمدی'
};

/** A fee of 250 billion rials: three instalments under one bill id (the largest a payment id can carry is 99,999,999,000). */
const INSTALMENTS = issueInstalments({ file_id: 12345678, company_code: 123, amount_rial: 250_000_000_000, jalali_year: 1405, first_period: 0 });

const FACTS: PermitFacts = {
	proposal: {
		floors: [
			{ level: 1, use: 'residential', area_m2: 30_000 },
			{ level: 2, use: 'residential', area_m2: 30_000 }
		],
		footprint: { kind: 'area', area_m2: 30_000 },
		height_m: 7,
		units: [{ area_m2: 85 }],
		parking_spaces: 1,
		pilotis: false
	} as PermitFacts['proposal'],
	checkOk: true,
	override: null,
	zoningStatementNumber: 'ZS-1405-000001',
	ruleBookTitle: null,
	fees: [{ title: 'عوارض صدور پروانه (بند 1-1)', formula: 'P × A', amountRials: 250_000_000_000 }],
	bills: INSTALMENTS.map((b, i) => ({ billId: b.bill_id, paymentId: b.payment_id, amountRials: b.amount_rial, paidOn: `2026-06-0${i + 1}` as const })),
	supervisor: { name: 'مهندس ناظر (نمونه)', licenceNo: '1-23-45678' }
};

async function permitText(facts: PermitFacts): Promise<string> {
	const content = permitContent(HEADER, facts);
	const pdf = await renderOfficialDocument({ kind: 'building_permit', ...content, number: 'BP-1405-000001', issuedOn: '2026-06-05', verification: { origin: 'https://pelak.example.ir', code: 'AAAAA-BBBBB-CCCCC-DDDDD' } });
	// a row longer than its cell wraps: read it as one line
	return readable(pdftotext(pdf)).replace(/\s*\n\s*/g, ' ');
}

describe('the permit PDF lists every bill the fees were paid with', () => {
	it('a split fee: each instalment’s bill id, payment id, amount and paid day, in order', async () => {
		expect(INSTALMENTS).toHaveLength(3);
		const text = await permitText(FACTS);
		expect(text).toContain(withoutZwnj('قبض‌های پرداخت‌شده (اقساط)'));
		let from = 0;
		for (const [i, b] of INSTALMENTS.entries()) {
			const label = text.indexOf(`قسط ${toPersianDigits(String(i + 1))} از ۳`, from);
			expect(label, `instalment ${i + 1}`).toBeGreaterThanOrEqual(from);
			const payment = text.indexOf(`شناسهٔ پرداخت ${toPersianDigits(b.payment_id)}`, label);
			expect(payment, `instalment ${i + 1}'s payment id`).toBeGreaterThan(label);
			expect(text.indexOf(`مبلغ ${formatRials(b.amount_rial)} ریال`, label)).toBeGreaterThan(label);
			from = payment;
		}
		// one bill id for all three (one file), printed on each row
		expect(text.split(`شناسهٔ قبض ${toPersianDigits(INSTALMENTS[0].bill_id)}`)).toHaveLength(4);
		// paid on 1, 2 and 3 June 2026: 11, 12 and 13 Khordad 1405
		for (const day of ['۱۴۰۵/۰۳/۱۱', '۱۴۰۵/۰۳/۱۲', '۱۴۰۵/۰۳/۱۳']) expect(text).toContain(`پرداخت ${day}`);
		expect(text).toContain('مهندس ناظر مهندس ناظر (نمونه) (پروانهٔ اشتغال ۱-۲۳-۴۵۶۷۸)');
	});

	it('one bill: its ids under «قبض»; no engineer yet: the permit says the officer assigns one', async () => {
		const [one] = issueInstalments({ file_id: 12345678, company_code: 123, amount_rial: 152_340_000, jalali_year: 1405, first_period: 0 });
		const text = await permitText({ ...FACTS, bills: [{ billId: one.bill_id, paymentId: one.payment_id, amountRials: one.amount_rial, paidOn: '2026-06-01' }], supervisor: null });
		expect(text).toContain(`شناسهٔ قبض ${toPersianDigits(one.bill_id)}`);
		expect(text).toContain(`شناسهٔ پرداخت ${toPersianDigits(one.payment_id)}`);
		expect(text).not.toContain('اقساط');
		expect(text).toContain('مهندس ناظر هنوز تعیین نشده است');
	});
});

describe('the permit PDF writes the parcel\'s codes in Persian digits, as the pages do', () => {
	it('the renovation code, the registration plate and a fee item typed with Latin digits', async () => {
		const text = await permitText(FACTS);
		expect(text).toContain('کد نوسازی ۶-۱۰۱-۲');
		expect(text).toContain('۱۲۳۴/۵۶');
		expect(text).not.toContain('1234/56');
		expect(text).toContain('(بند ۱-۱)');
	});
});

describe("a document's parcel rows", () => {
	it('print the tracking code grouped as the pages show it, in Persian digits, and name the applicant or the owner', () => {
		const rows = parcelFacts(HEADER);
		expect(rows.find((r) => r.label === 'کد رهگیری پرونده')?.value).toBe('۰۵-۱۲۳۴۵۶۷۸۹-۷');
		expect(rows.find((r) => r.label === 'متقاضی')?.value).toBe('مریم احمدی');
		expect(parcelFacts(HEADER, 'مالک').find((r) => r.label === 'مالک')?.value).toBe('مریم احمدی');
		// a code of the previous system as it was written
		expect(parcelFacts({ ...HEADER, trackingCode: 'PLK-1405-000029' }).find((r) => r.label === 'کد رهگیری پرونده')?.value).toBe('PLK-۱۴۰۵-۰۰۰۰۲۹');
	});
});

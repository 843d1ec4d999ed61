import { beforeAll, describe, expect, it } from 'vitest';
import { toPersianDigits } from '../../domain/text';
import { EXAMPLE_DOCUMENTS, EXAMPLE_ORIGIN } from './official-document.examples';
import type { OfficialDocumentKind, OfficialDocumentSpec } from './official-document';
import { renderOfficialDocument } from './render-official-document';
import { footerQr, pdftotext, raster, readable, withoutZwnj } from './pdf-reading.test-support';

/** Phrases each example must give back, in reading order, from pdftotext. */
const PHRASES: Record<OfficialDocumentKind, string[]> = {
	zoning_statement: [
		'دستور نقشه',
		'شماره: ZS-1405-000217',
		'تاریخ: ۱۴۰۵/۰۳/۱۵',
		'03-0412-017',
		'۱۲۳۴/۵۶ بخش ۵ اصفهان',
		'۲۴۵٫۳ م²',
		'مسکونی با تراکم متوسط (R121)',
		'۱۸۰٪ (۳ طبقه روی پیلوت)',
		'این دستور نقشه تا ۱۴۰۶/۰۳/۱۵ اعتبار دارد و پس از آن باید تمدید شود.',
		// The fatha of «بَر» is drawn but, like every diacritic, left out of the text layer.
		'استقرار بنا در ۶۰٪ طول زمین به‌اضافهٔ ۲ متر، از بر شمالی است.'
	],
	building_permit: [
		'پروانهٔ ساختمان',
		'Building permit',
		'شماره: BP-1405-000123',
		'۵۶/۷۸',
		'اصفهان، خیابان چهارباغ عباسی، کوچهٔ ۱۲، پلاک ۸',
		'مریم احمدی (پروانهٔ اشتغال ۱-۲۳-۴۵۶۷۸)',
		'نحوهٔ محاسبه',
		'۶۱۲ م² × ۲۰٬۰۰۰ × ۱٫۲',
		'۱۲٬۳۴۵٬۰۰۰',
		'۲۸٬۲۰۸٬۰۴۰',
		'هر تغییر در نقشه‌های مصوب بدون اجازهٔ شهرداری تخلف است و به کمیسیون مادهٔ ۱۰۰ ارجاع می‌شود.'
	],
	receipt: [
		'رسید پرداخت عوارض',
		'تاریخ: ۱۴۰۵/۰۳/۱۷',
		'عوارض پروانهٔ ساختمان BP-1405-000123',
		'۲۸٬۲۰۸٬۰۴۰ ریال',
		'۵٪ عوارض زیربنا',
		'این رسید بی‌مهر معتبر است؛ اصالت آن را با کد QR پایین صفحه بررسی کنید.'
	],
	certificate: ['گواهی پایان کار ساختمان', 'BP-1403-000987', '۵۹۸٫۷ م²', 'ساختمان مطابق پروانه و نقشه‌های مصوب ساخته شده'],
	excavation_permit: [
		'مجوز حفاری در معابر',
		'WW-77/1405',
		'خیابان حکیم نظامی، حدفاصل کوچهٔ ۱۴ تا ۱۸',
		'از ۱۴۰۵/۰۳/۲۰ تا ۱۴۰۵/۰۴/۰۵',
		'۸۵٬۰۰۰٬۰۰۰',
		'۹۳٬۵۰۰٬۰۰۰',
		'حفاری فقط از ساعت ۲۲ تا ۶ بامداد مجاز است.'
	]
};

const kinds = Object.keys(EXAMPLE_DOCUMENTS) as OfficialDocumentKind[];
const pdfs = new Map<OfficialDocumentKind, Buffer>();

beforeAll(async () => {
	for (const kind of kinds) pdfs.set(kind, await renderOfficialDocument(EXAMPLE_DOCUMENTS[kind]));
});

describe.each(kinds)('%s example', (kind) => {
	const spec = EXAMPLE_DOCUMENTS[kind];
	const url = `${EXAMPLE_ORIGIN}/verify/${spec.verification.code}`;

	it('is a one-page PDF with the font subset embedded, under 40 KB', () => {
		const pdf = pdfs.get(kind)!;
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.length).toBeLessThan(40_000);
		expect(pdftotext(pdf).split('\f').filter((page) => page.trim())).toHaveLength(1);
	});

	it.each([['plain'], ['-layout']])('reads back in reading order with pdftotext (%s)', (mode) => {
		const text = readable(pdftotext(pdfs.get(kind)!, ...(mode === 'plain' ? [] : [mode])));
		for (const phrase of [...PHRASES[kind], spec.issuer, `کد تصدیق: ${spec.verification.code}`, url]) {
			expect(text).toContain(withoutZwnj(phrase));
		}
	});

	it('carries a QR code that decodes to the verification URL', () => {
		expect(footerQr(pdfs.get(kind)!)).toBe(url);
	});
});

describe('renderOfficialDocument', () => {
	const base = EXAMPLE_DOCUMENTS.building_permit;

	it('wraps a paragraph longer than a line without losing or reordering a word', async () => {
		const sentence =
			'مالک متعهد است پیش از شروع عملیات ساختمانی، تابلوی پروژه به ابعاد ۱۲۰ در ۸۰ سانتی‌متر را با شمارهٔ پروانهٔ BP-1405-000123 و کد نوسازی 03-0412-017 نصب کند، ' +
			'نقشه‌های مصوب را در کارگاه نگه دارد، مصالح را بیش از ۴۸ ساعت در معبر نگذارد و پایان هر مرحله را تا ۱۴۰۵/۰۶/۳۱ به مهندس ناظر (مریم احمدی) گزارش دهد.';
		const pdf = await renderOfficialDocument({ ...base, sections: [{ kind: 'paragraphs', numbered: false, paragraphs: [sentence] }] });
		const lines = readable(pdftotext(pdf)).split('\n').map((l) => l.trim());
		const first = lines.findIndex((l) => l.startsWith('مالک متعهد'));
		const last = lines.findIndex((l) => l.endsWith('گزارش دهد.'));
		expect(last - first).toBeGreaterThanOrEqual(2);
		expect(lines.slice(first, last + 1).join(' ')).toBe(withoutZwnj(sentence));
	});

	it('continues on a new page when the conditions do not fit, with the code and QR on every page', async () => {
		const paragraphs = Array.from({ length: 45 }, (_, i) => `شرط شمارهٔ ${toPersianDigits(i + 1)} این پروانه که باید رعایت شود.`);
		const pdf = await renderOfficialDocument({ ...base, sections: [...base.sections, { kind: 'paragraphs', paragraphs }] });
		const pages = pdftotext(pdf).split('\f').filter((page) => page.trim()).map(readable);
		expect(pages).toHaveLength(2);
		pages.forEach((page, i) => {
			expect(page).toContain(`کد تصدیق: ${base.verification.code}`);
			expect(page).toContain(`صفحهٔ ${toPersianDigits(i + 1)} از ۲`);
			expect(footerQr(pdf, i + 1)).toBe(`${EXAMPLE_ORIGIN}/verify/${base.verification.code}`);
		});
		expect(pages[1]).toContain('شرط شمارهٔ ۴۵ این پروانه که باید رعایت شود.');
	});

	it('prints the sandbox watermark across the page only when asked', async () => {
		const certificate = EXAMPLE_DOCUMENTS.certificate;
		const watermarkGrey = async (spec: OfficialDocumentSpec) => {
			const { data } = raster(await renderOfficialDocument(spec), 50, { x: 120, y: 360, width: 360, height: 180 });
			let grey = 0;
			for (let i = 0; i < data.length; i += 4) if (data[i] > 200 && data[i] < 240 && data[i] === data[i + 2]) grey++;
			return grey;
		};
		expect(certificate.watermark).toBeDefined();
		expect(await watermarkGrey(certificate)).toBeGreaterThan(500);
		expect(await watermarkGrey({ ...certificate, watermark: undefined })).toBe(0);
	});

	it('renders a spec to the same bytes every time, whatever was rendered in between', async () => {
		const alone = pdfs.get('receipt')!;
		await renderOfficialDocument(EXAMPLE_DOCUMENTS.zoning_statement);
		expect((await renderOfficialDocument(EXAMPLE_DOCUMENTS.receipt)).equals(alone)).toBe(true);
	});

	it('refuses a verification origin with a path, or a code that is not URL-safe, before drawing', async () => {
		const withPath = { ...base, verification: { origin: 'https://pelak.example.ir/app', code: 'K7Q2-9XF4' } };
		await expect(renderOfficialDocument(withPath)).rejects.toThrow(/must look like https:\/\/example\.ir/);
		const badCode = { ...base, verification: { origin: EXAMPLE_ORIGIN, code: 'K7Q2/../x' } };
		await expect(renderOfficialDocument(badCode)).rejects.toMatchObject({ code: 'bad_verification_code', status: 400 });
	});

	it('refuses an amount that is not a whole number of rials', async () => {
		const spec: OfficialDocumentSpec = { ...base, sections: [{ kind: 'items', rows: [{ title: 'عوارض', amountRials: 1250.5 }] }] };
		await expect(renderOfficialDocument(spec)).rejects.toMatchObject({ code: 'bad_amount' });
	});
});

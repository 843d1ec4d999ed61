import PDFDocument from 'pdfkit';
import { toPersianDigits } from '../../domain/text';
import { registerFonts, type FontName } from './fonts';
import {
	formatFactValue,
	formatJalaliNumeric,
	formatRials,
	itemsTotal,
	verificationUrl,
	type DocumentSection,
	type OfficialDocumentSpec
} from './official-document';
import { PageFlow } from './page-flow';
import { drawParagraph, layoutParagraph, drawLine, type ParagraphStyle } from './paragraph';
import { drawQrCode, makeQrCode, type QrCode } from './qr';
import { drawTable } from './table';
import { finishTextLayer } from './text-layer';

/** A4 portrait, in points. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 36;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_HEIGHT = 100;
const QR_SIZE = 88;
const GREY = '#555555';
const RULE = '#777777';
const LABEL_FILL = '#eeeeee';
const HEADER_FILL = '#dddddd';
const NUMBER_GUTTER = 20;

const body: ParagraphStyle = { font: 'regular', size: 10 };

function rule(doc: PDFKit.PDFDocument, y: number): void {
	doc.moveTo(MARGIN, y).lineTo(PAGE.width - MARGIN, y).lineWidth(0.7).stroke(RULE);
}

/** Issuer, number and date, title: returns where the content starts. */
function drawHeader(doc: PDFKit.PDFDocument, spec: OfficialDocumentSpec): number {
	const meta = 190;
	drawParagraph(doc, spec.issuer, MARGIN + meta, MARGIN, CONTENT_WIDTH - meta, { font: 'bold', size: 12 });
	const numberHeight = drawParagraph(doc, `شماره: ${spec.number}`, MARGIN, MARGIN, meta, body);
	drawParagraph(doc, `تاریخ: ${formatJalaliNumeric(spec.issuedOn)}`, MARGIN, MARGIN + numberHeight, meta, body);
	let y = MARGIN + 2 * numberHeight + 6;
	y += drawParagraph(doc, spec.title, MARGIN, y, CONTENT_WIDTH, { font: 'bold', size: 17, align: 'center' });
	if (spec.titleEn) {
		const style: ParagraphStyle = { font: 'regular', size: 9, direction: 'ltr', align: 'center', color: GREY };
		y += drawParagraph(doc, spec.titleEn, MARGIN, y, CONTENT_WIDTH, style);
	}
	rule(doc, y + 6);
	return y + 18;
}

function drawWatermark(doc: PDFKit.PDFDocument, text: string): void {
	const width = 700;
	doc.save();
	doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
	drawParagraph(doc, text, (PAGE.width - width) / 2, PAGE.height / 2 - 40, width, {
		font: 'bold',
		size: 32,
		align: 'center',
		color: '#e4e4e4'
	});
	doc.restore();
}

/** Every page: the QR code at the left, the verification code and address beside it, page n of m. */
function drawFooter(doc: PDFKit.PDFDocument, spec: OfficialDocumentSpec, url: string, qr: QrCode, page: number, pages: number): void {
	const top = PAGE.height - MARGIN - FOOTER_HEIGHT + 8;
	rule(doc, top - 4);
	drawQrCode(doc, qr, MARGIN, top, QR_SIZE);
	const left = MARGIN + QR_SIZE + 12;
	const width = PAGE.width - MARGIN - left;
	const small: ParagraphStyle = { font: 'regular', size: 8.5 };
	let y = top + 8;
	y += drawParagraph(doc, `کد تصدیق: ${spec.verification.code}`, left, y, width, { font: 'bold', size: 10 });
	y += drawParagraph(doc, 'برای بررسی اصالت این سند، کد QR را اسکن کنید یا نشانی زیر را باز کنید:', left, y, width, small);
	y += drawParagraph(doc, url, left, y, width, { ...small, direction: 'ltr', align: 'end' });
	const pageLabel = `صفحهٔ ${toPersianDigits(page)} از ${toPersianDigits(pages)}`;
	drawParagraph(doc, pageLabel, left, y, width, { ...small, size: 8, color: GREY });
}

/** «۱-» in a gutter at the right, the text wrapped beside it. */
function drawNumberedParagraph(flow: PageFlow, text: string, n: number): void {
	const label = layoutParagraph(flow.doc, `${toPersianDigits(n)}-`, NUMBER_GUTTER, body);
	flow.ensure(label.lineHeight);
	drawLine(flow.doc, label.lines[0], flow.right - NUMBER_GUTTER, flow.y, body);
	flow.paragraph(text, body, NUMBER_GUTTER);
}

function drawSection(flow: PageFlow, section: DocumentSection): void {
	if (section.heading) {
		flow.ensure(60); // a heading is not left alone at the foot of a page
		flow.paragraph(section.heading, { font: 'bold', size: 11 });
		flow.gap(3);
	}
	if (section.kind === 'facts') {
		const rows = section.rows.map((fact) => ({ cells: [fact.label, formatFactValue(fact.value)] }));
		drawTable(flow, rows, { columns: [{ share: 3, fill: LABEL_FILL }, { share: 7 }], size: 10 });
	} else if (section.kind === 'items') {
		const total = itemsTotal(section.rows);
		const rows = section.rows.map((item, i) => ({
			cells: [toPersianDigits(i + 1), toPersianDigits(item.title), item.formula ?? '', formatRials(item.amountRials)]
		}));
		const totalRow = { cells: ['', section.totalLabel ?? 'جمع کل', '', formatRials(total)], font: 'bold' as FontName, fill: LABEL_FILL };
		drawTable(flow, [...rows, totalRow], {
			columns: [{ share: 0.6, align: 'center' }, { share: 3.6 }, { share: 3.6 }, { share: 2.2 }],
			header: { cells: ['ردیف', 'شرح', 'نحوهٔ محاسبه', 'مبلغ (ریال)'], font: 'bold', fill: HEADER_FILL },
			size: 9.5
		});
	} else {
		section.paragraphs.forEach((text, i) => {
			if (section.numbered === false) flow.paragraph(text, body);
			else drawNumberedParagraph(flow, text, i + 1);
			flow.gap(2);
		});
	}
	flow.gap(12);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	return new Promise((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
}

/**
 * An official document as a PDF: A4, Persian right to left, Vazirmatn embedded (subset), a QR
 * code on every page that opens `<origin>/verify/<code>`. Throws a BadInputError before drawing
 * anything when the verification origin or code, or an amount, is invalid.
 */
export async function renderOfficialDocument(spec: OfficialDocumentSpec): Promise<Buffer> {
	const url = verificationUrl(spec.verification.origin, spec.verification.code);
	for (const section of spec.sections) if (section.kind === 'items') itemsTotal(section.rows);

	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		bufferPages: true,
		lang: 'fa-IR',
		displayTitle: true,
		// No default Helvetica: pdfkit would read its AFM metrics for every document.
		font: null as unknown as string,
		info: { Title: spec.title, Subject: spec.titleEn ?? spec.kind, Creator: 'Pelak', CreationDate: new Date(`${spec.issuedOn}T00:00:00Z`) }
	});
	const done = collect(doc);
	registerFonts(doc);

	const decorate = () => spec.watermark && drawWatermark(doc, spec.watermark);
	decorate();
	const box = { left: MARGIN, width: CONTENT_WIDTH, top: MARGIN, bottom: PAGE.height - MARGIN - FOOTER_HEIGHT };
	const flow = new PageFlow(doc, box, decorate, drawHeader(doc, spec));
	for (const section of spec.sections) drawSection(flow, section);

	const { start, count } = doc.bufferedPageRange();
	const qr = makeQrCode(url);
	for (let i = start; i < start + count; i++) {
		doc.switchToPage(i);
		drawFooter(doc, spec, url, qr, i - start + 1, count);
	}
	finishTextLayer(doc);
	doc.end();
	return done;
}

/**
 * The receipt PDF of a verified payment (receiptSpec → official document with a QR code). The
 * first download registers it as an issued document (kind `receipt`), once per payment; every
 * download after that re-renders the registered content and serves it only if it matches the
 * SHA-256 recorded at issue, like every issued document.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { getReceipt, receiptSpec, systemReceipt, type ReceiptSpec } from '../payments/receipt';
import { issueDocument, renderIssuedPdf, type IssueEnv } from '../issued-documents/issue.service';
import { findIssuedDocument } from '../issued-documents/issued-documents.repository';
import type { DocumentSection } from '../pdf';
import { toPersianDigits } from '../../domain/text';
import { formatTrackingCode } from '../../domain/tracking-code';
import { issuerOf } from './permit-documents';

export function receiptContent(spec: ReceiptSpec, districtName: string | null) {
	const sections: DocumentSection[] = [
		{
			kind: 'facts',
			rows: [
				// the bank's reference, not an official document number (those stay Latin, as typed on /verify)
				{ label: 'شمارهٔ رسید', value: toPersianDigits(spec.receiptNo) },
				...(spec.caseTrackingCode ? [{ label: 'کد رهگیری پرونده', value: toPersianDigits(formatTrackingCode(spec.caseTrackingCode)) }] : []),
				...(spec.excavation ? [{ label: 'شمارهٔ کار حفاری', value: toPersianDigits(spec.excavation.reference) }] : []),
				...(spec.parcel ? [{ label: 'کد نوسازی', value: toPersianDigits(spec.parcel.renovationCode ?? '—') }] : []),
				{ label: 'شناسهٔ قبض', value: toPersianDigits(spec.billId) },
				{ label: 'شناسهٔ پرداخت', value: toPersianDigits(spec.paymentId) },
				{ label: 'مبلغ پرداختی', value: { rials: spec.amountPaidRial } },
				{ label: 'به حروف', value: spec.amountPaidWords.fa },
				...(spec.instalment ? [{ label: 'قسط', value: toPersianDigits(`${spec.instalment.seq} از ${spec.instalment.of}`) }] : []),
				{ label: 'تاریخ پرداخت', value: { date: spec.paidAt.iso.slice(0, 10) } },
				{ label: 'شمارهٔ پیگیری درگاه', value: toPersianDigits(spec.refId) },
				{ label: 'درگاه', value: spec.gateway.fa }
			]
		},
		// a bill recorded with its total only (imported, legacy) prints the total and says why there are no lines
		spec.itemised
			? { kind: 'items', heading: spec.book.title.fa, rows: spec.lines.map((l) => ({ title: `${toPersianDigits(l.itemCode)} — ${l.title.fa}${l.detail ? ` (${l.detail.fa})` : ''}`, formula: l.words.fa, amountRials: l.amountRial })), totalLabel: 'جمع' }
			: { kind: 'facts', rows: [{ label: 'جمع کل عوارض', value: { rials: spec.totalRial } }] },
		{
			kind: 'paragraphs',
			numbered: false,
			paragraphs: [
				...(spec.itemised ? [] : ['این صورت‌حساب بدون محاسبهٔ ردیف‌به‌ردیف ثبت شده است (مثلاً از سامانهٔ پیشین آمده)؛ تنها مبلغ کل آن در سامانه است.']),
				'اصالت این رسید را با کد QR پایین صفحه بررسی کنید.',
				...(spec.sandbox ? ['این پرداخت در درگاه آزمایشی (sandbox) انجام شده و پولی جابه‌جا نشده است.'] : []),
				...(spec.sample ? ['عوارض با کتاب تعرفهٔ نمونه (نمونه — sample) محاسبه شده است.'] : [])
			]
		}
	];
	return { issuer: issuerOf(districtName), title: spec.title.fa, titleEn: spec.title.en, sections };
}


/**
 * Issues the receipt of a verified payment (once: a payment that has one keeps it and its number)
 * and returns the issued document's id. The payment's callback calls it in the payment's own
 * transaction, so receipts are numbered in the order payments are made; a payment recorded
 * without one (imported, or whose receipt could not be issued then) gets it on first download.
 */
export async function issueReceipt(trx: Transaction<DB>, paymentId: number, env: IssueEnv = {}): Promise<number> {
	await trx.selectFrom('payments').select('id').where('id', '=', paymentId).forUpdate().executeTakeFirst();
	const existing = await trx.selectFrom('payment_receipts').select('issued_document_id').where('payment_id', '=', paymentId).executeTakeFirst();
	if (existing) return existing.issued_document_id;
	const receipt = await systemReceipt(trx, paymentId, { now: env.now });
	const spec = receiptSpec(receipt);
	// an excavation work's receipt has no parcel: the municipality issues it, no district named
	const district = spec.parcel
		? await trx
				.selectFrom('parcels as p')
				.leftJoin('districts as d', 'd.id', 'p.district_id')
				.select('d.name_fa')
				.where('p.id', '=', spec.parcel.id)
				.executeTakeFirst()
		: undefined;
	const watermark = spec.watermark ? `${spec.watermark.fa}` : null;
	const doc = await issueDocument(
		trx,
		{ kind: 'receipt', caseId: receipt.assessment.case?.id ?? null, parcelId: spec.parcel?.id ?? null, issuedBy: null, content: receiptContent(spec, district?.name_fa ?? null) },
		{ ...env, ...(env.watermark === undefined && watermark ? { watermark } : {}) }
	);
	await trx.insertInto('payment_receipts').values({ payment_id: paymentId, issued_document_id: doc.id }).execute();
	return doc.id;
}

/** The receipt PDF for those who may see the assessment it paid (others: the same 404 as for none). */
export async function receiptPdf(db: Kysely<DB>, user: SessionUser, paymentId: number, env: IssueEnv = {}): Promise<{ number: string; pdf: Buffer }> {
	await getReceipt(db, user, paymentId);
	const docId = await db.transaction().execute((trx) => issueReceipt(trx, paymentId, env));
	const doc = (await findIssuedDocument(db, docId))!;
	return { number: doc.number, pdf: await renderIssuedPdf(db, doc) };
}

/**
 * Issues the receipt of every verified payment that has none (payments recorded by an import or
 * the sample history), in the order they were paid, so their numbers follow that order rather
 * than the order someone first opens them. `asOfPayment` dates each receipt (and numbers it in the
 * year) of its payment, for a history that stands for receipts issued at the time; an import of
 * real past payments leaves it off, so the registry says truthfully when each receipt was issued.
 * Returns how many were issued.
 */
export async function issueMissingReceipts(db: Kysely<DB>, { asOfPayment = false, env = {} }: { asOfPayment?: boolean; env?: IssueEnv } = {}): Promise<number> {
	const missing = await db
		.selectFrom('payments as p')
		.leftJoin('payment_receipts as r', 'r.payment_id', 'p.id')
		.select(['p.id', 'p.verified_at'])
		.where('p.status', '=', 'paid')
		.where('r.payment_id', 'is', null)
		.orderBy('p.verified_at')
		.orderBy('p.id')
		.execute();
	for (const payment of missing) {
		await db.transaction().execute((trx) => issueReceipt(trx, payment.id, asOfPayment ? { ...env, now: new Date(payment.verified_at!) } : env));
	}
	return missing.length;
}

import { lineInWords } from '../../domain/fees/formula-words';
import { lineBasisDetail } from '../../domain/fees/line-basis';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import type { Bilingual } from '../errors';
import { assessmentViewOf, FeeError, getAssessmentView, type AssessmentView } from '../fees';
import { findAssessment } from '../fees/assessment.repository';
import { jalaliIso } from '../../domain/jalali';
import { rialsInWords } from '../../domain/fees/amount-words';
import { findPayment, type Executor, type PaymentRow } from './payment.repository';
import { PaymentError } from './errors';
import { SANDBOX_LABEL } from './sandbox-gateway';

/** A verified payment with the assessment it paid, for those who may see the assessment. */
export interface Receipt {
	paymentRowId: number;
	gateway: string;
	sandbox: boolean;
	authority: string;
	refId: string;
	amountRial: number;
	verifiedAt: string;
	/** The bill this payment paid: the only one, or one instalment of a split fee. */
	billId: string;
	paymentId: string;
	assessment: AssessmentView;
	/** The registered receipt's number (RC-1405-000123), once issued: with the payment, or on first download for one recorded without it. */
	number: string | null;
}

export async function getReceipt(db: Kysely<DB>, user: SessionUser, paymentRowId: number): Promise<Receipt> {
	const payment = Number.isSafeInteger(paymentRowId) && paymentRowId > 0 ? await findPayment(db, paymentRowId) : undefined;
	if (!payment || payment.status !== 'paid') throw new PaymentError('receipt_not_found');
	let assessment: AssessmentView;
	try {
		assessment = await getAssessmentView(db, user, payment.assessment_id);
	} catch (err) {
		if (err instanceof FeeError && err.code === 'assessment_not_found') throw new PaymentError('receipt_not_found', { cause: err });
		throw err;
	}
	const issued = await db
		.selectFrom('payment_receipts as r')
		.innerJoin('issued_documents as d', 'd.id', 'r.issued_document_id')
		.select('d.number')
		.where('r.payment_id', '=', payment.id)
		.executeTakeFirst();
	return receiptOf(payment, assessment, issued?.number ?? null);
}

/**
 * The receipt of a verified payment as the system issues it (in the payment's own transaction, or
 * later for a payment recorded without one): no reader's permission is asked.
 */
export async function systemReceipt(db: Executor, paymentRowId: number, { now = new Date() } = {}): Promise<Receipt> {
	const payment = await findPayment(db, paymentRowId);
	if (!payment || payment.status !== 'paid') throw new PaymentError('receipt_not_found');
	const row = await findAssessment(db, payment.assessment_id);
	if (!row) throw new PaymentError('receipt_not_found');
	return receiptOf(payment, await assessmentViewOf(db, row, 'staff', { now }), null);
}

function receiptOf(payment: PaymentRow, assessment: AssessmentView, number: string | null): Receipt {
	return {
		paymentRowId: payment.id,
		gateway: payment.gateway,
		sandbox: payment.gateway === 'sandbox',
		authority: payment.authority,
		refId: payment.ref_id ?? '',
		amountRial: payment.amount_rial,
		verifiedAt: new Date(payment.verified_at!).toISOString(),
		billId: payment.bill_id,
		paymentId: payment.payment_id,
		assessment,
		number
	};
}

/**
 * What a receipt PDF prints, as data (the PDF renderer lays it out): every text in both
 * languages, amounts in whole rials, dates as ISO and as Jalali `YYYY-MM-DD` (Tehran's day).
 * `sandbox` and `sample` must be printed as watermarks: such a receipt is not a real payment.
 */
export interface ReceiptSpec {
	kind: 'fee_receipt';
	title: Bilingual;
	/** Paid through the sandbox gateway: no money moved. */
	sandbox: boolean;
	watermark: Bilingual | null;
	/** Assessed with a SAMPLE tariff book. */
	sample: boolean;
	receiptNo: string;
	assessmentId: number;
	caseTrackingCode: string | null;
	/** false for a bill recorded with its total only: `lines` is empty and the receipt says so. */
	itemised: boolean;
	parcel: { id: number; renovationCode: string | null; address: string | null } | null;
	excavation: { id: number; reference: string } | null;
	book: { title: Bilingual; jalaliYear: number; sha256: string };
	/** `words`: the calculation as a citizen reads it (formula in words and the coefficients read); `formula`: the book's own. */
	/** `detail`: the part of the work a line was assessed on (an excavation's kind of ground), when one item is charged on several. */
	lines: { itemCode: string; title: Bilingual; detail: Bilingual | null; formula: string; words: Bilingual; amountRial: number }[];
	notCharged: { itemCode: string; title: Bilingual; reason: 'annulled' | 'not_applicable' }[];
	/** The assessment's total (the sum of the lines). */
	totalRial: number;
	/** What this payment paid: the total, or one instalment's amount. */
	amountPaidRial: number;
	/** The amount paid in words, as a receipt writes it under the figure. */
	amountPaidWords: Bilingual;
	/** Which bill of a split fee this payment paid; null when the fee had one bill. */
	instalment: { seq: number; of: number } | null;
	billId: string;
	paymentId: string;
	/** 26 digits, for a barcode. */
	barcode: string;
	paidAt: { iso: string; jalali: string };
	refId: string;
	gateway: Bilingual;
}

const tehranDay = (iso: string) => new Date(new Date(iso).getTime() + 3.5 * 3600_000).toISOString().slice(0, 10);

/** The receipt PDF's content; the lead connects it to $lib/server/pdf. */
export function receiptSpec(receipt: Receipt): ReceiptSpec {
	const a = receipt.assessment;
	const bill = a.bills.find((b) => b.billId === receipt.billId && b.paymentId === receipt.paymentId);
	if (!bill) throw new PaymentError('receipt_not_found');
	const gateway = receipt.sandbox ? SANDBOX_LABEL : { fa: receipt.gateway, en: receipt.gateway };
	const marks = [receipt.sandbox ? SANDBOX_LABEL : null, a.book.sample ? { fa: 'نمونه — sample', en: 'Sample — نمونه' } : null].filter((m) => m !== null);
	return {
		kind: 'fee_receipt',
		title: { fa: 'رسید پرداخت عوارض', en: 'Fee payment receipt' },
		sandbox: receipt.sandbox,
		watermark: marks.length ? { fa: marks.map((m) => m.fa).join(' · '), en: marks.map((m) => m.en).join(' · ') } : null,
		sample: a.book.sample,
		receiptNo: `${bill.billId}-${receipt.refId}`,
		assessmentId: a.id,
		caseTrackingCode: a.case?.trackingCode ?? null,
		itemised: a.itemised,
		parcel: a.parcel,
		excavation: a.excavation,
		book: { title: a.book.title, jalaliYear: a.book.jalaliYear, sha256: a.book.sha256 },
		lines: a.lines.map((l) => ({ itemCode: l.item_code, title: l.title, detail: lineBasisDetail(l, a.valueLabels), formula: l.formula, words: lineInWords(l, a.valueLabels, a.tableDimensions), amountRial: l.rounded_rial })),
		notCharged: a.notCharged.map((n) => ({ itemCode: n.item_code, title: n.title, reason: n.reason })),
		totalRial: a.totalRial,
		amountPaidRial: receipt.amountRial,
		amountPaidWords: { fa: rialsInWords(receipt.amountRial, 'fa'), en: rialsInWords(receipt.amountRial, 'en') },
		instalment: a.bills.length > 1 ? { seq: bill.seq, of: a.bills.length } : null,
		billId: bill.billId,
		paymentId: bill.paymentId,
		barcode: bill.barcode,
		paidAt: { iso: receipt.verifiedAt, jalali: jalaliIso(tehranDay(receipt.verifiedAt)) },
		refId: receipt.refId,
		gateway
	};
}

import type { Kysely } from 'kysely';
import type { DB, FeeAssessmentStatus } from '../db/schema';
import type { SessionUser } from '../auth/types';
import type { Bilingual } from '../errors';
import type { Assessment, AssessmentLine, NotCharged, RoundingRule } from '../../domain/fees';
import { barcodeFor, billLastDayOf } from '../../domain/bills';
import type { Executor } from './book.repository';
import { assessmentContext, billsOf, bookTableDimensions, bookValueLabels, findAssessment, type AssessmentRow } from './assessment.repository';
import { assessmentSide, type AssessmentSide } from './access';
import { FeeError } from './errors';

/** One bill of an assessment: the only one, or one instalment of a fee too large for one payment id. */
export interface BillView {
	/** 1-based instalment number */
	seq: number;
	billId: string;
	paymentId: string;
	barcode: string;
	amountRial: number;
	/** Its verified payment: the receipt is at /receipts/<paymentRowId>. */
	paid: { paymentRowId: number; refId: string; gateway: string; verifiedAt: string } | null;
	/** The assessment is open and this bill has not been paid yet. */
	canPay: boolean;
}

/** An assessment as its page shows it: the frozen lines, the bills, and whether it can be paid now. */
export interface AssessmentView {
	id: number;
	/** 'expired' once an open bill is past its last day, even before anyone tried to pay it. */
	status: FeeAssessmentStatus;
	side: AssessmentSide;
	requestKind: string;
	case: { id: number; trackingCode: string | null; title: Bilingual } | null;
	/** null for an excavation work's fee, which has `excavation` instead */
	parcel: { id: number; renovationCode: string | null; address: string | null } | null;
	excavation: { id: number; reference: string } | null;
	book: { id: number; title: Bilingual; jalaliYear: number; sample: boolean; sha256: string };
	/**
	 * false for a bill recorded with its total only (an imported or legacy assessment with no frozen
	 * calculation): `lines` and `notCharged` are empty and `rounding` null, and the pages say so.
	 */
	itemised: boolean;
	engineVersion: number;
	inputs: Record<string, unknown>;
	inputSources: Record<string, unknown>;
	/** The book's labels of text inputs' values, e.g. use = residential → «مسکونی». */
	valueLabels: Record<string, Record<string, Bilingual>>;
	/** The variables each lookup table is keyed by, so a coefficient's keys read as their labels («آسفالت», not asphalt). */
	tableDimensions: Record<string, string[]>;
	lines: AssessmentLine[];
	notCharged: NotCharged[];
	rounding: RoundingRule | null;
	totalRial: number;
	/** The first (often the only) bill. */
	bill: { billId: string; paymentId: string; barcode: string } | null;
	/** Every bill in order; more than one when the total does not fit one payment id. */
	bills: BillView[];
	issuedAt: string;
	expiresAt: string;
	/** The last day (in Iran) the bill may be paid: the one payment deadline, the same day a case at its payment step is due. */
	payableUntil: string;
	paidAt: string | null;
	/** The verified payment of the first bill, when paid: the receipt is at /receipts/<paymentRowId>. */
	paid: { paymentRowId: number; refId: string; gateway: string; verifiedAt: string } | null;
	/** Some bill can be paid now. */
	canPay: boolean;
}

export function effectiveStatus(row: Pick<AssessmentRow, 'status' | 'expires_at'>, now: Date): FeeAssessmentStatus {
	return row.status === 'open' && new Date(row.expires_at).getTime() < now.getTime() ? 'expired' : row.status;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The engine's frozen calculation stored with an assessment, or null when there is none: an
 * imported or legacy bill may carry only its total (`lines` is `[]` or `{}`), and must still open.
 */
export function frozenCalculation(stored: unknown): Assessment | null {
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
	const { lines, book } = stored as { lines?: unknown; book?: unknown };
	// the engine always freezes the book it read with the lines (none may be charged: lines [] with a book is itemised)
	if (!Array.isArray(lines) || typeof book !== 'object' || book === null) return null;
	return stored as Assessment;
}

/** The book's own title from its document; a bill whose book has none names it by nothing rather than crash. */
function bookTitle(title: { fa?: string; en?: string } | null): Bilingual {
	const fa = title?.fa ?? '';
	return { fa, en: title?.en || fa };
}

/** The assessment, if this user may see it; 404 otherwise (like an id that does not exist). */
export async function getAssessmentView(db: Kysely<DB>, user: SessionUser, id: number, { now = new Date() } = {}): Promise<AssessmentView> {
	if (!Number.isSafeInteger(id) || id <= 0) throw new FeeError('assessment_not_found');
	const row = await findAssessment(db, id);
	if (!row) throw new FeeError('assessment_not_found');
	return assessmentViewOf(db, row, await assessmentSide(db, user, row), { now });
}

/** The view of an assessment row for a reader already known to be on `side` (or the system, issuing its receipt). */
export async function assessmentViewOf(db: Executor, row: AssessmentRow, side: AssessmentSide, { now = new Date() } = {}): Promise<AssessmentView> {
	const [context, billRows, valueLabels, tableDimensions] = await Promise.all([
		assessmentContext(db, row),
		billsOf(db, row.id),
		bookValueLabels(db, row.book_id),
		bookTableDimensions(db, row.book_id)
	]);
	const frozen = frozenCalculation(row.lines);
	const status = effectiveStatus(row, now);
	const bills: BillView[] = billRows.map((b) => ({
		seq: b.seq,
		billId: b.bill_id,
		paymentId: b.payment_id,
		barcode: barcodeFor(b.bill_id, b.payment_id),
		amountRial: b.amount_rial,
		paid: b.paid_payment_id === null ? null : { paymentRowId: b.paid_payment_id, refId: b.ref_id ?? '', gateway: b.gateway ?? '', verifiedAt: iso(b.verified_at!) },
		canPay: status === 'open' && b.paid_payment_id === null
	}));
	return {
		id: row.id,
		status,
		side,
		requestKind: row.request_kind,
		case:
			row.case_id === null
				? null
				: {
						id: row.case_id,
						trackingCode: context.tracking_code,
						title: { fa: context.case_title_fa ?? '', en: context.case_title_en ?? context.case_title_fa ?? '' }
					},
		parcel: row.parcel_id === null ? null : { id: row.parcel_id, renovationCode: context.renovation_code, address: context.address },
		excavation: row.excavation_work_id === null ? null : { id: row.excavation_work_id, reference: context.excavation_reference ?? String(row.excavation_work_id) },
		book: {
			id: row.book_id,
			title: frozen?.book?.title ?? bookTitle(context.book_title),
			jalaliYear: frozen?.book?.jalali_year ?? context.book_year,
			sample: context.is_sample,
			sha256: row.book_sha256
		},
		itemised: frozen !== null,
		engineVersion: row.engine_version,
		inputs: row.inputs,
		inputSources: row.input_sources,
		valueLabels,
		tableDimensions,
		lines: frozen?.lines ?? [],
		notCharged: frozen?.not_charged ?? [],
		rounding: frozen?.rounding ?? null,
		totalRial: row.total_rial,
		bill: row.bill_id && row.payment_id ? { billId: row.bill_id, paymentId: row.payment_id, barcode: barcodeFor(row.bill_id, row.payment_id) } : null,
		issuedAt: iso(row.issued_at),
		expiresAt: iso(row.expires_at),
		payableUntil: billLastDayOf(row.expires_at),
		paidAt: row.paid_at ? iso(row.paid_at) : null,
		bills,
		paid: bills[0]?.paid ?? null,
		canPay: bills.some((b) => b.canPay)
	};
}

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { loadConfig } from '../config';
import { assess, preparedBook, TariffError, type Assessment, type TariffBook } from '../../domain/fees';
import type { InputValue } from '../../domain/formula';
import { BillIdError, billExpiresAt, billLastDay, issueInstalments, type Instalment, type IssuedBill } from '../../domain/bills';
import { toJalali } from '../../domain/jalali';
import { bookInForce } from './book.service';
import {
	cancelOpenOfFile,
	findAssessment,
	insertAssessment,
	latestOfFile,
	lockFileOwner,
	nextFileId,
	openOfFilePartlyPaid,
	type AssessmentRow
} from './assessment.repository';
import type { Executor } from './book.repository';
import { zoneValueAtParcel } from './zone-value.repository';
import { FeeError } from './errors';
import { alignPaymentDeadline, recordOnCase } from './case-billing';

/**
 * Assessing a request's fees: the book in force and every input are frozen with the itemised
 * lines and the total, and a bill (bill id + payment id, service type 6) is issued for it; a
 * total too large for one payment id gets several bills (instalments: the same bill id, one period
 * each). A re-assessment of the same file (case and request kind) keeps the file id, counts the
 * period on from the file's last bill and cancels the open bill it replaces, in one transaction.
 */

/** How long a bill may be paid; after that it is re-assessed under the tariff then in force (domain/bills/validity). */
export { BILL_VALID_DAYS } from '../../domain/bills';

/** The Jalali year on the calendar in Iran (UTC+03:30, no daylight saving since 1401) at `now`. */
export function jalaliYearAt(now: Date): number {
	const tehran = new Date(now.getTime() + 3.5 * 3600_000).toISOString().slice(0, 10);
	return toJalali(tehran).year;
}

export interface AssessRequest {
	parcel_id: number;
	case_id?: number | null;
	/** e.g. 'building_permit', 'excavation': which of the book's items apply. */
	request_kind: string;
	inputs: Readonly<Record<string, InputValue>>;
	/** Who assessed (an officer), or null for the system / the citizen's own calculation. */
	issued_by?: number | null;
	/** The role they assessed in, for the case's history (a bill issued by hand is recorded there). */
	issued_by_role?: string;
	now?: Date;
	/** The bank's company code; PELAK_BILL_COMPANY_CODE by default. */
	company_code?: number;
}

export interface StoredAssessment {
	id: number;
	row: AssessmentRow;
	assessment: Assessment;
	/** The first (often the only) bill; null when nothing is due. */
	bill: IssuedBill | null;
	/** Every bill, in order: one, or the instalments of a fee too large for one payment id. */
	bills: Instalment[];
}

/** Whether any item charged on this kind of request reads the input (its formula, condition or a discount). */
function readsInput(book: TariffBook, requestKind: string, name: string): boolean {
	return preparedBook(book).items.some(
		(entry) =>
			entry.item.applies_to.includes(requestKind) &&
			!entry.item.annulled &&
			[entry.formula, entry.condition, ...entry.discounts.map((d) => d.condition)].some((f) => f?.variables.includes(name))
	);
}

function checkInputs(inputs: unknown): Record<string, InputValue> {
	const ok =
		inputs !== null &&
		typeof inputs === 'object' &&
		!Array.isArray(inputs) &&
		Object.values(inputs).every((v) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean');
	if (!ok) {
		const detail = { fa: 'ورودی‌ها باید عدد، متن یا درست/نادرست باشند.', en: 'Inputs must be numbers, text or true/false.' };
		throw new FeeError('assessment_inputs_invalid', { detail });
	}
	return { ...(inputs as Record<string, InputValue>) };
}

/** The bills of a total (none when nothing is due): one, or as many instalments as it needs. */
export function issueFeeBills(total: number, fileId: number, firstPeriod: number, year: number, companyCode: number): Instalment[] {
	if (total === 0) return [];
	try {
		return issueInstalments({ file_id: fileId, company_code: companyCode, amount_rial: total, jalali_year: year, first_period: firstPeriod });
	} catch (err) {
		if (err instanceof BillIdError) throw new FeeError('bill_not_issuable', { detail: err.messages, cause: err });
		throw err;
	}
}

/** Locks the case (or, without one, the parcel) the file belongs to, so re-assessments queue; checks they exist and agree. */
async function lockFile(trx: Executor, key: { case_id: number | null; parcel_id: number }): Promise<void> {
	if (key.case_id !== null) {
		const kase = await lockFileOwner(trx, key);
		if (!kase) throw new FeeError('case_not_found');
		if (kase.parcel_id !== key.parcel_id) throw new FeeError('case_parcel_mismatch');
	} else if (!(await lockFileOwner(trx, key))) {
		throw new FeeError('parcel_not_found');
	}
}

/** Assesses the fees of a request on a parcel (with or without a case) and issues its bill. */
export async function assessForParcel(db: Kysely<DB>, request: AssessRequest): Promise<StoredAssessment> {
	return db.transaction().execute((trx) => assessInTransaction(trx, request));
}

/** {@link assessForParcel} inside the caller's transaction (a workflow step that assesses as it moves). */
export async function assessInTransaction(trx: Transaction<DB>, request: AssessRequest): Promise<StoredAssessment> {
	const now = request.now ?? new Date();
	const caseId = request.case_id ?? null;
	const inputs = checkInputs(request.inputs);
	const year = jalaliYearAt(now);
	const inForce = await bookInForce(trx, year);
	const sources: Record<string, unknown> = {};

	{
		const key = { case_id: caseId, parcel_id: request.parcel_id, request_kind: request.request_kind };
		await lockFile(trx, key);
		if (inputs.P === undefined && typeof inputs.use === 'string' && readsInput(inForce.book, request.request_kind, 'P')) {
			// P of the book's year: the council set the book's coefficients against that year's zone values.
			const zone = await zoneValueAtParcel(trx, request.parcel_id, inputs.use, inForce.jalali_year);
			if (!zone) throw new FeeError('zone_value_not_found');
			inputs.P = zone.p_rial_per_m2;
			sources.P = { zone_value_id: zone.zone_value_id, share: Math.round(zone.share * 1000) / 1000, jalali_year: zone.jalali_year, source_ref: zone.source_ref };
		}

		let assessment: Assessment;
		try {
			assessment = assess(inForce.book, inputs, { request_kind: request.request_kind });
		} catch (err) {
			if (err instanceof TariffError) throw new FeeError('assessment_inputs_invalid', { problems: err.problems, cause: err });
			throw err;
		}

		const previous = await latestOfFile(trx, key);
		const fileId = previous?.file_id ?? (await nextFileId(trx));
		const period = previous ? previous.period + 1 : 0;
		if (period > 99) throw new FeeError('too_many_reassessments');
		if (previous) {
			// money already paid on a bill of the open assessment would be lost with it
			if (await openOfFilePartlyPaid(trx, fileId)) throw new FeeError('assessment_partly_paid');
			await cancelOpenOfFile(trx, fileId, now);
		}
		const bills = issueFeeBills(assessment.total_rial, fileId, period, year, request.company_code ?? loadConfig().billCompanyCode);
		const bill = bills[0] ?? null;

		const id = await insertAssessment(trx, {
			case_id: caseId,
			parcel_id: request.parcel_id,
			request_kind: request.request_kind,
			book_id: inForce.id,
			book_sha256: inForce.sha256,
			engine_version: assessment.engine_version,
			inputs,
			input_sources: sources,
			lines: assessment,
			total_rial: assessment.total_rial,
			status: bill ? 'open' : 'nothing_due',
			file_id: fileId,
			period,
			bill_id: bill?.bill_id ?? null,
			payment_id: bill?.payment_id ?? null,
			issued_at: now,
			issued_by: request.issued_by ?? null,
			expires_at: billExpiresAt(billLastDay(now))
		}, bills.map(({ seq, period, bill_id, payment_id, amount_rial }) => ({ seq, period, bill_id, payment_id, amount_rial })));
		// a bill staff issue by hand goes into the case's history (the fee step's own is its transition)
		if (caseId !== null && bill && request.issued_by != null) {
			await recordOnCase(trx, id, 'fee_billed', now, { userId: request.issued_by, role: request.issued_by_role ?? 'staff' });
		}
		// a bill re-issued while the case waits at its payment step: the case is due when the new bill is
		if (caseId !== null && bill) await alignPaymentDeadline(trx, caseId);
		const row = (await findAssessment(trx, id))!;
		return { id, row, assessment, bill: bill && { bill_id: bill.bill_id, payment_id: bill.payment_id, barcode: bill.barcode, amount_rial: bill.amount_rial }, bills };
	}
}

/** Assesses the fees of a case's request on the case's parcel. */
export async function assessForCase(
	db: Kysely<DB>,
	request: Omit<AssessRequest, 'parcel_id' | 'case_id'> & { case_id: number }
): Promise<StoredAssessment> {
	const kase = await db.selectFrom('cases').select('parcel_id').where('id', '=', request.case_id).executeTakeFirst();
	if (!kase) throw new FeeError('case_not_found');
	return assessForParcel(db, { ...request, parcel_id: kase.parcel_id });
}

/**
 * A work's fee, assessed when the officer approves it: the ground it breaks (the fee bases the
 * check measured when it was filed) under the tariff book in force, through the same engine, the
 * same frozen assessments and the same bills (bill id + payment id) as building permits. The
 * reinstatement deposit is the book's deposit items, held until the inspector passes the repair.
 */
import { assessExcavationFee, type FeeBasis } from '../../domain/excavation/fee';
import { TariffError, type Assessment } from '../../domain/fees';
import { loadConfig } from '../config';
import { bookInForce, issueFeeBills, jalaliYearAt } from '../fees';
import { billExpiresAt, billLastDay, billLastDayOf } from '../../domain/bills';
import type { IsoDate } from '../../domain/working-days';
import { insertAssessment, nextFileId } from '../fees/assessment.repository';
import { FeeError } from '../fees/errors';
import type { Queryable } from './footprint.repository';

/** The sample book's refundable deposit item (2-2, «سپردهٔ تضمین ترمیم رویه»); a city's book names its own here. */
export const DEPOSIT_ITEM_CODES: readonly string[] = ['2-2'];

export interface WorkAssessment {
	assessmentId: number;
	totalRial: number;
	depositRial: number;
	billId: string | null;
	/** the last day (in Iran) the bill may be paid: the work waiting to be paid is due on it */
	billLastDay: IsoDate;
}

/** Assesses a work's fee and issues its bill, inside the caller's transaction. */
export async function assessWork(
	trx: Queryable,
	work: { id: number },
	bases: readonly FeeBasis[],
	issuedBy: number | null,
	now: Date,
	companyCode: number = loadConfig().billCompanyCode
): Promise<WorkAssessment> {
	const year = jalaliYearAt(now);
	const inForce = await bookInForce(trx, year);
	let fee;
	try {
		fee = assessExcavationFee(bases, inForce.book);
	} catch (err) {
		if (err instanceof TariffError) throw new FeeError('assessment_inputs_invalid', { problems: err.problems, cause: err });
		throw err;
	}
	const depositRial = fee.lines.filter((l) => DEPOSIT_ITEM_CODES.includes(l.item_code)).reduce((s, l) => s + l.rounded_rial, 0);
	// The frozen assessment in the engine's shape, so the assessment and receipt pages read it as any other.
	const frozen: Assessment = {
		engine_version: fee.engine_version,
		book: fee.book,
		request_kind: 'excavation',
		rounding: inForce.book.rounding,
		lines: fee.lines,
		not_charged: [],
		total_rial: fee.total_rial
	};
	const fileId = await nextFileId(trx);
	// one bill, or instalments when the fee is too large for one payment id
	const bills = issueFeeBills(fee.total_rial, fileId, 0, year, companyCode);
	const bill = bills[0] ?? null;
	const lastDay = billLastDay(now);
	const assessmentId = await insertAssessment(trx, {
		case_id: null,
		parcel_id: null,
		excavation_work_id: work.id,
		request_kind: 'excavation',
		book_id: inForce.id,
		book_sha256: inForce.sha256,
		engine_version: fee.engine_version,
		inputs: { bases },
		input_sources: { excavation_work_id: work.id },
		lines: frozen,
		total_rial: fee.total_rial,
		status: bill ? 'open' : 'nothing_due',
		file_id: fileId,
		period: 0,
		bill_id: bill?.bill_id ?? null,
		payment_id: bill?.payment_id ?? null,
		issued_at: now,
		issued_by: issuedBy,
		expires_at: billExpiresAt(lastDay)
	}, bills.map(({ seq, period, bill_id, payment_id, amount_rial }) => ({ seq, period, bill_id, payment_id, amount_rial })));
	return { assessmentId, totalRial: fee.total_rial, depositRial, billId: bill?.bill_id ?? null, billLastDay: lastDay };
}

/**
 * The last day (in Iran) to pay a work's fee while its bill is open (every instalment and the
 * deposit are on the one assessment, payable to the same day); null once it is paid, cancelled or
 * void. A work waiting to be paid is due on it (domain/bills/validity), as a case at its payment step is.
 */
export async function openBillLastDay(trx: Queryable, assessmentId: number | null): Promise<IsoDate | null> {
	if (assessmentId === null) return null;
	const row = await trx.selectFrom('fee_assessments').select('expires_at').where('id', '=', assessmentId).where('status', '=', 'open').executeTakeFirst();
	return row ? billLastDayOf(row.expires_at) : null;
}

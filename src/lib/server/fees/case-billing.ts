import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Executor } from './book.repository';
import { appendEvent } from '../cases/case-events.repository';
import { partyContact } from '../cases/case-parties.repository';
import { createMessageSender, type MessageSender } from '../notify';
import { formatTrackingCode } from '../../domain/tracking-code';
import { formatNumber } from '../../i18n/format';
import { billLastDayOf } from '../../domain/bills';
import type { IsoDate } from '../../domain/working-days';
import { requestTypeById, stepOf, type CaseState, type RequestTypeDefinition } from '../workflows';

/**
 * A case's bill in its history and its applicant's SMS: a bill staff issue by hand and every
 * payment of a case's bill are appended to the case's timeline (case_events, append-only) in the
 * transaction that issues or settles it, and the applicant is told by SMS after the commit. The
 * bill the fee step issues by itself is already told by the step's own transition and its SMS.
 */

const grouped = (rial: number) => formatNumber(rial, 'fa', 0);

export type BillEvent = 'fee_billed' | 'fee_paid';

export function billEventText(kind: BillEvent, totalRial: number): string {
	return kind === 'fee_billed'
		? `فیش عوارض به مبلغ ${grouped(totalRial)} ریال صادر شد.\nA fee bill of ${formatNumber(totalRial, 'en', 0)} rials was issued.`
		: `فیش عوارض به مبلغ ${grouped(totalRial)} ریال پرداخت شد.\nThe fee bill of ${formatNumber(totalRial, 'en', 0)} rials was paid.`;
}

/** Appends the bill's issue or payment to its case's history; nothing for a bill without a case. */
export async function recordOnCase(
	trx: Executor,
	assessmentId: number,
	kind: BillEvent,
	at: Date,
	actor: { userId: number; role: string } | null
): Promise<void> {
	const row = await trx
		.selectFrom('fee_assessments as a')
		.innerJoin('cases as c', 'c.id', 'a.case_id')
		.select(['c.id as case_id', 'c.current_step', 'c.workflow_status', 'c.due_on', 'a.total_rial', 'a.request_kind'])
		.where('a.id', '=', assessmentId)
		.executeTakeFirst();
	if (!row) return;
	await appendEvent(trx, {
		case_id: row.case_id,
		at: at.toISOString(),
		actor_user_id: actor?.userId ?? null,
		actor_role: actor?.role ?? 'system',
		action: kind,
		from_step: row.current_step,
		to_step: row.current_step,
		status: row.workflow_status,
		due_on: row.due_on,
		text: billEventText(kind, row.total_rial),
		details: { assessmentId, totalRial: row.total_rial, requestKind: row.request_kind },
		ip: null
	});
}

/** The last day (in Iran) to pay the case's open bill (its latest); null when none is open. */
export async function openBillLastDay(trx: Executor, caseId: number): Promise<IsoDate | null> {
	const row = await trx
		.selectFrom('fee_assessments')
		.select('expires_at')
		.where('case_id', '=', caseId)
		.where('status', '=', 'open')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? billLastDayOf(row.expires_at) : null;
}

/**
 * One payment deadline: a case standing at its payment step (not waiting on anyone) is due when its
 * open bill stops being payable, not on the step's own working-day clock: the bill page, the case
 * page, the SMS and the cartable's «overdue» name the same day (domain/bills/validity).
 */
export function withBillDeadline(definition: RequestTypeDefinition, state: CaseState, billLastDay: IsoDate | null): CaseState {
	if (billLastDay === null || state.status !== 'in_progress' || state.waiting) return state;
	if (stepOf(definition, state.stepId).automation?.kind !== 'payment') return state;
	return state.dueOn === billLastDay ? state : { ...state, dueOn: billLastDay };
}

/** Moves the due day of a case at its payment step to its open bill's last day (a bill re-issued while the case waits to be paid). */
export async function alignPaymentDeadline(trx: Executor, caseId: number): Promise<void> {
	const kase = await trx.selectFrom('cases').select(['request_type', 'current_step', 'workflow_status', 'waiting', 'due_on']).where('id', '=', caseId).executeTakeFirst();
	const definition = kase?.request_type ? requestTypeById(kase.request_type) : undefined;
	if (!kase || !definition || kase.waiting || kase.workflow_status !== 'in_progress') return;
	if (definition.steps.find((s) => s.id === kase.current_step)?.automation?.kind !== 'payment') return;
	const lastDay = await openBillLastDay(trx, caseId);
	if (lastDay !== null && lastDay !== kase.due_on) await trx.updateTable('cases').set({ due_on: lastDay }).where('id', '=', caseId).execute();
}

export function billSmsText(kind: BillEvent, trackingCode: string | null, totalRial: number): string {
	const of = trackingCode ? ` پرونده ${formatTrackingCode(trackingCode)}` : '';
	return kind === 'fee_billed'
		? `پلاک | فیش عوارض${of} به مبلغ ${grouped(totalRial)} ریال صادر شد؛ از صفحهٔ پرونده آن را بپردازید.`
		: `پلاک | فیش عوارض${of} به مبلغ ${grouped(totalRial)} ریال پرداخت شد.`;
}

/**
 * Tells the applicant (and their representative) of a case's bill by SMS; after the commit, and a
 * failed SMS never undoes the bill or the payment. `sender` null sends nothing (tests, sample data).
 */
export async function notifyBill(db: Kysely<DB>, assessmentId: number, kind: BillEvent, sender?: MessageSender | null): Promise<void> {
	const to = sender === undefined ? createMessageSender(db) : sender;
	if (!to) return;
	try {
		const row = await db
			.selectFrom('fee_assessments as a')
			.innerJoin('cases as c', 'c.id', 'a.case_id')
			.select(['c.tracking_code', 'c.applicant_user_id', 'c.representative_user_id', 'a.total_rial'])
			.where('a.id', '=', assessmentId)
			.executeTakeFirst();
		if (!row) return;
		for (const userId of new Set([row.applicant_user_id, row.representative_user_id])) {
			if (userId === null) continue;
			const contact = await partyContact(db, userId);
			if (contact?.mobile) await to.send(contact.mobile, billSmsText(kind, row.tracking_code, row.total_rial));
		}
	} catch (err) {
		console.warn('[pelak] bill notification failed', err);
	}
}

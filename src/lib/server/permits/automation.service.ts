/**
 * The automatic steps of a request type (workflows/automation.ts) at work on a case. After every
 * transition, inside the same transaction, the case's current step is tried: when its automation
 * succeeds the system approves (or completes) it, recorded as the system's in the timeline, and
 * the next step is tried; when it cannot, the step stays with its holder and the timeline says
 * why. A person's approval of an automated step is refused while what the step guards is missing.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Bilingual } from '../errors';
import { automaticTransition, feeKindOf, HELD_BECAUSE, joinedText, requestTypeById, stepOf, systemLine, SYSTEM_ROLE, type CaseAction, type RequestTypeDefinition, type StepAutomation } from '../workflows';
import type { WorkingCalendar } from '../../domain/working-days';
import { assessInTransaction } from '../fees/assessment.service';
import { alignPaymentDeadline, openBillLastDay, withBillDeadline } from '../fees/case-billing';
import { findCase, updateCase, type CaseRecord } from '../cases/cases.repository';
import { stateColumns, stateOf } from '../cases/case-state';
import { transitionEvent } from '../cases/audit';
import { appendEvent } from '../cases/case-events.repository';
import { findBlockers, findParcelFeeFacts } from './permit.repository';
import { permitFeeInputs, type CheckSummary } from './fee-inputs';
import { parcelFeeInputs } from './parcel-fee-inputs';
import { permitErrors } from './errors';
import { inSavepoint } from './savepoint';
import { isSupervisedCertificate, issueSupervisedCertificate } from './certificate.service';
import { issuePermit, issueZoningStatement, permitReadiness, proposalOf, zoningRulesOf, PERMIT_FEE_KIND, type Readiness, type Requirement, type StageEnv } from './stages.service';

export interface AutomationEnv extends StageEnv {
	calendar: WorkingCalendar;
	ip: string | null;
}

type Attempt = { advance: true; text: Bilingual; details?: Record<string, unknown> } | { advance: false; held: Bilingual | null };

const REQUIREMENT_TEXT: Record<Requirement['code'], Bilingual> = {
	zoning_statement: { fa: 'دستور نقشه هنوز صادر نشده است.', en: 'The zoning statement has not been issued.' },
	drawings: { fa: 'نقشه‌های مهندسی بارگذاری نشده است.', en: 'The engineering drawings have not been uploaded.' },
	proposal: { fa: 'طرح پیشنهادی ساختمان ثبت نشده است.', en: 'No proposed building has been submitted.' },
	proposal_accepted: {
		fa: 'طرح پیشنهادی از بررسی خودکار ضوابط نگذشته و کارشناس هم با ذکر علت آن را نپذیرفته است.',
		en: 'The proposal has not passed the rule check, and no officer has accepted it with a reason.'
	},
	fees_assessed: { fa: 'عوارض این پرونده هنوز محاسبه نشده است.', en: 'The fees of this case have not been assessed.' },
	fees_paid: { fa: 'فیش عوارض این پرونده هنوز پرداخت نشده است.', en: 'The fee bill of this case has not been paid.' }
};

/** What a step's automation needs before anyone may approve it (by hand or by itself). */
const NEEDS: Record<StepAutomation['kind'], Requirement['code'][]> = {
	zoning_statement: [],
	plans_and_proposal: ['drawings', 'proposal'],
	proposal_check: ['proposal', 'proposal_accepted'],
	fee_assessment: ['fees_assessed'],
	payment: ['fees_paid'],
	permit_issue: ['zoning_statement', 'drawings', 'proposal_accepted', 'fees_paid']
};

async function missing(trx: Transaction<DB>, definition: RequestTypeDefinition, caseId: number, kind: StepAutomation['kind']): Promise<Bilingual | null> {
	const needs = NEEDS[kind];
	if (needs.length === 0) return null;
	// the fees of the kind the request type's own fee step assesses
	const ready = await permitReadiness(trx, caseId, feeKindOf(definition) ?? PERMIT_FEE_KIND);
	const lacking = ready.requirements.filter((r) => needs.includes(r.code) && !r.met).map((r) => REQUIREMENT_TEXT[r.code]);
	return lacking.length ? joinedText(lacking) : null;
}

/**
 * Refuses a person's approval (or completion) of an automated step whose requirements are missing,
 * e.g. approving the payment step before the bill is paid. Called after the state machine allowed
 * the action, before anything is written.
 */
export async function guardManualAction(trx: Transaction<DB>, now: Date, definition: RequestTypeDefinition, record: CaseRecord, action: CaseAction): Promise<void> {
	if (action.type !== 'approve' && action.type !== 'complete') return;
	const automation = stepOf(definition, record.current_step).automation;
	if (!automation) return;
	if (automation.kind === 'zoning_statement') {
		const found = await zoningRulesOf(trx, record.parcel_id, now);
		if (!found.ok) throw permitErrors.requirement('zone_rules_missing', found.problem);
		return;
	}
	const lacking = await missing(trx, definition, record.id, automation.kind);
	if (lacking) throw permitErrors.requirement('step_requirements_missing', lacking);
}

/** The inputs of an automated fee step: from the stored proposal (the permit), or from the parcel alone; or why there are none. */
async function feeInputs(trx: Transaction<DB>, env: AutomationEnv, record: CaseRecord, from: 'proposal' | 'parcel', ready: Readiness) {
	if (from === 'parcel') {
		const facts = await findParcelFeeFacts(trx, record.parcel_id);
		if (!facts) return { ok: false as const, held: { fa: 'پلاک این پرونده دیگر در نقشه نیست.', en: 'The parcel of this case is no longer on the map.' } };
		return { ok: true as const, inputs: parcelFeeInputs(facts) };
	}
	if (!ready.proposal) return { ok: false as const, held: REQUIREMENT_TEXT.proposal };
	const proposal = proposalOf(ready.proposal);
	const rules = await zoningRulesOf(trx, record.parcel_id, env.now);
	return { ok: true as const, inputs: permitFeeInputs(proposal, ready.proposal.check_result as CheckSummary, rules.ok ? rules.rules.zone.density_pct : null) };
}

async function attempt(trx: Transaction<DB>, env: AutomationEnv, definition: RequestTypeDefinition, record: CaseRecord, automation: StepAutomation): Promise<Attempt> {
	switch (automation.kind) {
		case 'zoning_statement': {
			const blockers = await findBlockers(trx, record.id, record.parcel_id, automation.blockingCaseKinds);
			const reasons: Bilingual[] = [];
			if (blockers.openReferrals > 0) reasons.push({ fa: 'استعلام باز دارد.', en: 'A referral is still open.' });
			for (const c of blockers.cases) reasons.push({ fa: `پروندهٔ باز «${c.kind}» (${c.tracking_code ?? c.id}) روی این پلاک است.`, en: `Open case "${c.kind}" (${c.tracking_code ?? c.id}) on this parcel.` });
			const rules = await zoningRulesOf(trx, record.parcel_id, env.now);
			if (!rules.ok) reasons.push(rules.problem);
			if (reasons.length) return { advance: false, held: joinedText([HELD_BECAUSE.zoning_statement, ...reasons]) };
			const doc = await issueZoningStatement(trx, env, record.id, null);
			return { advance: true, text: { fa: 'دستور نقشه خودکار صادر شد.', en: 'The zoning statement was issued automatically.' }, details: { issuedDocumentId: doc.id } };
		}
		case 'plans_and_proposal':
			return { advance: false, held: null }; // the applicant sends the drawings and proposal when ready
		case 'proposal_check': {
			const ready = await permitReadiness(trx, record.id);
			if (!ready.proposal) return { advance: false, held: null };
			if (!ready.proposal.check_ok) {
				return { advance: false, held: { fa: 'طرح پیشنهادی از بررسی خودکار ضوابط نگذشت؛ کارشناس منطقه تصمیم می‌گیرد.', en: 'The proposal did not pass the automatic rule check; the district officer decides.' } };
			}
			return { advance: true, text: { fa: 'طرح پیشنهادی از بررسی خودکار ضوابط گذشت.', en: 'The proposal passed the automatic rule check.' }, details: { proposalId: ready.proposal.id } };
		}
		case 'fee_assessment': {
			const ready = await permitReadiness(trx, record.id, automation.requestKind);
			if (ready.requirements.find((r) => r.code === 'fees_assessed')!.met) {
				return { advance: true, text: { fa: 'عوارض پیش‌تر محاسبه شده است.', en: 'The fees were already assessed.' }, details: { assessmentId: ready.assessment!.id } };
			}
			// charged from what the officer enters (demolition and reconstruction): the step waits for them
			if (automation.from === 'staff') return { advance: false, held: null };
			const found = await feeInputs(trx, env, record, automation.from, ready);
			if (!found.ok) return { advance: false, held: found.held };
			const inputs = found.inputs;
			const done = await inSavepoint(trx, 'pelak_automation', () =>
				assessInTransaction(trx, { case_id: record.id, parcel_id: record.parcel_id, request_kind: automation.requestKind, inputs, now: env.now })
			);
			if (!done.ok) {
				return { advance: false, held: joinedText([HELD_BECAUSE.fee_assessment, done.error.messages]) };
			}
			return { advance: true, text: { fa: 'عوارض از تعرفهٔ مصوب محاسبه و فیش صادر شد.', en: 'The fees were assessed from the approved tariff and billed.' }, details: { assessmentId: done.value.id } };
		}
		case 'payment': {
			const lacking = await missing(trx, definition, record.id, 'payment');
			if (lacking) {
				// waiting for the citizen to pay: due when the bill is (a bill issued by hand, an older row)
				await alignPaymentDeadline(trx, record.id);
				return { advance: false, held: null };
			}
			return { advance: true, text: { fa: 'پرداخت عوارض تأیید شد.', en: 'The fee payment was verified.' } };
		}
		case 'permit_issue': {
			const issued = await issuePermit(trx, env, record.id, null);
			if (!issued) return { advance: false, held: await missing(trx, definition, record.id, 'permit_issue') };
			// the supervising engineer was assigned with the permit (it names them); none with quota left →
			// the permit stands, the officer assigns
			const assigned = issued.supervision ?? { ok: true as const };
			const supervision: Bilingual = assigned.ok
				? { fa: ' مهندس ناظر به نوبت تعیین شد.', en: ' A supervising engineer was assigned in rotation.' }
				: { fa: ` مهندس ناظر تعیین نشد (${assigned.error.messages.fa})؛ کارشناس منطقه تعیین می‌کند.`, en: ` No supervising engineer was assigned (${assigned.error.messages.en}); the district officer assigns one.` };
			return {
				advance: true,
				text: { fa: `پروانه خودکار صادر شد.${supervision.fa}`, en: `The permit was issued automatically.${supervision.en}` },
				details: { issuedDocumentId: issued.id, supervisionAssigned: assigned.ok }
			};
		}
	}
}

function systemEvent(record: CaseRecord, env: AutomationEnv, text: Bilingual, details: Record<string, unknown>) {
	return {
		case_id: record.id,
		at: env.now.toISOString(),
		actor_user_id: null,
		actor_role: SYSTEM_ROLE,
		action: 'automation_held',
		from_step: record.current_step,
		to_step: record.current_step,
		status: record.workflow_status,
		due_on: record.due_on,
		text: systemLine(text),
		details: { automatic: true, ...details },
		ip: env.ip
	};
}

/** Tries the case's current step, and the next, while the system can work them. */
export async function runAutomation(trx: Transaction<DB>, env: AutomationEnv, caseId: number): Promise<void> {
	for (let i = 0; i < 10; i++) {
		const record = await findCase(trx, caseId);
		if (!record || record.workflow_status !== 'in_progress' || record.waiting) return;
		const definition = requestTypeById(record.request_type);
		// a legacy or hand-made case may stand at a step its request type does not define: nothing to do
		const automation = definition?.steps.find((s) => s.id === record.current_step)?.automation;
		if (!definition || !automation) return;
		const result = await attempt(trx, env, definition, record, automation);
		if (!result.advance) {
			if (result.held) await appendEvent(trx, systemEvent(record, env, result.held, { step: record.current_step }));
			return;
		}
		const moved = automaticTransition(definition, stateOf(record), env.now, env.calendar, systemLine(result.text), result.details ?? {});
		if (!moved) return;
		const state = withBillDeadline(definition, moved.state, await openBillLastDay(trx, caseId));
		await updateCase(trx, caseId, stateColumns(definition, state, moved.audit.text));
		await appendEvent(trx, { ...transitionEvent(caseId, { ...moved.audit, dueOn: state.dueOn }, env.ip), actor_user_id: null });
	}
}

/**
 * After a person's transition: what leaving the step produces (the zoning statement a planner
 * approved, the permit an officer completed), then the automatic steps that follow.
 */
export async function afterTransition(
	trx: Transaction<DB>,
	env: AutomationEnv,
	caseId: number,
	left: { definition: RequestTypeDefinition; stepId: string; action: CaseAction['type']; userId: number }
): Promise<void> {
	const automation = stepOf(left.definition, left.stepId).automation;
	if (automation?.kind === 'zoning_statement' && left.action === 'approve') await issueZoningStatement(trx, env, caseId, left.userId);
	if (automation?.kind === 'permit_issue' && left.action === 'complete') await issuePermit(trx, env, caseId, left.userId);
	// a certificate resting on the engineer's stage reports is issued as the officer completes its case
	if (left.action === 'complete' && isSupervisedCertificate(left.definition.issues)) await issueSupervisedCertificate(trx, env, caseId, left.definition.issues!, left.userId);
	await runAutomation(trx, env, caseId);
}

export { PERMIT_FEE_KIND };

/**
 * A bill was paid (the payment callback's transaction): the case it belongs to moves on by itself
 * from the payment step, and the permit is issued when everything else is in.
 */
export async function onAssessmentPaid(trx: Transaction<DB>, assessmentId: number, env: AutomationEnv): Promise<void> {
	const row = await trx.selectFrom('fee_assessments').select('case_id').where('id', '=', assessmentId).executeTakeFirst();
	if (!row?.case_id) return;
	const record = await findCase(trx, row.case_id, { forUpdate: true });
	if (!record) return;
	await runAutomation(trx, env, record.id);
}

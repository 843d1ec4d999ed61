/**
 * What the SAMPLE history's two-stage building permits (history-plan.ts) leave besides the case, as the
 * live flow leaves it (permits/proposal.service, automation.service, stages.service): the applicant's
 * proposal, checked by the real rule check, with the fees assessed from it; the engineering drawings
 * and owner documents (cases/sample-filings.ts); the zoning statement of every case the planner took
 * past that step, and the permit of every completed one, issued by the real services, dated and
 * signed as the history's steps, watermarked as sample data. The documents are registered without
 * their PDF (issued-documents' `render: false`): a render costs 50–300 ms, so each is rendered on its
 * first download instead.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { assess, TariffError, type TariffBook } from '../../src/lib/domain/fees';
import type { InputValue } from '../../src/lib/domain/formula';
import { isTwoStagePermit } from '../../src/lib/server/workflows';
import { tehranDate } from '../../src/lib/domain/working-days';
import { storageSrid } from '../../src/lib/server/spatial';
import { insertProposal, saveStage } from '../../src/lib/server/permits/permit.repository';
import { permitFeeInputs, type CheckSummary } from '../../src/lib/server/permits/fee-inputs';
import { sampleProposalOrNearest } from '../../src/lib/server/permits/sample-permits';
import { issuePermit, issueZoningStatement, zoningRulesOf } from '../../src/lib/server/permits/stages.service';
import { seedSampleFilings } from '../../src/lib/server/cases/sample-filings';
import { SANDBOX_WATERMARK } from '../../src/lib/server/pdf/official-document';
import type { PlannedCase, PlannedEvent } from './history-plan';

const NOT_CHARGED = new Set(['pilotis', 'parking']);
const OVERRIDE_REASON = 'نمونه — sample: موارد ردشده و نیازمند بررسی با نقشه‌های مهندس و بازدید محل بررسی شد؛ طرح با این توضیح پذیرفته می‌شود.';

/** The step's approval (the first) in a case's walk, if the walk got that far. */
export function approvalOf(p: PlannedCase, step: string): PlannedEvent | undefined {
	return p.events.find((e) => e.audit.fromStepId === step && e.audit.action === 'approve');
}

/**
 * The proposal of each two-stage permit whose applicant sent the drawings: the sample house on the
 * parcel (permits/sample-permits' sampleProposalFor: on pilotis where the zone wants them and the
 * height allows, through the rule check), stored as submitProposal stores it, on the day the drawings
 * step was approved. The bill of such a case is then the one the fee step assesses from it
 * (permitFeeInputs, the parcel's P), and the permit on record allows its floors. Returns the cases'
 * drawings days (case id → when) and how many permits had no passing proposal.
 */
export async function proposeHistoryPermits(
	trx: Transaction<DB>,
	plan: PlannedCase[],
	caseIds: number[],
	book: TariffBook | null
): Promise<{ drawings: Map<number, Date>; proposals: number; unproposed: number }> {
	const srid = await storageSrid(trx);
	const drawings = new Map<number, Date>();
	let proposals = 0;
	let unproposed = 0;
	for (const [i, p] of plan.entries()) {
		if (!isTwoStagePermit(p.definition)) continue;
		const sent = approvalOf(p, 'drawings_submission');
		if (!sent) continue;
		const at = new Date(sent.audit.at);
		const found = await orSkip(trx, `the proposal of parcel ${p.parcel.id}`, () => sampleProposalOrNearest(trx, p.parcel.id, tehranDate(at)));
		if (!found) {
			unproposed++;
			continue;
		}
		const proposalId = await insertProposal(trx, {
			case_id: caseIds[i],
			body: found.body,
			footprint_geojson: JSON.stringify(found.geometry),
			srid,
			check_ok: found.check.ok,
			check_result: found.check,
			rule_book_id: Number(found.check.rule_book.id),
			submitted_by: p.representativeId ?? p.applicantId,
			submitted_at: at
		});
		proposals++;
		drawings.set(caseIds[i], at);
		// a proposal the check did not pass went on only with the officer's acceptance at the technical review
		const reviewed = approvalOf(p, 'technical_review');
		if (!found.check.ok && reviewed) {
			await saveStage(trx, caseIds[i], {
				override_proposal_id: proposalId,
				override_reason: OVERRIDE_REASON,
				override_by: Number(reviewed.audit.actorId) || null,
				override_at: new Date(reviewed.audit.at)
			});
		}
		if (p.fee && book) {
			const inputs: Record<string, InputValue> = permitFeeInputs(found.proposal, found.check as unknown as CheckSummary, p.parcel.densityPct ?? null);
			if (p.parcel.p != null) inputs.P = p.parcel.p;
			try {
				const assessment = assess(book, inputs, { request_kind: 'building_permit' });
				Object.assign(p.fee, { inputs, assessment, totalRial: assessment.total_rial });
			} catch (err) {
				if (!(err instanceof TariffError)) throw err;
			}
		}
		if (p.permit) {
			const charged = found.proposal.floors.filter((f) => !NOT_CHARGED.has(f.use));
			p.permit.floors = charged.length;
			p.permit.floorAreaM2 = Math.round(found.proposal.floors.reduce((s, f) => s + f.area_m2, 0) * 10) / 10;
		}
	}
	return { drawings, proposals, unproposed };
}

/**
 * The owner documents of every history case and the drawings of the permits above, then the zoning
 * statements of the cases the planner approved (the open ones' statements included) and the permits
 * of the completed cases, each issued by the real service at the history's moment of that step.
 * Returns the permits' numbers by case id, for the parcels' record.
 */
export async function issueHistoryDocuments(
	trx: Transaction<DB>,
	plan: PlannedCase[],
	caseIds: number[],
	drawings: Map<number, Date>
): Promise<{ documents: number; zoning_statements: number; permits: Map<number, string> }> {
	const documents = await seedSampleFilings(trx, undefined, { drawings });
	let statements = 0;
	const permits = new Map<number, string>();
	for (const [i, p] of plan.entries()) {
		if (!isTwoStagePermit(p.definition)) continue;
		const step = p.definition.steps.find((s) => s.automation?.kind === 'zoning_statement')!.id;
		const approval = approvalOf(p, step);
		if (!approval) continue;
		const at = new Date(approval.audit.at);
		// an open case past the statement stands on rules (history.ts holds the others); a decided one may not
		const rules = p.state.status === 'in_progress' ? null : await orSkip(trx, `the zoning rules of parcel ${p.parcel.id}`, () => zoningRulesOf(trx, p.parcel.id, at));
		if (p.state.status !== 'in_progress' && !rules?.ok) continue;
		const statement = await orSkip(trx, `the zoning statement of case ${caseIds[i]}`, () =>
			issueZoningStatement(trx, { now: at, watermark: SANDBOX_WATERMARK, render: false }, caseIds[i], Number(approval.audit.actorId) || null).then(() => true)
		);
		if (!statement) continue;
		statements++;
		if (p.state.status !== 'completed' || !drawings.has(caseIds[i])) continue;
		const completed = p.events.findLast((e) => e.audit.action === 'complete');
		const issued = await orSkip(trx, `the permit of case ${caseIds[i]}`, () =>
			issuePermit(trx, { now: new Date(completed?.audit.at ?? p.state.since), watermark: SANDBOX_WATERMARK, render: false }, caseIds[i], null)
		);
		if (issued && 'number' in issued && issued.number) permits.set(caseIds[i], issued.number);
	}
	return { documents, zoning_statements: statements, permits };
}

/**
 * One paper of the history, or null where the real service refuses this parcel (an odd geometry of a
 * city's layers): rolled back to before it, said once on the console, and the history goes on without
 * it, as a clerk would leave one file aside. A sample must never stop the demo from starting.
 */
async function orSkip<T>(trx: Transaction<DB>, what: string, make: () => Promise<T>): Promise<T | null> {
	await sql`savepoint history_paper`.execute(trx);
	try {
		const made = await make();
		await sql`release savepoint history_paper`.execute(trx);
		return made;
	} catch (err) {
		await sql`rollback to savepoint history_paper`.execute(trx);
		console.warn(`[pelak] SAMPLE history: ${what} left out:`, err instanceof Error ? err.message : err);
		return null;
	}
}

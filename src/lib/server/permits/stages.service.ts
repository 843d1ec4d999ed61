/**
 * What the two stages produce: the zoning statement (stage 1) from the rule book in force, the
 * permit (stage 2) from the stored proposal and the paid bill, and what stage 2 still misses.
 * Every function runs inside the caller's transaction (the workflow step that issues).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { parseProposal, type Proposal } from '../../domain/rules';
import { tehranDate } from '../../domain/working-days';
import type { Bilingual } from '../errors';
import { issueDocument, type IssueEnv } from '../issued-documents/issue.service';
import { findProposalFacts, type ProposalFactsRow } from '../rules/proposal-facts.repository';
import { applicable, zoneRulesInForce, type RulesInForce } from '../rules/rule-book.service';
import type { ApplicableRules, ZoneRules } from '../../domain/rules';
import { billsOf, bookTableDimensions, bookValueLabels, findAssessment } from '../fees/assessment.repository';
import { lineInWords } from '../../domain/fees/formula-words';
import type { AssessmentLine } from '../../domain/fees';
import { assignSupervisingEngineer } from '../supervision/assignment.service';
import { permitContent, zoningStatementContent, type ParcelHeader } from './permit-documents';
import { permitErrors } from './errors';
import { inSavepoint } from './savepoint';
import {
	caseHeader,
	findStage,
	hasDrawings,
	latestCaseAssessment,
	latestProposal,
	saveStage,
	type Executor,
	type ProposalRow,
	type StageRow
} from './permit.repository';

export const PERMIT_FEE_KIND = 'building_permit';

export interface StageEnv extends IssueEnv {
	now: Date;
}

async function header(db: Executor, caseId: number): Promise<ParcelHeader & { parcelId: number }> {
	const row = await caseHeader(db, caseId);
	if (!row) throw permitErrors.notPermitCase();
	return row;
}

export type ZoningRulesAnswer =
	| { ok: true; facts: ProposalFactsRow; inForce: RulesInForce; rules: ApplicableRules & { zone: ZoneRules } }
	| { ok: false; problem: Bilingual };

/** The parcel's measured facts and the rules in force for its zone, or why a statement cannot state them. */
export async function zoningRulesOf(db: Executor, parcelId: number, now: Date): Promise<ZoningRulesAnswer> {
	const facts = await findProposalFacts(db, parcelId, null);
	if (!facts) return { ok: false, problem: { fa: 'پلاک این پرونده دیگر در نقشه نیست.', en: 'The parcel of this case is no longer on the map.' } };
	const inForce = await zoneRulesInForce(db, facts.zone_code === null ? [] : [facts.zone_code], tehranDate(now));
	if (!inForce) return { ok: false, problem: { fa: 'هیچ دفترچهٔ ضوابطی در حال اجرا نیست.', en: 'No rule book is in force.' } };
	const rules = applicable(inForce, facts.zone_code);
	if (!rules.zone) {
		const code = facts.zone_code ?? '—';
		return {
			ok: false,
			problem: { fa: `ضوابط پهنهٔ «${code}» در دفترچهٔ ضوابط تعریف نشده است.`, en: `The rule book does not define the rules of zone "${code}".` }
		};
	}
	return { ok: true, facts, inForce, rules: rules as ApplicableRules & { zone: ZoneRules } };
}

/** Issues the case's zoning statement (once), recording the rule book it states on the case. */
export async function issueZoningStatement(trx: Transaction<DB>, env: StageEnv, caseId: number, issuedBy: number | null) {
	const stage = await findStage(trx, caseId);
	if (stage?.zoning_statement_id) return { id: stage.zoning_statement_id, issued: false };
	const h = await header(trx, caseId);
	const found = await zoningRulesOf(trx, h.parcelId, env.now);
	if (!found.ok) throw permitErrors.requirement('zone_rules_missing', found.problem);
	const doc = await issueDocument(trx, { kind: 'zoning_statement', caseId, issuedBy, content: zoningStatementContent(h, found.facts, found.rules) }, env);
	await saveStage(trx, caseId, { rule_book_id: found.inForce.book.id, zoning_statement_id: doc.id });
	return { id: doc.id, number: doc.number, issued: true };
}

export interface Requirement {
	code: 'zoning_statement' | 'drawings' | 'proposal' | 'proposal_accepted' | 'fees_assessed' | 'fees_paid';
	met: boolean;
}

export interface Readiness {
	stage: StageRow | null;
	proposal: ProposalRow | null;
	/** The latest proposal passed the check, or an officer accepted it with a reason. */
	accepted: boolean;
	overridden: boolean;
	assessment: Awaited<ReturnType<typeof latestCaseAssessment>> | null;
	requirements: Requirement[];
}

/**
 * What stage 2 has and lacks on the case: the permit is issued only when every requirement is met.
 * The fee requirements look at the case's assessment of `feeKind`, the kind its fee step assesses
 * (a renewal's, a transfer's…); the building permit's by default.
 */
export async function permitReadiness(db: Executor, caseId: number, feeKind: string = PERMIT_FEE_KIND): Promise<Readiness> {
	// one after another: inside a transaction the queries share one connection
	const stage = await findStage(db, caseId);
	const proposal = await latestProposal(db, caseId);
	const drawings = await hasDrawings(db, caseId);
	const assessment = await latestCaseAssessment(db, caseId, feeKind);
	const overridden = Boolean(proposal && stage?.override_proposal_id === proposal.id);
	const accepted = Boolean(proposal && (proposal.check_ok || overridden));
	const feeStatus = assessment?.status ?? null;
	return {
		stage: stage ?? null,
		proposal: proposal ?? null,
		accepted,
		overridden,
		assessment: assessment ?? null,
		requirements: [
			{ code: 'zoning_statement', met: Boolean(stage?.zoning_statement_id) },
			{ code: 'drawings', met: drawings },
			{ code: 'proposal', met: proposal !== undefined },
			{ code: 'proposal_accepted', met: accepted },
			{ code: 'fees_assessed', met: feeStatus === 'open' || feeStatus === 'paid' || feeStatus === 'nothing_due' },
			{ code: 'fees_paid', met: feeStatus === 'paid' || feeStatus === 'nothing_due' }
		]
	};
}

export function proposalOf(row: ProposalRow): Proposal {
	const parsed = parseProposal(row.body);
	if (!parsed.ok) throw new Error(`Stored proposal ${row.id} no longer parses`);
	return parsed.value;
}

/**
 * Assigns the supervising engineer with the permit (rotation and quota, Qom's practice) for the
 * floor area the permit allows, so the permit names them. None with quota left → the permit
 * stands without one (the district officer assigns one later): the failure is rolled back to a
 * savepoint and returned.
 */
async function assignWithPermit(trx: Transaction<DB>, caseId: number, proposal: Proposal, now: Date) {
	const floorAreaM2 = proposal.floors.reduce((sum, f) => sum + f.area_m2, 0);
	return inSavepoint(trx, 'pelak_permit_supervisor', () => assignSupervisingEngineer(trx, caseId, { floorAreaM2, now }));
}

/**
 * Issues the case's permit (once) when stage 2 is complete; returns null (nothing issued) when it
 * is not. The supervising engineer is assigned first so the permit names them, and every bill the
 * fees were paid with (each instalment of a split fee) is printed with its ids, amount and day.
 */
export async function issuePermit(trx: Transaction<DB>, env: StageEnv, caseId: number, issuedBy: number | null) {
	const ready = await permitReadiness(trx, caseId);
	if (ready.stage?.permit_id) return { id: ready.stage.permit_id, issued: false, supervision: null };
	if (!ready.requirements.every((r) => r.met)) return null;
	const h = await header(trx, caseId);
	const proposal = proposalOf(ready.proposal!);
	const assessment = ready.assessment ? await findAssessment(trx, ready.assessment.id) : undefined;
	const lines = (assessment?.lines as { lines?: AssessmentLine[] } | undefined)?.lines ?? [];
	// the payer reads the calculation in words (the book's names, the branch that applied), not the book's formula
	const [labels, dimensions] = assessment ? await Promise.all([bookValueLabels(trx, assessment.book_id), bookTableDimensions(trx, assessment.book_id)]) : [{}, {}];
	const zoning = ready.stage?.zoning_statement_id
		? await trx.selectFrom('issued_documents').select('number').where('id', '=', ready.stage.zoning_statement_id).executeTakeFirst()
		: undefined;
	const book = ready.stage?.rule_book_id
		? await trx.selectFrom('rule_books').select('title').where('id', '=', ready.stage.rule_book_id).executeTakeFirst()
		: undefined;
	const bills = assessment ? await billsOf(trx, assessment.id) : [];
	const supervision = await assignWithPermit(trx, caseId, proposal, env.now);
	const content = permitContent(h, {
		proposal,
		checkOk: ready.proposal!.check_ok,
		override: ready.overridden && ready.stage?.override_reason ? { reason: ready.stage.override_reason } : null,
		zoningStatementNumber: zoning?.number ?? null,
		ruleBookTitle: book?.title ?? null,
		fees: lines.filter((l) => l.rounded_rial > 0).map((l) => ({ title: l.title.fa, formula: lineInWords(l, labels, dimensions).fa, amountRials: l.rounded_rial })),
		bills: bills.map((b) => ({ billId: b.bill_id, paymentId: b.payment_id, amountRials: Number(b.amount_rial), paidOn: b.verified_at ? tehranDate(new Date(b.verified_at)) : null })),
		supervisor: supervision.ok ? { name: supervision.value.engineer_name, licenceNo: supervision.value.licence_no } : null
	});
	const doc = await issueDocument(trx, { kind: 'building_permit', caseId, issuedBy, content }, env);
	await saveStage(trx, caseId, { permit_id: doc.id });
	return { id: doc.id, number: doc.number, issued: true, supervision };
}

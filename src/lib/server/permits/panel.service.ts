/**
 * What the case page shows of the permit stages and the money: the zoning statement and permit
 * (with their live status), the stored proposal (its building in figures) and its check, what
 * stage 2 still lacks, what the viewer may do (the proposal page's link, drawings, override,
 * suspend/revoke), and the case's assessments, receipts and issued documents as links. Null
 * parts are not shown.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import type { Bilingual } from '../errors';
import { parseProposal, type RuleResult } from '../../domain/rules';
import { round2 } from '../../domain/rules/numbers';
import { loadVisibleCase, type VisibleCase } from '../cases/access';
import { listCaseAssessments } from '../fees/case-assessments';
import { listIssuedForCase } from '../issued-documents/issued-documents.repository';
import { isTwoStagePermit, stepOf, type StepAutomation } from '../workflows';
import { permitReadiness, type Requirement } from './stages.service';
import type { IssuedLink, PermitPanel, ProposalBuilding } from '../../api/permit';

export type { IssuedLink, PermitPanel };

const REQUIREMENT_LABEL: Record<Requirement['code'], Bilingual> = {
	zoning_statement: { fa: 'دستور نقشه صادر شده', en: 'Zoning statement issued' },
	drawings: { fa: 'نقشه‌های مهندسی بارگذاری شده', en: 'Engineering drawings uploaded' },
	proposal: { fa: 'طرح پیشنهادی ثبت شده', en: 'Proposed building submitted' },
	proposal_accepted: { fa: 'طرح از بررسی ضوابط گذشته (یا با نظر کارشناس پذیرفته شده)', en: 'Proposal passed the rule check (or accepted by an officer)' },
	fees_assessed: { fa: 'عوارض محاسبه و فیش صادر شده', en: 'Fees assessed and billed' },
	fees_paid: { fa: 'فیش عوارض پرداخت شده', en: 'Fee bill paid' }
};

const automationAt = (v: VisibleCase): StepAutomation['kind'] | null => stepOf(v.definition, v.record.current_step).automation?.kind ?? null;

function holdsStep(user: SessionUser, v: VisibleCase): boolean {
	const holder = stepOf(v.definition, v.record.current_step).holder;
	if (holder.role === 'applicant' || holder.role === 'agency') return false;
	const granted = user.roles.some((g) => g.role === holder.role && (!holder.districtScoped || g.districtId === null || g.districtId === v.record.district_id));
	return granted && (v.record.assigned_user_id === null || v.record.assigned_user_id === user.id);
}

/** The stored proposal's building as the permit counts it (permit-documents.ts `permitContent`). */
function buildingOf(body: unknown): ProposalBuilding | null {
	const parsed = parseProposal(body);
	if (!parsed.ok) return null;
	const { floors, units, pilotis, height_m, parking_spaces } = parsed.value;
	return {
		storeys: new Set(floors.filter((f) => f.level > 0 || (f.level === 0 && f.use !== 'pilotis')).map((f) => f.level)).size,
		pilotis,
		floor_area_m2: round2(floors.reduce((s, f) => s + f.area_m2, 0)),
		units: units.length,
		units_m2: round2(units.reduce((s, u) => s + u.area_m2, 0)),
		height_m,
		parking_spaces
	};
}

export async function permitPanel(db: Kysely<DB>, user: SessionUser, caseId: number): Promise<PermitPanel> {
	const v = await loadVisibleCase(db, user, caseId);
	// automated fee and payment steps alone (a renewal, an inquiry…) are no two-stage permit: their fees show below
	const twoStage = isTwoStagePermit(v.definition);
	const applicantSide = v.side === 'applicant' || v.side === 'representative';
	const open = v.record.workflow_status === 'in_progress';
	const waiting = (v.record.waiting as { on?: string } | null)?.on ?? null;
	const at = automationAt(v);

	const ready = twoStage ? await permitReadiness(db, caseId) : null;
	const p = ready?.proposal ?? null;
	const check = p?.check_result as { rules?: RuleResult[]; summary?: Record<string, number>; rule_book?: { title?: string } } | undefined;
	const fees = v.side === 'agency' ? null : await listCaseAssessments(db, user, caseId).catch(() => null);
	const assessmentIds = fees?.assessments.map((a) => a.id) ?? [];
	const receipts = assessmentIds.length
		? await db
				.selectFrom('payments')
				.select(['id', 'amount_rial', 'verified_at', 'assessment_id'])
				.where('assessment_id', 'in', assessmentIds)
				.where('status', '=', 'paid')
				.orderBy('id')
				.execute()
		: [];
	const isDistrictOfficer = user.roles.some(
		(g) => g.role === 'admin' || (g.role === 'district_officer' && (g.districtId === null || g.districtId === v.record.district_id))
	);
	return {
		twoStage,
		proposal: p && {
			id: p.id,
			ok: p.check_ok,
			submittedAt: new Date(p.submitted_at).toISOString(),
			summary: check?.summary ?? {},
			attention: (check?.rules ?? []).filter((r) => r.verdict !== 'pass').map((r) => ({ rule: r.rule, verdict: r.verdict, explanation: r.explanation })),
			ruleBook: check?.rule_book?.title ?? null,
			building: buildingOf(p.body)
		},
		override:
			ready?.overridden && ready.stage?.override_reason
				? { reason: ready.stage.override_reason, at: new Date(ready.stage.override_at!).toISOString() }
				: null,
		requirements: (ready?.requirements ?? []).map((r) => ({ ...r, label: REQUIREMENT_LABEL[r.code] })),
		mayPropose: twoStage && applicantSide && open && ((at === 'plans_and_proposal' && !waiting) || (at === 'proposal_check' && waiting === 'applicant')),
		mayOverride: twoStage && v.side === 'staff' && open && !waiting && at === 'proposal_check' && p !== null && !p.check_ok && !ready?.overridden && holdsStep(user, v),
		mayChangeStatus: v.side === 'staff' && isDistrictOfficer,
		issued: (await listIssuedForCase(db, caseId)).map((d) => ({
			id: d.id,
			kind: d.kind,
			number: d.number,
			status: d.status,
			statusReason: d.status_reason,
			issuedOn: d.issued_on,
			pdfUrl: `/documents/issued/${d.id}.pdf`,
			verifyUrl: `/verify/${d.verification_code}`
		})),
		fees,
		receipts: receipts.map((r) => ({ id: r.id, amountRial: r.amount_rial, verifiedAt: new Date(r.verified_at!).toISOString(), assessmentId: r.assessment_id }))
	};
}

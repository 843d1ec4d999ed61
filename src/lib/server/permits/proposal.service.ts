/**
 * What the applicant side and the officer do on a two-stage permit besides the workflow actions:
 * submit the proposed building (the proposal-check JSON; the server checks it again and stores it
 * with its answer), upload the engineer's drawings, and, for a proposal the check did not pass, the
 * officer's recorded override with a reason. Each is one transaction, audited in the timeline.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import type { Proposal } from '../../domain/rules';
import type { ProposalCheckResponse } from '../../api/proposal';
import { storageSrid } from '../spatial';
import { checkParcelProposal } from '../rules/proposal-check.service';
import { loadVisibleCase, type VisibleCase } from '../cases/access';
import { caseEnv, inTransaction } from '../cases/context';
import { appendEvent } from '../cases/case-events.repository';
import { checkUploads } from '../cases/uploads';
import { storeDocuments, type AnyUploadInput } from '../documents';
import { stepOf, type StepAutomation } from '../workflows';
import { tehranDate } from '../../domain/working-days';
import type { CaseContext } from '../cases/types';
import { insertProposal, latestProposal, saveStage } from './permit.repository';
import { permitErrors } from './errors';
import { DomainError, type Bilingual } from '../errors';

const hasStep = (v: VisibleCase, kind: StepAutomation['kind']) => v.definition.steps.some((s) => s.automation?.kind === kind);
const atStep = (v: VisibleCase, kind: StepAutomation['kind']) => stepOf(v.definition, v.record.current_step).automation?.kind === kind;

/** Where the applicant side may send the proposal and drawings: the drawings step, or a correction asked at the technical review. */
function applicantMayResubmit(v: VisibleCase): boolean {
	if (v.record.workflow_status !== 'in_progress') return false;
	if (atStep(v, 'plans_and_proposal') && !v.record.waiting) return true;
	return atStep(v, 'proposal_check') && (v.record.waiting as { on?: string } | null)?.on === 'applicant';
}

/** Why this viewer may not file a proposal on the case now; null when they may. */
function filingRefused(v: VisibleCase): DomainError | null {
	if (!hasStep(v, 'plans_and_proposal')) return permitErrors.notPermitCase();
	if (v.side !== 'applicant' && v.side !== 'representative') return permitErrors.applicantOnly();
	if (!applicantMayResubmit(v)) return permitErrors.proposalNotExpected();
	return null;
}

async function applicantCase(trx: Transaction<DB>, user: SessionUser, caseId: number): Promise<VisibleCase> {
	const v = await loadVisibleCase(trx, user, caseId, { forUpdate: true });
	const refused = filingRefused(v);
	if (refused) throw refused;
	return v;
}

/**
 * Whether the case named on the proposal page (`?case=`) takes this viewer's proposal now, and if
 * not why, so the page says so before the form is filled (POST /api/cases/:id/proposal would answer
 * 409). A case the viewer may not see is told apart from no case by nothing.
 */
export interface ProposalFiling {
	caseId: number;
	open: boolean;
	/** The case's tracking code, when the viewer sees the case. */
	trackingCode: string | null;
	/** The case's parcel, when the viewer sees the case: the proposal is checked and filed on it. */
	parcelId: number | null;
	reason: Bilingual | null;
}

export async function proposalFiling(db: Kysely<DB>, user: SessionUser | null, caseId: number): Promise<ProposalFiling> {
	const shut = (reason: Bilingual, v?: VisibleCase): ProposalFiling => ({ caseId, open: false, trackingCode: v?.record.tracking_code ?? null, parcelId: v?.record.parcel_id ?? null, reason });
	if (!user) return shut({ fa: 'برای ثبت طرح همراه درخواست وارد شوید.', en: 'Sign in to submit the proposal with your request.' });
	let v: VisibleCase;
	try {
		v = await loadVisibleCase(db, user, caseId);
	} catch (err) {
		if (err instanceof DomainError) return shut(err.messages);
		throw err;
	}
	const refused = filingRefused(v);
	if (!refused) return { caseId, open: true, trackingCode: v.record.tracking_code, parcelId: v.record.parcel_id, reason: null };
	if (refused.code !== 'proposal_not_expected') return shut(refused.messages, v);
	const step = stepOf(v.definition, v.record.current_step).name;
	const where =
		v.record.workflow_status !== 'in_progress'
			? { fa: 'این درخواست دیگر باز نیست', en: 'This request is no longer open' }
			: v.record.waiting
				? { fa: `درخواست در مرحلهٔ «${step.fa}» منتظر پاسخ است`, en: `The request is waiting at the step "${step.en}"` }
				: { fa: `درخواست اکنون در مرحلهٔ «${step.fa}» است`, en: `The request is now at the step "${step.en}"` };
	return shut({ fa: `${where.fa}؛ ${refused.messages.fa}`, en: `${where.en}. ${refused.messages.en}` }, v);
}

function event(v: VisibleCase, user: SessionUser, at: Date, ip: string | null, action: string, text: string | null, details: Record<string, unknown>) {
	return {
		case_id: v.record.id,
		at: at.toISOString(),
		actor_user_id: user.id,
		actor_role: v.side === 'representative' ? 'representative' : v.side === 'applicant' ? 'citizen' : (user.roles[0]?.role ?? 'staff'),
		action,
		from_step: v.record.current_step,
		to_step: v.record.current_step,
		status: v.record.workflow_status,
		due_on: v.record.due_on,
		text,
		details,
		ip
	};
}

export interface StoredProposal extends ProposalCheckResponse {
	proposal_id: number;
	case_id: number;
}

/**
 * Stores the applicant's proposal on the case after checking it on the server (the same check as
 * POST /api/parcels/:id/proposal-check); a drawn footprint is kept in the storage CRS.
 */
export async function submitProposal(db: Kysely<DB>, user: SessionUser, caseId: number, proposal: Proposal, body: unknown, ctx: CaseContext = {}): Promise<StoredProposal> {
	const env = await caseEnv(db, ctx);
	const srid = await storageSrid(db);
	return inTransaction(db, env, async (trx) => {
		const v = await applicantCase(trx, user, caseId);
		const check = await checkParcelProposal(trx, v.record.parcel_id, proposal, tehranDate(env.now));
		const footprint = proposal.footprint.kind === 'geometry' ? JSON.stringify(proposal.footprint.geometry) : null;
		const id = await insertProposal(trx, {
			case_id: caseId,
			body,
			footprint_geojson: footprint,
			srid,
			check_ok: check.ok,
			check_result: check,
			rule_book_id: Number(check.rule_book.id),
			submitted_by: user.id,
			submitted_at: env.now
		});
		await appendEvent(trx, event(v, user, env.now, env.ip, 'proposal', null, { proposalId: id, ok: check.ok, summary: check.summary }));
		return { ...check, proposal_id: id, case_id: caseId };
	});
}

/** The engineer's drawings (one or more files), stored on the case as `engineering_drawings`. */
export async function uploadDrawings(db: Kysely<DB>, user: SessionUser, caseId: number, files: AnyUploadInput[], ctx: CaseContext = {}): Promise<number[]> {
	const env = await caseEnv(db, ctx);
	const uploads = checkUploads(files.map((f) => ({ ...f, kind: 'engineering_drawings' })));
	if (uploads.length === 0) throw permitErrors.drawingsRequired();
	return inTransaction(db, env, async (trx) => {
		const v = await applicantCase(trx, user, caseId);
		const docs = await storeDocuments(trx, env.files, caseId, user.id, uploads);
		const ids = docs.map((d) => d.id);
		await appendEvent(trx, event(v, user, env.now, env.ip, 'drawings', null, { documentIds: ids }));
		return ids;
	});
}

const REASON_MAX = 1000;

/**
 * The district officer holding the technical review accepts the case's latest proposal although
 * the check did not pass it, with a reason (printed on the permit); their approval of the step,
 * refused until then, follows as a normal workflow action.
 */
export async function overrideProposal(db: Kysely<DB>, user: SessionUser, caseId: number, reason: string, ctx: CaseContext = {}): Promise<void> {
	const env = await caseEnv(db, ctx);
	const text = String(reason ?? '').trim();
	if (!text || text.length > REASON_MAX) throw permitErrors.overrideReasonRequired();
	await inTransaction(db, env, async (trx) => {
		const v = await loadVisibleCase(trx, user, caseId, { forUpdate: true });
		if (v.side !== 'staff') throw permitErrors.notYourStep();
		if (!atStep(v, 'proposal_check') || v.record.workflow_status !== 'in_progress' || v.record.waiting) throw permitErrors.overrideNotExpected();
		const holder = stepOf(v.definition, v.record.current_step).holder;
		const holds =
			holder.role !== 'applicant' &&
			holder.role !== 'agency' &&
			user.roles.some((g) => g.role === holder.role && (!holder.districtScoped || g.districtId === null || g.districtId === v.record.district_id)) &&
			(v.record.assigned_user_id === null || v.record.assigned_user_id === user.id);
		if (!holds) throw permitErrors.notYourStep();
		const proposal = await latestProposal(trx, caseId);
		if (!proposal || proposal.check_ok) throw permitErrors.overrideNotExpected();
		await saveStage(trx, caseId, { override_proposal_id: proposal.id, override_reason: text, override_by: user.id, override_at: env.now });
		await appendEvent(trx, event(v, user, env.now, env.ip, 'proposal_override', text, { proposalId: proposal.id }));
	});
}

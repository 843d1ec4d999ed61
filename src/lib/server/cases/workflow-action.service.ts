import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { NotFoundError } from '../errors';
import { documentKindName, storeDocuments, type AnyUploadInput, type CheckedUpload, type UploadInput } from '../documents';
import { applyAction, isDocumentKind, isReferralVerdict, requestTypeById, stepOf, type CaseAction, type CaseState, type RequestTypeDefinition } from '../workflows';
import { actingAs, isForeignEngineer, loadVisibleCase, onApplicantSide, type VisibleCase } from './access';
import { stateColumns, stateOf } from './case-state';
import { caseEnv, inTransaction, type CaseEnv } from './context';
import { caseErrors, workflowRefusal } from './errors';
import { transitionEvent } from './audit';
import { movedText } from './notifications';
import { openBillLastDay, withBillDeadline } from '../fees/case-billing';
import { checkApplicantKinds, checkUploads, requireDocuments } from './uploads';
import { trustErrors } from './trust-errors';
import { consumeDailyQuota, quotasFromEnv, type DailyQuotas } from './quotas';
import { agencyCaseView } from './agency-scope';
import { documentsFor } from '../workflows/documents';
import { listCaseDocuments } from '../documents/document.repository';
import { getCase } from './read-cases.service';
import { appendEvent } from './case-events.repository';
import { closeTasks, findTask, insertTask, openTask } from './case-tasks.repository';
import { answerReferral, attachToReferral, insertReferral, withdrawReferrals } from './case-referrals.repository';
import { findCase, updateCase } from './cases.repository';
import { idempotentWrite, once, type PriorResult } from './idempotency';
import type { CaseContext, CaseView } from './types';
import { afterTransition, guardManualAction } from '../permits/automation.service';
import { heldMessage, heldReferrals } from './overlay-referrals.service';

interface Performed {
	side: VisibleCase['side'];
	/** The referral an agency answered (its receipt view is built from it). */
	referralId: number | null;
	applicantId: number;
	trackingCode: string;
	definition: RequestTypeDefinition;
	state: CaseState;
}

/** One workflow action on a visible, locked case, with its side effects, inside the caller's transaction. */
async function perform(
	trx: Transaction<DB>,
	env: CaseEnv,
	user: SessionUser,
	visible: VisibleCase,
	action: CaseAction,
	uploads: CheckedUpload[],
	extras: { attach?: readonly number[]; quotas?: DailyQuotas } = {}
): Promise<Performed> {
	const attach = extras.attach ?? [];
	const { record, side, definition } = visible;
	if (side === 'agency' && action.type !== 'agency_reply') throw caseErrors.agencyReadOnly();
	// an agency answers with its verdict (agree, agree with conditions, disagree) as well as its words
	if (action.type === 'agency_reply' && !isReferralVerdict(action.verdict)) throw caseErrors.verdictRequired();
	if (record.poa_status === 'pending' && (action.type === 'approve' || action.type === 'complete')) throw trustErrors.attorneyPendingFirst();
	if (attach.length > 0 && action.type !== 'refer_to_agency') throw caseErrors.documentsNotExpected();
	const state = stateOf(record);
	const actor = actingAs(user, definition, state, action.type === 'withdraw' || action.type === 'applicant_reply' ? onApplicantSide : undefined);
	if (!actor) throw caseErrors.forbidden();
	if (actor.role === 'supervising_engineer' && isForeignEngineer(user, visible)) throw caseErrors.notYourSupervision(visible.permitEngineerId === null);
	const result = applyAction(definition, state, action, actor, env.now, env.calendar);
	if (!result.ok) throw workflowRefusal(result.error);
	await guardManualAction(trx, env.now, definition, record, action);
	// a construction request on a parcel whose overlay requires an agency's referral passes its review only once answered
	if (action.type === 'approve' || action.type === 'complete') {
		const held = await heldReferrals(trx, definition, record);
		if (held.length) throw caseErrors.referralRequired(heldMessage(held));
	}
	// a step that reviews the file (one whose holder may ask for documents) is approved only with the
	// file complete: every document the request type requires of this applicant is on the case
	const reviewsFile = stepOf(definition, state.stepId).transitions.some((t) => t.action === 'request_document');
	if ((action.type === 'approve' || action.type === 'complete') && reviewsFile && actor.role !== 'citizen' && actor.role !== 'representative') {
		await requireCaseDocuments(trx, definition, record);
	}

	if (uploads.length > 0 && action.type !== 'agency_reply' && action.type !== 'applicant_reply') throw caseErrors.documentsNotExpected();
	const at = env.now.toISOString();
	const extra: Record<string, unknown> = {};
	const links: { taskId?: number; referralId?: number } = {};
	switch (action.type) {
		case 'request_document':
		case 'return_to_applicant':
			extra.taskId = await insertTask(trx, {
				case_id: record.id,
				kind: action.type === 'request_document' ? 'document' : 'correction',
				prompt: action.reason,
				document_kinds: action.type === 'request_document' ? [...action.kinds] : [],
				step: record.current_step,
				requested_by: user.id,
				requested_at: at,
				due_on: result.dueOn
			});
			break;
		case 'refer_to_agency':
			extra.referralId = await insertReferral(trx, {
				case_id: record.id,
				agency_kind: action.agency,
				question: action.question,
				step: record.current_step,
				referred_by: user.id,
				referred_at: at,
				due_on: result.dueOn!
			});
			// What the agency will see of the file: the documents the officer hands it.
			if (!(await attachToReferral(trx, record.id, extra.referralId as number, attach))) throw trustErrors.attachmentNotOnCase();
			if (attach.length) extra.attachedDocumentIds = [...new Set(attach)];
			break;
		case 'agency_reply': {
			const referralId = actor.agency ? await answerReferral(trx, record.id, actor.agency, { text: action.reply, verdict: action.verdict ?? null, by: user.id, at }) : null;
			if (referralId === null) throw caseErrors.noOpenReferral();
			extra.referralId = links.referralId = referralId;
			break;
		}
		case 'applicant_reply': {
			checkApplicantKinds(definition, uploads);
			const uploadBytes = uploads.reduce((sum, u) => sum + u.size, 0);
			await consumeDailyQuota(trx, user, { filings: 0, uploadBytes }, env.now, extras.quotas ?? quotasFromEnv());
			const task = await openTask(trx, record.id);
			if (task?.kind === 'document') requireDocuments(task.document_kinds, uploads);
			if (task) extra.taskId = links.taskId = task.id;
			await closeTasks(trx, record.id, { status: 'answered', answer_text: action.note?.trim() || null, answered_by: user.id, answered_at: at });
			break;
		}
		case 'withdraw':
			await closeTasks(trx, record.id, { status: 'cancelled', answered_at: at });
			await withdrawReferrals(trx, record.id);
			break;
	}
	const documents = await storeDocuments(trx, env.files, record.id, user.id, uploads, links);
	if (documents.length) extra.documentIds = documents.map((d) => d.id);

	// into (or back to) the payment step: due when the bill is, not on the step's own clock
	const next = withBillDeadline(definition, result.state, await openBillLastDay(trx, record.id));
	await updateCase(trx, record.id, stateColumns(definition, next, result.audit.text));
	await appendEvent(trx, transitionEvent(record.id, { ...result.audit, dueOn: next.dueOn }, env.ip, extra));
	await afterTransition(trx, env, record.id, { definition, stepId: record.current_step, action: action.type, userId: user.id });
	const after = stateOf((await findCase(trx, record.id))!);
	return {
		side,
		referralId: action.type === 'agency_reply' ? (links.referralId ?? null) : null,
		applicantId: record.applicant_user_id,
		trackingCode: record.tracking_code,
		definition,
		state: after
	};
}

/** Refuses when the case lacks a document its request type requires of its applicant (a case filed online always has them; one brought in otherwise may not). */
async function requireCaseDocuments(trx: Transaction<DB>, definition: RequestTypeDefinition, record: VisibleCase['record']): Promise<void> {
	const required = documentsFor(definition, { type: record.applicant_type, viaRepresentative: record.representative_user_id !== null }).filter((d) => d.required);
	if (required.length === 0) return;
	const have = new Set((await listCaseDocuments(trx, record.id)).map((d) => d.kind));
	const missing = required.filter((d) => !have.has(d.kind));
	if (missing.length) throw caseErrors.caseDocumentsMissing(missing.map((d) => documentKindName(d.kind)));
}

async function notifyApplicant(env: CaseEnv, done: Performed): Promise<void> {
	await env.notify(done.applicantId, movedText(done.definition, done.trackingCode, done.state));
}

/**
 * Acts on a case's current step with the pure state machine: approve, complete, return to the
 * applicant (a correction task), request documents (a document task), refer to an agency (a
 * referral with a due date), reject, the agency's reply (with documents), the applicant's reply,
 * withdraw. Acting on a step one does not hold, a stale or skipped step → 403; a case one may not
 * see → 404; nothing changes on any error.
 */
export async function actOnCase(
	db: Kysely<DB>,
	actor: SessionUser,
	caseId: number,
	/** null: the form named no valid action (refused as an invalid request). */
	action: CaseAction | null,
	/** `attachDocumentIds`: with a referral, the case documents the agency is shown. */
	input: { documents?: AnyUploadInput[]; attachDocumentIds?: number[]; idempotencyKey?: string } = {},
	ctx: CaseContext = {}
): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	if (!action || typeof action !== 'object' || typeof action.stepId !== 'string') throw caseErrors.invalidAction();
	const uploads = checkUploads(input.documents, action.type === 'agency_reply' ? 'agency_reply' : undefined);
	const attach = input.attachDocumentIds ?? [];
	if (!Array.isArray(attach) || !attach.every((id) => Number.isSafeInteger(id) && id > 0)) throw trustErrors.attachmentNotOnCase();
	const write = idempotentWrite(input.idempotencyKey, 'act', { caseId, action, attach }, uploads);
	const outcome = await once(db, actor.id, write, (claim, settle) =>
		inTransaction(db, env, async (trx) => {
			await claim(trx);
			const visible = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
			const performed = await perform(trx, env, actor, visible, action, uploads, { attach, quotas: ctx.quotas });
			const result = { caseId, referralId: performed.side === 'agency' ? performed.referralId : null };
			await settle(trx, result);
			return { ...performed, ...result };
		})
	);
	if (outcome.replayed) return actedView(db, actor, outcome.result, ctx);
	const done = outcome.result;
	await notifyApplicant(env, done);
	return actedView(db, actor, done, ctx);
}

/** What an action answers: the case as the actor now sees it; an agency that replied, its receipt. */
async function actedView(db: Kysely<DB>, actor: SessionUser, done: PriorResult, ctx: CaseContext): Promise<CaseView> {
	// Answering ends the agency's access; its receipt is the referral it answered, as it now stands.
	if (done.referralId !== null) return agencyReceipt(db, actor, done.caseId, done.referralId, ctx);
	return getCase(db, actor, done.caseId, ctx);
}

/** The citizen answers their open task: uploads the requested documents (all of them) and/or a note. */
export async function answerTask(
	db: Kysely<DB>,
	actor: SessionUser,
	taskId: number,
	input: { note?: string; documents?: AnyUploadInput[]; idempotencyKey?: string },
	ctx: CaseContext = {}
): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	const uploads = checkUploads(input.documents);
	const write = idempotentWrite(input.idempotencyKey, 'answer_task', { taskId, note: input.note?.trim() || undefined }, uploads);
	const outcome = await once(db, actor.id, write, (claim, settle) => inTransaction(db, env, async (trx) => {
		await claim(trx);
		const task = Number.isSafeInteger(taskId) && taskId > 0 ? await findTask(trx, taskId) : null;
		if (!task) throw caseErrors.taskNotFound();
		// A task on a case one may not see reads like one that does not exist.
		const visible = await loadVisibleCase(trx, actor, task.case_id, { forUpdate: true }).catch((err) => {
			throw err instanceof NotFoundError ? caseErrors.taskNotFound() : err;
		});
		if (task.status !== 'open') throw caseErrors.taskClosed();
		const reply: CaseAction = {
			type: 'applicant_reply',
			stepId: visible.record.current_step,
			note: input.note,
			documents: uploads.map((u) => u.kind).filter(isDocumentKind)
		};
		const done = await perform(trx, env, actor, visible, reply, uploads, { quotas: ctx.quotas });
		await settle(trx, { caseId: task.case_id, referralId: null });
		return { ...done, caseId: task.case_id };
	}));
	if (!outcome.replayed) await notifyApplicant(env, outcome.result);
	return getCase(db, actor, outcome.result.caseId, ctx);
}

async function agencyReceipt(db: Kysely<DB>, actor: SessionUser, caseId: number, referralId: number, ctx: CaseContext): Promise<CaseView> {
	const record = (await findCase(db, caseId))!;
	const definition = requestTypeById(record.request_type)!;
	return agencyCaseView(db, actor, { record, side: 'agency', definition }, [referralId], ctx.now ?? new Date());
}

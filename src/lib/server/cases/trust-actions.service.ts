import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { recordAudit } from '../auth/audit.repository';
import type { AuditEntry as WorkflowAudit, RequestTypeDefinition, Role } from '../workflows';
import { formatTrackingCode } from '../../domain/tracking-code';
import { loadVisibleCase, type VisibleCase } from './access';
import { stateColumns, stateOf } from './case-state';
import { caseEnv, inTransaction, type CaseEnv } from './context';
import { caseErrors } from './errors';
import { stepActivityEvent, transitionEvent } from './audit';
import { appendEvent } from './case-events.repository';
import { closeTasks } from './case-tasks.repository';
import { withdrawReferrals } from './case-referrals.repository';
import type { CaseRecord } from './cases.repository';
import { getCase } from './read-cases.service';
import { trustErrors } from './trust-errors';
import type { CaseContext, CaseView } from './types';

/**
 * What officers do to keep filings honest (issue 7): decide a representative's power of attorney,
 * and reject spam filings in bulk. Both are for an officer of the case's district or an admin,
 * each in one transaction, recorded on the case timeline and in `audit_events`.
 */

/** The role an officer acts in on a case of this district (null: a parcel outside every district): admin, or a district officer there; null otherwise. */
export function officerRole(user: SessionUser, districtId: number | null): Role | null {
	if (user.roles.some((g) => g.role === 'admin')) return 'admin';
	if (user.roles.some((g) => g.role === 'district_officer' && (g.districtId === null || g.districtId === districtId))) return 'district_officer';
	return null;
}

function requireOfficer(user: SessionUser, visible: VisibleCase): Role {
	const role = visible.side === 'staff' ? officerRole(user, visible.record.district_id) : null;
	if (!role) throw trustErrors.officersOnly();
	return role;
}

function cleanReason(reason: unknown): string {
	const text = typeof reason === 'string' ? reason.trim() : '';
	if (!text) throw trustErrors.reasonRequired();
	return text.slice(0, 2000);
}

/** Closes an open case as rejected by staff, outside the step's own transitions: tasks cancelled, referrals withdrawn, one timeline entry. */
async function rejectByStaff(
	trx: Transaction<DB>,
	env: CaseEnv,
	actor: { id: number; role: Role },
	record: CaseRecord,
	definition: RequestTypeDefinition,
	reason: string,
	details: Record<string, unknown>
): Promise<void> {
	const at = env.now.toISOString();
	const state = { ...stateOf(record), status: 'rejected' as const, waiting: null, assigneeId: null, since: at, dueOn: null };
	await closeTasks(trx, record.id, { status: 'cancelled', answered_at: at });
	await withdrawReferrals(trx, record.id);
	await trx.updateTable('cases').set(stateColumns(definition, state, reason)).where('id', '=', record.id).execute();
	const audit: WorkflowAudit = {
		at,
		actorId: String(actor.id),
		role: actor.role,
		action: 'reject',
		fromStepId: record.current_step,
		toStepId: record.current_step,
		status: 'rejected',
		waiting: null,
		text: reason,
		details,
		dueOn: null
	};
	await appendEvent(trx, transitionEvent(record.id, audit, env.ip));
}

const rejectedText = (trackingCode: string, reason: string) =>
	`پلاک | درخواست با کد رهگیری ${formatTrackingCode(trackingCode)} رد شد. علت: ${reason}`;

/**
 * An officer accepts or refuses the power of attorney a representative filed with. Accepting gives
 * the representative the applicant's rights on the case (and lets the case block the parcel);
 * refusing needs a reason and rejects the case, which was filed on that power alone.
 * @throws NotFoundError for a case the user may not see; ForbiddenError `officers_only`;
 *   ConflictError `no_pending_power_of_attorney`; BadInputError `reason_required`
 */
export async function decidePowerOfAttorney(
	db: Kysely<DB>,
	user: SessionUser,
	caseId: number,
	decision: { accept: boolean; reason?: string | null },
	ctx: CaseContext = {}
): Promise<CaseView> {
	if (typeof decision?.accept !== 'boolean') throw trustErrors.attorneyDecisionInvalid();
	const reason = decision.accept ? (decision.reason?.trim() || null) : cleanReason(decision.reason);
	const env = await caseEnv(db, ctx);
	const done = await inTransaction(db, env, async (trx) => {
		const visible = await loadVisibleCase(trx, user, caseId, { forUpdate: true });
		const role = requireOfficer(user, visible);
		const { record, definition } = visible;
		if (record.poa_status !== 'pending') throw trustErrors.noPendingAttorney();
		if (record.workflow_status !== 'in_progress') throw caseErrors.caseClosed();
		await trx
			.updateTable('cases')
			.set({ poa_status: decision.accept ? 'accepted' : 'refused', poa_decided_by: user.id, poa_decided_at: env.now.toISOString() })
			.where('id', '=', record.id)
			.execute();
		const details = { decision: decision.accept ? 'accepted' : 'refused', documentId: record.power_of_attorney_document_id, representativeId: record.representative_user_id };
		await appendEvent(trx, stepActivityEvent(record, { action: 'power_of_attorney', actorId: user.id, role, at: env.now, text: reason, details }, env.ip));
		if (!decision.accept) await rejectByStaff(trx, env, { id: user.id, role }, record, definition, reason!, { powerOfAttorneyRefused: true });
		await recordAudit(trx, {
			action: decision.accept ? 'case.power_of_attorney_accepted' : 'case.power_of_attorney_refused',
			actorUserId: user.id,
			targetUserId: record.representative_user_id,
			reason,
			details: { caseId: record.id, trackingCode: record.tracking_code, documentId: record.power_of_attorney_document_id },
			client: { ip: env.ip },
			at: env.now
		});
		return record;
	});
	if (!decision.accept) {
		for (const to of [done.applicant_user_id, done.representative_user_id]) if (to !== null) await env.notify(to, rejectedText(done.tracking_code, reason!));
	}
	return getCase(db, user, caseId, ctx);
}

/** Most cases one bulk rejection may take. */
export const MAX_SPAM_BATCH = 100;

/**
 * Rejects several open cases as spam with one reason, all or none in one transaction: every case
 * must be visible to the user, in a district they are an officer of (or they are an admin), and
 * still open — else nothing changes and the refusal names the case. Each case gets a rejection on
 * its timeline, the batch one `case.spam_rejected` audit event; each filer is notified afterwards.
 * @returns the ids rejected, in order
 */
export async function rejectAsSpam(db: Kysely<DB>, user: SessionUser, caseIds: unknown, reason: unknown, ctx: CaseContext = {}): Promise<number[]> {
	if (!Array.isArray(caseIds) || caseIds.length === 0) throw trustErrors.noCasesChosen();
	const ids = [...new Set(caseIds.map(Number))].sort((a, b) => a - b);
	if (ids.length > MAX_SPAM_BATCH) throw trustErrors.tooManyCases(MAX_SPAM_BATCH);
	if (!ids.every((id) => Number.isSafeInteger(id) && id > 0)) throw caseErrors.caseNotFound();
	const text = cleanReason(reason);
	const env = await caseEnv(db, ctx);
	const rejected = await inTransaction(db, env, async (trx) => {
		const records: CaseRecord[] = [];
		for (const id of ids) {
			// In id order, so two batches over the same cases lock them in the same order.
			const visible = await loadVisibleCase(trx, user, id, { forUpdate: true });
			const role = requireOfficer(user, visible);
			if (visible.record.workflow_status !== 'in_progress') throw trustErrors.spamCaseNotOpen(visible.record.tracking_code);
			await rejectByStaff(trx, env, { id: user.id, role }, visible.record, visible.definition, text, { spam: true, batchSize: ids.length });
			records.push(visible.record);
		}
		await recordAudit(trx, {
			action: 'case.spam_rejected',
			actorUserId: user.id,
			reason: text,
			details: { caseIds: ids, trackingCodes: records.map((r) => r.tracking_code) },
			client: { ip: env.ip },
			at: env.now
		});
		return records;
	});
	for (const record of rejected) {
		const to = new Set([record.applicant_user_id, ...(record.poa_status === 'accepted' && record.representative_user_id !== null ? [record.representative_user_id] : [])]);
		for (const userId of to) await env.notify(userId, rejectedText(record.tracking_code, text));
	}
	return rejected.map((r) => r.id);
}

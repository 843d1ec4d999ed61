import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { findActiveUser } from '../auth/users.repository';
import { actingAs, canHoldUnclaimed, loadVisibleCase, requireOpenStaffCase, type VisibleCase } from './access';
import { stateOf } from './case-state';
import { caseEnv, inTransaction } from './context';
import { caseErrors } from './errors';
import { stepActivityEvent } from './audit';
import { getCase } from './read-cases.service';
import { appendEvent } from './case-events.repository';
import { updateCase } from './cases.repository';
import type { CaseContext, CaseView } from './types';

/** The role a staff member claims or hands on a step as: the one that would hold it unclaimed. */
function holdingRole(user: SessionUser, visible: VisibleCase): string {
	return actingAs(user, visible.definition, { ...stateOf(visible.record), assigneeId: null })?.role ?? 'staff';
}

/** Takes the current step into one's own cartable; from then only the claimant acts on it. */
export async function claimCase(db: Kysely<DB>, actor: SessionUser, caseId: number, ctx: CaseContext = {}): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	await inTransaction(db, env, async (trx) => {
		const visible = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		requireOpenStaffCase(visible);
		if (!canHoldUnclaimed(actor, visible)) throw caseErrors.notYourStep();
		const { record } = visible;
		if (record.assigned_user_id === actor.id) return;
		if (record.assigned_user_id !== null) throw caseErrors.alreadyClaimed();
		await updateCase(trx, record.id, { assigned_user_id: actor.id });
		const role = holdingRole(actor, visible);
		await appendEvent(trx, stepActivityEvent(record, { action: 'claim', actorId: actor.id, role, at: env.now }, env.ip));
	});
	return getCase(db, actor, caseId, ctx);
}

/** Hands the current step to a colleague who could hold it (same role, their district); or an admin does. */
export async function assignCase(db: Kysely<DB>, actor: SessionUser, caseId: number, assigneeId: number, ctx: CaseContext = {}): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	await inTransaction(db, env, async (trx) => {
		const visible = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		requireOpenStaffCase(visible);
		const isAdmin = actor.roles.some((g) => g.role === 'admin');
		if (!isAdmin && !canHoldUnclaimed(actor, visible)) throw caseErrors.notYourStep();
		const assignee = Number.isSafeInteger(assigneeId) && assigneeId > 0 ? await findActiveUser(trx, assigneeId) : null;
		if (!assignee || !canHoldUnclaimed(assignee, visible)) throw caseErrors.assigneeCannotHoldStep();
		const { record } = visible;
		await updateCase(trx, record.id, { assigned_user_id: assignee.id });
		const role = isAdmin ? 'admin' : holdingRole(actor, visible);
		const details = { assigneeId: assignee.id, previousAssigneeId: record.assigned_user_id };
		await appendEvent(trx, stepActivityEvent(record, { action: 'assign', actorId: actor.id, role, at: env.now, details }, env.ip));
	});
	return getCase(db, actor, caseId, ctx);
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { actorsFor, loadVisibleCase } from './access';
import { caseEnv, inTransaction } from './context';
import { caseErrors } from './errors';
import { stepActivityEvent } from './audit';
import { newMessageText } from './notifications';
import { getCase } from './read-cases.service';
import { appendEvent } from './case-events.repository';
import { insertMessage } from './case-messages.repository';
import { MESSAGE_MAX_LENGTH, type CaseContext, type CaseView } from './types';

/** A message on the case thread, from the applicant side or staff (agencies read only). Staff messages reach the applicant by SMS. */
export async function postMessage(db: Kysely<DB>, actor: SessionUser, caseId: number, body: string, ctx: CaseContext = {}): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	const text = typeof body === 'string' ? body.trim() : '';
	if (!text) throw caseErrors.messageEmpty();
	if (text.length > MESSAGE_MAX_LENGTH) throw caseErrors.messageTooLong(MESSAGE_MAX_LENGTH);
	const done = await inTransaction(db, env, async (trx) => {
		const visible = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		const { record, side: viewer } = visible;
		if (viewer === 'agency') throw caseErrors.agencyReadOnly();
		const side = viewer === 'staff' ? 'staff' : 'applicant';
		const role = viewer === 'applicant' ? 'citizen' : viewer === 'representative' ? 'representative' : (actorsFor(actor, record.district_id)[0]?.role ?? 'staff');
		const messageId = await insertMessage(trx, { case_id: caseId, author_user_id: actor.id, author_role: role, side, body: text, created_at: env.now.toISOString() });
		await appendEvent(trx, stepActivityEvent(record, { action: 'message', actorId: actor.id, role, at: env.now, details: { messageId, side } }, env.ip));
		return { side, visible };
	});
	if (done.side === 'staff') {
		const { record, definition } = done.visible;
		await env.notify(record.applicant_user_id, newMessageText(definition, record.tracking_code));
	}
	return getCase(db, actor, caseId, ctx);
}

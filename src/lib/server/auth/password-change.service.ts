import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { accountErrors } from './account-errors';
import { hashPassword, verifyPassword } from './password';
import { checkNewPassword } from './password-policy';
import { findPasswordHash, setPasswordHash } from './users.repository';
import { deleteSessionsOfUser } from './sessions.repository';
import { SESSION_COOKIE, sessionIdOf, type ClientInfo, type SessionCookies } from './session.service';
import { openThrottleGate } from './sign-in-throttle';
import { recordAudit } from './audit.repository';
import type { SessionUser } from './types';
import { sendChangeNotice } from './change-notice';
import { createMessageSender } from '../notify/send-caps';
import type { MessageSender } from '../notify/sender';

export interface PasswordChange {
	current: string;
	next: string;
	confirm: string;
}

/**
 * A staff member changes their own password: the current one is required (and wrong ones count
 * towards a throttle like sign-in), the new one must pass the policy, and every other session of
 * the account ends; the one in use stays. Audited, without either password; the staff member's
 * mobile, if the account has one, is told by SMS.
 */
export async function changeOwnPassword(
	db: Kysely<DB>,
	cookies: SessionCookies,
	user: SessionUser,
	input: PasswordChange,
	options: { now?: Date; client?: ClientInfo; sender?: MessageSender } = {}
): Promise<void> {
	const now = options.now ?? new Date();
	if (user.kind !== 'staff') throw accountErrors.staffOnly();
	const current = String(input.current ?? '');
	const next = String(input.next ?? '');
	if (next !== String(input.confirm ?? '')) throw accountErrors.passwordsDiffer();
	checkNewPassword(next, user.username);
	if (next === current) throw accountErrors.passwordUnchanged();

	const gate = await openThrottleGate(db, { account: `password:${user.id}`, address: options.client?.ip }, now);
	try {
		const stored = await findPasswordHash(db, user.id);
		if (!stored || current.length > 200 || !(await verifyPassword(current, stored))) {
			await gate.failed();
			throw accountErrors.currentPasswordWrong();
		}
		await gate.succeeded();
	} finally {
		await gate.release();
	}

	const hash = await hashPassword(next);
	const token = cookies.get(SESSION_COOKIE);
	await db.transaction().execute(async (trx) => {
		await setPasswordHash(trx, user.id, hash, now);
		await deleteSessionsOfUser(trx, user.id, token ? sessionIdOf(token) : undefined);
		await recordAudit(trx, { action: 'password.changed', actorUserId: user.id, targetUserId: user.id, client: options.client, at: now });
	});
	await sendChangeNotice(options.sender ?? createMessageSender(db), [user.mobile], 'password_changed');
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import type { ClientInfo } from '../auth/session.service';
import { recordAudit, listAuditEvents, type AuditEventRow } from '../auth/audit.repository';
import { bindCitizenMobile, findCitizenByNationalId } from '../auth/users.repository';
import { deleteSessionsOfUser } from '../auth/sessions.repository';
import { clearTotp } from '../auth/totp.repository';
import { askRegistry, createIdentityRegistry, type IdentityRegistry } from '../registries';
import { createMessageSender, type MessageSender } from '../notify';
import { sendChangeNotice } from '../auth/change-notice';
import { BadInputError, NotFoundError } from '../errors';
import { validateNationalId } from '../../domain/national-id';
import { normaliseMobile } from '../../domain/mobile';
import { requireAdmin } from './admin.service';
import { findStaffRow } from './staff.repository';

/**
 * Recovery an admin does for someone who lost access: a citizen whose mobile changed gets their
 * account re-bound to the new number, a staff member who lost their phone gets TOTP reset. Each
 * needs a written reason, signs the account out everywhere and is audited with the reason.
 */

const REASON_MIN = 10;

function reasonOf(raw: string): string {
	const reason = String(raw ?? '').trim();
	if (reason.length < REASON_MIN || reason.length > 500) {
		throw new BadInputError('reason_required', {
			fa: `دلیل را بنویسید (دست‌کم ${REASON_MIN.toLocaleString('fa-IR')} نویسه؛ مثلاً مدرکی که دیده شد).`,
			en: `Give the reason (at least ${REASON_MIN} characters; e.g. the document seen).`
		});
	}
	return reason;
}

/**
 * Re-binds a citizen's account to a new mobile after the admin checked who they are (in person,
 * national card). The operator registry is asked too and its answer kept in the audit entry, but
 * it does not decide: the admin's check is the recovery path for when the registry cannot help.
 * Both the old and the new number are told by SMS.
 */
export async function rebindCitizenMobile(
	db: Kysely<DB>,
	actor: SessionUser,
	input: { nationalId: string; mobile: string; reason: string },
	options: { now?: Date; client?: ClientInfo; registry?: IdentityRegistry; sender?: MessageSender } = {}
): Promise<void> {
	requireAdmin(actor);
	const now = options.now ?? new Date();
	const nationalId = validateNationalId(String(input.nationalId ?? ''));
	if (!nationalId.ok) throw new BadInputError(`national_id_${nationalId.code}`, nationalId.message);
	const mobile = normaliseMobile(String(input.mobile ?? ''));
	if (!mobile.ok) throw new BadInputError(`mobile_${mobile.code}`, mobile.message);
	const reason = reasonOf(input.reason);
	const citizen = await findCitizenByNationalId(db, nationalId.value);
	if (!citizen) throw new NotFoundError('citizen_not_found', { fa: 'شهروندی با این کد ملی ثبت نشده است.', en: 'No citizen account has this national id.' });
	if (citizen.mobile === mobile.value) {
		throw new BadInputError('mobile_unchanged', { fa: 'حساب هم‌اکنون به همین شماره متصل است.', en: 'The account is already bound to this number.' });
	}
	const registry = await askRegistry(options.registry ?? createIdentityRegistry(), nationalId.value, mobile.value);
	await db.transaction().execute(async (trx) => {
		await bindCitizenMobile(trx, citizen.id, mobile.value, now);
		await deleteSessionsOfUser(trx, citizen.id);
		await recordAudit(trx, {
			action: 'admin.citizen_mobile_rebound',
			actorUserId: actor.id,
			targetUserId: citizen.id,
			reason,
			details: { from: citizen.mobile, to: mobile.value, registry },
			client: options.client,
			at: now
		});
	});
	await sendChangeNotice(options.sender ?? createMessageSender(db), [citizen.mobile, mobile.value], 'mobile_changed');
}

/** Turns a staff member's TOTP off (lost phone): they enrol again at their next sign-in where required. */
export async function resetStaffTotp(
	db: Kysely<DB>,
	actor: SessionUser,
	userId: number,
	rawReason: string,
	options: { now?: Date; client?: ClientInfo } = {}
): Promise<void> {
	requireAdmin(actor);
	const reason = reasonOf(rawReason);
	const staff = Number.isSafeInteger(userId) && userId > 0 ? await findStaffRow(db, userId) : null;
	if (!staff) throw new NotFoundError('staff_not_found', { fa: 'کارمندی با این شناسه پیدا نشد.', en: 'No such staff account.' });
	await db.transaction().execute(async (trx) => {
		await clearTotp(trx, userId);
		await deleteSessionsOfUser(trx, userId);
		await recordAudit(trx, { action: 'admin.totp_reset', actorUserId: actor.id, targetUserId: userId, reason, client: options.client, at: options.now });
	});
}

/** The audit log for the admin page, newest first. */
export async function auditLog(db: Kysely<DB>, actor: SessionUser, limit = 100): Promise<AuditEventRow[]> {
	requireAdmin(actor);
	return listAuditEvents(db, { limit });
}

import type { Kysely, Transaction } from 'kysely';
import type { AgencyKind, DB, Role } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { ROLES, AGENCY_KINDS } from '../auth/types';
import { ORGANISATION_ROLES } from '../../domain/roles';
import { hashPassword } from '../auth/password';
import { grantRole, insertStaff } from '../auth/users.repository';
import { checkNewPassword } from '../auth/password-policy';
import { containsNationalId } from '../auth/display-name';
import { recordAudit } from '../auth/audit.repository';
import { isDemoMode } from '../auth/mode';
import type { ClientInfo } from '../auth/session.service';
import { BadInputError, DomainError, ForbiddenError, NotFoundError } from '../errors';
import { createMessageSender, listOutbox, type OutboxMessage } from '../notify';
import { normaliseMobile } from '../../domain/mobile';
import { parseDateInput } from '../../components/drawing/date-input';
import { recordClosure, withdrawClosure } from '../calendar/closures';
import type { IsoDate } from '../../domain/working-days';
import type { AdminAuditAction } from '../../domain/audit';
import {
	deleteGrant,
	districtExists,
	findOfficeRow,
	findStaffRow,
	insertOffice,
	licenceTaken,
	listAgencyRows,
	listDistrictRows,
	listGrantRows,
	listOfficeRows,
	listStaffRows,
	listStaffWithRole,
	setUserActive,
	usernameTaken,
	type GrantRow,
	type StaffRow
} from './staff.repository';

/**
 * The admin pages' services: staff accounts, the districts and agencies they work for,
 * engineering offices whose members act as representatives, and the sandbox outbox. Only an
 * admin may use them; everyone else gets 403 and nothing changes.
 */

const ADMIN_ONLY = { fa: 'این بخش فقط برای مدیر سامانه است.', en: 'Only an administrator may do this.' };

export function requireAdmin(actor: SessionUser): void {
	if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('admin_only', ADMIN_ONLY);
}

const STAFF_NOT_FOUND = { fa: 'کارمندی با این شناسه پیدا نشد.', en: 'No such staff account.' };

export interface StaffAccount extends StaffRow {
	grants: GrantRow[];
}

export async function listStaffAccounts(db: Kysely<DB>, actor: SessionUser): Promise<StaffAccount[]> {
	requireAdmin(actor);
	const staff = await listStaffRows(db);
	const grants = await listGrantRows(db, staff.map((s) => s.id));
	return staff.map((s) => ({ ...s, grants: grants.filter((g) => g.user_id === s.id) }));
}

export async function adminDirectory(db: Kysely<DB>, actor: SessionUser) {
	requireAdmin(actor);
	const [districts, agencies, offices, organisations] = await Promise.all([
		listDistrictRows(db),
		listAgencyRows(db),
		listOfficeRows(db),
		db.selectFrom('organisations').select(['id', 'name_fa', 'name_en']).where('active', '=', true).where('code', '<>', 'citizens').orderBy('id').execute()
	]);
	return { districts, agencies, offices, organisations };
}

const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

/** Records an admin action in the audit log, in the action's transaction. */
function audited<T>(db: Kysely<DB>, actor: SessionUser, action: AdminAuditAction, client: ClientInfo | undefined, write: (trx: Transaction<DB>) => Promise<{ result: T; targetUserId?: number | null; details?: Record<string, unknown> }>): Promise<T> {
	return db.transaction().execute(async (trx) => {
		const { result, targetUserId, details } = await write(trx);
		await recordAudit(trx, { action: `admin.${action}`, actorUserId: actor.id, targetUserId: targetUserId ?? null, details, client });
		return result;
	});
}

/** A staff account with a password the admin hands over; roles are granted separately. */
export async function createStaffAccount(
	db: Kysely<DB>,
	actor: SessionUser,
	input: { username: string; displayName: string; password: string; mobile?: string },
	client?: ClientInfo
): Promise<number> {
	requireAdmin(actor);
	const username = String(input.username ?? '').trim().toLowerCase();
	if (!USERNAME.test(username)) {
		throw new BadInputError('username_invalid', {
			fa: 'نام کاربری باید ۳ تا ۴۰ نویسه لاتین باشد و با حرف شروع شود (حروف کوچک، رقم، نقطه، خط تیره).',
			en: 'A username is 3–40 Latin characters starting with a letter (lower case, digits, dot, dash).'
		});
	}
	const displayName = String(input.displayName ?? '').trim();
	if (!displayName || displayName.length > 120) throw new BadInputError('display_name_invalid', { fa: 'نام نمایشی را بنویسید (حداکثر ۱۲۰ نویسه).', en: 'Give a display name (at most 120 characters).' });
	if (containsNationalId(displayName)) {
		throw new BadInputError('display_name_has_national_id', { fa: 'نام نمایشی نباید کد ملی (ده رقم) داشته باشد.', en: 'A display name must not contain a national id (ten digits).' });
	}
	const password = String(input.password ?? '');
	checkNewPassword(password, username);
	let mobile: string | null = null;
	if (input.mobile?.trim()) {
		const m = normaliseMobile(input.mobile);
		if (!m.ok) throw new BadInputError(`mobile_${m.code}`, m.message);
		mobile = m.value;
	}
	if (await usernameTaken(db, username)) {
		throw new DomainError(409, 'username_taken', { fa: `نام کاربری «${username}» پیش‌تر گرفته شده است.`, en: `The username "${username}" is already taken.` });
	}
	const passwordHash = await hashPassword(password);
	return audited(db, actor, 'staff_created', client, async (trx) => {
		// the admin knows this password: the staff member chooses their own at first sign-in (ASVS 2.3.1)
		const id = await insertStaff(trx, { username, passwordHash, displayName, mobile, mustChangePassword: true });
		return { result: id, targetUserId: id, details: { username } };
	});
}

async function staffOrThrow(db: Kysely<DB>, userId: number): Promise<StaffRow> {
	const row = Number.isSafeInteger(userId) && userId > 0 ? await findStaffRow(db, userId) : null;
	if (!row) throw new NotFoundError('staff_not_found', STAFF_NOT_FOUND);
	return row;
}

/** Deactivating signs the account out at once; its cases and audit entries stay as they are. */
export async function setStaffActive(db: Kysely<DB>, actor: SessionUser, userId: number, active: boolean, client?: ClientInfo): Promise<void> {
	requireAdmin(actor);
	await staffOrThrow(db, userId);
	if (!active && userId === actor.id) {
		throw new BadInputError('cannot_deactivate_self', { fa: 'حساب خودتان را نمی‌توانید غیرفعال کنید.', en: 'You cannot deactivate your own account.' });
	}
	await audited(db, actor, active ? 'staff_activated' : 'staff_deactivated', client, async (trx) => ({
		result: await setUserActive(trx, userId, active),
		targetUserId: userId
	}));
}

export interface GrantInput {
	role: string;
	districtId?: number | null;
	agencyKind?: string | null;
	engineeringOfficeId?: number | null;
	/** the utility company a utility_applicant / utility_supervisor acts for */
	organisationId?: number | null;
}

/**
 * Grants a staff role: officers and inspectors in a district (none = city-wide), an agency user
 * in an agency's account group, a representative in an engineering office.
 */
export async function grantStaffRole(db: Kysely<DB>, actor: SessionUser, userId: number, input: GrantInput, client?: ClientInfo): Promise<void> {
	requireAdmin(actor);
	await staffOrThrow(db, userId);
	const role = input.role as Role;
	if (!ROLES.includes(role) || role === 'citizen') {
		throw new BadInputError('role_invalid', { fa: `نقش «${String(input.role)}» برای کارکنان نیست.`, en: `"${String(input.role)}" is not a staff role.` });
	}
	const districtScoped = role === 'district_officer' || role === 'inspector';
	const districtId = districtScoped && input.districtId ? input.districtId : null;
	if (districtId !== null && !(await districtExists(db, districtId))) {
		throw new BadInputError('district_invalid', { fa: 'منطقه انتخاب‌شده وجود ندارد.', en: 'No such district.' });
	}
	let agencyKind: AgencyKind | null = null;
	if (role === 'agency') {
		if (!AGENCY_KINDS.includes(input.agencyKind as AgencyKind)) {
			throw new BadInputError('agency_required', { fa: 'دستگاه همکار را انتخاب کنید.', en: 'Choose the agency.' });
		}
		agencyKind = input.agencyKind as AgencyKind;
	}
	let officeId: number | null = null;
	if (role === 'representative') {
		const office = input.engineeringOfficeId ? await findOfficeRow(db, input.engineeringOfficeId) : null;
		if (!office?.active) {
			throw new BadInputError('office_required', { fa: 'دفتر مهندسی فعال نماینده را انتخاب کنید.', en: 'Choose the representative’s active engineering office.' });
		}
		officeId = office.id;
	}
	let organisationId: number | null = null;
	if ((ORGANISATION_ROLES as readonly string[]).includes(role)) {
		const org = input.organisationId
			? await db.selectFrom('organisations').select(['id', 'active']).where('id', '=', input.organisationId).executeTakeFirst()
			: undefined;
		if (!org?.active) {
			throw new BadInputError('organisation_required', { fa: 'شرکت خدمات شهری (organisationId) این نقش را انتخاب کنید.', en: 'Choose the utility company (organisationId) this role acts for.' });
		}
		organisationId = org.id;
	}
	await audited(db, actor, 'role_granted', client, async (trx) => ({
		result: await grantRole(trx, userId, { role, districtId, agencyKind, engineeringOfficeId: officeId, organisationId }),
		targetUserId: userId,
		details: { role, districtId, agencyKind, engineeringOfficeId: officeId, organisationId }
	}));
}

export async function revokeStaffRole(db: Kysely<DB>, actor: SessionUser, userId: number, grantId: number, client?: ClientInfo): Promise<void> {
	requireAdmin(actor);
	await staffOrThrow(db, userId);
	if (userId === actor.id) {
		throw new BadInputError('cannot_revoke_self', { fa: 'نقش‌های خودتان را نمی‌توانید بگیرید.', en: 'You cannot revoke your own roles.' });
	}
	if (!Number.isSafeInteger(grantId)) throw new NotFoundError('grant_not_found', { fa: 'این نقش پیدا نشد.', en: 'No such role grant.' });
	await audited(db, actor, 'role_revoked', client, async (trx) => {
		const revoked = await deleteGrant(trx, userId, grantId);
		if (!revoked) throw new NotFoundError('grant_not_found', { fa: 'این نقش پیدا نشد.', en: 'No such role grant.' });
		return { result: undefined, targetUserId: userId, details: { role: revoked.role, districtId: revoked.district_id, agencyKind: revoked.agency_kind } };
	});
}

export async function createEngineeringOffice(
	db: Kysely<DB>,
	actor: SessionUser,
	input: { nameFa: string; nameEn?: string; licenceNo: string },
	client?: ClientInfo
): Promise<number> {
	requireAdmin(actor);
	const nameFa = String(input.nameFa ?? '').trim();
	const licenceNo = String(input.licenceNo ?? '').trim();
	if (!nameFa || !licenceNo || nameFa.length > 200 || licenceNo.length > 60) {
		throw new BadInputError('office_invalid', { fa: 'نام دفتر و شماره پروانه اشتغال را بنویسید.', en: 'Give the office’s name and licence number.' });
	}
	if (await licenceTaken(db, licenceNo)) {
		throw new DomainError(409, 'licence_taken', { fa: 'دفتری با این شماره پروانه ثبت شده است.', en: 'An office with this licence number exists.' });
	}
	return audited(db, actor, 'office_created', client, async (trx) => {
		const id = await insertOffice(trx, { nameFa, nameEn: input.nameEn?.trim() || null, licenceNo });
		return { result: id, details: { officeId: id, licenceNo } };
	});
}

/**
 * Records a day the offices close outside the official calendar (air pollution, heat, a power
 * shortage): deadlines count it as a day off from now on, and every open deadline on or after it
 * moves by one working day, in this transaction (calendar/closures.ts). The day is typed as on the
 * other forms: Jalali (۱۴۰۵/۰۹/۱۲) or Gregorian (2026-12-03).
 */
export async function recordOfficeClosure(
	db: Kysely<DB>,
	actor: SessionUser,
	input: { day: string; reasonFa: string; reasonEn?: string | null },
	client?: ClientInfo,
	now: Date = new Date()
): Promise<{ day: IsoDate; moved: number }> {
	requireAdmin(actor);
	const day = parseDateInput(String(input.day ?? ''));
	if (!day) {
		throw new BadInputError('closure_day', {
			fa: 'روز تعطیلی را به شکل ۱۴۰۵/۰۹/۱۲ (یا 2026-12-03) بنویسید.',
			en: 'Give the day of the closure as 1405/09/12 (Jalali) or 2026-12-03.'
		});
	}
	return audited(db, actor, 'office_closure_recorded', client, async (trx) => {
		const { moved } = await recordClosure(trx, actor, { day, reasonFa: input.reasonFa, reasonEn: input.reasonEn }, { now, ip: client?.ip ?? null });
		return { result: { day, moved }, details: { day, deadlinesMoved: moved } };
	});
}

/**
 * Withdraws a closure recorded for a later day (called off): the day is a working day again and the
 * deadlines it had moved move back, in this transaction (calendar/closures.ts). Audited with the reason.
 */
export async function withdrawOfficeClosure(
	db: Kysely<DB>,
	actor: SessionUser,
	input: { day: string; reasonFa: string },
	client?: ClientInfo,
	now: Date = new Date()
): Promise<{ day: IsoDate; moved: number }> {
	requireAdmin(actor);
	const day = parseDateInput(String(input.day ?? ''));
	if (!day) throw new BadInputError('closure_day', { fa: 'روز تعطیلی نامعتبر است.', en: 'The day of the closure is not a valid date.' });
	return audited(db, actor, 'office_closure_withdrawn', client, async (trx) => {
		const { moved } = await withdrawClosure(trx, actor, { day, reasonFa: input.reasonFa }, { now, ip: client?.ip ?? null });
		return { result: { day, moved }, details: { day, deadlinesMovedBack: moved, reason: input.reasonFa } };
	});
}

/** Six digits in a row, Latin or Persian: a one-time code in a message body. */
const CODE_IN_TEXT = /(?<![0-9۰-۹])[0-9۰-۹]{6}(?![0-9۰-۹])/g;

/**
 * The sandbox outbox, newest first: demo citizens read their sign-in codes here. Outside demo
 * mode the codes are masked: one-time codes are never shown in plaintext to anyone.
 */
export async function sandboxOutbox(db: Kysely<DB>, actor: SessionUser, limit = 100, demo = isDemoMode()): Promise<OutboxMessage[]> {
	requireAdmin(actor);
	const messages = await listOutbox(db, { limit });
	return demo ? messages : messages.map((m) => ({ ...m, body: m.body.replace(CODE_IN_TEXT, '••••••') }));
}

/** Colleagues who could hold a step with this role in this district (for assigning a case). */
export async function colleaguesFor(db: Kysely<DB>, role: string | null, districtId: number | null) {
	if (!role || !ROLES.includes(role as Role) || role === 'citizen' || role === 'agency') return [];
	return listStaffWithRole(db, role as Role, districtId);
}

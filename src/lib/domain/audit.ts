/**
 * Every event `audit_events` holds: the append-only log of what happens outside a case's own timeline
 * (sign-ins, passwords, the administrator's actions, document downloads). Stored as these codes; /admin
 * names each in the reader's language (`auditMessageKey`), so a new event cannot be logged unnamed.
 */
export const ADMIN_AUDIT_ACTIONS = [
	'staff_created',
	'staff_activated',
	'staff_deactivated',
	'role_granted',
	'role_revoked',
	'office_created',
	'office_closure_recorded',
	'office_closure_withdrawn',
	'citizen_mobile_rebound',
	'totp_reset'
] as const;
export type AdminAuditAction = (typeof ADMIN_AUDIT_ACTIONS)[number];

export const AUDIT_ACTIONS = [
	'sign_in.staff',
	'sign_in.citizen',
	'sign_in.failed',
	'sign_out',
	'password.changed',
	'totp.enabled',
	'citizen.mobile_rebound',
	'document.downloaded',
	...ADMIN_AUDIT_ACTIONS.map((a) => `admin.${a}` as const),
	'case.legacy_closed',
	'case.spam_rejected',
	'case.power_of_attorney_accepted',
	'case.power_of_attorney_refused'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The message naming an audit event: `audit_action.` and its code with `_` for `.` (`sign_in.staff` → `audit_action.sign_in_staff`). */
export function auditMessageKey(action: string): string {
	return `audit_action.${action.replaceAll('.', '_')}`;
}

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

export function isAuditAction(value: string): value is AuditAction {
	return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * The kinds of event the audit page filters by besides single codes: what a security officer asks
 * for first (every sign-in event, the refused ones, what the administrators did, what was done to cases).
 */
export const AUDIT_ACTION_GROUPS = {
	sign_ins: ['sign_in.staff', 'sign_in.citizen', 'sign_in.failed', 'sign_out'],
	failed_sign_ins: ['sign_in.failed'],
	account_security: ['password.changed', 'totp.enabled', 'citizen.mobile_rebound', 'admin.citizen_mobile_rebound', 'admin.totp_reset'],
	admin: ADMIN_AUDIT_ACTIONS.map((a) => `admin.${a}` as const),
	cases: ['case.legacy_closed', 'case.spam_rejected', 'case.power_of_attorney_accepted', 'case.power_of_attorney_refused'],
	documents: ['document.downloaded']
} as const satisfies Record<string, readonly AuditAction[]>;
export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;

export function isAuditActionGroup(value: string): value is AuditActionGroup {
	return Object.hasOwn(AUDIT_ACTION_GROUPS, value);
}

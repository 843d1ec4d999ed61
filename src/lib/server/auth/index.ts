/**
 * Accounts, roles and sign-in. Citizens: national id + mobile (checked with the operator registry)
 * + one-time code; staff: username + password (+ TOTP); both end in a session cookie
 * (`pelak_session`) resolved once per request into `locals.user`.
 */
export {
	resolveSession,
	createSession,
	signOut,
	SESSION_COOKIE,
	PENDING_COOKIE,
	SESSION_POLICY,
	type SessionCookies,
	type ClientInfo
} from './session.service';
export { requestSignInCode, verifySignInCode, CODE_TTL_MS, CODE_MAX_ATTEMPTS, MOBILE_REVERIFY_MS } from './citizen-sign-in.service';
export { signInStaff, completeStaffTotp, completeStaffEnrolment, pendingStaffSignIn, type StaffSignIn } from './staff-sign-in.service';
export { beginTotpEnrolment, confirmTotpEnrolment, isTotpEnabled, type TotpEnrolment } from './totp-enrolment.service';
export { changeOwnPassword, type PasswordChange } from './password-change.service';
export { checkNewPassword, MIN_PASSWORD } from './password-policy';
export { requireUser, hasRole, safeRedirectPath, type LocalsWithUser } from './guards';
export { landingAfterSignIn, workspaceOf } from './landing';
export { hashPassword, verifyPassword } from './password';
export { SignInError, RateLimitedError } from './errors';
export { ROLES, AGENCY_KINDS, type Role, type AgencyKind, type RoleGrant, type SessionUser } from './types';
export { grantRole, insertStaff } from './users.repository';
export { seedDemoAccounts, DEMO_PASSWORD, DEMO_CITIZENS, type DemoAccount } from './demo-accounts';
export { pruneExpiredSignInRecords, startMaintenanceSchedule, stopMaintenanceSchedule, type CleanupReport } from './maintenance';
export { recordAudit, listAuditEvents, type AuditEntry, type AuditEventRow } from './audit.repository';
export { isDemoMode } from './mode';
export { containsNationalId, citizenDisplayName } from './display-name';

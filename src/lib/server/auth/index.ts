/**
 * Accounts, roles and sign-in. Citizens: national id + mobile + one-time code; staff: username +
 * password; both end in a session cookie (`pelak_session`) resolved once per request into `locals.user`.
 */
export { resolveSession, createSession, signOut, SESSION_COOKIE, type SessionCookies, type ClientInfo } from './session.service';
export { requestSignInCode, verifySignInCode, CODE_TTL_MS, CODE_MAX_ATTEMPTS } from './citizen-sign-in.service';
export { signInStaff } from './staff-sign-in.service';
export { requireUser, hasRole, safeRedirectPath, type LocalsWithUser } from './guards';
export { hashPassword, verifyPassword } from './password';
export { SignInError, RateLimitedError } from './errors';
export { ROLES, AGENCY_KINDS, type Role, type AgencyKind, type RoleGrant, type SessionUser } from './types';
export { grantRole, insertStaff } from './users.repository';
export { seedDemoAccounts, DEMO_PASSWORD, DEMO_CITIZENS, type DemoAccount } from './demo-accounts';
export { pruneExpiredSignInRecords } from './maintenance';

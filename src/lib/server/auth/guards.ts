import { error, redirect } from '@sveltejs/kit';
import type { Lang } from '../../i18n/lang';
import type { AgencyKind, Role, SessionUser } from './types';
import { sameSitePath } from '../security/redirects';

/** What a page or action needs from `locals`: the signed-in user, if any. */
export interface LocalsWithUser {
	user?: SessionUser | null;
	lang?: Lang;
}

/**
 * Whether `user` holds `role`, optionally in a given district or agency. A grant without a
 * district (null) is city-wide and covers every district.
 */
export function hasRole(
	user: SessionUser | null | undefined,
	role: Role,
	scope: { districtId?: number | null; agencyKind?: AgencyKind } = {}
): boolean {
	return !!user?.roles.some(
		(grant) =>
			grant.role === role &&
			(scope.districtId == null || grant.districtId === null || grant.districtId === scope.districtId) &&
			(scope.agencyKind === undefined || grant.agencyKind === scope.agencyKind)
	);
}

const PASSWORD_PAGE = '/account/password';

/**
 * The signed-in user, or: an anonymous visitor is sent to /login (coming back to `from` after
 * signing in), a staff member still on an admin-given password to /account/password, and a user
 * holding none of `roles` gets 403. Admins are not let in implicitly: list 'admin' where an admin
 * belongs.
 *
 * @example const user = requireUser(locals, ['district_officer', 'inspector'], url);
 */
export function requireUser(locals: LocalsWithUser, roles?: readonly Role[], from?: URL): SessionUser {
	const user = locals.user ?? null;
	if (!user) {
		const back = from ? `?redirect=${encodeURIComponent(from.pathname + from.search)}` : '';
		redirect(303, `/login${back}`);
	}
	if (user.mustChangePassword && from && from.pathname !== PASSWORD_PAGE) redirect(303, PASSWORD_PAGE);
	if (roles && roles.length > 0 && !roles.some((role) => hasRole(user, role))) {
		const fa = 'شما اجازهٔ دسترسی به این بخش را ندارید.';
		const en = 'You are not allowed to use this page.';
		error(403, { message: locals.lang === 'en' ? en : fa, code: 'forbidden' });
	}
	return user;
}

/**
 * Where to go after signing in: the `redirect` parameter if it is a path on this site (see
 * `sameSitePath`: no absolute URLs, `//host`, backslash or control-character tricks), else `/`;
 * never back to the sign-in or sign-out pages themselves.
 */
export function safeRedirectPath(raw: string | null | undefined): string {
	const target = sameSitePath(raw);
	return /^\/(login(?=[?#]|$)|logout)/.test(target) ? '/' : target;
}

import type { SessionUser } from '../auth';
import type { Role } from '../workflows/roles';
import { DomainError, ForbiddenError } from '../errors';

/** Council members and management (administrators) see the dashboards and the cases behind them. */
export const DASHBOARD_ROLES: readonly Role[] = ['council_member', 'admin'];

export function mayViewDashboard(user: SessionUser | null | undefined): boolean {
	return !!user && user.roles.some((r) => DASHBOARD_ROLES.includes(r.role));
}

export function requireDashboardViewer(user: SessionUser | null | undefined): SessionUser {
	if (!user) throw new DomainError(401, 'sign_in_required', { fa: 'ابتدا وارد سامانه شوید.', en: 'Sign in first.' });
	if (!mayViewDashboard(user)) {
		throw new ForbiddenError('forbidden', { fa: 'این بخش برای اعضای شورا و مدیران است.', en: 'This is for council members and managers.' });
	}
	return user;
}

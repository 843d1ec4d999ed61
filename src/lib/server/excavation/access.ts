import { hasRole } from '../auth/guards';
import type { SessionUser } from '../auth/types';
import { DomainError, ForbiddenError } from '../errors';

/**
 * Who may take the whole-city export of works: staff who review or map them (the municipality's
 * excavation officer and inspector among them), and the utilities: the utility companies' own
 * staff (applicants and site supervisors, who coordinate their digs with everyone else's) and the
 * utilities agency. The export carries nothing personal, but all the city's trenches in one file
 * trace the water, gas, power and telecom networks, which the public map shows only area by area:
 * visitors, citizens and other agencies do not get it.
 */
export function mayExportWorks(user: SessionUser | null): boolean {
	return (
		hasRole(user, 'admin') ||
		hasRole(user, 'excavation_officer') ||
		hasRole(user, 'excavation_inspector') ||
		hasRole(user, 'district_officer') ||
		hasRole(user, 'inspector') ||
		hasRole(user, 'planner') ||
		hasRole(user, 'agency', { agencyKind: 'utilities' }) ||
		hasRole(user, 'utility_applicant') ||
		hasRole(user, 'utility_supervisor')
	);
}

/** @throws DomainError 401 `sign_in_required` for a visitor, ForbiddenError 403 for anyone else not allowed. */
export function assertMayExportWorks(user: SessionUser | null): void {
	if (!user) {
		throw new DomainError(401, 'sign_in_required', {
			fa: 'برای گرفتن خروجی کارهای حفاری وارد سامانه شوید.',
			en: 'Sign in to export the excavation works.'
		});
	}
	if (!mayExportWorks(user)) {
		throw new ForbiddenError('forbidden', {
			fa: 'خروجی کارهای حفاری فقط برای کارکنان شهرداری و شرکت‌های خدمات شهری است.',
			en: 'The excavation works export is for municipal staff and the utilities only.'
		});
	}
}

/**
 * What a signed-in user is to an excavation work: the municipality's officer or inspector, or the
 * applicant / site supervisor of the organisation whose work it is (a citizen who filed their own
 * house connection is both). Anyone else cannot see the work at all: the same 404 as for no such id.
 */
import { hasRole } from '../auth/guards';
import type { SessionUser } from '../auth/types';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { toPersianDigits } from '../../domain/text';
import type { WorksActor } from '../../domain/excavation/lifecycle';
import type { AgencyKind } from '../../domain/roles';

/** The organisations the user acts for, by role. */
export function organisationsOf(user: SessionUser, role: 'utility_applicant' | 'utility_supervisor'): number[] {
	return user.roles.filter((g) => g.role === role && g.organisationId != null).map((g) => g.organisationId!);
}

/** The agencies the user answers for (protected-area referrals reach them by kind). */
export function agencyKindsOf(user: SessionUser): AgencyKind[] {
	return [...new Set(user.roles.filter((g) => g.role === 'agency' && g.agencyKind != null).map((g) => g.agencyKind!))];
}

/** Municipal staff who see every work: the excavation officer and inspector, and admins (read only). */
export function isExcavationStaff(user: SessionUser | null | undefined): boolean {
	return hasRole(user, 'excavation_officer') || hasRole(user, 'excavation_inspector') || hasRole(user, 'admin');
}

export function actorsFor(user: SessionUser, work: { organisation_id: number; applicant_user_id: number | null; organisation_code: string }): WorksActor[] {
	const actors: WorksActor[] = [];
	if (hasRole(user, 'excavation_officer')) actors.push('officer');
	if (hasRole(user, 'excavation_inspector')) actors.push('inspector');
	if (organisationsOf(user, 'utility_applicant').includes(work.organisation_id)) actors.push('applicant');
	if (organisationsOf(user, 'utility_supervisor').includes(work.organisation_id)) actors.push('supervisor');
	const ownConnection = work.organisation_code === CITIZENS_ORGANISATION && work.applicant_user_id === user.id;
	if (ownConnection) actors.push('applicant', 'supervisor');
	return actors;
}

/** The organisation citizens' house connections are filed under (migrations/0090). */
export const CITIZENS_ORGANISATION = 'citizens';

export const notFound = (id: number | string) =>
	new NotFoundError('excavation_not_found', { fa: toPersianDigits(`کار حفاری با شناسهٔ ${id} پیدا نشد.`), en: `No excavation works has id ${id}.` });

/** @throws 404 unless the user may see the work (staff, its organisation's staff, the citizen who filed it). */
export function assertMaySee(user: SessionUser, work: Parameters<typeof actorsFor>[1] & { id: number }): WorksActor[] {
	const actors = actorsFor(user, work);
	if (actors.length === 0 && !isExcavationStaff(user)) throw notFound(work.id);
	return actors;
}

export const signInRequired = () =>
	new DomainError(401, 'sign_in_required', {
		fa: 'برای درخواست مجوز حفاری وارد سامانه شوید.',
		en: 'Sign in to apply for an excavation permit.'
	});

export const notAnApplicant = () =>
	new ForbiddenError('not_an_applicant', {
		fa: 'فقط متقاضیان شرکت‌های خدمات شهری، و شهروندان برای انشعاب خانگی، درخواست حفاری ثبت می‌کنند.',
		en: 'Only utility companies’ applicants, and citizens for a house connection, file excavation applications.'
	});

export const referralNotFound = (referralId: number | string, reference: string) =>
	new NotFoundError('referral_not_found', {
		fa: toPersianDigits(`استعلامی با شناسهٔ ${referralId} برای کار ${reference} پیدا نشد.`),
		en: `Works ${reference} has no referral with id ${referralId}.`
	});

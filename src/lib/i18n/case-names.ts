/**
 * Domain values of a case in words: roles and agencies from their client-safe tables, actions and
 * statuses from the catalogue. A value without a name is shown as stored rather than hidden.
 */
import { AGENCY_NAMES, ROLE_NAMES, isAgencyKind, isRole } from '../domain/roles';
import type { Lang } from './lang';
import { isMessageKey, t } from './t';

function named(lang: Lang, section: 'case_action' | 'case_do' | 'case_status' | 'case_side', value: string): string | null {
	const key = `${section}.${value}`;
	return isMessageKey(key) ? t(lang, key) : null;
}

/** A role, or the acting side of a case (applicant, staff) as the timeline names it. */
export function roleName(lang: Lang, role: string | null): string {
	if (!role) return '—';
	return isRole(role) ? ROLE_NAMES[role][lang] : (named(lang, 'case_side', role) ?? role);
}

export function agencyName(lang: Lang, kind: string | null): string {
	if (!kind) return '—';
	return isAgencyKind(kind) ? AGENCY_NAMES[kind][lang] : kind;
}

export const actionName = (lang: Lang, action: string): string => named(lang, 'case_action', action) ?? action;

/** What the form and button of an action say: a command ("Approve the step"), where the timeline says what was done. */
export const actionCommand = (lang: Lang, action: string): string => named(lang, 'case_do', action) ?? actionName(lang, action);

export const statusName = (lang: Lang, status: string): string => named(lang, 'case_status', status) ?? status;

/** Who a case waits on, in words: the applicant, an agency, or the step's holder role. */
export function holderText(
	lang: Lang,
	c: { waitingOn: string | null; holderRole: string | null; holderAgency: string | null; status: string }
): string {
	if (c.status !== 'in_progress') return '—';
	if (c.waitingOn === 'applicant' || c.holderRole === 'applicant') return roleName(lang, 'applicant');
	if (c.holderAgency) return agencyName(lang, c.holderAgency);
	return roleName(lang, c.holderRole);
}

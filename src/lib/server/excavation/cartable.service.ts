/**
 * The works cartable (`/excavations`): what waits for this user, by deadline, with what is overdue
 * flagged, and the latest works they may see. The excavation officer's inbox holds works to
 * review and emergency works to regularise; the inspector's, reinstatements to inspect; a
 * utility applicant's, fees to pay; a site supervisor's, works to start, finish and remedy. An
 * agency's holds the protected-area referrals waiting for its answer, and nothing else.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { hasRole } from '../auth/guards';
import { tehranDate } from '../../domain/working-days';
import type { WorksInbox } from '../../domain/excavation/lifecycle';
import { agencyKindsOf, CITIZENS_ORGANISATION, isExcavationStaff, organisationsOf } from './actors';
import { selectAgencyReferrals, selectInbox, selectRecentWorks, type AgencyReferralRow, type CartableRow, type InboxQuery } from './cartable.repository';

export const CARTABLE_PAGE = 100;

export interface CartableItem extends CartableRow {
	overdue: boolean;
}

export interface WorksCartable {
	inboxes: WorksInbox[];
	tab: 'inbox' | 'overdue' | 'all';
	items: CartableItem[];
	/** whether the user may file applications (the drawing page) */
	mayFile: boolean;
	/** whether the user works works at all (an agency only answers referrals) */
	showsWorks: boolean;
	/** an agency's referrals waiting for its answer, the oldest deadline first */
	referrals: (AgencyReferralRow & { overdue: boolean })[];
}

/** The inboxes this user reads, each with its scope. */
export function inboxScopes(user: SessionUser): Omit<InboxQuery, 'limit' | 'dueBefore'>[] {
	const scopes: Omit<InboxQuery, 'limit' | 'dueBefore'>[] = [];
	if (hasRole(user, 'excavation_officer')) scopes.push({ inbox: 'officer' });
	if (hasRole(user, 'excavation_inspector')) scopes.push({ inbox: 'inspector' });
	const applicantOrgs = organisationsOf(user, 'utility_applicant');
	if (applicantOrgs.length) scopes.push({ inbox: 'applicant', organisationIds: applicantOrgs });
	const supervisorOrgs = organisationsOf(user, 'utility_supervisor');
	if (supervisorOrgs.length) scopes.push({ inbox: 'supervisor', organisationIds: supervisorOrgs });
	if (user.kind === 'citizen') scopes.push({ inbox: 'applicant', applicantUserId: user.id }, { inbox: 'supervisor', applicantUserId: user.id });
	return scopes;
}

export async function worksCartable(db: Kysely<DB>, user: SessionUser, tabParam: string | null, { now = new Date() } = {}): Promise<WorksCartable> {
	const today = tehranDate(now);
	const tab = tabParam === 'overdue' || tabParam === 'all' ? tabParam : 'inbox';
	const scopes = inboxScopes(user);
	const kinds = agencyKindsOf(user);
	const referrals = (await selectAgencyReferrals(db, kinds, CARTABLE_PAGE)).map((r) => ({ ...r, overdue: r.due_on !== null && r.due_on < today }));
	const mayFile = organisationsOf(user, 'utility_applicant').length > 0 || user.kind === 'citizen';
	const showsWorks = scopes.length > 0 || isExcavationStaff(user) || mayFile;
	let rows: CartableRow[];
	if (!showsWorks) rows = [];
	else if (tab === 'all') {
		const orgs = [...new Set([...organisationsOf(user, 'utility_applicant'), ...organisationsOf(user, 'utility_supervisor')])];
		rows = isExcavationStaff(user)
			? await selectRecentWorks(db, {}, CARTABLE_PAGE)
			: orgs.length
				? await selectRecentWorks(db, { organisationIds: orgs }, CARTABLE_PAGE)
				: await selectRecentWorks(db, { applicantUserId: user.id }, CARTABLE_PAGE);
	} else {
		const pages = await Promise.all(scopes.map((s) => selectInbox(db, { ...s, dueBefore: tab === 'overdue' ? today : null, limit: CARTABLE_PAGE })));
		const seen = new Set<number>();
		rows = pages
			.flat()
			.filter((r) => !seen.has(r.id) && seen.add(r.id))
			.sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? '') || a.id - b.id)
			.slice(0, CARTABLE_PAGE);
	}
	return {
		inboxes: [...new Set(scopes.map((s) => s.inbox))],
		tab,
		items: rows.map((r) => ({ ...r, overdue: r.due_on !== null && r.due_on < today })),
		mayFile,
		showsWorks,
		referrals
	};
}

/** Whether the user has a works cartable at all (an agency's holds its excavation referrals). */
export function hasWorksCartable(user: SessionUser | null | undefined): boolean {
	return !!user && (isExcavationStaff(user) || user.roles.some((g) => g.organisationId != null) || user.kind === 'citizen' || agencyKindsOf(user).length > 0);
}

export { CITIZENS_ORGANISATION };

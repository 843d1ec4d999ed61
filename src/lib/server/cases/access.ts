import type { AgencyKind } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { isHeldBy, requestTypeById, type Actor, type CaseState, type RequestTypeDefinition, type Role } from '../workflows';
import { findCase, type CaseRecord, type Executor } from './cases.repository';
import { agenciesWithOpenReferral } from './case-referrals.repository';
import { actedOnCaseAs } from './case-events.repository';
import { caseErrors } from './errors';
import { stateOf } from './case-state';
import type { HolderScope } from './case-lists.repository';
import type { CaseSide } from './types';
import { parcelEngineerUserId } from '../supervision/assignments.repository';

/**
 * Who may see a case, and as whom they act on it. The rules of issue 3:
 * - a citizen sees only their own cases; a representative only cases they filed or were granted,
 *   and only once an officer accepted their power of attorney (issue 7: until then, none);
 * - district officers and inspectors see only cases in their districts (a grant without a
 *   district is city-wide); planners and admins are city-wide;
 * - an agency only cases with a referral to it still open, and of those only the referral (see
 *   agency-scope.ts), read-only apart from its reply; once it is answered or withdrawn, nothing;
 * - a supervising engineer only cases at a step their role holds (see atSupervisingStep), and only
 *   on the building whose permit they supervise: another engineer is told so (403), the case is not
 *   in their cartable and they cannot claim or act on it (issue 7 §2, least privilege).
 * Anyone else gets the same 404 as for a case that does not exist, so ids cannot be probed.
 */
const DISTRICT_ROLES: ReadonlySet<Role> = new Set(['district_officer', 'inspector']);
const CITY_WIDE_ROLES: ReadonlySet<Role> = new Set(['planner', 'admin']);

export function caseSide(user: SessionUser, record: CaseRecord, referred: readonly AgencyKind[], supervisedByUser = false): CaseSide | null {
	const roles = user.roles;
	if (record.applicant_user_id === user.id && roles.some((g) => g.role === 'citizen')) return 'applicant';
	if (record.representative_user_id === user.id && record.poa_status === 'accepted' && roles.some((g) => g.role === 'representative')) return 'representative';
	if (roles.some((g) => CITY_WIDE_ROLES.has(g.role))) return 'staff';
	if (roles.some((g) => DISTRICT_ROLES.has(g.role) && (g.districtId === null || g.districtId === record.district_id))) return 'staff';
	if (roles.some((g) => g.role === 'agency' && g.agencyKind !== null && referred.includes(g.agencyKind))) return 'agency';
	if (roles.some((g) => g.role === 'supervising_engineer') && (supervisedByUser || atSupervisingStep(user, record))) return 'staff';
	return null;
}

/**
 * Supervising engineers are tied to no district, so no district grant shows them a case: they see one
 * while it stands at a step their role holds (a certificate's supervisor report), unclaimed or claimed
 * by them — the cases their cartable lists — and keep sight of a case once they have acted on it.
 */
function atSupervisingStep(user: SessionUser, record: CaseRecord): boolean {
	const step = requestTypeById(record.request_type)?.steps.find((s) => s.id === record.current_step);
	if (step?.holder.role !== 'supervising_engineer') return false;
	return record.assigned_user_id === null || record.assigned_user_id === user.id;
}

/** A case as one user sees it: the row, how they relate to it, and its request type. */
export interface VisibleCase {
	record: CaseRecord;
	side: CaseSide;
	definition: RequestTypeDefinition;
	/**
	 * At a supervising engineer's step: the user id of the engineer assigned to the permit of the
	 * case's parcel (null: none), the only engineer who may hold the step. Undefined at other steps.
	 */
	permitEngineerId?: number | null;
}

const atEngineerStep = (record: CaseRecord): boolean =>
	requestTypeById(record.request_type)?.steps.find((s) => s.id === record.current_step)?.holder.role === 'supervising_engineer';

/** Whether this user would act on the case as a supervising engineer who does not supervise its building. */
export function isForeignEngineer(user: SessionUser, visible: VisibleCase): boolean {
	return visible.permitEngineerId !== undefined && visible.permitEngineerId !== user.id && user.roles.some((g) => g.role === 'supervising_engineer');
}

/** The case, if this user may see it; 404 otherwise. */
export async function loadVisibleCase(db: Executor, user: SessionUser, caseId: number, options: { forUpdate?: boolean } = {}): Promise<VisibleCase> {
	if (!Number.isSafeInteger(caseId) || caseId <= 0) throw caseErrors.caseNotFound();
	const record = await findCase(db, caseId, options);
	if (!record) throw caseErrors.caseNotFound();
	const supervisor = user.roles.some((g) => g.role === 'supervising_engineer');
	const supervised = supervisor && (await actedOnCaseAs(db, caseId, user.id, 'supervising_engineer'));
	const agency = user.roles.some((g) => g.role === 'agency');
	const referred = agency ? await agenciesWithOpenReferral(db, caseId) : [];
	const permitEngineerId = atEngineerStep(record) ? await parcelEngineerUserId(db, record.parcel_id) : undefined;
	let side = caseSide(user, record, referred, supervised);
	if (supervisor && permitEngineerId !== undefined && permitEngineerId !== user.id) {
		// another engineer's work: seen only through another role, if the user has one
		side = caseSide({ ...user, roles: user.roles.filter((g) => g.role !== 'supervising_engineer') }, record, referred);
		if (!side) throw caseErrors.notYourSupervision(permitEngineerId === null);
	}
	const definition = requestTypeById(record.request_type);
	if (!side || !definition) throw caseErrors.caseNotFound();
	return { record, side, definition, permitEngineerId };
}

/**
 * Every role the user could act in on this case, as workflow actors. A city-wide grant
 * (district null) is read as the case's own district.
 */
export function actorsFor(user: SessionUser, districtId: number): Actor[] {
	const userId = String(user.id);
	const actors: Actor[] = [];
	const seen = new Set<string>();
	for (const grant of user.roles) {
		if (grant.role === 'agency') {
			if (grant.agencyKind) actors.push({ userId, role: 'agency', agency: grant.agencyKind });
			continue;
		}
		if (seen.has(grant.role)) continue;
		seen.add(grant.role);
		const districtIds = user.roles
			.filter((g) => g.role === grant.role)
			.map((g) => g.districtId ?? districtId);
		actors.push({ userId, role: grant.role, districtIds });
	}
	return actors;
}

/** Acting for the applicant side: the owner, or their representative. */
export const onApplicantSide = (a: Actor): boolean => a.role === 'citizen' || a.role === 'representative';

/** The actor the user acts as: the one holding the case now, else the first (whose error then explains). */
export function actingAs(user: SessionUser, definition: RequestTypeDefinition, state: CaseState, prefer?: (a: Actor) => boolean): Actor | null {
	const actors = actorsFor(user, state.districtId);
	return (prefer && actors.find(prefer)) ?? actors.find((a) => isHeldBy(definition, state, a)) ?? actors[0] ?? null;
}

/** The grants, as a cartable filter: which holders this user's inbox collects. */
export function holderScope(user: SessionUser): HolderScope {
	const staff = new Map<string, number[] | null>();
	const agencies: AgencyKind[] = [];
	for (const g of user.roles) {
		if (g.role === 'citizen' || g.role === 'representative') continue;
		if (g.role === 'agency') {
			if (g.agencyKind) agencies.push(g.agencyKind);
			continue;
		}
		const current = staff.get(g.role);
		if (current === null) continue;
		staff.set(g.role, g.districtId === null ? null : [...(current ?? []), g.districtId]);
	}
	return { staff: [...staff].map(([role, districtIds]) => ({ role, districtIds })), agencies };
}

/** Districts whose cases the user may list (null = all, 'none' = none). */
export function visibleDistricts(user: SessionUser): number[] | null | 'none' {
	if (user.roles.some((g) => CITY_WIDE_ROLES.has(g.role))) return null;
	const grants = user.roles.filter((g) => DISTRICT_ROLES.has(g.role));
	if (grants.some((g) => g.districtId === null)) return null;
	return grants.length ? grants.map((g) => g.districtId!) : 'none';
}

/** Whether this user could hold the current step were it unclaimed and not waiting: who may claim it or be assigned it. */
export function canHoldUnclaimed(user: SessionUser, visible: VisibleCase): boolean {
	const state = { ...stateOf(visible.record), waiting: null, assigneeId: null };
	const foreign = isForeignEngineer(user, visible);
	return actorsFor(user, state.districtId).some((a) => !(foreign && a.role === 'supervising_engineer') && isHeldBy(visible.definition, state, a));
}

/** Claims, assignments and site visits: staff only, on an open case; agencies read only. */
export function requireOpenStaffCase(visible: VisibleCase): void {
	if (visible.side === 'agency') throw caseErrors.agencyReadOnly();
	if (visible.side !== 'staff') throw caseErrors.staffOnly();
	if (visible.record.workflow_status !== 'in_progress') throw caseErrors.caseClosed();
}

export function isStaff(user: SessionUser): boolean {
	return user.roles.some((g) => g.role !== 'citizen' && g.role !== 'representative');
}


import type { Role } from '../../domain/roles';
import { safeRedirectPath } from './guards';
import type { SessionUser } from './types';

/**
 * Where each role works, in order of precedence for an account holding several roles: the
 * administrator's console first, then the council's dashboard, the cartable (district officers,
 * inspectors, agencies answering referrals), the planners' conflicts, the supervising engineer's
 * works, and the excavation desk (the municipality's officers and inspectors, the utilities' staff).
 * Citizens and technical representatives start on the map, where they find their parcel.
 */
const WORKSPACES: readonly (readonly [Role, string])[] = [
	['admin', '/admin'],
	['council_member', '/dashboard'],
	['district_officer', '/cartable'],
	['inspector', '/cartable'],
	['agency', '/cartable'],
	['planner', '/planning'],
	['supervising_engineer', '/supervision'],
	['excavation_officer', '/excavations'],
	['excavation_inspector', '/excavations'],
	['utility_applicant', '/excavations'],
	['utility_supervisor', '/excavations']
];

/** The page a user lands on after signing in when no page asked for it. */
export function workspaceOf(user: Pick<SessionUser, 'roles'>): string {
	const held = new Set(user.roles.map((g) => g.role));
	return WORKSPACES.find(([role]) => held.has(role))?.[1] ?? '/';
}

/** After signing in: the page that sent the user to sign in (`redirect`, same-site only), or their workspace. */
export function landingAfterSignIn(redirect: string | null | undefined, user: Pick<SessionUser, 'roles'>): string {
	return redirect ? safeRedirectPath(redirect) : workspaceOf(user);
}

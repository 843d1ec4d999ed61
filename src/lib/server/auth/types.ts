import type { AgencyKind, Role } from '../workflows/roles';

export { ROLES, AGENCY_KINDS, type AgencyKind, type Role } from '../workflows/roles';

/** One role a user holds, and where: a district (officers, inspectors), an agency, an engineering office. */
export interface RoleGrant {
	role: Role;
	districtId: number | null;
	agencyKind: AgencyKind | null;
	engineeringOfficeId: number | null;
	/** The utility company a utility_applicant / utility_supervisor acts for (excavation permits). */
	organisationId?: number | null;
}

/** The signed-in user as pages and services see it (`locals.user`). No secrets. */
export interface SessionUser {
	id: number;
	kind: 'citizen' | 'staff';
	displayName: string;
	nationalId: string | null;
	mobile: string | null;
	username: string | null;
	roles: RoleGrant[];
	/** A staff member still on the initial password an admin handed over: sent to /account/password. */
	mustChangePassword?: boolean;
}

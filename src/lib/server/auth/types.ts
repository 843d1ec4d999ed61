import type { AgencyKind, Role } from '../db/schema';

export type { AgencyKind, Role } from '../db/schema';

export const ROLES: readonly Role[] = [
	'citizen',
	'representative',
	'district_officer',
	'inspector',
	'planner',
	'agency',
	'supervising_engineer',
	'council_member',
	'admin'
];

export const AGENCY_KINDS: readonly AgencyKind[] = [
	'cultural_heritage',
	'official_experts',
	'deeds_registry',
	'education',
	'utilities'
];

/** One role a user holds, and where: a district (officers, inspectors), an agency, an engineering office. */
export interface RoleGrant {
	role: Role;
	districtId: number | null;
	agencyKind: AgencyKind | null;
	engineeringOfficeId: number | null;
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
}

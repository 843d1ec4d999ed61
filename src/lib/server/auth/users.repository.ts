import type { Kysely, Transaction } from 'kysely';
import type { AgencyKind, DB, Role } from '../db/schema';
import type { RoleGrant, SessionUser } from './types';
import { citizenDisplayName, containsNationalId } from './display-name';

type Executor = Kysely<DB> | Transaction<DB>;

export interface StaffCredentials {
	id: number;
	passwordHash: string;
	active: boolean;
	totpEnabled: boolean;
}

async function rolesOf(db: Executor, userId: number): Promise<RoleGrant[]> {
	const rows = await db
		.selectFrom('user_roles')
		.select(['role', 'district_id', 'agency_kind', 'engineering_office_id', 'organisation_id'])
		.where('user_id', '=', userId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		role: r.role,
		districtId: r.district_id,
		agencyKind: r.agency_kind,
		engineeringOfficeId: r.engineering_office_id,
		organisationId: r.organisation_id
	}));
}

/** The active user with this id and their roles, or null. */
export async function findActiveUser(db: Executor, id: number): Promise<SessionUser | null> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'kind', 'display_name', 'national_id', 'mobile', 'username', 'password_must_change'])
		.where('id', '=', id)
		.where('active', '=', true)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		kind: row.kind,
		displayName: row.display_name,
		nationalId: row.national_id,
		mobile: row.mobile,
		username: row.username,
		roles: await rolesOf(db, row.id),
		mustChangePassword: row.password_must_change
	};
}

export async function findCitizenByNationalId(
	db: Executor,
	nationalId: string
): Promise<{ id: number; mobile: string | null; active: boolean; mobileVerifiedAt: Date | null } | null> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'mobile', 'active', 'mobile_verified_at'])
		.where('national_id', '=', nationalId)
		.executeTakeFirst();
	return row ? { id: row.id, mobile: row.mobile, active: row.active, mobileVerifiedAt: row.mobile_verified_at } : null;
}

export async function findStaffCredentials(db: Executor, username: string): Promise<StaffCredentials | null> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'active', 'totp_enabled_at'])
		.where('kind', '=', 'staff')
		.where('username', '=', username)
		.executeTakeFirst();
	if (!row?.password_hash) return null;
	return { id: row.id, passwordHash: row.password_hash, active: row.active, totpEnabled: row.totp_enabled_at !== null };
}

/**
 * A citizen's account and its citizen role, made at their first sign-in (`mobileVerifiedAt`: when the
 * registry matched the pair) or by a representative for an owner (unverified until the owner signs
 * in). A display name holding a national id is replaced by a neutral one (never stored).
 */
export async function insertCitizen(
	db: Executor,
	citizen: { nationalId: string; mobile: string; displayName: string; mobileVerifiedAt?: Date | null }
): Promise<number> {
	const { id } = await db
		.insertInto('users')
		.values({
			kind: 'citizen',
			national_id: citizen.nationalId,
			mobile: citizen.mobile,
			display_name: containsNationalId(citizen.displayName) ? citizenDisplayName(citizen.mobile) : citizen.displayName,
			mobile_verified_at: citizen.mobileVerifiedAt ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await grantRole(db, id, { role: 'citizen' });
	return id;
}

export async function insertStaff(
	db: Executor,
	staff: { username: string; passwordHash: string; displayName: string; mobile?: string | null; mustChangePassword?: boolean }
): Promise<number> {
	const { id } = await db
		.insertInto('users')
		.values({
			kind: 'staff',
			username: staff.username.toLowerCase(),
			password_hash: staff.passwordHash,
			display_name: staff.displayName,
			mobile: staff.mobile ?? null,
			password_must_change: staff.mustChangePassword ?? false
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function setPasswordHash(db: Executor, userId: number, passwordHash: string, changedAt: Date): Promise<void> {
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash, password_changed_at: changedAt, password_must_change: false })
		.where('id', '=', userId)
		.execute();
}

/** The stored hash of a staff member's password, to check the current one before a change. */
export async function findPasswordHash(db: Executor, userId: number): Promise<string | null> {
	const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).where('kind', '=', 'staff').executeTakeFirst();
	return row?.password_hash ?? null;
}

/** Adds a role; granting one the user already holds changes nothing. */
export async function grantRole(
	db: Executor,
	userId: number,
	grant: { role: Role; districtId?: number | null; agencyKind?: AgencyKind | null; engineeringOfficeId?: number | null; organisationId?: number | null }
): Promise<void> {
	await db
		.insertInto('user_roles')
		.values({
			user_id: userId,
			role: grant.role,
			district_id: grant.districtId ?? null,
			agency_kind: grant.agencyKind ?? null,
			engineering_office_id: grant.engineeringOfficeId ?? null,
			organisation_id: grant.organisationId ?? null
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
}

/** Binds a citizen's account to `mobile`, which the registry matched at `verifiedAt`. */
export async function bindCitizenMobile(db: Executor, userId: number, mobile: string, verifiedAt: Date): Promise<void> {
	await db.updateTable('users').set({ mobile, mobile_verified_at: verifiedAt }).where('id', '=', userId).where('kind', '=', 'citizen').execute();
}

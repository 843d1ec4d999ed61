import type { Kysely, Transaction } from 'kysely';
import type { AgencyKind, DB, Role } from '../db/schema';

type Executor = Kysely<DB> | Transaction<DB>;

export interface StaffRow {
	id: number;
	username: string | null;
	display_name: string;
	mobile: string | null;
	active: boolean;
	totp_enabled_at: Date | null;
}

export interface GrantRow {
	id: number;
	user_id: number;
	role: Role;
	district_id: number | null;
	agency_kind: AgencyKind | null;
	engineering_office_id: number | null;
}

export async function listStaffRows(db: Executor): Promise<StaffRow[]> {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'display_name', 'mobile', 'active', 'totp_enabled_at'])
		.where('kind', '=', 'staff')
		.orderBy('username')
		.execute();
}

export async function listGrantRows(db: Executor, userIds: number[]): Promise<GrantRow[]> {
	if (userIds.length === 0) return [];
	return db
		.selectFrom('user_roles')
		.select(['id', 'user_id', 'role', 'district_id', 'agency_kind', 'engineering_office_id'])
		.where('user_id', 'in', userIds)
		.orderBy('id')
		.execute();
}

export async function findStaffRow(db: Executor, id: number): Promise<StaffRow | null> {
	return (
		(await db
			.selectFrom('users')
			.select(['id', 'username', 'display_name', 'mobile', 'active', 'totp_enabled_at'])
			.where('id', '=', id)
			.where('kind', '=', 'staff')
			.executeTakeFirst()) ?? null
	);
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
	return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function setUserActive(db: Executor, id: number, active: boolean): Promise<void> {
	await db.updateTable('users').set({ active }).where('id', '=', id).execute();
	// A deactivated account is signed out everywhere at once.
	if (!active) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
}

/** Deletes the grant and returns what it was, or null when the user has no such grant. */
export async function deleteGrant(db: Executor, userId: number, grantId: number): Promise<GrantRow | null> {
	const row = await db
		.deleteFrom('user_roles')
		.where('id', '=', grantId)
		.where('user_id', '=', userId)
		.returning(['id', 'user_id', 'role', 'district_id', 'agency_kind', 'engineering_office_id'])
		.executeTakeFirst();
	return row ?? null;
}

export async function listDistrictRows(db: Executor) {
	return db.selectFrom('districts').select(['id', 'code', 'name_fa', 'name_en']).orderBy('id').execute();
}

export async function listAgencyRows(db: Executor) {
	const rows = await db.selectFrom('agencies').select(['kind', 'name_fa', 'name_en', 'active']).orderBy('id').execute();
	const counts = await db
		.selectFrom('user_roles')
		.innerJoin('users', 'users.id', 'user_roles.user_id')
		.select(['user_roles.agency_kind', (eb) => eb.fn.countAll<number>().as('n')])
		.where('user_roles.role', '=', 'agency')
		.where('users.active', '=', true)
		.groupBy('user_roles.agency_kind')
		.execute();
	return rows.map((r) => ({ ...r, users: Number(counts.find((c) => c.agency_kind === r.kind)?.n ?? 0) }));
}

export async function listOfficeRows(db: Executor) {
	return db.selectFrom('engineering_offices').select(['id', 'name_fa', 'name_en', 'licence_no', 'active']).orderBy('id').execute();
}

export async function findOfficeRow(db: Executor, id: number) {
	return (await db.selectFrom('engineering_offices').select(['id', 'active']).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function districtExists(db: Executor, id: number): Promise<boolean> {
	return !!(await db.selectFrom('districts').select('id').where('id', '=', id).executeTakeFirst());
}

export async function licenceTaken(db: Executor, licenceNo: string): Promise<boolean> {
	return !!(await db.selectFrom('engineering_offices').select('id').where('licence_no', '=', licenceNo).executeTakeFirst());
}

export async function insertOffice(db: Executor, office: { nameFa: string; nameEn: string | null; licenceNo: string }): Promise<number> {
	const { id } = await db
		.insertInto('engineering_offices')
		.values({ name_fa: office.nameFa, name_en: office.nameEn, licence_no: office.licenceNo })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** Active staff holding `role` in `districtId` (or city-wide): who a step could be assigned to. */
export async function listStaffWithRole(db: Executor, role: Role, districtId: number | null) {
	let q = db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select(['users.id', 'users.display_name', 'users.username'])
		.distinct()
		.where('users.active', '=', true)
		.where('user_roles.role', '=', role);
	if (districtId !== null) q = q.where((eb) => eb.or([eb('user_roles.district_id', 'is', null), eb('user_roles.district_id', '=', districtId)]));
	return q.orderBy('users.username').execute();
}

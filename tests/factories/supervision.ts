/**
 * Supervision fixtures: engineers in the pool, an issued permit case (as the permit workflow leaves
 * it: completed, issued `building_permit`), and points on or off a parcel computed in PostGIS.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth';
import { findActiveUser, grantRole, insertStaff } from '../../src/lib/server/auth/users.repository';
import { addSupervisingEngineer } from '../../src/lib/server/supervision';
import type { EngineerGrade } from '../../src/lib/domain/supervision';
import { generateTrackingCode } from '../../src/lib/domain/tracking-code';


/** A staff user holding the supervising engineer role (sign-in disabled: no password hash matches '!'). */
export async function engineerUser(db: Kysely<DB>, username: string, displayName: string): Promise<SessionUser> {
	const id = await insertStaff(db, { username, passwordHash: '!', displayName });
	await grantRole(db, id, { role: 'supervising_engineer' });
	return (await findActiveUser(db, id))!;
}

export async function poolEngineer(
	db: Kysely<DB>,
	user: SessionUser,
	quota: { grade?: EngineerGrade; areaQuotaM2?: number | null; workQuota?: number | null; maxWorkAreaM2?: number | null } = {}
): Promise<number> {
	return addSupervisingEngineer(db, { userId: user.id, licenceNo: `TEST-${user.id}`, grade: quota.grade ?? 'grade2', ...quota });
}

/** A building permit the workflow issued on the parcel (completed, `issued = building_permit`). */
export async function issuedPermit(db: Kysely<DB>, parcelId: number, applicantId: number, districtId: number): Promise<number> {
	const { id } = await db
		.insertInto('cases')
		.values({
			parcel_id: parcelId,
			tracking_code: generateTrackingCode(1404),
			kind: 'building_permit_new',
			status: 'closed',
			title_fa: 'پروانه ساختمانی',
			title_en: 'Building permit',
			opened_at: '2025-04-01T06:00:00Z',
			request_type: 'building_permit_new',
			applicant_user_id: applicantId,
			district_id: districtId,
			workflow_status: 'completed',
			current_step: 'issue',
			step_started_at: '2025-04-20T06:00:00Z',
			closed_at: '2025-04-20T06:00:00Z',
			decision: 'approved',
			issued: 'building_permit'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** A point on the parcel (its point on surface), or `eastM` metres east of it, in WGS84. */
export async function pointOn(db: Kysely<DB>, parcelId: number, eastM = 0): Promise<{ lon: number; lat: number }> {
	const { rows } = await sql<{ lon: number; lat: number }>`
		select ST_X(q) as lon, ST_Y(q) as lat from (
			select ST_Transform(ST_Translate(ST_PointOnSurface(geom), ${eastM}::float8, 0), 4326) as q from parcels where id = ${parcelId}) s`.execute(db);
	return { lon: Number(rows[0].lon), lat: Number(rows[0].lat) };
}

export async function supervisionCounts(db: Kysely<DB>) {
	const { rows } = await sql<Record<string, number>>`select
		(select count(*)::int from supervision_reports) as reports,
		(select count(*)::int from supervision_report_photos) as photos,
		(select count(*)::int from supervision_assignments) as assignments,
		(select count(*)::int from cases) as cases,
		(select count(*)::int from documents) as documents,
		(select count(*)::int from case_events) as case_events`.execute(db);
	return rows[0];
}

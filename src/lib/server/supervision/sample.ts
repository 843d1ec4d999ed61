import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { DEMO_CITIZENS } from '../auth/demo-accounts';
import { findActiveUser, grantRole, insertStaff } from '../auth/users.repository';
import { generateTrackingCode } from '../../domain/tracking-code';
import { toJalali } from '../../domain/jalali';
import { tehranDate } from '../../domain/working-days';
import type { FileStore } from '../documents';
import type { SessionUser } from '../auth/types';
import { COMPLETION_STAGES, ROUGH_CONSTRUCTION_STAGES, stageOf } from '../../domain/supervision';
import { addSupervisingEngineer, assignSupervisingEngineer } from './assignment.service';
import { findEngineerByUser, insertAssignment } from './assignments.repository';
import { fileSupervisionReport, type SupervisionReportInput } from './report.service';

/** A 1×1 PNG: the SAMPLE reports' photo (real image bytes, so the page shows it). */
const SAMPLE_PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const DAY = 86_400_000;

/**
 * SAMPLE supervision for the demo («نمونه — sample»): the demo `supervisor` and the demo
 * `supervisor2` (or, without that account, a sample engineer who cannot sign in) in the pool; five permits issued to the demo citizens on parcels
 * of the pilot district (or the first district with parcels), assigned by the real rotation; the supervisor's first works carry stage
 * reports, one with a violation, so the district officer finds an Article 100 case in their
 * cartable. Small (five permits) and idempotent: nothing happens once the pool has anyone.
 * @returns whether anything was seeded
 */
export async function seedSampleSupervision(db: Kysely<DB>, options: { now?: Date; files?: FileStore } = {}): Promise<boolean> {
	const now = options.now ?? new Date();
	if (await db.selectFrom('supervising_engineers').select('id').limit(1).executeTakeFirst()) return false;
	const supervisor = await db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirst();
	// The pilot district (the demo inspector's) when it has parcels; a small sample city may fill only another.
	const pilot = await db.selectFrom('user_roles').select('district_id').where('role', '=', 'inspector').where('district_id', 'is not', null).executeTakeFirst();
	const { rows: districts } = await sql<{ district_id: number }>`
		select district_id from parcels where open_cases = 0 and district_id is not null
		order by district_id = ${pilot?.district_id ?? 0}::int desc, id limit 1`.execute(db);
	const district = districts[0];
	if (!supervisor || !district) return false;
	const owners = await db.selectFrom('users').select('id').where('national_id', 'in', DEMO_CITIZENS.map((c) => c.nationalId)).orderBy('id').execute();
	// Parcels of the pilot district with no open case: the works under construction.
	const { rows: parcels } = await sql<{ id: number }>`
		select id from parcels where district_id = ${district.district_id} and open_cases = 0 order by id limit 5`.execute(db);
	if (owners.length === 0 || parcels.length < 2) return false;

	const assignedAt = new Date(now.getTime() - 40 * DAY);
	const year = toJalali(tehranDate(now)).year;
	const permits = await db.transaction().execute(async (trx) => {
		await addSupervisingEngineer(trx, { userId: supervisor.id, licenceNo: 'نمونه-۱-۱۲۳۴۵', grade: 'grade2' });
		// the rotation gives a new permit to either engineer: the demo's second one signs in too
		const demoSecond = await trx.selectFrom('users').select('id').where('username', '=', 'supervisor2').executeTakeFirst();
		const second = demoSecond?.id ?? (await insertStaff(trx, { username: 'supervisor.sample2', passwordHash: '!', displayName: 'مهندس ناظر دوم (نمونه)' }));
		if (!demoSecond) await grantRole(trx, second, { role: 'supervising_engineer' });
		await addSupervisingEngineer(trx, { userId: second, licenceNo: 'نمونه-۱-۶۷۸۹۰', grade: 'grade3' });
		const ids: number[] = [];
		for (const [i, parcel] of parcels.entries()) {
			const id = await permitOnRecord(trx, { parcelId: parcel.id, districtId: district.district_id, ownerId: owners[i % owners.length].id, issuedAt: assignedAt, year });
			// the supervisor first in the pool: the rotation gives them works 1, 3 and 5
			await assignSupervisingEngineer(trx, id, { floorAreaM2: 320 + 140 * i, now: assignedAt });
			ids.push(id);
		}
		return ids;
	});

	const user = (await findActiveUser(db, supervisor.id))!;
	const dated = (days: number) => tehranDate(new Date(now.getTime() - days * DAY));
	const report = (permitCaseId: number, parcelId: number, extra: Partial<SupervisionReportInput>) =>
		fileSampleReport(db, user, { permitCaseId, parcelId, reportedOn: dated(30), ...extra }, { now, files: options.files });
	await report(permits[0], parcels[0].id, {});
	await report(permits[0], parcels[0].id, { stage: 'skeleton', reportedOn: dated(12), progressPct: 35, body: 'نمونه — sample: اسکلت بتنی تا سقف دوم اجرا شده است.' });
	if (permits[2]) {
		await report(permits[2], parcels[2].id, {
			stage: 'foundation',
			reportedOn: dated(8),
			progressPct: 15,
			// the note says what the report records (the default says the work conforms to the permit)
			body: 'نمونه — sample: بازدید انجام شد؛ فونداسیون از بر اصلاحی جلوتر اجرا شده و کار مطابق پروانه نیست. تخلف گزارش شد.',
			violation: { kind: 'beyond_widening_line', description: 'نمونه — sample: فونداسیون ۱٫۲ متر از بر اصلاحی جلوتر اجرا شده است.', measuredExcess: 14 }
		});
	}
	await superviseOpenCertificates(db, user, owners[0].id, now, options.files);
	return true;
}

/** A SAMPLE stage report by the supervisor, through the real service, at a point on the parcel, with a photo. */
async function fileSampleReport(
	db: Kysely<DB>,
	supervisor: SessionUser,
	report: Partial<SupervisionReportInput> & { permitCaseId: number; parcelId: number; reportedOn: string },
	ctx: { now: Date; files?: FileStore }
): Promise<void> {
	const { parcelId, ...extra } = report;
	const { rows } = await sql<{ lon: number; lat: number }>`
		select ST_X(q) as lon, ST_Y(q) as lat from (select ST_Transform(ST_PointOnSurface(geom), 4326) as q from parcels where id = ${parcelId}) s`.execute(db);
	const input: SupervisionReportInput = {
		stage: 'foundation',
		body: 'نمونه — sample: بازدید انجام شد و کار مطابق پروانه است.',
		progressPct: 10,
		location: { lon: Number(rows[0].lon), lat: Number(rows[0].lat) },
		photos: [{ kind: 'supervision_photo', name: 'sample.png', bytes: new Uint8Array(SAMPLE_PHOTO) }],
		...extra
	};
	await fileSupervisionReport(db, supervisor, input, { now: ctx.now, sender: null, files: ctx.files });
}

/**
 * The sample history's open certificate cases (end of rough construction, completion) wait at the
 * supervising engineer's step, which only the engineer of the parcel's permit holds: each such
 * parcel gets a permit on record (issued over a year ago, so last year's quota) supervised by the
 * demo `supervisor`, so that account finds them. Live, such a certificate is filed only once the
 * engineer has reported every stage it certifies (its eligibility), and issued on those reports: the
 * supervisor's reports of those stages are filed too, spread between the permit and the request, so
 * that the district officer can issue the certificate when the case reaches them.
 */
async function superviseOpenCertificates(db: Kysely<DB>, supervisor: SessionUser, fallbackOwner: number, now: Date, files?: FileStore): Promise<void> {
	// buildings near their certificate were permitted over a year ago: last year's quota, not this year's
	const assignedAt = new Date(now.getTime() - 400 * DAY);
	const year = toJalali(tehranDate(assignedAt)).year;
	const engineer = await findEngineerByUser(db, supervisor.id);
	if (!engineer) return;
	const { rows } = await sql<{ parcel_id: number; district_id: number | null; applicant_user_id: number | null; filed_at: Date; completion: boolean }>`
		select c.parcel_id, (array_agg(c.district_id order by c.id))[1] as district_id, (array_agg(c.applicant_user_id order by c.id))[1] as applicant_user_id,
		       min(c.opened_at) as filed_at, bool_or(c.request_type = 'completion_certificate') as completion
		from cases c
		where c.request_type in ('rough_construction_certificate', 'completion_certificate') and c.workflow_status = 'in_progress'
		  and not exists (select 1 from supervision_assignments a where a.parcel_id = c.parcel_id and a.ended_at is null)
		group by c.parcel_id order by c.parcel_id`.execute(db);
	const works = await db.transaction().execute(async (trx) => {
		const out: { permitCaseId: number; row: (typeof rows)[number] }[] = [];
		for (const r of rows) {
			const id = await permitOnRecord(trx, { parcelId: r.parcel_id, districtId: r.district_id, ownerId: r.applicant_user_id ?? fallbackOwner, issuedAt: assignedAt, year });
			await insertAssignment(trx, {
				permit_case_id: id,
				parcel_id: r.parcel_id,
				district_id: r.district_id,
				engineer_id: engineer.id,
				quota_year: year,
				floor_area_m2: 400,
				assigned_at: assignedAt.toISOString(),
				assigned_by: null,
				reason: 'نمونه — sample'
			});
			out.push({ permitCaseId: id, row: r });
		}
		return out;
	});
	for (const { permitCaseId, row } of works) {
		const stages = row.completion ? COMPLETION_STAGES : ROUGH_CONSTRUCTION_STAGES;
		const from = assignedAt.getTime() + DAY;
		const span = new Date(row.filed_at).getTime() - DAY - from;
		for (const [i, stage] of stages.entries()) {
			await fileSampleReport(
				db,
				supervisor,
				{
					permitCaseId,
					parcelId: row.parcel_id,
					stage,
					reportedOn: tehranDate(new Date(from + (span * (i + 1)) / stages.length)),
					progressPct: Math.round((100 * (i + 1)) / COMPLETION_STAGES.length),
					body: `نمونه — sample: مرحلهٔ ${stageOf(stage).name.fa} مطابق پروانه اجرا شده است.`
				},
				{ now, files }
			);
		}
	}
}

/**
 * A permit on record (issued before the online workflow, no audit log of its own), like a migrated
 * city's: the sample history's workflow cases each carry their whole log.
 */
async function permitOnRecord(
	trx: Transaction<DB>,
	p: { parcelId: number; districtId: number | null; ownerId: number; issuedAt: Date; year: number }
): Promise<number> {
	const { id } = await trx
		.insertInto('cases')
		.values({
			parcel_id: p.parcelId,
			tracking_code: generateTrackingCode(p.year),
			kind: 'building_permit',
			status: 'closed',
			title_fa: 'پروانه ساختمانی (نمونه)',
			title_en: 'Building permit (sample)',
			opened_at: new Date(p.issuedAt.getTime() - 30 * DAY).toISOString(),
			applicant_user_id: p.ownerId,
			district_id: p.districtId,
			closed_at: p.issuedAt.toISOString(),
			decision: 'approved',
			issued: 'building_permit'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

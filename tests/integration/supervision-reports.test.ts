/**
 * Stage reports by the supervising engineer (issue 8, §7): only the work's engineer files; the
 * point must lie in or near the parcel (PostGIS), photos are images within the size limit; a
 * violation opens an Article 100 case in the same transaction; completion certificates need the
 * mandatory stages reported and no open violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { sql } from 'kysely';
import { buildCaseWorld, fixture, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { engineerUser, issuedPermit, pointOn, poolEngineer, supervisionCounts } from '../factories/supervision';
import { assignSupervisingEngineer, fileSupervisionReport, REPORT_PHOTO_MAX_BYTES, type SupervisionReportInput } from '../../src/lib/server/supervision';
import { actOnCase, fileRequest, getCase, listCartable } from '../../src/lib/server/cases';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import { FileStore } from '../../src/lib/server/documents';
import { COMPLETION_STAGES, stageOf } from '../../src/lib/domain/supervision';
import { issuedDocumentPdf, verifyDocument } from '../../src/lib/server/issued-documents';
import { pdftotext, readable, withoutZwnj } from '../../src/lib/server/pdf/pdf-reading.test-support';
import type { SessionUser } from '../../src/lib/server/auth';
import { seedSampleTariffBook } from '../../src/lib/server/fees';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { districtReport } from '../../src/lib/server/dashboard';

let database: TestDatabase;
let world: CaseWorld;
let supervisor: SessionUser;
let other: SessionUser;
let permitId: number;
let onParcel: { lon: number; lat: number };
let completionId: number;

const photo = () => fixture('jpeg-photo.jpg', 'supervision_photo');

function report(extra: Partial<SupervisionReportInput> = {}): SupervisionReportInput {
	return { permitCaseId: permitId, stage: 'foundation', reportedOn: '2025-05-03', body: 'بتن‌ریزی فونداسیون مطابق نقشه انجام شد.', progressPct: 15, location: onParcel, photos: [photo()], ...extra };
}

async function refusedWithoutChange(call: () => Promise<unknown>, status: number, code: string) {
	const before = await supervisionCounts(database.db);
	await expect(call()).rejects.toMatchObject({ status, code });
	expect(await supervisionCounts(database.db)).toEqual(before);
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	const { id } = await database.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
	supervisor = (await findActiveUser(database.db, id))!;
	other = await engineerUser(database.db, 'eng.other', 'مهندس دیگر');
	await poolEngineer(database.db, supervisor, { areaQuotaM2: 10000, workQuota: 10 });
	await poolEngineer(database.db, other, { areaQuotaM2: 10000, workQuota: 10 });
	// The owner maryam's permit on parcel 6 (district 6), assigned first in rotation: the demo supervisor.
	permitId = await issuedPermit(database.db, world.parcel6, world.users.maryam.id, world.d6);
	const assigned = await assignSupervisingEngineer(database.db, permitId, { floorAreaM2: 600, now: new Date('2025-05-01T06:00:00Z') });
	expect(assigned.engineer_user_id).toBe(supervisor.id);
	onParcel = await pointOn(database.db, world.parcel6);
});

afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('filing a stage report', () => {
	it('stores the report, its photo as a document of the permit and a timeline entry', async () => {
		const filed = await fileSupervisionReport(database.db, supervisor, report(), world.ctx({ sender: null }));
		expect(filed.violationCaseId).toBeNull();
		const row = await database.db.selectFrom('supervision_reports').selectAll().where('id', '=', filed.reportId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ stage: 'foundation', progress_pct: 15, violation: false, permit_case_id: permitId });
		const photos = await database.db
			.selectFrom('supervision_report_photos as p')
			.innerJoin('documents as d', 'd.id', 'p.document_id')
			.select(['d.kind', 'd.media_type', 'd.case_id'])
			.where('p.report_id', '=', filed.reportId)
			.execute();
		expect(photos).toEqual([{ kind: 'supervision_photo', media_type: 'image/jpeg', case_id: permitId }]);
		const event = await database.db.selectFrom('case_events').selectAll().where('case_id', '=', permitId).where('action', '=', 'supervision_report').executeTakeFirstOrThrow();
		expect(event.actor_user_id).toBe(supervisor.id);
	});

	it('refuses a point outside the parcel, naming the distance, and writes nothing', async () => {
		const away = await pointOn(database.db, world.parcel6, 200);
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ location: away }), world.ctx()), 400, 'report_point_outside_parcel');
		const err = await fileSupervisionReport(database.db, supervisor, report({ location: away }), world.ctx()).catch((e) => e);
		expect(err.messages.en).toMatch(/\d+ m outside the parcel/);
		expect(err.messages.fa).toContain('بیرون از پلاک');
		// a few metres beyond the edge (the pavement) is accepted: parcel 6 is 20 m wide, its point on surface mid-way
		await fileSupervisionReport(database.db, supervisor, report({ location: await pointOn(database.db, world.parcel6, 25) }), world.ctx({ sender: null }));
	});

	it('refuses photos that are not images, and images over the size limit', async () => {
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ photos: [fixture('deed.pdf', 'supervision_photo', 'photo.jpg')] }), world.ctx()), 400, 'document_type_not_accepted');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ photos: [fixture('not-a-document.pdf', 'supervision_photo')] }), world.ctx()), 400, 'document_type_unsupported');
		const big = new Uint8Array(REPORT_PHOTO_MAX_BYTES + 1);
		big.set([0xff, 0xd8, 0xff, 0xe0]);
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ photos: [{ kind: 'x', name: 'big.jpg', bytes: big }] }), world.ctx()), 400, 'report_photo_too_large');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ photos: [] }), world.ctx()), 400, 'report_photos_required');
	});

	it('refuses an unknown stage, a future date, an empty text and a progress over 100', async () => {
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ stage: 'roof' }), world.ctx()), 400, 'stage_unknown');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ reportedOn: '2025-05-05' }), world.ctx()), 400, 'report_date_invalid');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ reportedOn: '2025-04-30' }), world.ctx()), 400, 'report_date_before_assignment');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ body: ' ' }), world.ctx()), 400, 'report_text_required');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ progressPct: 101 }), world.ctx()), 400, 'progress_invalid');
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ location: null }), world.ctx()), 400, 'report_location_invalid');
	});

	it('lets only the work’s engineer file: another engineer, an officer and the owner get 404', async () => {
		for (const who of [other, world.users.officer6, world.users.maryam]) {
			await refusedWithoutChange(() => fileSupervisionReport(database.db, who, report(), world.ctx()), 404, 'supervision_work_not_found');
		}
		await refusedWithoutChange(() => fileSupervisionReport(database.db, supervisor, report({ permitCaseId: 99999 }), world.ctx()), 404, 'supervision_work_not_found');
	});
});

describe('a report with a violation', () => {
	let violationCaseId: number;

	it('opens a violation case for the district officer in the same transaction, with the report and photos', async () => {
		const filed = await fileSupervisionReport(
			database.db,
			supervisor,
			report({ stage: 'skeleton', progressPct: 40, violation: { kind: 'extra_floor', description: 'یک طبقه بیش از پروانه اجرا شده است.', measuredExcess: 1 } }),
			world.ctx({ sender: null })
		);
		expect(filed.violationCaseId).not.toBeNull();
		violationCaseId = filed.violationCaseId!;
		const opened = await database.db.selectFrom('cases').selectAll().where('id', '=', violationCaseId).executeTakeFirstOrThrow();
		expect(opened).toMatchObject({ request_type: 'building_violation', status: 'open', holder_role: 'district_officer', holder_district_id: world.d6, applicant_user_id: world.users.maryam.id, parcel_id: world.parcel6 });
		const row = await database.db.selectFrom('supervision_reports').select(['violation_case_id', 'measured_excess', 'violation_kind']).where('id', '=', filed.reportId).executeTakeFirstOrThrow();
		expect(row).toEqual({ violation_case_id: violationCaseId, measured_excess: 1, violation_kind: 'extra_floor' });
		expect((await listCartable(database.db, world.users.officer6, 'unassigned', world.ctx())).map((c) => c.id)).toContain(violationCaseId);
		const seen = await getCase(database.db, world.users.officer6, violationCaseId, world.ctx());
		expect(seen.documents.map((d) => d.kind)).toEqual(['supervision_photo']);
		const filing = await database.db.selectFrom('case_events').selectAll().where('case_id', '=', violationCaseId).executeTakeFirstOrThrow();
		expect(filing).toMatchObject({ action: 'file', actor_user_id: supervisor.id, actor_role: 'supervising_engineer' });
		expect(filing.details).toMatchObject({ permitCaseId: permitId, supervisionReportId: filed.reportId, measuredExcess: 1 });
		// the council's dashboard counts it among the district's open violations (a live figure)
		const dashboard = await districtReport(database.db, { from: '2025-01-01', to: '2027-12-31' }, { now: SUNDAY_MORNING });
		expect(dashboard.districts.find((d) => d.district.id === world.d6)?.violations_open).toBe(1);
		expect(dashboard.city.violations_open).toBeGreaterThanOrEqual(1);
	});

	it('leaves nothing behind when a step of the write fails (no case, no report, no photo)', async () => {
		class BrokenStore extends FileStore {
			override async put(): Promise<never> {
				throw new Error('disk full');
			}
		}
		const before = await supervisionCounts(database.db);
		const violation = { kind: 'extra_area', description: 'اضافه بنا', measuredExcess: 12 };
		await expect(fileSupervisionReport(database.db, supervisor, report({ violation }), world.ctx({ files: new BrokenStore(world.filesDir) }))).rejects.toThrow('disk full');
		expect(await supervisionCounts(database.db)).toEqual(before);
	});

	it('cannot be withdrawn by the owner', async () => {
		const asOwner = await getCase(database.db, world.users.maryam, violationCaseId, world.ctx());
		expect(asOwner.actions.map((a) => a.type)).not.toContain('withdraw');
		await expect(actOnCase(database.db, world.users.maryam, violationCaseId, { type: 'withdraw', stepId: 'district_review' }, {}, world.ctx({ sender: null }))).rejects.toMatchObject({ status: 403 });
	});

	it('cannot be filed as a request', async () => {
		await expect(
			fileRequest(database.db, world.users.maryam, { parcelId: world.parcel6, requestType: 'building_violation', documents: [] }, world.ctx({ sender: null }))
		).rejects.toMatchObject({ status: 409, code: 'not_eligible_opened_by_municipality' });
	});
});

describe('the completion certificate', () => {
	const documents = () => [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card'), fixture('deed.pdf', 'earlier_permit'), fixture('deed.pdf', 'supervisor_report')];
	const fileCompletion = () => fileRequest(database.db, world.users.maryam, { parcelId: world.parcel6, requestType: 'completion_certificate', documents: documents() }, world.ctx({ sender: null }));

	it('is refused while stages are unreported and a violation is open, naming both', async () => {
		const err = await fileCompletion().catch((e) => e);
		expect(err).toMatchObject({ status: 409, code: 'not_eligible_supervision_stages_reported' });
		expect(err.messages.fa).toContain('سفت‌کاری');
		expect(err.messages.en).toContain('Rough construction');
		expect(err.messages.en).not.toContain('Foundation');
		expect(err.messages.en).toContain('open violation case');
		expect(err.messages.fa).toContain('ماده ۱۰۰');
	});

	it('is accepted once every mandatory stage is reported and the violation is decided', async () => {
		for (const stage of COMPLETION_STAGES.filter((s) => s !== 'foundation' && s !== 'skeleton')) {
			await fileSupervisionReport(database.db, supervisor, report({ stage, progressPct: 100 }), world.ctx({ sender: null }));
		}
		const stillOpen = await fileCompletion().catch((e) => e);
		expect(stillOpen).toMatchObject({ status: 409, code: 'not_eligible_no_open_case_of_kind' });

		const violation = await database.db.selectFrom('cases').select('id').where('request_type', '=', 'building_violation').where('status', '=', 'open').executeTakeFirstOrThrow();
		await actOnCase(database.db, world.users.officer6, violation.id, { type: 'approve', stepId: 'district_review', to: 'article_100_commission' }, {}, world.ctx({ sender: null }));
		await actOnCase(database.db, world.users.officer6, violation.id, { type: 'complete', stepId: 'article_100_commission', note: 'رأی: جریمه' }, {}, world.ctx({ sender: null }));

		const filed = await fileCompletion();
		const row = await database.db.selectFrom('cases').select(['request_type', 'status']).where('id', '=', filed.id).executeTakeFirstOrThrow();
		expect(row).toEqual({ request_type: 'completion_certificate', status: 'open' });
		completionId = filed.id;
	});

	it('is issued as a PDF naming the engineer and each stage report when the officer completes the case; /verify says valid', async () => {
		const ctx = world.ctx({ sender: null });
		await actOnCase(database.db, supervisor, completionId, { type: 'approve', stepId: 'supervisor_report', to: 'site_inspection' }, {}, ctx);
		await actOnCase(database.db, world.users.inspector6, completionId, { type: 'approve', stepId: 'site_inspection', to: 'district_review' }, {}, ctx);
		// the fee step assesses the completion charge from the book (P of parcel6's block) and bills it; maryam pays it
		await seedSampleTariffBook(database.db, 1404, { now: SUNDAY_MORNING });
		await sql`insert into zone_values (use_class, p_rial_per_m2, jalali_year, source_ref, geom)
			select 'residential', 2000000, null, 'test', ST_Multi(ST_Buffer(geom, 5)) from parcels where id = ${world.parcel6}`.execute(database.db);
		const reviewed = await actOnCase(database.db, world.users.officer6, completionId, { type: 'approve', stepId: 'district_review', to: 'fee_calculation' }, {}, ctx);
		expect(reviewed.step.id).toBe('payment');
		const bill = await database.db.selectFrom('fee_assessments').select(['id', 'request_kind', 'total_rial']).where('case_id', '=', completionId).executeTakeFirstOrThrow();
		expect(bill).toMatchObject({ request_kind: 'completion_certificate', total_rial: 12_000_000 }); // 1 % × 2,000,000 × 600 m²
		const gateway = new SandboxGateway(database.db, () => SUNDAY_MORNING);
		const started = await startPayment(database.db, gateway, world.users.maryam, bill.id, { callbackUrl: 'https://pelak.example.ir/payments/callback', now: SUNDAY_MORNING });
		const back = new URL(await gateway.settle(started.authority, true));
		expect((await completePayment(database.db, gateway, back.searchParams, { now: SUNDAY_MORNING })).outcome).toBe('paid');
		// paying issues the payment's receipt, not the certificate
		expect((await database.db.selectFrom('issued_documents').select('kind').where('case_id', '=', completionId).execute()).map((d) => d.kind)).toEqual(['receipt']);
		await actOnCase(database.db, world.users.officer6, completionId, { type: 'complete', stepId: 'issue' }, {}, ctx);

		const doc = await database.db.selectFrom('issued_documents').selectAll().where('case_id', '=', completionId).where('kind', '=', 'certificate').executeTakeFirstOrThrow();
		expect(doc).toMatchObject({ kind: 'certificate', status: 'valid', issued_by: world.users.officer6.id, parcel_id: world.parcel6 });
		expect(await verifyDocument(database.db, doc.verification_code)).toMatchObject({ valid: true, kind: 'certificate', number: doc.number });
		const text = readable(pdftotext((await issuedDocumentPdf(database.db, world.users.maryam, doc.id)).pdf)).replace(/\s*\n\s*/g, ' ');
		expect(text).toContain('گواهی پایان کار');
		// (the sample watermark's letters fall between the rows in pdftotext's reading: each part on its own)
		expect(text).toContain(supervisor.displayName);
		expect(text).toContain('مهندس ناظر');
		// the parcel's rows as on the permit, the applicant named as the building's owner
		expect(text).toContain('کد نوسازی');
		expect(text).toContain('مالک');
		expect(text).not.toContain('متقاضی');
		for (const stage of COMPLETION_STAGES) expect(text).toContain(withoutZwnj(stageOf(stage).name.fa));
		expect(text).toContain('پیشرفت ۱۰۰ درصد، بدون تخلف');
		expect(text).toContain('پیشرفت ۴۰ درصد، با تخلف'); // the skeleton report above found a violation
		// completing it again is refused by the state machine; the certificate stays one
		expect(await database.db.selectFrom('issued_documents').select('id').where('case_id', '=', completionId).where('kind', '=', 'certificate').execute()).toHaveLength(1);
	});
});

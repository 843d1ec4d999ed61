/**
 * The certificates along a building's life that rest on the supervising engineer's stage reports
 * (issue 8, §7): end of rough construction (گواهی پایان سفت‌کاری) and completion (گواهی پایان کار).
 * When the district officer completes the certificate case's issue step, the certificate is issued
 * as an official document (PDF with its /verify QR code) naming the permit it was built under, the
 * engineer and each required stage report; a required stage with no report refuses the issue.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { COMPLETION_STAGES, ROUGH_CONSTRUCTION_STAGES, missingStages, stageOf, type SupervisionStage } from '../../domain/supervision';
import { jalaliIso } from '../../domain/jalali';
import { toPersianDigits } from '../../domain/text';
import { formatTrackingCode } from '../../domain/tracking-code';
import type { DocumentSection, Fact } from '../pdf';
import { issueDocument } from '../issued-documents/issue.service';
import { reportsOfPermits } from '../supervision/reports.repository';
import { caseHeader } from './permit.repository';
import { issuerOf, licenceText, parcelFacts } from './permit-documents';
import { permitErrors } from './errors';
import type { StageEnv } from './stages.service';

/** Which stage reports each certificate rests on, and how it is titled. */
const CERTIFICATES: Record<string, { stages: SupervisionStage[]; title: string; titleEn: string }> = {
	completion_certificate: { stages: COMPLETION_STAGES, title: 'گواهی پایان کار', titleEn: 'Completion certificate' },
	rough_construction_certificate: { stages: ROUGH_CONSTRUCTION_STAGES, title: 'گواهی پایان سفت‌کاری', titleEn: 'End of rough construction certificate' }
};

export const isSupervisedCertificate = (issues: string | undefined | null): boolean => issues !== undefined && issues !== null && issues in CERTIFICATES;

const jalaliDate = (iso: string) => toPersianDigits(jalaliIso(iso.slice(0, 10) as never).replaceAll('-', '/'));

/** The parcel's supervised permit: its latest assignment's permit case, engineer, and the permit document if the workflow issued one. */
async function supervisedPermit(trx: Transaction<DB>, parcelId: number) {
	const { rows } = await sql<{ permit_case_id: number; tracking_code: string; engineer_name: string; licence_no: string; permit_number: string | null }>`
		select a.permit_case_id, c.tracking_code, u.display_name as engineer_name, e.licence_no,
		       (select d.number from issued_documents d where d.case_id = a.permit_case_id and d.kind = 'building_permit'
		        order by d.id desc limit 1) as permit_number
		from supervision_assignments a
		join cases c on c.id = a.permit_case_id
		join supervising_engineers e on e.id = a.engineer_id
		join users u on u.id = e.user_id
		where a.parcel_id = ${parcelId}
		order by a.ended_at is null desc, a.assigned_at desc, a.id desc
		limit 1`.execute(trx);
	return rows[0] ?? null;
}

/**
 * Issues the certificate of a completed certificate case (once): refused when the parcel has no
 * supervised permit or a required stage has no report. Runs in the transaction that completed it.
 */
export async function issueSupervisedCertificate(trx: Transaction<DB>, env: StageEnv, caseId: number, issues: string, issuedBy: number | null) {
	const kind = CERTIFICATES[issues];
	if (!kind) return null;
	const existing = await trx.selectFrom('issued_documents').select(['id', 'number']).where('case_id', '=', caseId).where('kind', '=', 'certificate').executeTakeFirst();
	if (existing) return { id: existing.id, number: existing.number, issued: false };
	const h = await caseHeader(trx, caseId);
	if (!h) throw new Error(`issueSupervisedCertificate: case ${caseId} not found`);
	const permit = await supervisedPermit(trx, h.parcelId);
	if (!permit) {
		throw permitErrors.requirement('certificate_without_permit', {
			fa: 'برای این پلاک پروانهٔ ساختمانی با مهندس ناظر ثبت نشده است؛ گواهی صادر نمی‌شود.',
			en: 'This parcel has no building permit with a supervising engineer; the certificate cannot be issued.'
		});
	}
	// the latest report of each stage (reports come newest first)
	const reports = await reportsOfPermits(trx, [permit.permit_case_id]);
	const latest = new Map<string, (typeof reports)[number]>();
	for (const r of reports) if (!latest.has(r.stage)) latest.set(r.stage, r);
	const missing = missingStages(kind.stages, [...latest.keys()]);
	if (missing.length) {
		throw permitErrors.requirement('certificate_stages_missing', {
			fa: `گزارش مهندس ناظر برای این مرحله‌ها ثبت نشده است: ${missing.map((s) => stageOf(s).name.fa).join('، ')}.`,
			en: `The supervising engineer has not reported these stages: ${missing.map((s) => stageOf(s).name.en).join(', ')}.`
		});
	}
	const parcelRows = parcelFacts(h, 'مالک');
	const permitRows: Fact[] = [
		{ label: 'پروانهٔ ساختمان', value: permit.permit_number ?? `پروندهٔ ${toPersianDigits(formatTrackingCode(permit.tracking_code))}` },
		{ label: 'مهندس ناظر', value: `${permit.engineer_name} (پروانهٔ اشتغال ${licenceText(permit.licence_no)})` }
	];
	const reportRows: Fact[] = kind.stages.map((s) => {
		const r = latest.get(s)!;
		return {
			label: stageOf(s).name.fa,
			value: `گزارش ${jalaliDate(r.reported_on)}، پیشرفت ${toPersianDigits(String(r.progress_pct))} درصد، ${r.violation ? 'با تخلف' : 'بدون تخلف'}`
		};
	});
	const sections: DocumentSection[] = [
		{ kind: 'facts', heading: 'مشخصات ملک', rows: parcelRows },
		{ kind: 'facts', heading: 'پروانه و نظارت', rows: permitRows },
		{ kind: 'facts', heading: 'گزارش‌های مرحله‌ای مهندس ناظر', rows: reportRows },
		{
			kind: 'paragraphs',
			heading: 'شرایط',
			paragraphs: [
				`این گواهی بر پایهٔ گزارش‌های مرحله‌ای مهندس ناظر و بازدید شهرداری از ساختمان پروانهٔ یادشده صادر شده است.`,
				'وضعیت روز این گواهی (معتبر، معلق یا باطل) را با کد QR پایین صفحه بررسی کنید.'
			]
		}
	];
	const doc = await issueDocument(trx, { kind: 'certificate', caseId, issuedBy, content: { issuer: issuerOf(h.districtName), title: kind.title, titleEn: kind.titleEn, sections } }, env);
	return { id: doc.id, number: doc.number, issued: true };
}

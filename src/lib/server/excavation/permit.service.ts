/**
 * The excavation permit (مجوز حفاری): issued through the registry of official documents
 * (issueDocument: numbered, QR code to /verify/<code>, frozen spec and SHA-256) when the fee is
 * paid, inside the payment's transaction. Its PDF is served to those who may see the work,
 * re-rendered from the frozen spec and checked against the hash recorded at issue.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { issueDocument, renderIssuedPdf, type IssueEnv } from '../issued-documents';
import { findIssuedDocument } from '../issued-documents/issued-documents.repository';
import { issuedErrors } from '../issued-documents/errors';
import type { DocumentSection, ItemLine } from '../pdf';
import type { ExcavationCheck } from '../../api/excavation';
import type { Assessment } from '../../domain/fees';
import { lineInWords } from '../../domain/fees/formula-words';
import { t } from '../../i18n';
import { toPersianDigits } from '../../domain/text';
import type { Queryable } from './footprint.repository';
import { findWork, type WorkRow } from './lifecycle.repository';
import { assertMaySee, notFound } from './actors';

/** What the permit says of the conditions the officer set. */
function conditionTexts(conditions: unknown): string[] {
	return Array.isArray(conditions) ? conditions.map((c) => (typeof c === 'string' ? c : String((c as { fa?: string }).fa ?? ''))).filter(Boolean) : [];
}

export function permitContent(work: WorkRow, fee: Assessment | null): { issuer: string; title: string; titleEn: string; sections: DocumentSection[] } {
	const check = (work.check_result ?? {}) as Partial<ExcavationCheck>;
	const streets = (check.streets ?? []).map((s) => s.name_fa ?? s.name_en ?? '—').join('، ') || '—';
	// each line's calculation in words, as the bill and the receipt read it (never the book's formula syntax)
	const items: ItemLine[] = (fee?.lines ?? []).map((l) => ({ title: l.title.fa, formula: lineInWords(l).fa, amountRials: l.rounded_rial }));
	const sections: DocumentSection[] = [
		{
			kind: 'facts',
			rows: [
				{ label: 'شمارهٔ کار حفاری', value: toPersianDigits(work.reference) },
				{ label: 'دستگاه حفار', value: work.organisation_name_fa },
				{ label: 'هدف حفاری', value: t('fa', `excavation_purpose.${work.purpose}`) },
				{ label: 'نوع کار', value: work.emergency ? 'اضطراری' : t('fa', `excavation_category.${work.category}`) },
				{ label: 'از تاریخ', value: { date: work.start } },
				{ label: 'تا تاریخ', value: { date: work.end } },
				{ label: 'مساحت حفاری', value: { m2: Math.round(work.area_m2 * 100) / 100 } },
				{ label: 'طول ترانشه', value: { metres: Math.round(work.length_m * 10) / 10 } },
				{ label: 'معابر', value: streets }
			]
		}
	];
	if (items.length > 0) sections.push({ kind: 'items', heading: 'هزینهٔ حفاری و سپردهٔ ترمیم (پرداخت شده)', rows: items, totalLabel: 'جمع' });
	const conditions = conditionTexts(work.conditions);
	sections.push({
		kind: 'paragraphs',
		heading: 'شرایط مجوز',
		paragraphs: [
			...conditions,
			'محل کار با علائم ایمنی و نام دستگاه حفار مشخص شود.',
			'پس از پایان کار، رویهٔ معبر هم‌سطح و هم‌جنس رویهٔ پیرامون ترمیم و پایان کار در سامانه اعلام شود؛ سپرده پس از تأیید بازرس مسترد می‌شود.'
		]
	});
	return { issuer: 'شهرداری — معاونت فنی و عمرانی', title: 'مجوز حفاری معابر', titleEn: 'Street excavation permit', sections };
}

/** Issues the permit of a work (the caller holds the work's lock in its transaction); returns the document id. */
export async function issuePermit(trx: Queryable, work: WorkRow, fee: Assessment | null, now: Date, env: IssueEnv = {}): Promise<number> {
	const doc = await issueDocument(trx, { kind: 'excavation_permit', caseId: null, parcelId: null, issuedBy: null, content: permitContent(work, fee) }, { ...env, now });
	return doc.id;
}

/** The permit PDF of a work, for those who may see the work; byte for byte what was issued. */
export async function workPermitPdf(db: Kysely<DB>, user: SessionUser, workId: number): Promise<{ number: string; pdf: Buffer }> {
	const work = Number.isSafeInteger(workId) && workId > 0 ? await findWork(db, workId) : null;
	if (!work) throw notFound(workId);
	assertMaySee(user, work);
	if (work.permit_document_id === null) throw issuedErrors.notFound();
	const doc = await findIssuedDocument(db, work.permit_document_id);
	if (!doc) throw issuedErrors.notFound();
	return { number: doc.number, pdf: await renderIssuedPdf(db, doc) };
}

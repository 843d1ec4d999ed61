/**
 * What the zoning statement (stage 1) and the permit (stage 2) say, as official-document content:
 * the parcel's rules from the rule book in force and its net area after the widening line; the
 * permitted building from the stored proposal, the check's verdicts and the fees paid. Persian
 * only (the official text); figures are typed so the PDF prints them in Persian digits and units.
 */
import { netAreaAfterWidening } from '../../domain/capacity';
import {
	describeLightWell,
	describeNorthDepth,
	describeParkingBands,
	type ApplicableRules,
	type Proposal,
	type ZoneRules
} from '../../domain/rules';
import { toPersianDigits } from '../../domain/text';
import { formatTrackingCode } from '../../domain/tracking-code';
import { jalaliIso } from '../../domain/jalali';
import type { IsoDate } from '../../domain/working-days';
import { formatRials } from '../pdf/official-document';
import type { DocumentSection, Fact } from '../pdf';
import type { ProposalFactsRow } from '../rules/proposal-facts.repository';

export interface ParcelHeader {
	renovationCode: string | null;
	address: string | null;
	registrationPlate: string | null;
	districtName: string | null;
	trackingCode: string;
	applicantName: string | null;
}

export interface DocumentContent {
	issuer: string;
	title: string;
	titleEn: string;
	sections: DocumentSection[];
}

const SAMPLE_NOTE = 'دفترچهٔ ضوابط نمونه است (نمونه — sample) و اعتبار قانونی ندارد.';
const PILOTIS = { required: 'الزامی', allowed: 'مجاز', not_allowed: 'ممنوع' } as const;
const fa = (n: number) => toPersianDigits(String(n));

/** A licence number as printed: Persian digits, unless it carries Latin letters (it then stays one left-to-right run). */
export const licenceText = (licence: string) => (/[A-Za-z]/.test(licence) ? licence : toPersianDigits(licence));

export const issuerOf = (districtName: string | null) => (districtName ? `شهرداری — ${districtName}` : 'شهرداری');

/**
 * The parcel's rows of every official document about a case (permit, zoning statement, completion certificate):
 * its codes in Persian digits; the person named as the applicant, or as the owner where the document certifies a
 * building (`applicantLabel`).
 */
export function parcelFacts(h: ParcelHeader, applicantLabel = 'متقاضی'): Fact[] {
	return [
		{ label: 'کد نوسازی', value: toPersianDigits(h.renovationCode ?? '—') },
		...(h.registrationPlate ? [{ label: 'پلاک ثبتی', value: toPersianDigits(h.registrationPlate) }] : []),
		...(h.address ? [{ label: 'نشانی', value: h.address }] : []),
		{ label: 'کد رهگیری پرونده', value: toPersianDigits(formatTrackingCode(h.trackingCode)) },
		...(h.applicantName ? [{ label: applicantLabel, value: h.applicantName }] : [])
	];
}

/** The zone's rules as printed; a rule the book does not define says so, never zero. */
function ruleFacts(zone: ZoneRules): Fact[] {
	const undefinedRule = 'در دفترچه تعریف نشده';
	const num = <T>(v: T | null, f: (v: T) => Fact['value']): Fact['value'] => (v === null ? undefinedRule : f(v));
	return [
		{ label: 'کاربری', value: zone.land_use ?? undefinedRule },
		{ label: 'حداکثر تراکم ساختمانی', value: num(zone.density_pct, (v) => ({ percent: v })) },
		{ label: 'حداکثر سطح اشغال', value: num(zone.occupancy_pct, (v) => ({ percent: v })) },
		{ label: 'حداکثر تعداد طبقات', value: num(zone.max_floors, (v) => `${fa(v)} طبقه`) },
		{ label: 'حداکثر ارتفاع', value: num(zone.max_height_m, (v) => ({ metres: v })) },
		{ label: 'پیلوت', value: zone.pilotis === null ? undefinedRule : PILOTIS[zone.pilotis] },
		{ label: 'پارکینگ', value: zone.parking === null ? undefinedRule : describeParkingBands(zone.parking).fa },
		{ label: 'نورگیر', value: zone.light_well === null ? undefinedRule : zone.light_well === 'none' ? 'ضابطه ندارد' : describeLightWell(zone.light_well).fa },
		{ label: 'استقرار از بَر شمالی', value: zone.north_depth === null ? undefinedRule : zone.north_depth === 'none' ? 'ضابطه ندارد' : describeNorthDepth(zone.north_depth).fa },
		{ label: 'عقب‌نشینی از بَر', value: num(zone.front_setback_m, (v) => ({ metres: v })) }
	];
}

/** Stage 1: دستور نقشه. `rules.zone` must be defined (a code missing from the book goes to the planner). */
export function zoningStatementContent(h: ParcelHeader, facts: ProposalFactsRow, rules: ApplicableRules & { zone: ZoneRules }): DocumentContent {
	const net = netAreaAfterWidening(facts.gross_area_m2, facts.setback_area_m2);
	const book = rules.book;
	return {
		issuer: issuerOf(h.districtName),
		title: 'دستور نقشه (اعلام ضابطه)',
		titleEn: 'Zoning statement',
		sections: [
			{ kind: 'facts', heading: 'مشخصات ملک', rows: parcelFacts(h) },
			{
				kind: 'facts',
				heading: 'مساحت',
				rows: [
					{ label: 'مساحت زمین', value: { m2: facts.gross_area_m2 } },
					{ label: 'سهم تعریض معبر (اصلاحی)', value: { m2: facts.setback_area_m2 } },
					{ label: 'مساحت خالص پس از اصلاحی', value: { m2: net } },
					{ label: 'پهنه', value: rules.zone_code ?? '—' }
				]
			},
			{ kind: 'facts', heading: 'ضوابط طرح تفصیلی', rows: ruleFacts(rules.zone) },
			{
				kind: 'paragraphs',
				heading: 'شرایط',
				paragraphs: [
					`این ضوابط از «${book.title_fa}»، لازم‌الاجرا از ${toPersianDigits(book.effective_from.replaceAll('-', '/'))} (میلادی)، است و پرونده با همین نسخه بررسی می‌شود.`,
					'تراکم و سطح اشغال بر مساحت خالص پس از اصلاحی محاسبه می‌شود؛ هیچ بخشی از بنا نباید از بَر اصلاحی جلوتر بیاید.',
					'نقشه‌های معماری و سازه بر پایهٔ این دستور نقشه توسط دفتر مهندسی تهیه و در پرونده بارگذاری می‌شود.',
					...(book.sample ? [SAMPLE_NOTE] : [])
				]
			}
		]
	};
}

export interface PermitFacts {
	proposal: Proposal;
	checkOk: boolean;
	override: { reason: string } | null;
	zoningStatementNumber: string | null;
	ruleBookTitle: string | null;
	fees: { title: string; formula?: string; amountRials: number }[];
	/** Every bill the fees were paid with: one, or each instalment of a split fee, in order. */
	bills: PaidBill[];
	/** The supervising engineer assigned with the permit (null: the district officer assigns one later). */
	supervisor: { name: string; licenceNo: string } | null;
}

export interface PaidBill {
	billId: string;
	paymentId: string;
	amountRials: number;
	/** The day (Tehran) the payment was verified; null for a bill not paid (never on an issued permit). */
	paidOn: IsoDate | null;
}

const jalaliDate = (d: IsoDate) => toPersianDigits(jalaliIso(d).replaceAll('-', '/'));

/** One row per bill: «قبض ۲ از ۳» → bill id, payment id, amount, the day it was paid. */
function billFacts(bills: readonly PaidBill[]): Fact[] {
	return bills.map((b, i) => ({
		label: bills.length > 1 ? `قسط ${fa(i + 1)} از ${fa(bills.length)}` : 'قبض',
		value: [
			`شناسهٔ قبض ${toPersianDigits(b.billId)}`,
			`شناسهٔ پرداخت ${toPersianDigits(b.paymentId)}`,
			`مبلغ ${formatRials(b.amountRials)} ریال`,
			b.paidOn ? `پرداخت ${jalaliDate(b.paidOn)}` : 'پرداخت‌نشده'
		].join('، ')
	}));
}

/** Stage 2: پروانهٔ ساختمان, from the stored proposal and the paid assessment. */
export function permitContent(h: ParcelHeader, p: PermitFacts): DocumentContent {
	const floors = p.proposal.floors;
	const total = floors.reduce((s, f) => s + f.area_m2, 0);
	const storeys = new Set(floors.filter((f) => f.level > 0 || (f.level === 0 && f.use !== 'pilotis')).map((f) => f.level)).size;
	const footprint = p.proposal.footprint.kind === 'area' ? p.proposal.footprint.area_m2 : null;
	const sections: DocumentSection[] = [
		{ kind: 'facts', heading: 'مشخصات ملک', rows: parcelFacts(h) },
		{
			kind: 'facts',
			heading: 'بنای مجاز',
			rows: [
				{ label: 'زیربنای کل', value: { m2: total } },
				{ label: 'تعداد طبقات', value: `${fa(storeys)} طبقه${p.proposal.pilotis ? ' روی پیلوت' : ''}` },
				{ label: 'تعداد واحدها', value: fa(p.proposal.units.length) },
				{ label: 'ارتفاع', value: { metres: p.proposal.height_m } },
				{ label: 'پارکینگ', value: `${fa(p.proposal.parking_spaces)} واحد` },
				...(footprint !== null ? [{ label: 'سطح اشغال', value: { m2: footprint } }] : [{ label: 'سطح اشغال', value: 'طبق جانمایی ترسیم‌شده بر نقشه' }]),
				...(p.zoningStatementNumber ? [{ label: 'دستور نقشه', value: p.zoningStatementNumber }] : []),
				...(p.supervisor ? [{ label: 'مهندس ناظر', value: `${p.supervisor.name} (پروانهٔ اشتغال ${licenceText(p.supervisor.licenceNo)})` }] : [])
			]
		}
	];
	if (p.fees.length) sections.push({ kind: 'items', heading: 'عوارض پرداخت‌شده', rows: p.fees, totalLabel: 'جمع' });
	if (p.bills.length) sections.push({ kind: 'facts', heading: p.bills.length > 1 ? 'قبض‌های پرداخت‌شده (اقساط)' : 'قبض پرداخت‌شده', rows: billFacts(p.bills) });
	const conditions = [
		p.checkOk
			? 'طرح پیشنهادی با همهٔ ضوابط طرح تفصیلی تطبیق داده شد و پذیرفته است.'
			: `طرح پیشنهادی با نظر کارشناس منطقه پذیرفته شد: ${p.override?.reason ?? '—'}`,
		...(p.ruleBookTitle ? [`ضوابط مبنا: «${p.ruleBookTitle}».`] : []),
		...(p.supervisor ? [] : ['مهندس ناظر هنوز تعیین نشده است؛ کارشناس منطقه او را تعیین می‌کند و کار پیش از آن آغاز نمی‌شود.']),
		'هر تغییر در نقشه‌های مصوب بدون اجازهٔ شهرداری تخلف است و به کمیسیون مادهٔ ۱۰۰ ارجاع می‌شود.',
		'وضعیت روز این پروانه (معتبر، معلق یا باطل) را با کد QR پایین صفحه بررسی کنید.'
	];
	sections.push({ kind: 'paragraphs', heading: 'شرایط', paragraphs: conditions });
	return { issuer: issuerOf(h.districtName), title: 'پروانهٔ ساختمان', titleEn: 'Building permit', sections };
}

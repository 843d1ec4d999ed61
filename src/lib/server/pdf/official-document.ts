import { jalaliIso } from '../../domain/jalali';
import { toPersianDigits } from '../../domain/text';
import type { IsoDate } from '../../domain/working-days';
import { formatArea, formatMetres, formatNumber, formatPercent } from '../../i18n/format';
import { BadInputError } from '../errors';

/**
 * What an official Pelak document says, independent of how it is laid out: the permits, zoning
 * statements (دستور نقشه), receipts and certificates Pelak issues all share this shape.
 */
export type OfficialDocumentKind = 'zoning_statement' | 'building_permit' | 'receipt' | 'certificate' | 'excavation_permit';

/** A fact's value. Strings print as given; the typed forms print in Persian digits and units. */
export type FactValue =
	| string
	| { m2: number }
	| { metres: number }
	| { percent: number }
	| { rials: number }
	| { date: IsoDate };

export interface Fact {
	label: string;
	value: FactValue;
}

/** A line of an itemised table, e.g. a fee: what it is, how it was computed, how much. */
export interface ItemLine {
	title: string;
	formula?: string;
	/** Whole rials. */
	amountRials: number;
}

export type DocumentSection =
	| { kind: 'facts'; heading?: string; rows: readonly Fact[] }
	/** Fee lines and their total (computed here from the lines). */
	| { kind: 'items'; heading?: string; rows: readonly ItemLine[]; totalLabel?: string }
	/** Conditions, notes: numbered unless `numbered` is false. */
	| { kind: 'paragraphs'; heading?: string; paragraphs: readonly string[]; numbered?: boolean };

export interface OfficialDocumentSpec {
	kind: OfficialDocumentKind;
	/** The issuing municipality, e.g. «شهرداری نمونه‌شهر». */
	issuer: string;
	title: string;
	/** An English title, printed left to right under the Persian one. */
	titleEn?: string;
	/** The document number as printed. */
	number: string;
	issuedOn: IsoDate;
	sections: readonly DocumentSection[];
	/** The footer's QR code encodes `<origin>/verify/<code>`; the code is also printed. */
	verification: { origin: string; code: string };
	/** Printed diagonally on every page, e.g. {@link SANDBOX_WATERMARK}. */
	watermark?: string;
}

/** The watermark of documents issued from sample data or a sandbox. */
export const SANDBOX_WATERMARK = 'نمونه، بدون اعتبار — SAMPLE DATA';

const VERIFICATION_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/;

/**
 * The absolute URL a document's QR code carries.
 *
 * @example verificationUrl('https://pelak.example.ir', 'K7Q2-9XF4') // 'https://pelak.example.ir/verify/K7Q2-9XF4'
 */
export function verificationUrl(origin: string, code: string): string {
	let url: URL;
	try {
		url = new URL(origin);
	} catch (cause) {
		throw badOrigin(origin, cause);
	}
	if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash) throw badOrigin(origin);
	if (!VERIFICATION_CODE.test(code)) {
		throw new BadInputError('bad_verification_code', {
			fa: `کد تصدیق «${code}» نامعتبر است؛ ۴ تا ۶۴ حرف لاتین، رقم یا خط تیره.`,
			en: `Verification code "${code}" is invalid: 4 to 64 Latin letters, digits or hyphens.`
		});
	}
	return `${url.origin}/verify/${code}`;
}

function badOrigin(origin: string, cause?: unknown): BadInputError {
	return new BadInputError(
		'bad_verification_origin',
		{
			fa: `نشانی پایهٔ تصدیق «${origin}» باید مانند https://example.ir و بدون مسیر باشد.`,
			en: `Verification origin "${origin}" must look like https://example.ir, with no path.`
		},
		{ cause }
	);
}

/** A Jalali date as official documents number it: '۱۴۰۵/۰۳/۱۵'. */
export function formatJalaliNumeric(date: IsoDate): string {
	return toPersianDigits(jalaliIso(date).replaceAll('-', '/'));
}

/** Whole rials with Persian digits and the Arabic thousands separator: '۱۲٬۳۴۵٬۰۰۰'. */
export function formatRials(rials: number): string {
	if (!Number.isSafeInteger(rials)) {
		throw new BadInputError('bad_amount', {
			fa: `مبلغ ${rials} ریال عدد صحیح نیست.`,
			en: `Amount ${rials} is not a whole number of rials.`
		});
	}
	return formatNumber(rials, 'fa', 0);
}

export function formatFactValue(value: FactValue): string {
	if (typeof value === 'string') return value;
	if ('m2' in value) return formatArea(value.m2, 'fa');
	if ('metres' in value) return formatMetres(value.metres, 'fa');
	if ('percent' in value) return formatPercent(value.percent, 'fa');
	if ('rials' in value) return `${formatRials(value.rials)} ریال`;
	return formatJalaliNumeric(value.date);
}

/** The sum of the lines; throws on a line (or a total) that is not a whole number of rials. */
export function itemsTotal(rows: readonly ItemLine[]): number {
	rows.forEach((row) => formatRials(row.amountRials));
	const total = rows.reduce((sum, row) => sum + row.amountRials, 0);
	formatRials(total);
	return total;
}

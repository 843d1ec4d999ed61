/**
 * The north-side depth rule («۶۰ درصد + ۲ متر»): the building sits on the north of the parcel and
 * may take at most a share of the parcel's depth plus a few metres, leaving the south as a yard.
 * Cities word and apply it differently (see /work/shared/domain/permits-fees.md §C), so each rule
 * book states it as text, read here into a formula.
 */
import type { Bilingual } from '../../i18n/lang';
import { normaliseText, toPersianDigits } from '../text';
import { figure, metres, round2 } from './numbers';
import { readFail, readOk, type Read } from './problem';

/** Allowed depth = fraction × parcel depth + plus_m. */
export interface NorthDepthRule {
	/** Share of the parcel depth, 0 < fraction ≤ 1. */
	fraction: number;
	/** Metres added (or, if negative, taken off). */
	plus_m: number;
	/** The rule as the book wrote it. */
	text: string;
}

/** Largest number of metres a city adds to the share; anything beyond is a typo. */
export const NORTH_DEPTH_MAX_OFFSET_M = 20;

const EXAMPLES = '«60 % + 2 m»، «0.6L+2»، «۶۰٪ + ۲ متر»';
const EXAMPLES_EN = '"60 % + 2 m", "0.6L+2", "۶۰٪ + ۲ متر"';

type Term = { value: number; sign: 1 | -1; percent: boolean; depth: boolean; metres: boolean };

/** The text with one spelling per token: `%` for percent, `l` for the parcel depth, `m` for metres. */
function canonical(text: string): string {
	return normaliseText(text)
		.toLowerCase()
		.replace(/٪|درصد/g, '%')
		.replace(/٫/g, '.')
		.replace(/\b(of|the|parcel|plot|lot)\b/g, '')
		.replace(/(عمق|طول)\s*(زمین|ملک|قطعه|پلاک)?|depth/g, 'l')
		.replace(/متر|meters?|metres?/g, 'm')
		.replace(/[×*x\s\u200c]/g, '');
}

function readTerms(t: string): Term[] | null {
	const terms: Term[] = [];
	const re = /([+-]?)([^+-]+)/gy;
	let m: RegExpExecArray | null;
	let end = 0;
	while ((m = re.exec(t)) !== null) {
		const body = /^(\d+(?:\.\d+)?)(%?)(l*)(m?)$/.exec(m[2]) ?? /^l+(\d+(?:\.\d+)?)$/.exec(m[2]);
		if (!body) return null;
		const percent = body[2] === '%';
		terms.push({ value: Number(body[1]), sign: m[1] === '-' ? -1 : 1, percent, depth: (body[3] ?? 'l') !== '', metres: body[4] === 'm' });
		end = re.lastIndex;
	}
	return end === t.length && terms.length > 0 ? terms : null;
}

/**
 * Reads a north-side depth rule.
 *
 * @example parseNorthDepth('60 % + 2 m') // { ok: true, value: { fraction: 0.6, plus_m: 2, text: '60 % + 2 m' } }
 * @example parseNorthDepth('۶۰٪ + ۲ متر') // the same
 * @example parseNorthDepth('0.6L+2') // the same
 */
export function parseNorthDepth(text: string): Read<NorthDepthRule> {
	const t = canonical(text);
	if (t === '') return readFail('north_depth_empty', 'ضابطهٔ عمق شمالی خالی است.', 'The north-side depth rule is empty.');
	const terms = readTerms(t);
	if (!terms) {
		return readFail(
			'north_depth_unreadable',
			`ضابطهٔ عمق شمالی «${text}» خوانا نیست؛ نمونه‌های درست: ${EXAMPLES}.`,
			`The north-side depth rule "${text}" cannot be read; write it like ${EXAMPLES_EN}.`
		);
	}
	const marksShare = (term: Term) => term.percent || (term.depth && !term.metres);
	const explicitShare = terms.some(marksShare);
	const firstBare = terms.find((term) => !term.percent && !term.depth && !term.metres);
	let share: Term | null = null;
	let offset: Term | null = null;
	for (const term of terms) {
		// A bare number is the share only when nothing else is marked as one: «60 + 2» reads as 60 % + 2 m.
		const isShare = marksShare(term) || (!explicitShare && term === firstBare);
		if (isShare ? share : offset) {
			const what = isShare ? { fa: 'دو سهم از عمق', en: 'two shares of the depth' } : { fa: 'دو مقدار متری', en: 'two lengths in metres' };
			return readFail('north_depth_ambiguous', `ضابطهٔ عمق شمالی «${text}» ${what.fa} دارد.`, `The north-side depth rule "${text}" has ${what.en}.`);
		}
		if (isShare) share = term;
		else offset = term;
	}
	if (!share) {
		return readFail(
			'north_depth_no_share',
			`ضابطهٔ عمق شمالی «${text}» سهمی از عمق زمین ندارد؛ نمونه: ${EXAMPLES}.`,
			`The north-side depth rule "${text}" has no share of the parcel depth; write it like ${EXAMPLES_EN}.`
		);
	}
	// «0.6L» is a fraction of the depth; a bare «60» can only mean 60 %.
	const fraction = share.percent || (!share.depth && share.value > 1) ? share.value / 100 : share.value;
	if (share.sign < 0 || fraction <= 0 || fraction > 1) {
		return readFail(
			'north_depth_share_out_of_range',
			`سهم عمق در ضابطهٔ «${text}» باید بیش از صفر و حداکثر ۱۰۰٪ باشد.`,
			`The share of the depth in "${text}" must be more than 0 and at most 100 %.`
		);
	}
	const plus_m = offset ? offset.sign * offset.value : 0;
	if (Math.abs(plus_m) > NORTH_DEPTH_MAX_OFFSET_M) {
		return readFail(
			'north_depth_offset_out_of_range',
			`مقدار متری ضابطهٔ «${text}» باید حداکثر ${toPersianDigits(NORTH_DEPTH_MAX_OFFSET_M)} متر باشد.`,
			`The metres in "${text}" must be at most ${NORTH_DEPTH_MAX_OFFSET_M} m.`
		);
	}
	return readOk({ fraction, plus_m, text: text.trim() });
}

/**
 * Depth the building may take from the north edge: fraction × parcel depth + plus_m, never more
 * than the parcel's depth and never below zero.
 *
 * @example allowedNorthDepth({ fraction: 0.6, plus_m: 2, text: '' }, 20) // 14
 */
export function allowedNorthDepth(rule: NorthDepthRule, parcel_depth_m: number): number {
	return Math.min(parcel_depth_m, Math.max(0, rule.fraction * parcel_depth_m + rule.plus_m));
}

/** The rule in words: `{ fa: '۶۰٪ عمق زمین + ۲٫۰۰ متر', en: '60% of the parcel depth + 2.00 m' }`. */
export function describeNorthDepth(rule: NorthDepthRule): Bilingual {
	const pct = figure(round2(rule.fraction * 100));
	if (rule.plus_m === 0) return { fa: `${pct.fa}٪ عمق زمین`, en: `${pct.en}% of the parcel depth` };
	const sign = rule.plus_m > 0 ? '+' : '−';
	const m = metres(Math.abs(rule.plus_m));
	return { fa: `${pct.fa}٪ عمق زمین ${sign} ${m.fa}`, en: `${pct.en}% of the parcel depth ${sign} ${m.en}` };
}

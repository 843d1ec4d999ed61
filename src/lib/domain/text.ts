/**
 * Persian text as users type it: Persian (۰–۹) or Arabic-Indic (٠–٩) digits, Arabic yeh/kaf
 * (ي ك) from Arabic keyboards, and words joined by a zero-width non-joiner (میدان‌امام), a space
 * (میدان امام) or nothing at all. Search compares keys that erase those differences.
 * Pure and client-safe.
 */

const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_ZERO = 0x0660; // ٠

/**
 * Persian and Arabic-Indic digits become ASCII digits; everything else is kept.
 *
 * @example toLatinDigits('۱۲۳۴/۵۶') // '1234/56'
 */
export function toLatinDigits(text: string): string {
	return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (ch) => {
		const code = ch.charCodeAt(0);
		return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_ZERO);
	});
}

/**
 * ASCII digits become Persian digits, for Persian UI text.
 *
 * @example toPersianDigits('1234/56') // '۱۲۳۴/۵۶'
 */
export function toPersianDigits(text: string | number): string {
	return String(text).replace(/[0-9]/g, (d) => String.fromCharCode(PERSIAN_ZERO + Number(d)));
}

/**
 * Latin digits for Persian and Arabic ones (postal codes, plates and codes must compare equal
 * however they were typed), and the Persian yeh and kaf for the Arabic letters that files written
 * in windows-1256 or on Arabic keyboards carry; trimmed.
 *
 * @example normaliseText(' خيابان كاوه ۱۲ ') === 'خیابان کاوه 12'
 */
export function normaliseText(value: string): string {
	return toLatinDigits(value).replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').trim();
}

/** Only the digits of a typed number (postal code, plate), in ASCII. */
export function digitsOnly(text: string): string {
	return toLatinDigits(text).replace(/[^0-9]/g, '');
}

/**
 * Letters folded to one Persian form. Mirrored by `pelak_search_key()` and
 * `pelak_search_words()` in migrations/0004_parcel_search.sql, which index addresses the same way.
 */
export const SEARCH_KEY_FOLD: ReadonlyArray<readonly [string, string]> = [
	['ي', 'ی'], // Arabic yeh
	['ى', 'ی'], // alef maksura
	['ك', 'ک'], // Arabic kaf
	['ة', 'ه'], // teh marbuta
	['ۀ', 'ه'], // heh with yeh above (خانۀ), also typed as ه + hamza above, which is dropped
	['أ', 'ا'],
	['إ', 'ا'],
	['ٱ', 'ا']
];

/**
 * Characters that separate words: spaces of any kind, the zero-width non-joiner (people type
 * «میدان‌امام» and «میدان امام» alike) and the punctuation between parts of an address.
 */
export const SEARCH_WORD_BREAKS = ' \t\n\r\u00a0\u200c،,.-_؛;:()«»"\'/';

/**
 * Characters dropped inside words: ZWJ and direction marks, tatweel, and Arabic diacritics
 * (harakat, shadda, sukun, maddah and hamza above/below, superscript alef).
 */
export const SEARCH_MARKS =
	'\u200d\u200e\u200f\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670';

const FOLD = new Map(SEARCH_KEY_FOLD);
const BREAKS = new Set(SEARCH_WORD_BREAKS);
const MARKS = new Set(SEARCH_MARKS);

/** Digits to ASCII, lower case, letters folded, marks dropped; word breaks become `breakAs`. */
function normalise(text: string, breakAs: string): string {
	let out = '';
	for (const ch of toLatinDigits(text).toLowerCase()) {
		if (MARKS.has(ch)) continue;
		out += BREAKS.has(ch) ? breakAs : (FOLD.get(ch) ?? ch);
	}
	return out;
}

/**
 * The comparison key of a whole Persian text: digits in ASCII, letters folded to their Persian
 * forms, lower case, and no spaces, joiners, diacritics or separators, so «میدان امام»,
 * «میدان‌امام», «ميدان امام» and «میدانامام» share one key. Mirrored by `pelak_search_key()`.
 *
 * @example searchKey('خيابان  چهارباغ‌عباسی، كوچه ۱۲') === searchKey('خیابان چهارباغ عباسی کوچه 12') // true
 */
export function searchKey(text: string): string {
	return normalise(text, '');
}

/**
 * The words of a Persian text, normalised like {@link searchKey} and split at spaces, ZWNJs and
 * separators. Mirrored by `pelak_search_words()`, whose full-text index answers word-prefix search.
 *
 * @example searchWords('چهارباغ‌عباسي، ۱۲') // ['چهارباغ', 'عباسی', '12']
 */
export function searchWords(text: string): string[] {
	return normalise(text, ' ').split(' ').filter(Boolean);
}

/**
 * Orders codes as people read them: the numbers in them by value ("2" before "10", "D2" before "D10"),
 * Persian and Latin digits alike.
 */
export function compareCodes(a: string, b: string): number {
	return toLatinDigits(a).localeCompare(toLatinDigits(b), 'en', { numeric: true });
}

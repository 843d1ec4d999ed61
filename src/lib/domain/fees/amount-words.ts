/**
 * A whole amount in words, as a receipt writes it under the figure so it cannot be misread or
 * altered: «سیصد و پنجاه هزار ریال», "three hundred fifty thousand rials". Pure; whole numbers
 * from 0 up to Number.MAX_SAFE_INTEGER (every rial amount Pelak stores).
 */
import type { Lang } from '../../i18n/lang';

const FA_ONES = ['', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'];
const FA_TEENS = ['ده', 'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'];
const FA_TENS = ['', '', 'بیست', 'سی', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود'];
const FA_HUNDREDS = ['', 'صد', 'دویست', 'سیصد', 'چهارصد', 'پانصد', 'ششصد', 'هفتصد', 'هشتصد', 'نهصد'];
const FA_SCALES = ['', 'هزار', 'میلیون', 'میلیارد', 'تریلیون', 'کوادریلیون'];

const EN_ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

/** 1–999 in words. */
function group(n: number, lang: Lang): string {
	const [h, t, o] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
	if (lang === 'fa') {
		const parts = [FA_HUNDREDS[h], t === 1 ? FA_TEENS[o] : FA_TENS[t], t === 1 ? '' : FA_ONES[o]];
		return parts.filter(Boolean).join(' و ');
	}
	const below = t === 1 ? EN_TEENS[o] : [EN_TENS[t], EN_ONES[o]].filter(Boolean).join('-');
	return [h ? `${EN_ONES[h]} hundred` : '', below].filter(Boolean).join(' ');
}

/** A whole number in words: «یک میلیون و دویست هزار», "one million two hundred thousand". */
export function numberInWords(n: number, lang: Lang): string {
	if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole amount: ${n}`);
	if (n === 0) return lang === 'fa' ? 'صفر' : 'zero';
	const groups: string[] = [];
	for (let rest = n, scale = 0; rest > 0; rest = Math.floor(rest / 1000), scale++) {
		const g = rest % 1000;
		if (g === 0) continue;
		const scaleWord = (lang === 'fa' ? FA_SCALES : EN_SCALES)[scale];
		// Persian says «هزار» for a thousand, «یک میلیون» for a million
		const words = lang === 'fa' && scale === 1 && g === 1 ? '' : group(g, lang);
		groups.unshift([words, scaleWord].filter(Boolean).join(' '));
	}
	return groups.join(lang === 'fa' ? ' و ' : ' ');
}

/** An amount of rials in words: «سیصد و پنجاه هزار ریال», "three hundred fifty thousand rials". */
export function rialsInWords(amount: number, lang: Lang): string {
	return lang === 'fa' ? `${numberInWords(amount, 'fa')} ریال` : `${numberInWords(amount, 'en')} ${amount === 1 ? 'rial' : 'rials'}`;
}

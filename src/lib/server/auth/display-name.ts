import { toLatinDigits } from '../../domain/text';

/**
 * Display names are shown to staff, on timelines and in the page header; they never carry a
 * national id (a run of ten digits, in any script). The database refuses one too (migration 0025).
 */
export function containsNationalId(name: string): boolean {
	return /\d{10}/.test(toLatinDigits(name).replace(/[\s\-‌]/g, ''));
}

/**
 * The name a citizen's account starts with: the operator registry answers yes or no and gives no
 * name, so «شهروند» and the last four digits of the mobile, which tell two citizens apart for
 * staff without revealing the number.
 *
 * @example citizenDisplayName('09120000001') // 'شهروند (همراه …۰۰۰۱)'
 */
export function citizenDisplayName(mobile: string): string {
	const tail = mobile.slice(-4).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
	return `شهروند (همراه …${tail})`;
}

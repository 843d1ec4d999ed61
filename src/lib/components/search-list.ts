/**
 * The search box's list, kept pure for its tests: which hit the arrow keys highlight, which one Enter
 * takes, and the line that tells hits of one label apart.
 */
import type { SearchHit } from '$lib/api/parcel';
import { factSep, formatDigits, t, type Lang } from '$lib/i18n';

/**
 * The highlighted hit after a key in the search field: ArrowDown/ArrowUp move through the list and
 * wrap around, Home/End are left to the text field; `null` for a key that does not move it.
 * `-1` is no highlight (the field itself).
 *
 * @example moveHighlight('ArrowDown', -1, 3) // 0
 * @example moveHighlight('ArrowUp', 0, 3) // 2
 */
export function moveHighlight(key: string, index: number, count: number): number | null {
	if (count === 0 || (key !== 'ArrowDown' && key !== 'ArrowUp')) return null;
	if (key === 'ArrowDown') return index < 0 || index >= count - 1 ? 0 : index + 1;
	return index <= 0 || index >= count ? count - 1 : index - 1;
}

/** The hit Enter takes: the highlighted one, else the first (the best match). */
export function hitToTake<T>(hits: readonly T[] | null | undefined, highlighted: number): T | null {
	if (!hits?.length) return null;
	return hits[highlighted >= 0 && highlighted < hits.length ? highlighted : 0];
}

/**
 * What tells a parcel hit apart from another of the same label (two parcels at «… خیابان سپه، پلاک ۱»):
 * its renovation code (unless that is the label) and its block; '' for a street.
 *
 * @example hitDetail({ matched: 'address', renovation_code: '3-101-001', block: '101', … }, 'fa') // 'کد نوسازی ۳-۱۰۱-۰۰۱، بلوک ۱۰۱'
 */
export function hitDetail(hit: Pick<SearchHit, 'matched' | 'renovation_code' | 'block'>, lang: Lang): string {
	const parts: string[] = [];
	if (hit.renovation_code && hit.matched !== 'renovation_code') parts.push(t(lang, 'search.hit_code', { code: formatDigits(hit.renovation_code, lang) }));
	if (hit.block) parts.push(t(lang, 'search.hit_block', { block: formatDigits(hit.block, lang) }));
	return parts.join(factSep(lang));
}

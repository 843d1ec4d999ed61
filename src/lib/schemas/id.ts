/**
 * Ids (and other counts) at the edge: positive whole numbers in Latin digits, within JavaScript's safe integers
 * (and so within int8). Client-safe: the router's `id` matcher uses it in the browser too.
 */
const ID = /^[1-9][0-9]{0,15}$/;

/** The number, or null when the text is not a positive whole number. */
export function positiveInt(text: string | null | undefined): number | null {
	if (!text || !ID.test(text)) return null;
	const n = Number(text);
	return Number.isSafeInteger(n) ? n : null;
}

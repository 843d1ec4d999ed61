import { formatDigits, t, type Lang, type MessageKey } from '$lib/i18n';

const KNOWN = new Set([400, 401, 403, 404, 409, 413, 429]);

/**
 * The error page's status line in the page's language: «خطای ۴۰۳: دسترسی مجاز نیست», not the
 * status and the machine code in Latin («403 · forbidden»). The code stays on the page as an
 * attribute for support and tests, not as text.
 *
 * @example errorStatusLine('fa', 403) // 'خطای ۴۰۳: دسترسی مجاز نیست'
 */
export function errorStatusLine(lang: Lang, status: number): string {
	const meaning: MessageKey = KNOWN.has(status) ? (`error.status_${status}` as MessageKey) : status >= 500 ? 'error.status_5xx' : 'error.status_other';
	return t(lang, 'error.status_line', { status: formatDigits(String(status), lang), meaning: t(lang, meaning) });
}

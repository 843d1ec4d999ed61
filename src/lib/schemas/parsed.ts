import type { Bilingual } from '../i18n/lang';

/**
 * What an edge parser answers: the value, or an issue with a stable code and a message in Persian
 * and English that names the problem (`expectValid` in `$lib/server/errors` turns it into a 400).
 */
export interface Issue {
	code: string;
	messages: Bilingual;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: Issue };

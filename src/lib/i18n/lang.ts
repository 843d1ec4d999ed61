/** The two UI languages, Persian first. Client-safe: the server, the pages and the domain share these. */
export type Lang = 'fa' | 'en';

/** A text in both UI languages (a domain message, a role or step name); the one the user reads is picked at the edge. */
export type Bilingual = Record<Lang, string>;

/** The language a cookie, a query parameter or the page asks for: Persian unless it says English. */
export function langOf(value: unknown): Lang {
	return value === 'en' ? 'en' : 'fa';
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
	return lang === 'fa' ? 'rtl' : 'ltr';
}

/**
 * A text stored in two columns (`name_fa`, `name_en`) in the reader's language, else in the other
 * one: imported data often has only the Persian. Null when neither is there.
 * @example inLang('en', district.name_fa, district.name_en)
 */
export function inLang(lang: Lang, fa: string | null | undefined, en: string | null | undefined): string | null {
	return (lang === 'en' ? en || fa : fa || en) || null;
}

const PERSIAN_LETTER = /[\u0600-\u06ff]/;
/** The English line opens with a Latin letter; it may name a person or a place in Persian further on. */
const OPENS_LATIN = /^[^\p{L}]*[A-Za-z]/u;

/**
 * A text the system wrote in both languages, as it is kept in the audit log (`<Persian>\n<English>`,
 * permits/automation.service.ts), in the reader's language; any other text as it is (a Persian-only
 * system line, or anything a person wrote). Only for texts known to be the system's.
 * @example systemTextIn('پروانه صادر شد.\nThe permit was issued.', 'en') // 'The permit was issued.'
 */
export function systemTextIn(text: string, lang: Lang): string {
	const lines = text.split('\n');
	if (lines.length !== 2 || !PERSIAN_LETTER.test(lines[0]) || !OPENS_LATIN.test(lines[1])) return text;
	return lang === 'fa' ? lines[0] : lines[1];
}

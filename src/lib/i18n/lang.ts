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

/** A problem found while reading rule-book data or a proposal: a stable code and a bilingual message. */
import type { Bilingual } from '../../i18n/lang';

export interface RuleProblem {
	code: string;
	message: Bilingual;
}

/** The value read, or why it could not be. */
export type Read<T> = { ok: true; value: T } | { ok: false; problem: RuleProblem };

export const readOk = <T>(value: T): Read<T> => ({ ok: true, value });

export const readFail = (code: string, fa: string, en: string): Read<never> => ({
	ok: false,
	problem: { code, message: { fa, en } }
});

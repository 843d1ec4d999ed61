/**
 * The check run before a tariff book is published: everything `prepareTariffBook` checks, plus
 * every active item has worked samples and every sample still gives its expected amount.
 */
import { toPersianDigits } from '../text';
import { assess } from './assess';
import { prepareTariffBook } from './prepare-book';
import { tariffProblem, TariffError, type TariffProblem } from './problems';
import type { TariffBook, TariffItem, TariffSample } from './tariff-book';

export interface TariffBookValidation {
	/** True when there is no problem of severity 'error'. */
	valid: boolean;
	problems: TariffProblem[];
}

function runSample(book: TariffBook, item: TariffItem, sample: TariffSample, index: number): TariffProblem[] {
	const place = { item: item.code, sample: index + 1 };
	try {
		const result = assess(book, sample.inputs, { items: [item.code] });
		const got = result.lines[0]?.rounded_rial ?? null;
		if (got === sample.expected_rial) return [];
		return [tariffProblem('sample_mismatch', place, { expected: sample.expected_rial ?? 'none', got: got ?? 'none' })];
	} catch (error) {
		if (!(error instanceof TariffError)) throw error;
		const head = { fa: `ردیف ${item.code}، نمونهٔ ${toPersianDigits(index + 1)}`, en: `Item ${item.code}, sample ${index + 1}` };
		const own = { fa: `ردیف ${item.code}`, en: `Item ${item.code}` };
		// "Item A, formula: …" becomes "Item A, sample 1, formula: …"; others are prefixed whole.
		const relabel = (text: string, lang: 'fa' | 'en') =>
			text.startsWith(own[lang]) ? head[lang] + text.slice(own[lang].length) : `${head[lang]} — ${text}`;
		return error.problems.map((p) => ({
			...p,
			...place,
			message: { fa: relabel(p.message.fa, 'fa'), en: relabel(p.message.en, 'en') }
		}));
	}
}

/**
 * Validates a tariff book for publishing. Samples run only when the book itself has no errors.
 *
 * @example validateTariffBook(SAMPLE_TARIFF_BOOK) // { valid: true, problems: [] }
 */
export function validateTariffBook(book: TariffBook): TariffBookValidation {
	const problems = [...prepareTariffBook(book).problems];
	const structurallySound = !problems.some((p) => p.severity === 'error');
	for (const item of book.items) {
		if (item.annulled) continue;
		if (item.samples.length === 0) problems.push(tariffProblem('no_samples', { item: item.code, field: 'samples' }));
		if (structurallySound) item.samples.forEach((sample, i) => problems.push(...runSample(book, item, sample, i)));
	}
	return { valid: !problems.some((p) => p.severity === 'error'), problems };
}

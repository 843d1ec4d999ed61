import type { Bilingual } from '../../src/lib/server/errors';
import { toPersianDigits } from '../../src/lib/domain/text';
import { ImportError } from './import-error';

/**
 * What an import reports about single features, and the refusal when none survives. A city's file
 * often has thousands of features rejected for one reason; they are reported as one group with a
 * count and the first few feature numbers, not one line each.
 */

export interface FeatureIssue {
	/** 1-based position of the feature in the file (for a table, its row). */
	feature: number;
	/** Why, in the same words for every feature with this problem: the group it is reported in. */
	reason: string;
	/** This feature's particulars, e.g. the duplicated value or the GEOS reason. */
	detail?: string;
}

export interface IssueGroup {
	reason: string;
	count: number;
	/** The first few feature numbers, in file order, each once. */
	features: number[];
	/** The first feature's particulars, as an example. */
	example?: string;
}

/** Feature numbers listed per group. */
export const FIRST_FEATURES = 5;

/**
 * Issues grouped by reason, the largest group first (ties in file order).
 *
 * @example groupIssues([{ feature: 3, reason: 'no geometry' }, { feature: 7, reason: 'no geometry' }])
 * // → [{ reason: 'no geometry', count: 2, features: [3, 7] }]
 */
export function groupIssues(issues: readonly FeatureIssue[], first = FIRST_FEATURES): IssueGroup[] {
	const groups = new Map<string, IssueGroup>();
	for (const issue of [...issues].sort((a, b) => a.feature - b.feature)) {
		let group = groups.get(issue.reason);
		if (!group) {
			group = { reason: issue.reason, count: 0, features: [], ...(issue.detail ? { example: issue.detail } : {}) };
			groups.set(issue.reason, group);
		}
		group.count++;
		if (group.features.length < first && !group.features.includes(issue.feature)) group.features.push(issue.feature);
	}
	return [...groups.values()].sort((a, b) => b.count - a.count || a.features[0] - b.features[0]);
}

/** One line per group: `no geometry: 120 (features 1, 4, 9, 12, 15, …; e.g. "3-101-001")`. */
export function formatGroup(g: IssueGroup, noun = 'features'): string {
	const more = g.count > g.features.length ? ', …' : '';
	const example = g.example ? `; e.g. ${g.example}` : '';
	return `${g.reason}: ${g.count} (${noun} ${g.features.join(', ')}${more}${example})`;
}

/**
 * Nothing in the file survived (every feature or row rejected, or none there): the import is
 * refused and rolled back, so a `--replace` never empties a layer. Carries the report, so the
 * CLI can still show why each was rejected.
 */
export class NothingImportedError<R = unknown> extends ImportError {
	constructor(
		readonly report: R,
		read: number,
		what: Bilingual = { fa: 'عارضه', en: 'features' },
		/** Every one is already stored: the file was imported before. */
		alreadyStored = false
	) {
		super(
			'import_nothing_imported',
			alreadyStored && read > 0
				? {
						fa: `همهٔ ${toPersianDigits(read)} ${what.fa} این فایل از پیش در پایگاه داده است (احتمالاً این فایل قبلاً وارد شده)؛ چیزی تغییر نکرد. برای بارگذاری دوباره ‎--replace بدهید.`,
						en: `All ${read} ${what.en} of this file are already in the database (it was probably imported before); nothing changed. To load it again, pass --replace.`
					}
				: read === 0
				? { fa: `فایل هیچ ${what.fa} ندارد؛ چیزی وارد نشد.`, en: `The file has no ${what.en}; nothing was imported.` }
				: {
						fa: `هیچ‌کدام از ${toPersianDigits(read)} ${what.fa} فایل وارد نشد؛ همه رد شدند (دلیل‌ها در گزارش بالا). پایگاه داده تغییری نکرد.`,
						en: `Nothing was imported: all ${read} ${what.en} were rejected (the reasons are above). The database is unchanged.`
					}
		);
	}
}

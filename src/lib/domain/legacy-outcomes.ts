import type { Bilingual } from '../i18n/lang';

/** What became of an imported case, as the officer records it. Client-safe: the audit page names them too. */
export const LEGACY_OUTCOMES = ['completed_before', 'withdrawn', 'archived'] as const;
export type LegacyOutcome = (typeof LEGACY_OUTCOMES)[number];

export const LEGACY_OUTCOME_NAMES: Record<LegacyOutcome, Bilingual> = {
	completed_before: { fa: 'در سامانهٔ پیشین انجام شده', en: 'Completed in the previous system' },
	withdrawn: { fa: 'متقاضی منصرف شده', en: 'Withdrawn by the applicant' },
	archived: { fa: 'بایگانی بدون اقدام (ناقص یا راکد)', en: 'Archived without action (incomplete or dormant)' }
};

export function isLegacyOutcome(value: unknown): value is LegacyOutcome {
	return typeof value === 'string' && (LEGACY_OUTCOMES as readonly string[]).includes(value);
}

/**
 * Which outside agency must be asked before digging in a protected area. Overlays are imported
 * with a free `kind` (the sample city's `heritage_buffer`, a city's «حریم میراث»…), so the kind is
 * matched by words; a kind no rule matches asks no one. Client-safe.
 */
import type { AgencyKind } from '../roles';
import type { Bilingual } from '../../i18n/lang';

const RULES: { agency: AgencyKind; matches: RegExp; why: Bilingual }[] = [
	{
		agency: 'cultural_heritage',
		matches: /heritage|historic|monument|میراث|تاریخی|اثر ملی/i,
		why: { fa: 'حفاری در حریم آثار تاریخی به استعلام از میراث فرهنگی نیاز دارد', en: 'digging within a heritage area needs the Cultural Heritage office’s consent' }
	}
];

/**
 * The agency an overlay of this kind refers to, and why; null when none.
 *
 * @example referralFor('heritage_buffer')?.agency // 'cultural_heritage'
 */
export function referralFor(overlayKind: string): { agency: AgencyKind; why: Bilingual } | null {
	const rule = RULES.find((r) => r.matches.test(overlayKind));
	return rule ? { agency: rule.agency, why: rule.why } : null;
}

export type ReferralAnswer = 'consented' | 'objected';

/**
 * What keeps a referral's answer from being sent: no verdict chosen, or an objection without its
 * reason (the applicant and the officer are owed it, as for a refusal); null when it may go. The
 * page's confirm step and the service ask the same.
 *
 * @example referralAnswerProblem('objected', '  ') // 'reason_required'
 */
export function referralAnswerProblem(answer: ReferralAnswer | null, note: string | null | undefined): 'choose' | 'reason_required' | null {
	if (answer !== 'consented' && answer !== 'objected') return 'choose';
	if (answer === 'objected' && !(note ?? '').trim()) return 'reason_required';
	return null;
}

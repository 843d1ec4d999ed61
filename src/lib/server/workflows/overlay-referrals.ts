import type { AgencyKind } from './roles';

/**
 * Which outside agencies an overlay's rule requires a construction request to be referred to. An overlay (a heritage
 * or river buffer) carries its rule in words, as the plan writes it (`rule_fa`, `rule_en`: «هر ساخت‌وساز نیازمند
 * استعلام از اداره کل میراث فرهنگی است»); the agency is the one whose name the rule gives next to the word for a
 * referral. So a city's own overlay wording, or a new agency in the `agencies` table, needs no code: an overlay whose
 * rule asks no referral (the river buffer's «no construction») names none. Pure.
 */

export interface OverlayRuleText {
	rule_fa: string | null;
	rule_en: string | null;
}

export interface AgencyNames {
	kind: AgencyKind;
	name_fa: string;
	name_en: string | null;
}

/** Persian text compared without its Arabic-keyboard letters, zero-width joiners or doubled spaces. */
function normalFa(text: string): string {
	return text.replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/[\u200c\u200f\u200e]/g, ' ').replace(/\s+/g, ' ');
}

const ASKS_FA = /استعلام|موافقت/;
const ASKS_EN = /referral|consent|approval/i;

/**
 * The agencies the rule requires a referral to, in the order of `agencies`.
 *
 * @example referralAgenciesOf({ rule_fa: 'هر ساخت‌وساز نیازمند استعلام از اداره کل میراث فرهنگی است', rule_en: null },
 *   [{ kind: 'cultural_heritage', name_fa: 'میراث فرهنگی', name_en: 'Cultural Heritage' }]) // ['cultural_heritage']
 */
export function referralAgenciesOf(rule: OverlayRuleText, agencies: readonly AgencyNames[]): AgencyKind[] {
	const fa = rule.rule_fa ? normalFa(rule.rule_fa) : '';
	const en = rule.rule_en ? rule.rule_en.replace(/\s+/g, ' ').toLowerCase() : '';
	return agencies
		.filter(
			(a) =>
				(ASKS_FA.test(fa) && fa.includes(normalFa(a.name_fa))) ||
				(a.name_en !== null && ASKS_EN.test(en) && en.includes(a.name_en.replace(/\s+/g, ' ').toLowerCase()))
		)
		.map((a) => a.kind);
}

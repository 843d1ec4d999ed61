/**
 * One rule's answer in the proposal check, and what every rule shares: the context it reads and
 * the sentences for a limit the rule book does not define.
 */
import type { Bilingual } from '../../../i18n/lang';
import type { ParcelFacts } from '../facts';
import { toPersianDigits } from '../../text';
import { round2 } from '../numbers';
import type { Proposal } from '../proposal';
import { clauseFor, emptyZoneRules, type ApplicableRules, type CheckedRule, type ZoneRules } from '../rule-book';
import { RULE_LABELS } from '../rule-fields';

export type Verdict = 'pass' | 'fail' | 'needs_officer';

export type RuleUnit = 'm2' | 'm' | 'floors' | 'spaces';

/** One rule's answer: field names are the API contract's. */
export interface RuleResult {
	rule: CheckedRule;
	verdict: Verdict;
	/** The rule's limit, in `unit`; null when there is none to state. */
	limit: number | null;
	/** The proposal's figure, in `unit`. */
	proposed: number | null;
	unit: RuleUnit | null;
	/** The clause of the plan's text the rule comes from. */
	clause: string | null;
	explanation: Bilingual;
	/** The overlay imposing the rule, for overlay rules. */
	overlay_id?: number;
}

export interface CheckContext {
	facts: ParcelFacts;
	rules: ApplicableRules;
	/** The zone's row, or a row of undefined rules when the book lacks the code. */
	zone: ZoneRules;
	proposal: Proposal;
}

export function context(facts: ParcelFacts, rules: ApplicableRules, proposal: Proposal): CheckContext {
	return { facts, rules, proposal, zone: rules.zone ?? emptyZoneRules(rules.zone_code ?? '') };
}

/** Footprint slivers up to this area outside the parcel or beyond the widening line are drawing noise, m². */
export const FOOTPRINT_TOLERANCE_M2 = 0.1;

/** `proposed` is within `limit` as both are shown (to 0.01), so a figure never fails against an equal-looking limit. */
export function within(proposed: number, limit: number): boolean {
	return round2(proposed) <= round2(limit);
}

export function answer(
	ctx: CheckContext,
	rule: CheckedRule,
	verdict: Verdict,
	figures: { limit: number | null; proposed: number | null; unit: RuleUnit | null },
	explanation: Bilingual
): RuleResult {
	return {
		rule,
		verdict,
		limit: figures.limit === null ? null : round2(figures.limit),
		proposed: figures.proposed === null ? null : round2(figures.proposed),
		unit: figures.unit,
		clause: clauseFor(ctx.rules, rule),
		explanation
	};
}

/** "zone R121" or, outside the zoning, "this parcel (no zone)". */
export function zoneName(ctx: CheckContext): Bilingual {
	const code = ctx.rules.zone_code;
	return code ? { fa: `پهنهٔ ${code}`, en: `zone ${code}` } : { fa: 'این پلاک (بی‌پهنه)', en: 'this parcel (no zone)' };
}

/** A limit the rule book leaves blank: an officer decides, and the proposal's figure is shown. */
export function notDefined(ctx: CheckContext, rule: CheckedRule, proposed: number | null, unit: RuleUnit | null): RuleResult {
	const label = RULE_LABELS[rule];
	const zone = zoneName(ctx);
	const book = ctx.rules.book;
	return answer(ctx, rule, 'needs_officer', { limit: null, proposed, unit }, {
		fa: `ضابطهٔ ${label.fa} برای ${zone.fa} در «${book.title_fa}» تعریف نشده است؛ تصمیم با کارشناس شهرسازی است.`,
		en: `The ${label.en} rule is not defined for ${zone.en} in "${book.title_en}"; a planning officer must decide.`
	});
}

/** A level in words: «همکف» / "the ground floor", «طبقهٔ ۲» / "floor 2", «زیرزمین ۱» / "basement 1". */
export function levelName(level: number): Bilingual {
	if (level === 0) return { fa: 'همکف', en: 'the ground floor' };
	if (level < 0) return { fa: `زیرزمین ${toPersianDigits(-level)}`, en: `basement ${-level}` };
	return { fa: `طبقهٔ ${toPersianDigits(level)}`, en: `floor ${level}` };
}

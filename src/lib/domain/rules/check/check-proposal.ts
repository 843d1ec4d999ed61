/**
 * The proposal check: a proposed building against the rules of its parcel. Every rule answers
 * pass, fail or needs_officer with its figures, limit, clause and a sentence in Persian and
 * English. Nothing the checker cannot decide passes: a limit the book leaves blank, a footprint
 * given only as a number where its position matters, an overlay's rule in words — each goes to
 * an officer.
 *
 * `ok` is true only when every rule passes. A needs_officer answer makes it false too: the
 * proposal is not cleared until an officer has decided those rules (and may override with a
 * reason, recorded on the case with the rule-book version below).
 */
import type { ParcelFacts } from '../facts';
import type { Proposal } from '../proposal';
import type { ApplicableRules, RuleBookVersion } from '../rule-book';
import { checkDensity, checkNetArea, checkOccupancy } from './area-rules';
import { checkFootprintInParcel, checkFootprintBeyondWidening, checkFrontSetback, checkLightWell, checkNorthDepth } from './footprint-rules';
import { checkParking } from './parking-rule';
import { checkFloors, checkHeight, checkOverlay } from './storey-rules';
import { checkUnitAreas } from './unit-rule';
import { checkLandUse, checkPilotis, checkZoneRules } from './use-rules';
import { context, type RuleResult, type Verdict } from './verdict';

export interface ProposalCheck {
	ok: boolean;
	rules: RuleResult[];
	/** How many rules gave each verdict. */
	summary: Record<Verdict, number>;
	/** The book the check was made under; a decided case records it. */
	rule_book: RuleBookVersion;
}

/**
 * Checks a proposal against the parcel's rules.
 *
 * `facts.footprint` must be given exactly when the proposal's footprint is geometry (the server
 * measures it); the function throws otherwise, since the answer would be wrong.
 *
 * @example
 * checkProposal(facts, rulesForZone(SAMPLE_RULE_BOOK, facts.zone_code), parsed.value)
 * // → { ok: false, rules: [{ rule: 'density', verdict: 'fail', limit: 360, proposed: 420, … }, …], … }
 */
export function checkProposal(facts: ParcelFacts, rules: ApplicableRules, proposal: Proposal): ProposalCheck {
	if ((proposal.footprint.kind === 'geometry') !== (facts.footprint !== null)) {
		throw new Error('facts.footprint must be measured exactly when the proposal draws its footprint');
	}
	const ctx = context(facts, rules, proposal);
	const results: RuleResult[] = [
		checkZoneRules(ctx),
		checkNetArea(ctx),
		checkLandUse(ctx),
		checkDensity(ctx),
		checkOccupancy(ctx),
		checkFloors(ctx),
		checkHeight(ctx),
		...facts.overlays.flatMap((o) => checkOverlay(ctx, o)),
		checkUnitAreas(ctx),
		checkParking(ctx),
		checkFootprintInParcel(ctx),
		checkFootprintBeyondWidening(ctx),
		...[checkFrontSetback(ctx), checkNorthDepth(ctx), checkLightWell(ctx)].filter((r): r is RuleResult => r !== null),
		checkPilotis(ctx)
	];
	const summary: Record<Verdict, number> = { pass: 0, fail: 0, needs_officer: 0 };
	for (const r of results) summary[r.verdict]++;
	const { clauses: _, ...rule_book } = rules.book;
	return { ok: summary.fail === 0 && summary.needs_officer === 0, rules: results, summary, rule_book };
}

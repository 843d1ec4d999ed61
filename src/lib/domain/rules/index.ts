/**
 * The detailed-plan rule book and the proposal check: pure and client-safe, so the proposal form
 * can show the same rules and sentences the server answers with.
 *
 * - rule book: {@link RuleBook} rows keyed by zone code, versioned; {@link rulesForZone},
 *   {@link ruleBookInEffect}, {@link validateRuleBook}; CSV rows via {@link parseRuleBookRows};
 * - formulas: {@link parseNorthDepth} («۶۰٪ + ۲ متر»), {@link parseParkingBands}, {@link parseLightWell};
 * - proposal: {@link parseProposal} → {@link Proposal} or issues naming each field path;
 * - check: {@link checkProposal}(facts the server measures, rules, proposal) → pass / fail /
 *   needs_officer per rule.
 */
export { CHECKED_RULES, clauseFor, emptyZoneRules, ruleBookInEffect, rulesForZone, zoneCodeKey } from './rule-book';
export type { ApplicableRules, CheckedRule, ClauseRefs, PilotisRule, RuleBook, RuleBookVersion, ZoneRules } from './rule-book';
export { validateRuleBook, type RuleBookProblem } from './validate-rule-book';
export { RULE_FIELDS, RULE_LABELS, type RuleField, type RuleFieldName } from './rule-fields';
export { parseRuleBookRows, RuleBookColumnsError, type ParsedRuleBookRows, type ProblemGroup, type RowProblem } from './rule-book-rows';
export { parseCsv, CsvError } from './csv';
export { allowedNorthDepth, describeNorthDepth, parseNorthDepth, type NorthDepthRule } from './north-depth';
export { describeParkingBands, parseParkingBands, requiredParking, spacesForUnit, type ParkingBand } from './parking-bands';
export { describeLightWell, parseLightWell, requiredLightWell, type LightWellRule } from './light-well';
export { allowedUses, FLOOR_USES, type FloorUse } from './uses';
export type { Read, RuleProblem } from './problem';
export { parseProposal, PROPOSAL_LIMITS, type ParsedProposal, type Proposal, type ProposalIssue, type ProposedFloor, type ProposedFootprint, type ProposedUnit } from './proposal';
export type { FootprintFacts, OverlayFacts, ParcelFacts } from './facts';
export { checkProposal, type ProposalCheck } from './check/check-proposal';
export { FOOTPRINT_TOLERANCE_M2, type RuleResult, type RuleUnit, type Verdict } from './check/verdict';
export { SAMPLE_RULE_BOOK } from './sample-rule-book';
export { sampleHouse } from './sample-house';

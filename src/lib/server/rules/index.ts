/** The rule book and the proposal check on the server; see rule-book.service and proposal-check.service. */
export * from './rule-book.service';
export type { NewRuleBook, RuleBookRow } from './zone-rules-row';
export { checkParcelProposal, InvalidProposalError, invalidProposalResponse, readProposal } from './proposal-check.service';

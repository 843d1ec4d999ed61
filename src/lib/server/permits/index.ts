/**
 * The two-stage building permit (issue 8, §3–5): proposals stored on a case, the automatic steps
 * (zoning statement, proposal check, fee assessment, payment, permit), the officer's override,
 * and what the case page shows of it.
 */
export { submitProposal, uploadDrawings, overrideProposal, proposalFiling, type ProposalFiling, type StoredProposal } from './proposal.service';
export { afterTransition, guardManualAction, runAutomation, onAssessmentPaid } from './automation.service';
export { permitReadiness, issuePermit, issueZoningStatement, zoningRulesOf, PERMIT_FEE_KIND, type Readiness, type Requirement } from './stages.service';
export { permitFeeInputs } from './fee-inputs';
export { permitPanel, type PermitPanel, type IssuedLink } from './panel.service';
export { issueMissingReceipts, issueReceipt, receiptPdf } from './receipt-pdf.service';
export { setIssuedStatus } from './document-status.service';

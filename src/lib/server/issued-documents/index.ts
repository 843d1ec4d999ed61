/**
 * The registry of official documents Pelak issues (permits, zoning statements, receipts,
 * certificates): numbering, verification codes, the frozen PDF content, status changes, and the
 * public verification at /verify/<code>.
 */
export { issueDocument, issuedDocumentPdf, renderIssuedPdf, type IssueInput, type IssueEnv, type IssuedDocument } from './issue.service';
export { changeIssuedStatus, supersedeIssuedDocument, type StatusChange } from './status.service';
export { verifyDocument, verificationAnswer } from './verify.service';
export { listIssuedForCase, issuedDocumentHistory, type IssuedDocumentRecord } from './issued-documents.repository';
export { documentNumber, NUMBER_PREFIX } from './document-numbers';

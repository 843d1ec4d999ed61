/**
 * Cases (پرونده): requests filed from a parcel and worked through cartables, one module per use
 * case. Every service takes the acting user and enforces the access rules of issue 3 itself.
 */
export { fileRequest } from './file-request.service';
export { requestOptions, type RequestOption } from './request-options.service';
export { getCase, listMyCases, listCartable } from './read-cases.service';
export { actOnCase, answerTask } from './workflow-action.service';
export { claimCase, assignCase } from './assignment.service';
export { postMessage } from './message.service';
export { recordSiteVisit, type SiteVisitInput } from './site-visit.service';
export { trackPublic, trackPublicLimited } from './track.service';
export { casePage, cartablePage, filingPage, myCasesPage } from './case-pages.service';
export { caseSide, loadVisibleCase } from './access';
export * from './types';
export { decidePowerOfAttorney, rejectAsSpam, MAX_SPAM_BATCH } from './trust-actions.service';
export { closeLegacyCase, listLegacyCases, worksLegacyCases, LEGACY_OUTCOMES, LEGACY_OUTCOME_NAMES, type LegacyCase, type LegacyOutcome } from './legacy-cases.service';
export { requiresOwnership, OWNERSHIP_FAMILIES } from './ownership';
export { quotasFromEnv, type DailyQuotas } from './quotas';
export { applicantDocumentKinds } from './uploads';
export { idempotencyKeyFrom, newIdempotencyKey, readIdempotencyKey, pruneIdempotencyKeys, IDEMPOTENCY_KEEP_MS } from './idempotency';

/**
 * Fees (عوارض): the council's tariff books, zone values P from the map, and assessments frozen
 * with their lines and bill. The pure engine is $lib/domain/fees; this wires it to the database.
 */
export {
	annulItem,
	bookInForce,
	createDraftBook,
	getTariffBook,
	listTariffBooks,
	publishBook,
	saveDraftBook,
	seedSampleTariffBook,
	setBookApproval,
	type BookInForce,
	type TariffBookDetail
} from './book.service';
export { assessForCase, assessForParcel, issueFeeBills, jalaliYearAt, BILL_VALID_DAYS, type AssessRequest, type StoredAssessment } from './assessment.service';
export { getAssessmentView, assessmentViewOf, effectiveStatus, type AssessmentView, type BillView } from './assessment-view';
export { listCaseAssessments, type CaseAssessmentSummary } from './case-assessments';
export { assessAsStaff, assessmentFormFor, readFormInputs, type AssessmentFormSpec } from './assessment-form';
export { assessmentSide, type AssessmentSide } from './access';
export { bookSha256, canonicalJson, parseBookDocument, sampleBookFor, type BookDocument } from './book-document';
export { zoneValueAtParcel, type ZoneValueAtParcel } from './zone-value.repository';
export { checkBill, type BillCheck } from './bill-check';
export { FeeError, type FeeErrorCode } from './errors';
export type { BookSummary } from './book.repository';

export { mod11CheckDigit, mod11Remainder } from './mod11';
export { MUNICIPAL_CHARGES, SERVICE_TYPES, isKnownServiceType, serviceTypeName } from './service-types';
export {
	MAX_BILL_AMOUNT_RIAL,
	BillIdError,
	barcodeFor,
	billIdFor,
	issueBill,
	paymentIdFor,
	type BillIdErrorCode,
	type BillIdParts,
	type IssuedBill,
	type PaymentIdParts
} from './bill-id';
export { issueInstalments, splitAmount, MAX_PERIOD, type Instalment, type InstalmentParts } from './instalments';
export {
	validateBarcode,
	validateBill,
	type BillExpectation,
	type BillField,
	type BillProblem,
	type BillProblemCode,
	type BillValidation
} from './bill-validation';
export { BILL_VALID_DAYS, billExpiresAt, billLastDay, billLastDayOf } from './validity';

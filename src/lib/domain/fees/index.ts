export type {
	CoefficientTable,
	RoundingRule,
	TariffBook,
	TariffBookStatus,
	TariffDiscount,
	TariffItem,
	TariffSample,
	TariffVariable
} from './tariff-book';
export {
	assess,
	FEE_ENGINE_VERSION,
	preparedBook,
	type AssessedCoefficient,
	type AssessedDiscount,
	type AssessedVariable,
	type Assessment,
	type AssessmentLine,
	type AssessOptions,
	type NotCharged
} from './assess';
export { bindInput, bindInputs } from './inputs';
export { percentOf, roundToUnit, toWholeRial } from './money';
export { prepareTariffBook, type PreparedBook, type PreparedDiscount, type PreparedItem } from './prepare-book';
export {
	TariffError,
	tariffProblem,
	type TariffErrorCode,
	type TariffField,
	type TariffProblem,
	type TariffProblemCode
} from './problems';
export { validateTariffBook, type TariffBookValidation } from './validate-book';
export { SAMPLE_TARIFF_BOOK } from './sample/sample-book';

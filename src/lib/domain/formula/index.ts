export type { ArithmeticOperator, ComparisonOperator, FormulaNode, Value, ValueType } from './ast';
export {
	DEFAULT_LIMITS,
	checkDeclaredName,
	compileFormula,
	type CompileOptions,
	type CompiledFormula,
	type FormulaLimits,
	type FormulaScope,
	type VariableSpec
} from './compile';
export { FormulaError, formulaErrorMessages, type FormulaErrorCode, type FormulaErrorDetail } from './errors';
export { bindValues, evaluateFormula, type Bindings, type InputValue } from './evaluate';
export { CALLABLE_NAMES, FUNCTIONS } from './functions';
export { DEFAULT_PARSE_LIMITS, parseFormula, type ParseLimits } from './parser';
export { Rational } from './rational';
export { prepareTable, type CoefficientTableData, type KeyType, type PreparedTable, type TableKey } from './tables';
export { tokenize, type Operator, type Token } from './tokenizer';

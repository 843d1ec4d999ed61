/**
 * An assessment's inputs checked against the book's declarations: declared, of the right type,
 * one of the listed values, inside the declared range; defaults fill what is not given.
 */
import { bindValues, Rational, type InputValue, type Value, type VariableSpec } from '../formula';
import type { PreparedBook } from './prepare-book';
import { collectFormulaError, tariffProblem, type TariffField, type TariffProblem } from './problems';
import type { TariffVariable } from './tariff-book';

/**
 * One input bound to its declaration, or null with the problems pushed.
 *
 * @example
 * const area = { name: 'area', type: 'number', unit: 'm2', min: 0, description } as const;
 * bindInput(area, { type: 'number' }, -5, problems) // null, and problems gets out_of_range
 */
export function bindInput(
	variable: TariffVariable,
	spec: VariableSpec,
	input: InputValue,
	problems: TariffProblem[],
	field: TariffField = 'value'
): Value | null {
	const place = { variable: variable.name, field };
	const bind = () => bindValues({ [variable.name]: spec }, { [variable.name]: input }).get(variable.name)!;
	const value = collectFormulaError(problems, place, bind);
	if (!(value instanceof Rational)) return value;
	const { min, max } = variable;
	const below = min !== undefined && value.compare(Rational.fromNumber(min)) < 0;
	const above = max !== undefined && value.compare(Rational.fromNumber(max)) > 0;
	if (below || above) {
		problems.push(tariffProblem('out_of_range', place, { min, max }));
		return null;
	}
	return value;
}

/**
 * Every input given, checked, plus the defaults of those not given. Inputs the book does not
 * declare are refused (a misspelt field would otherwise be silently ignored).
 *
 * @example bindInputs(preparedBook(SAMPLE_TARIFF_BOOK), { aera: 5 }).problems[0].code // 'unknown_input'
 */
export function bindInputs(
	prepared: PreparedBook,
	inputs: Readonly<Record<string, InputValue | undefined>>
): { values: Map<string, Value>; problems: TariffProblem[] } {
	const values = new Map<string, Value>();
	const problems: TariffProblem[] = [];
	for (const [name, input] of Object.entries(inputs)) {
		if (input === undefined) continue;
		const variable = prepared.variables.get(name);
		if (!variable) {
			problems.push(tariffProblem('unknown_input', { variable: name }, { name }));
			continue;
		}
		const value = bindInput(variable, prepared.scope.variables[name], input, problems);
		if (value !== null) values.set(name, value);
	}
	for (const [name, variable] of prepared.variables) {
		if (values.has(name) || variable.default === undefined || (Object.hasOwn(inputs, name) && inputs[name] !== undefined)) {
			continue;
		}
		const value = bindInput(variable, prepared.scope.variables[name], variable.default, problems, 'declaration');
		if (value !== null) values.set(name, value);
	}
	return { values, problems };
}

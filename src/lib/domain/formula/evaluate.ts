/**
 * Running a compiled formula with values bound to its declared variables. Arithmetic is exact
 * (see rational.ts); every step, exponent and number size is bounded, and dividing by zero is an
 * error rather than Infinity.
 */
import type { FormulaNode, Value, ValueType } from './ast';
import type { CompiledFormula, FormulaLimits, VariableSpec } from './compile';
import { FormulaError } from './errors';
import { FUNCTIONS } from './functions';
import { Rational } from './rational';
import type { PreparedTable } from './tables';
import { toLatinDigits } from '../text';

export interface Bindings {
	values: ReadonlyMap<string, Value>;
	tables?: ReadonlyMap<string, PreparedTable>;
	/** Told of every coefficient read, so a receipt can show it. */
	onLookup?: (table: string, keys: readonly Value[], value: Rational) => void;
}

/** Plain input values as they come from a form or JSON. */
export type InputValue = number | string | boolean;

function typeOf(value: Value): ValueType {
	return value instanceof Rational ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
}

/**
 * Checks and converts input values for the named variables: numbers must be finite (decimal text
 * such as '150.5' or '۱۵۰٫۵' is read exactly), text must be one of the listed values, nothing may be missing.
 *
 * @example bindValues({ area: { type: 'number' } }, { area: 150.5 }).get('area')?.toString() // '301/2'
 */
export function bindValues(
	variables: Readonly<Record<string, VariableSpec>>,
	inputs: Readonly<Record<string, InputValue | undefined>>,
	names: Iterable<string> = Object.keys(variables)
): Map<string, Value> {
	const bound = new Map<string, Value>();
	for (const name of names) {
		const spec = variables[name];
		const input = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
		if (input === undefined) throw new FormulaError('missing_value', null, { name });
		bound.set(name, bindValue(name, spec, input));
	}
	return bound;
}

function bindValue(name: string, spec: VariableSpec, input: InputValue): Value {
	if (spec.type === 'number') {
		const value =
			typeof input === 'number' && Number.isFinite(input)
				? Rational.fromNumber(input)
				: typeof input === 'string'
					? Rational.parse(toLatinDigits(input).replaceAll('\u066b', '.'))
					: null;
		if (!value) throw new FormulaError('bad_value', null, { name, expected: 'a finite number' });
		return value;
	}
	if (spec.type === 'boolean') {
		if (typeof input !== 'boolean') throw new FormulaError('bad_value', null, { name, expected: 'true or false' });
		return input;
	}
	if (typeof input !== 'string') throw new FormulaError('bad_value', null, { name, expected: 'text' });
	if (spec.values && !spec.values.includes(input)) {
		throw new FormulaError('unknown_value', null, { name, value: input, allowed: spec.values.join(', ') });
	}
	return input;
}

class Evaluator {
	private steps = 0;

	constructor(
		private readonly bindings: Bindings,
		private readonly limits: FormulaLimits
	) {}

	private number(node: FormulaNode, by: string): Rational {
		const value = this.eval(node);
		if (!(value instanceof Rational)) {
			throw new FormulaError('type_mismatch', node.pos, { name: by, expected: 'number', got: typeOf(value) });
		}
		return value;
	}

	private boolean(node: FormulaNode, by: string): boolean {
		const value = this.eval(node);
		if (typeof value !== 'boolean') {
			throw new FormulaError('type_mismatch', node.pos, { name: by, expected: 'boolean', got: typeOf(value) });
		}
		return value;
	}

	private sized(value: Rational, pos: number): Rational {
		if (value.bits() > this.limits.maxBits) throw new FormulaError('number_too_large', pos);
		return value;
	}

	eval(node: FormulaNode): Value {
		if (++this.steps > this.limits.maxSteps) {
			throw new FormulaError('too_many_steps', node.pos, { limit: this.limits.maxSteps });
		}
		switch (node.kind) {
			case 'number':
				return this.sized(node.value, node.pos);
			case 'string':
			case 'boolean':
				return node.value;
			case 'variable': {
				const value = this.bindings.values.get(node.name);
				if (value === undefined) throw new FormulaError('missing_value', node.pos, { name: node.name });
				return value;
			}
			case 'negate':
				return this.number(node.operand, '-').neg();
			case 'not':
				return !this.boolean(node.operand, 'not');
			case 'arithmetic':
				return this.sized(this.arithmetic(node), node.pos);
			case 'comparison':
				return this.comparison(node);
			case 'logical': {
				const left = this.boolean(node.left, node.op);
				if (node.op === 'and' ? !left : left) return left;
				return this.boolean(node.right, node.op);
			}
			case 'conditional':
				return this.boolean(node.test, 'if') ? this.eval(node.then) : this.eval(node.otherwise);
			case 'call': {
				const args = node.args.map((arg) => this.number(arg, node.name));
				return this.sized(FUNCTIONS.get(node.name)!.apply(args, node.pos), node.pos);
			}
			case 'table':
				return this.table(node);
		}
	}

	private arithmetic(node: Extract<FormulaNode, { kind: 'arithmetic' }>): Rational {
		const left = this.number(node.left, node.op);
		const right = this.number(node.right, node.op);
		switch (node.op) {
			case '+':
				return left.add(right);
			case '-':
				return left.sub(right);
			case '*':
				return left.mul(right);
			case '/':
				if (right.isZero()) throw new FormulaError('division_by_zero', node.pos);
				return left.div(right);
			case '^':
				return this.power(left, right, node.pos);
		}
	}

	private power(base: Rational, exponent: Rational, pos: number): Rational {
		if (!exponent.isInteger()) throw new FormulaError('exponent_not_whole', pos);
		if (exponent.abs().compare(Rational.of(BigInt(this.limits.maxExponent))) > 0) {
			throw new FormulaError('exponent_too_large', pos, { limit: this.limits.maxExponent });
		}
		if (base.isZero() && exponent.num < 0n) throw new FormulaError('division_by_zero', pos);
		// Refuse before computing: the result has about bits × |n| bits.
		if ((base.bits() - 1) * Number(exponent.abs().num) > this.limits.maxBits) throw new FormulaError('number_too_large', pos);
		return base.pow(exponent.num);
	}

	private comparison(node: Extract<FormulaNode, { kind: 'comparison' }>): boolean {
		if (node.op === '==' || node.op === '!=') {
			const left = this.eval(node.left);
			const right = this.eval(node.right);
			const same = left instanceof Rational && right instanceof Rational ? left.equals(right) : left === right;
			return node.op === '==' ? same : !same;
		}
		const order = this.number(node.left, node.op).compare(this.number(node.right, node.op));
		if (node.op === '<') return order < 0;
		if (node.op === '<=') return order <= 0;
		if (node.op === '>') return order > 0;
		return order >= 0;
	}

	private table(node: Extract<FormulaNode, { kind: 'table' }>): Rational {
		const table = this.bindings.tables?.get(node.name);
		if (!table) throw new FormulaError('unknown_table', node.pos, { name: node.name });
		const keys = node.keys.map((key) => this.eval(key));
		const value = table.lookup(keys);
		if (value === undefined) {
			const key = keys.map((k) => (k instanceof Rational ? formatNumber(k) : String(k))).join(' × ');
			throw new FormulaError('table_key_missing', node.pos, { name: node.name, key });
		}
		this.bindings.onLookup?.(node.name, keys, value);
		return value;
	}
}

function formatNumber(value: Rational): string {
	return value.isInteger() ? value.toString() : String(value.toNumber());
}

/**
 * Evaluates a compiled formula. Throws a {@link FormulaError} for a missing value, division by
 * zero, an exponent that is not whole or too large, a number too large, a table row that does
 * not exist, or too many steps.
 *
 * @example
 * const f = compileFormula('0.1 + 0.2', { variables: {} });
 * (evaluateFormula(f, { values: new Map() }) as Rational).equals(Rational.parse('0.3')!) // true
 */
export function evaluateFormula(formula: CompiledFormula, bindings: Bindings): Value {
	return new Evaluator(bindings, formula.limits).eval(formula.ast);
}

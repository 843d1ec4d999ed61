/**
 * Compiling a formula against a scope: parse once, then check every name and type before the
 * formula is ever run, so a tariff book with a typo cannot be published.
 */
import type { FormulaNode, ValueType } from './ast';
import { FormulaError } from './errors';
import { CALLABLE_NAMES } from './functions';
import { DEFAULT_PARSE_LIMITS, parseFormula, type ParseLimits } from './parser';
import { Rational } from './rational';
import type { KeyType } from './tables';

export interface VariableSpec {
	type: ValueType;
	/** For text variables: the only values allowed (e.g. the land uses). */
	values?: readonly string[];
}

export interface FormulaScope {
	variables: Readonly<Record<string, VariableSpec>>;
	tables?: Readonly<Record<string, { readonly key_types: readonly KeyType[] }>>;
}

export interface FormulaLimits extends ParseLimits {
	/** Nodes visited in one evaluation. */
	maxSteps: number;
	/** Largest |n| in x ^ n. */
	maxExponent: number;
	/** Largest numerator or denominator, in bits (512 bits ≈ 154 digits). */
	maxBits: number;
}

export const DEFAULT_LIMITS: FormulaLimits = { ...DEFAULT_PARSE_LIMITS, maxSteps: 10_000, maxExponent: 64, maxBits: 512 };

export interface CompiledFormula {
	readonly source: string;
	readonly ast: FormulaNode;
	readonly type: ValueType;
	/** Variables the formula reads, in order of first use. */
	readonly variables: readonly string[];
	readonly tables: readonly string[];
	readonly limits: FormulaLimits;
}

const RESERVED = new Set([...CALLABLE_NAMES, 'and', 'or', 'not', 'true', 'false', 'constructor', 'prototype']);

/**
 * Refuses a name that cannot be a variable or table: not an identifier, a keyword or function
 * name, or a JavaScript internal such as `__proto__`.
 *
 * @example checkDeclaredName('floor_area') // passes; checkDeclaredName('__proto__') throws reserved_name
 */
export function checkDeclaredName(name: string): void {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || RESERVED.has(name) || name.startsWith('__')) {
		throw new FormulaError('reserved_name', null, { name });
	}
}

class Checker {
	readonly variables = new Set<string>();
	readonly tables = new Set<string>();

	constructor(
		private readonly scope: FormulaScope,
		private readonly limits: FormulaLimits
	) {}

	private expectType(node: FormulaNode, expected: ValueType, by: string): void {
		const got = this.type(node);
		if (got !== expected) throw new FormulaError('type_mismatch', node.pos, { name: by, expected, got });
	}

	/** A string literal compared with a variable of listed values must be one of them. */
	private checkListedValue(a: FormulaNode, b: FormulaNode): void {
		if (a.kind !== 'variable' || b.kind !== 'string') return;
		const values = this.scope.variables[a.name].values;
		if (values && !values.includes(b.value)) {
			throw new FormulaError('unknown_value', b.pos, { name: a.name, value: b.value, allowed: values.join(', ') });
		}
	}

	private checkLiteralExponent(node: FormulaNode): void {
		const literal = node.kind === 'negate' ? node.operand : node;
		if (literal.kind !== 'number') return;
		if (!literal.value.isInteger()) throw new FormulaError('exponent_not_whole', node.pos);
		if (literal.value.abs().compare(Rational.of(BigInt(this.limits.maxExponent))) > 0) {
			throw new FormulaError('exponent_too_large', node.pos, { limit: this.limits.maxExponent });
		}
	}

	type(node: FormulaNode): ValueType {
		switch (node.kind) {
			case 'number':
			case 'string':
			case 'boolean':
				return node.kind;
			case 'variable':
				if (!Object.hasOwn(this.scope.variables, node.name)) {
					throw new FormulaError('unknown_variable', node.pos, { name: node.name });
				}
				this.variables.add(node.name);
				return this.scope.variables[node.name].type;
			case 'negate':
				this.expectType(node.operand, 'number', '-');
				return 'number';
			case 'not':
				this.expectType(node.operand, 'boolean', 'not');
				return 'boolean';
			case 'arithmetic':
				this.expectType(node.left, 'number', node.op);
				this.expectType(node.right, 'number', node.op);
				if (node.op === '^') this.checkLiteralExponent(node.right);
				return 'number';
			case 'comparison': {
				if (node.op !== '==' && node.op !== '!=') {
					this.expectType(node.left, 'number', node.op);
					this.expectType(node.right, 'number', node.op);
					return 'boolean';
				}
				this.expectType(node.right, this.type(node.left), node.op);
				this.checkListedValue(node.left, node.right);
				this.checkListedValue(node.right, node.left);
				return 'boolean';
			}
			case 'logical':
				this.expectType(node.left, 'boolean', node.op);
				this.expectType(node.right, 'boolean', node.op);
				return 'boolean';
			case 'conditional': {
				this.expectType(node.test, 'boolean', 'if');
				const type = this.type(node.then);
				this.expectType(node.otherwise, type, 'if');
				return type;
			}
			case 'call':
				for (const arg of node.args) this.expectType(arg, 'number', node.name);
				return 'number';
			case 'table':
				return this.table(node);
		}
	}

	private table(node: Extract<FormulaNode, { kind: 'table' }>): ValueType {
		const tables = this.scope.tables ?? {};
		if (!Object.hasOwn(tables, node.name)) throw new FormulaError('unknown_table', node.pos, { name: node.name });
		this.tables.add(node.name);
		const keyTypes = tables[node.name].key_types;
		const label = `table(${node.name})`;
		if (node.keys.length !== keyTypes.length) {
			throw new FormulaError('wrong_arity', node.pos, { name: label, expected: keyTypes.length + 1, got: node.keys.length + 1 });
		}
		node.keys.forEach((key, i) => this.expectType(key, keyTypes[i], label));
		return 'number';
	}
}

export interface CompileOptions {
	/** The type the whole formula must have: 'number' for amounts, 'boolean' for conditions. */
	expect?: ValueType;
	limits?: Partial<FormulaLimits>;
}

/**
 * Parses and checks a formula against its scope. Throws a {@link FormulaError} naming the first
 * problem and where it is: a syntax error, an unknown variable, function or table, a type
 * mismatch, too long or too deep.
 *
 * @example
 * const fee = compileFormula('0.45 * P * area', { variables: { P: { type: 'number' }, area: { type: 'number' } } });
 * fee.variables // ['P', 'area']
 */
export function compileFormula(source: string, scope: FormulaScope, options: CompileOptions = {}): CompiledFormula {
	const limits = { ...DEFAULT_LIMITS, ...options.limits };
	const ast = parseFormula(source, limits);
	const checker = new Checker(scope, limits);
	const type = checker.type(ast);
	if (options.expect && type !== options.expect) {
		throw new FormulaError('type_mismatch', ast.pos, { name: 'formula', expected: options.expect, got: type });
	}
	return { source, ast, type, variables: [...checker.variables], tables: [...checker.tables], limits };
}

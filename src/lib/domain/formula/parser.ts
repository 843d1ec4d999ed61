/**
 * A Pratt parser from tokens to a {@link FormulaNode} tree. It never evaluates anything: the
 * grammar has no member access, no assignment and no calls except the whitelisted functions,
 * so there is nothing in a formula that could reach JavaScript.
 *
 * Precedence, loosest first: `c ? a : b` · `or ||` · `and &&` · `not !` · `== !=` ·
 * `< <= > >=` · `+ -` · `* /` · unary `- +` · `^ **` (right-associative, so −2^2 = −4).
 */
import type { ComparisonOperator, FormulaNode } from './ast';
import { childrenOf } from './ast';
import { FormulaError } from './errors';
import { CALLABLE_NAMES, FUNCTIONS } from './functions';
import { Rational } from './rational';
import { tokenize, type Token } from './tokenizer';

export interface ParseLimits {
	/** Characters in the source. */
	maxLength: number;
	/** Nesting levels of the tree (parentheses, operators, calls). */
	maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxLength: 2000, maxDepth: 32 };

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);

/** Left binding power of each infix operator. */
const INFIX: Record<string, number> = {
	'?': 1,
	or: 2,
	'||': 2,
	and: 3,
	'&&': 3,
	'==': 5,
	'!=': 5,
	'<': 6,
	'<=': 6,
	'>': 6,
	'>=': 6,
	'+': 7,
	'-': 7,
	'*': 8,
	'/': 8,
	'^': 10,
	'**': 10
};
const NOT_BP = 4;
const UNARY_BP = 9;

function tokenText(token: Token): string {
	if (token.type === 'end') return '';
	if (token.type === 'string') return `"${token.value}"`;
	return token.text;
}

class Parser {
	private index = 0;
	private depth = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly limits: ParseLimits
	) {}

	parseAll(): FormulaNode {
		const node = this.expression(0);
		this.expectEnd();
		return node;
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private next(): Token {
		return this.tokens[this.index++];
	}

	private isOp(token: Token, text: string): boolean {
		return token.type === 'op' && token.text === text;
	}

	private fail(token: Token, expected?: string): never {
		if (token.type === 'end') throw new FormulaError('unexpected_end', token.pos, expected ? { expected } : {});
		throw new FormulaError('unexpected_token', token.pos, { name: tokenText(token), ...(expected ? { expected } : {}) });
	}

	private expectOp(text: string): Token {
		const token = this.next();
		if (!this.isOp(token, text)) this.fail(token, text);
		return token;
	}

	private expectEnd(): void {
		const token = this.peek();
		if (token.type !== 'end') this.fail(token);
	}

	private infixPower(token: Token): number {
		const key = token.type === 'op' || token.type === 'name' ? token.text : '';
		return Object.hasOwn(INFIX, key) ? INFIX[key] : 0;
	}

	private expression(minPower: number): FormulaNode {
		if (++this.depth > this.limits.maxDepth) {
			throw new FormulaError('too_deep', this.peek().pos, { limit: this.limits.maxDepth });
		}
		let left = this.prefix();
		for (let token = this.peek(), power = this.infixPower(token); power > minPower; ) {
			this.next();
			left = this.infix(left, token, power);
			token = this.peek();
			power = this.infixPower(token);
		}
		this.depth--;
		return left;
	}

	private infix(left: FormulaNode, token: Token, power: number): FormulaNode {
		const pos = token.pos;
		const op = tokenText(token);
		if (op === '?') {
			const then = this.expression(0);
			this.expectOp(':');
			return { kind: 'conditional', test: left, then, otherwise: this.expression(0), pos };
		}
		if (op === 'or' || op === '||' || op === 'and' || op === '&&') {
			const logical = op === 'or' || op === '||' ? 'or' : 'and';
			return { kind: 'logical', op: logical, left, right: this.expression(power), pos };
		}
		if (op === '^' || op === '**') {
			return { kind: 'arithmetic', op: '^', left, right: this.expression(power - 1), pos };
		}
		const right = this.expression(power);
		if (op === '+' || op === '-' || op === '*' || op === '/') return { kind: 'arithmetic', op, left, right, pos };
		return { kind: 'comparison', op: op as ComparisonOperator, left, right, pos };
	}

	private prefix(): FormulaNode {
		const token = this.next();
		const pos = token.pos;
		switch (token.type) {
			case 'number': {
				const value = Rational.parse(token.text);
				if (!value) throw new FormulaError('bad_number', pos, { name: token.text });
				return { kind: 'number', value, pos };
			}
			case 'string':
				return { kind: 'string', value: token.value, pos };
			case 'name':
				return this.name(token.text, pos);
			case 'op':
				if (token.text === '(') {
					const inner = this.expression(0);
					this.expectOp(')');
					return inner;
				}
				if (token.text === '-') return { kind: 'negate', operand: this.expression(UNARY_BP), pos };
				if (token.text === '+') return this.expression(UNARY_BP);
				if (token.text === '!') return { kind: 'not', operand: this.expression(NOT_BP), pos };
				return this.fail(token);
			case 'end':
				return this.fail(token);
		}
	}

	private name(name: string, pos: number): FormulaNode {
		if (name === 'true' || name === 'false') return { kind: 'boolean', value: name === 'true', pos };
		if (name === 'not') return { kind: 'not', operand: this.expression(NOT_BP), pos };
		if (KEYWORDS.has(name)) return this.fail(this.tokens[this.index - 1]);
		if (!this.isOp(this.peek(), '(')) return { kind: 'variable', name, pos };
		this.next();
		if (name === 'table') return this.table(pos);
		const args = this.arguments();
		if (name === 'if') {
			if (args.length !== 3) throw new FormulaError('wrong_arity', pos, { name, expected: 3, got: args.length });
			return { kind: 'conditional', test: args[0], then: args[1], otherwise: args[2], pos };
		}
		const spec = FUNCTIONS.get(name);
		if (!spec) throw new FormulaError('unknown_function', pos, { name, allowed: CALLABLE_NAMES.join(', ') });
		if (args.length < spec.minArgs || args.length > spec.maxArgs) {
			const expected = spec.minArgs === spec.maxArgs ? String(spec.minArgs) : `${spec.minArgs}–${spec.maxArgs}`;
			throw new FormulaError('wrong_arity', pos, { name, expected, got: args.length });
		}
		return { kind: 'call', name, args, pos };
	}

	/** `table(NAME, key, …)`: the table is named by a bare name or a quoted one, never computed. */
	private table(pos: number): FormulaNode {
		const nameToken = this.next();
		const name = nameToken.type === 'name' ? nameToken.text : nameToken.type === 'string' ? nameToken.value : null;
		if (name === null || !(this.isOp(this.peek(), ',') || this.isOp(this.peek(), ')'))) {
			throw new FormulaError('table_name_expected', nameToken.pos);
		}
		const keys = this.isOp(this.next(), ',') ? this.arguments() : [];
		return { kind: 'table', name, keys, pos };
	}

	/** Comma-separated expressions up to and including the closing parenthesis. */
	private arguments(): FormulaNode[] {
		const args: FormulaNode[] = [];
		if (this.isOp(this.peek(), ')')) {
			this.next();
			return args;
		}
		for (;;) {
			args.push(this.expression(0));
			const token = this.next();
			if (this.isOp(token, ')')) return args;
			if (!this.isOp(token, ',')) this.fail(token, ')');
		}
	}
}

/** Refuses trees deeper than the limit, e.g. 1+1+…+1, which the parser builds without recursing. */
function checkTreeDepth(node: FormulaNode, level: number, limit: number): void {
	if (level > limit) throw new FormulaError('too_deep', node.pos, { limit });
	for (const child of childrenOf(node)) checkTreeDepth(child, level + 1, limit);
}

/**
 * Parses a formula to its tree, checking syntax, length, nesting and that every function called
 * is whitelisted. Variables and tables are checked against a scope by `compileFormula`.
 *
 * @example parseFormula('0.45 * P * area').kind // 'arithmetic'
 */
export function parseFormula(source: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): FormulaNode {
	if (source.length > limits.maxLength) throw new FormulaError('too_long', null, { limit: limits.maxLength });
	const node = new Parser(tokenize(source), limits).parseAll();
	checkTreeDepth(node, 1, limits.maxDepth);
	return node;
}

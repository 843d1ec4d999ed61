import { describe, expect, it } from 'vitest';
import type { FormulaNode } from './ast';
import { FormulaError } from './errors';
import { parseFormula } from './parser';
import { tokenize, type Token } from './tokenizer';

/** The tree as a fully parenthesised string, to assert precedence and associativity. */
function show(node: FormulaNode): string {
	switch (node.kind) {
		case 'number':
			return node.value.toString();
		case 'string':
			return JSON.stringify(node.value);
		case 'boolean':
			return String(node.value);
		case 'variable':
			return node.name;
		case 'negate':
			return `(-${show(node.operand)})`;
		case 'not':
			return `(not ${show(node.operand)})`;
		case 'arithmetic':
		case 'comparison':
		case 'logical':
			return `(${show(node.left)} ${node.op} ${show(node.right)})`;
		case 'conditional':
			return `(${show(node.test)} ? ${show(node.then)} : ${show(node.otherwise)})`;
		case 'call':
			return `${node.name}(${node.args.map(show).join(', ')})`;
		case 'table':
			return `table[${node.name}](${node.keys.map(show).join(', ')})`;
	}
}

const parsed = (source: string) => show(parseFormula(source));

function errorOf(run: () => unknown): FormulaError {
	try {
		run();
	} catch (error) {
		if (error instanceof FormulaError) return error;
		throw error;
	}
	throw new Error('expected a FormulaError');
}

describe('tokenize', () => {
	it('reads numbers with digit separators, Persian digits and the Persian decimal point, keeping positions', () => {
		const tokens = tokenize('12_000_000 * ۱۵۰٫۵');
		expect(tokens).toEqual([
			{ type: 'number', text: '12000000', pos: 0 },
			{ type: 'op', text: '*', pos: 11 },
			{ type: 'number', text: '150.5', pos: 13 },
			{ type: 'end', pos: 18 }
		]);
	});

	it('reads quoted text in either quote and two-character operators', () => {
		const text = (t: Token) => (t.type === 'end' ? 'end' : t.type === 'string' ? t.value : t.text);
		expect(tokenize(`use == 'office' || x ** 2 <= 3`).map(text)).toEqual([
			'use', '==', 'office', '||', 'x', '**', '2', '<=', '3', 'end'
		]);
	});

	it.each([
		['1.2.3', 'bad_number', 0],
		['12abc', 'bad_number', 0],
		['1__0', 'bad_number', 0],
		['.5', 'bad_number', 0],
		['"open', 'unterminated_string', 0],
		['a = 1', 'single_equals', 2],
		['x; y', 'unexpected_character', 1],
		['`x`', 'unexpected_character', 0],
		['{}', 'unexpected_character', 0],
		['a & b', 'unexpected_character', 2],
		['x.y', 'property_access', 1],
		['(x).y', 'property_access', 3],
		['x["y"]', 'property_access', 1]
	])('refuses %s with %s at %i', (source, code, position) => {
		expect(errorOf(() => tokenize(source))).toMatchObject({ code, position });
	});
});

describe('parseFormula', () => {
	it.each([
		['1 + 2 * 3', '(1 + (2 * 3))'],
		['(1 + 2) * 3', '((1 + 2) * 3)'],
		['8 / 4 / 2', '((8 / 4) / 2)'],
		['2 ^ 3 ^ 2', '(2 ^ (3 ^ 2))'],
		['2 ** 3', '(2 ^ 3)'],
		['-2 ^ 2', '(-(2 ^ 2))'],
		['2 ^ -1', '(2 ^ (-1))'],
		['-a * b', '((-a) * b)'],
		['+a', 'a'],
		['a < b == c > d', '((a < b) == (c > d))'],
		['not a and b', '((not a) and b)'],
		['!a || b && c', '((not a) or (b and c))'],
		['not x > 3', '(not (x > 3))'],
		['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
		['a or b ? 1 : 2', '((a or b) ? 1 : 2)'],
		['if(x > 1, 2, 3)', '((x > 1) ? 2 : 3)'],
		['max(1, min(2, 3))', 'max(1, min(2, 3))'],
		['table(M_floor, floor, "office")', 'table[M_floor](floor, "office")'],
		['table("M", 1)', 'table[M](1)'],
		['true and false', '(true and false)']
	])('parses %s as %s', (source, tree) => {
		expect(parsed(source)).toBe(tree);
	});

	it('records the position of each operator and operand', () => {
		const node = parseFormula('P * area');
		expect(node).toMatchObject({ kind: 'arithmetic', pos: 2, left: { pos: 0 }, right: { pos: 4 } });
	});

	it.each([
		['', 'unexpected_end', 0],
		['1 +', 'unexpected_end', 3],
		['(1 + 2', 'unexpected_end', 6],
		['1 2', 'unexpected_token', 2],
		['1 + * 2', 'unexpected_token', 4],
		['max(1 2)', 'unexpected_token', 6],
		['a ? b', 'unexpected_end', 5],
		['and', 'unexpected_token', 0],
		['if(a, b)', 'wrong_arity', 0],
		['abs(1, 2)', 'wrong_arity', 0],
		['clamp(1)', 'wrong_arity', 0],
		['sqrt(4)', 'unknown_function', 0],
		['eval("1")', 'unknown_function', 0],
		['table(1, 2)', 'table_name_expected', 6],
		['table(a + b, 2)', 'table_name_expected', 6]
	])('refuses %j with %s at %i', (source, code, position) => {
		expect(errorOf(() => parseFormula(source))).toMatchObject({ code, position });
	});

	it('lists the allowed functions when refusing an unknown one', () => {
		const error = errorOf(() => parseFormula('pow(2, 3)'));
		expect(error.messages.en).toContain('min, max, round, floor, ceil, abs, clamp, if, table');
		expect(error.messages.fa).toContain('«pow»');
	});
});

/**
 * Splits a formula into tokens. The alphabet is closed: numbers, quoted text, names, and the
 * operators below; anything else (dots, brackets, braces, backticks, semicolons) is refused here,
 * which is what keeps property access and code out.
 */
import { toLatinDigits } from '../text';
import { FormulaError } from './errors';

export type Token =
	| { type: 'number'; text: string; pos: number }
	| { type: 'string'; value: string; pos: number }
	| { type: 'name'; text: string; pos: number }
	| { type: 'op'; text: Operator; pos: number }
	| { type: 'end'; pos: number };

const OPERATORS = ['**', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '(', ')', ',', '?', ':', '<', '>', '!'] as const;
export type Operator = (typeof OPERATORS)[number];

const NUMBER = /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER_TAIL = /[A-Za-z0-9_.]/;

function matchAt(pattern: RegExp, text: string, pos: number): string | null {
	pattern.lastIndex = pos;
	return pattern.exec(text)?.[0] ?? null;
}

/**
 * Tokens of a formula, ending with an `end` token. Persian and Arabic-Indic digits are read as
 * digits and «٫» as the decimal point (one character each, so positions stay those of the source).
 *
 * @example tokenize('2 * P').map((t) => t.type) // ['number', 'op', 'name', 'end']
 */
export function tokenize(source: string): Token[] {
	const text = toLatinDigits(source).replaceAll('\u066b', '.');
	const tokens: Token[] = [];
	let pos = 0;
	while (pos < text.length) {
		const ch = text[pos];
		if (/\s/.test(ch)) {
			pos++;
			continue;
		}
		const number = matchAt(NUMBER, text, pos);
		if (number !== null) {
			const end = pos + number.length;
			if (end < text.length && NUMBER_TAIL.test(text[end])) {
				const bad = /[A-Za-z0-9_.]*/y;
				throw new FormulaError('bad_number', pos, { name: matchAt(bad, text, pos) ?? number });
			}
			tokens.push({ type: 'number', text: number.replaceAll('_', ''), pos });
			pos = end;
			continue;
		}
		const name = matchAt(NAME, text, pos);
		if (name !== null) {
			tokens.push({ type: 'name', text: name, pos });
			pos += name.length;
			continue;
		}
		if (ch === '"' || ch === "'") {
			const close = text.indexOf(ch, pos + 1);
			if (close < 0) throw new FormulaError('unterminated_string', pos);
			tokens.push({ type: 'string', value: source.slice(pos + 1, close), pos });
			pos = close + 1;
			continue;
		}
		const op = OPERATORS.find((o) => text.startsWith(o, pos));
		if (op) {
			tokens.push({ type: 'op', text: op, pos });
			pos += op.length;
			continue;
		}
		throw refusedCharacter(text, pos, tokens.at(-1));
	}
	tokens.push({ type: 'end', pos: text.length });
	return tokens;
}

function refusedCharacter(text: string, pos: number, previous: Token | undefined): FormulaError {
	const ch = String.fromCodePoint(text.codePointAt(pos) ?? 0);
	const afterValue = previous && (previous.type === 'name' || (previous.type === 'op' && previous.text === ')'));
	if ((ch === '.' && afterValue) || ch === '[' || ch === ']') return new FormulaError('property_access', pos, { name: ch });
	if (ch === '.' && /\d/.test(text[pos + 1] ?? '')) return new FormulaError('bad_number', pos, { name: '.' + text[pos + 1] });
	if (ch === '=') return new FormulaError('single_equals', pos);
	return new FormulaError('unexpected_character', pos, { name: ch });
}

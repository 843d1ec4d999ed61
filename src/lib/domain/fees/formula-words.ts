/**
 * A fee line's calculation in words, for the citizen who pays it: the formula with the book's names
 * in place of its identifiers («ضریب زیربنای مسکونی چندواحدی × قیمت منطقه‌ای × زیربنای ناخالص
 * مشمول»), and each coefficient with the quantity it was read for, in units («ضریب … برای ۱۲۵
 * مترمربع زیربنای ناخالص مشمول هر واحد = ۰٫۱۵»). The raw formula stays on the line for staff.
 * Everything comes from the line itself (the variables it read, with units and descriptions, and
 * the coefficient tables' titles), so any council's book reads the same way. Pure.
 */
import type { Bilingual, Lang } from '../../i18n/lang';
import { formatNumber } from '../../i18n/format';
import type { AssessedCoefficient, AssessmentLine } from './assess';
import { parseFormula, type FormulaNode } from '../formula';

type LineWords = Pick<AssessmentLine, 'formula' | 'variables' | 'coefficients'>;
type KeyLabels = Record<string, Record<string, Bilingual>>;

const UNIT_WORDS: Record<string, Bilingual> = {
	m2: { fa: 'مترمربع', en: 'm²' },
	m: { fa: 'متر', en: 'm' },
	'rial/m2': { fa: 'ریال بر مترمربع', en: 'rials per m²' },
	'%': { fa: 'درصد', en: '%' },
	years: { fa: 'سال', en: 'years' },
	rial: { fa: 'ریال', en: 'rials' }
};

/** A unit in words («مترمربع», «m²»); '' for counts and units the catalogue does not know. */
export function unitWords(unit: string | null, lang: Lang): string {
	return (unit && UNIT_WORDS[unit]?.[lang]) ?? '';
}

/** The head of a description, before its first comma or bracket: «قیمت منطقه‌ای (ارزش معاملاتی) …» → «قیمت منطقه‌ای». */
export function shortName(description: Bilingual, lang: Lang): string {
	const text = description[lang] || description.fa;
	const cut = text.split(/\s*[،,(]|\s+—\s+/)[0].trim();
	return cut || text;
}

/** What a count counts: «تعداد واحد» → «واحد», "Number of units" → "unit"; null when the description is not «تعداد …». */
function countedNoun(description: Bilingual, lang: Lang, one = true): string | null {
	const name = shortName(description, lang);
	if (lang === 'fa') return /^تعداد\s+/.test(name) ? name.replace(/^تعداد\s+/, '') : null;
	const m = /^number of\s+(.+)$/i.exec(name);
	return m ? (one ? m[1].replace(/s$/, '') : m[1]) : null;
}

/** The `table(name, key…)` calls of a formula, each with its key expressions as written and where it stands. */
export function tableCalls(formula: string): { table: string; keys: string[]; start: number; end: number }[] {
	const calls: { table: string; keys: string[]; start: number; end: number }[] = [];
	const re = /\btable\s*\(/g;
	for (let m = re.exec(formula); m; m = re.exec(formula)) {
		const args: string[] = [];
		let depth = 0;
		let from = m.index + m[0].length;
		let end = -1;
		for (let i = from; i < formula.length && end < 0; i++) {
			const ch = formula[i];
			if (ch === '(') depth++;
			else if (ch === ')' && depth > 0) depth--;
			else if ((ch === ',' || ch === ')') && depth === 0) {
				args.push(formula.slice(from, i).trim());
				from = i + 1;
				if (ch === ')') end = i + 1;
			}
		}
		if (end < 0) break; // unbalanced: the book's validation refuses such a formula
		const [table, ...keys] = args;
		if (table) calls.push({ table, keys, start: m.index, end });
		re.lastIndex = end;
	}
	return calls;
}

const OPERATORS: Record<string, string> = { '*': '×', '/': '÷', '-': '−' };

/**
 * An expression in words from its syntax tree: identifiers by their names, table calls by the
 * table's title, `*` as ×, `/` as ÷, functions and conditionals as sentences, figures in the
 * reader's digits. A conditional whose condition the line's own values decide reads as the branch
 * that applied with its condition («۲ (معبر در سه سال اخیر روکش شده است)»); one they do not decide
 * reads «الف اگر شرط، وگرنه ب». No `?`, `:`, `==` or function names reach the reader.
 */
function expressionInWords(expression: string, line: LineWords, lang: Lang, labels: KeyLabels = {}): string {
	let tree: FormulaNode;
	try {
		tree = parseFormula(expression);
	} catch {
		return textInWords(expression, line, lang, labels);
	}
	return nodeInWords(tree, line, lang, labels);
}

/** Binding strength, to bracket a part only where the reading needs it. */
function strength(node: FormulaNode): number {
	switch (node.kind) {
		case 'conditional':
			return 0;
		case 'logical':
			return node.op === 'or' ? 1 : 2;
		case 'comparison':
			return 3;
		case 'arithmetic':
			return node.op === '+' || node.op === '-' ? 4 : node.op === '^' ? 7 : 5;
		case 'negate':
		case 'not':
			return 6;
		default:
			return 8;
	}
}

const ARITHMETIC: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷', '^': '^' };
const COMPARISON: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '!=': '≠' };
const OPPOSITE: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' };

type Known = number | string | boolean | undefined;

/** The value of a condition from the line's own values (its variables and coefficients read); undefined when they do not decide it. */
function valueOf(node: FormulaNode, line: LineWords): Known {
	switch (node.kind) {
		case 'number':
			return node.value.toNumber();
		case 'string':
		case 'boolean':
			return node.value;
		case 'variable':
			return line.variables.find((v) => v.name === node.name)?.value;
		case 'not': {
			const v = valueOf(node.operand, line);
			return typeof v === 'boolean' ? !v : undefined;
		}
		case 'negate': {
			const v = valueOf(node.operand, line);
			return typeof v === 'number' ? -v : undefined;
		}
		case 'arithmetic': {
			const [a, b] = [valueOf(node.left, line), valueOf(node.right, line)];
			if (typeof a !== 'number' || typeof b !== 'number') return undefined;
			return { '+': a + b, '-': a - b, '*': a * b, '/': b === 0 ? NaN : a / b, '^': a ** b }[node.op];
		}
		case 'comparison': {
			const [a, b] = [valueOf(node.left, line), valueOf(node.right, line)];
			if (a === undefined || b === undefined || typeof a !== typeof b) return undefined;
			if (node.op === '==') return a === b;
			if (node.op === '!=') return a !== b;
			if (typeof a !== 'number' || typeof b !== 'number') return undefined;
			return { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[node.op];
		}
		case 'logical': {
			const [a, b] = [valueOf(node.left, line), valueOf(node.right, line)];
			if (node.op === 'and') return a === false || b === false ? false : a === true && b === true ? true : undefined;
			return a === true || b === true ? true : a === false && b === false ? false : undefined;
		}
		case 'conditional': {
			const t = valueOf(node.test, line);
			return typeof t === 'boolean' ? valueOf(t ? node.then : node.otherwise, line) : undefined;
		}
		default:
			return undefined;
	}
}

/** A condition as it held: as written when it held, otherwise its opposite («≠», «≥») or «…: خیر». */
function conditionAsItHeld(test: FormulaNode, held: boolean, line: LineWords, lang: Lang, labels: KeyLabels): string {
	if (held) return nodeInWords(test, line, lang, labels);
	if (test.kind === 'not') return nodeInWords(test.operand, line, lang, labels);
	if (test.kind === 'comparison') return nodeInWords({ ...test, op: OPPOSITE[test.op] as typeof test.op }, line, lang, labels);
	return `${nodeInWords(test, line, lang, labels)}: ${lang === 'fa' ? 'خیر' : 'no'}`;
}

function nodeInWords(node: FormulaNode, line: LineWords, lang: Lang, labels: KeyLabels, needs = 0): string {
	const fa = lang === 'fa';
	const sep = fa ? '، ' : ', ';
	const sub = (n: FormulaNode, at: number) => nodeInWords(n, line, lang, labels, at);
	const bracket = (text: string, own: number) => (own < needs ? `(${text})` : text);
	switch (node.kind) {
		case 'number':
			return formatNumber(node.value.toNumber(), lang, 6);
		case 'boolean':
			return fa ? (node.value ? 'بله' : 'خیر') : node.value ? 'yes' : 'no';
		case 'string': {
			const label = Object.values(labels).find((l) => l[node.value])?.[node.value];
			return `«${label ? label[lang] || label.fa : node.value}»`;
		}
		case 'variable': {
			const v = line.variables.find((x) => x.name === node.name);
			return v ? shortName(v.description, lang) : node.name;
		}
		case 'table': {
			const title = line.coefficients.find((c) => c.table === node.name)?.title;
			return title ? title[lang] || title.fa : node.name;
		}
		case 'negate':
			return bracket(`−${sub(node.operand, 7)}`, 6);
		case 'not':
			return bracket(`${fa ? 'نه' : 'not'} ${sub(node.operand, 7)}`, 6);
		case 'arithmetic': {
			const own = strength(node);
			// left-associative: the right operand of − and ÷ needs brackets at its own strength
			const right = node.op === '-' || node.op === '/' ? own + 1 : node.op === '^' ? own : own;
			return bracket(`${sub(node.left, node.op === '^' ? own + 1 : own)} ${ARITHMETIC[node.op]} ${sub(node.right, right)}`, own);
		}
		case 'comparison':
			return bracket(`${sub(node.left, 4)} ${COMPARISON[node.op]} ${sub(node.right, 4)}`, 3);
		case 'logical': {
			const own = strength(node);
			const word = node.op === 'and' ? (fa ? 'و' : 'and') : fa ? 'یا' : 'or';
			return bracket(`${sub(node.left, own)} ${word} ${sub(node.right, own + 1)}`, own);
		}
		case 'conditional': {
			const held = valueOf(node.test, line);
			if (typeof held === 'boolean') {
				const branch = sub(held ? node.then : node.otherwise, 8);
				return `${branch} (${conditionAsItHeld(node.test, held, line, lang, labels)})`;
			}
			const [then, test, otherwise] = [sub(node.then, 1), sub(node.test, 1), sub(node.otherwise, 1)];
			return bracket(fa ? `${then} اگر ${test}، وگرنه ${otherwise}` : `${then} if ${test}, otherwise ${otherwise}`, 0);
		}
		case 'call': {
			const args = node.args.map((a) => sub(a, 1));
			const list = args.join(sep);
			switch (node.name) {
				case 'max':
					return fa ? `بیشترینِ (${list})` : `the greatest of (${list})`;
				case 'min':
					return fa ? `کمترینِ (${list})` : `the least of (${list})`;
				case 'round':
				case 'floor':
				case 'ceil': {
					const how = { round: fa ? 'گردشده' : 'rounded', floor: fa ? 'گردشده به پایین' : 'rounded down', ceil: fa ? 'گردشده به بالا' : 'rounded up' }[node.name];
					const digits = args[1] ? (fa ? ` تا ${args[1]} رقم اعشار` : ` to ${args[1]} decimal places`) : '';
					return `(${args[0]}) ${how}${digits}`;
				}
				case 'abs':
					return fa ? `قدر مطلقِ (${list})` : `the absolute value of (${list})`;
				case 'clamp':
					return fa ? `${sub(node.args[0], 8)}، دست‌کم ${args[1]} و حداکثر ${args[2]}` : `${sub(node.args[0], 8)}, at least ${args[1]} and at most ${args[2]}`;
				default:
					return `${node.name}(${list})`;
			}
		}
	}
}

/** The old token-by-token reading, for a text the formula parser refuses (a legacy line). */
function textInWords(expression: string, line: LineWords, lang: Lang, labels: KeyLabels = {}): string {
	const variables = new Map(line.variables.map((v) => [v.name, v]));
	const titles = new Map(line.coefficients.map((c) => [c.table, c.title]));
	// a table call reads as the table's title (kept aside while the identifiers are named)
	const spans: string[] = [];
	let text = '';
	let at = 0;
	for (const call of tableCalls(expression)) {
		const title = titles.get(call.table);
		spans.push(title ? title[lang] || title.fa : call.table);
		text += `${expression.slice(at, call.start)}${String.fromCharCode(0xe000 + spans.length - 1)}`;
		at = call.end;
	}
	text += expression.slice(at);
	return text
		.replace(/"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|==|[*/-]/g, (token) => {
			if (token === '==') return '=';
			if (token.startsWith('"')) {
				// a text value in the formula by the book's label («مسکونی»), quoted
				const value = token.slice(1, -1);
				const label = Object.values(labels).find((l) => l[value])?.[value];
				return `«${label ? label[lang] || label.fa : value}»`;
			}
			if (OPERATORS[token]) return OPERATORS[token];
			if (/^\d/.test(token)) return formatNumber(Number(token), lang, 6);
			const v = variables.get(token);
			if (v) return shortName(v.description, lang);
			return { and: lang === 'fa' ? 'و' : 'and', or: lang === 'fa' ? 'یا' : 'or', not: lang === 'fa' ? 'نه' : 'not' }[token] ?? token;
		})
		.replace(/[\ue000-\ue0ff]/g, (ch) => spans[ch.charCodeAt(0) - 0xe000])
		.replace(/\s+/g, ' ')
		.trim();
}

/** The line's formula in words («ضریب … × قیمت منطقه‌ای × زیربنای ناخالص مشمول»). */
export function formulaInWords(line: LineWords, lang: Lang, labels: KeyLabels = {}): string {
	return expressionInWords(line.formula, line, lang, labels);
}

/** One key of a coefficient, in words with its unit: «۱۲۵ مترمربع زیربنای ناخالص مشمول هر واحد», «آسفالت». */
export function keyInWords(expression: string | undefined, value: number | string | boolean, line: LineWords, lang: Lang, labels: KeyLabels = {}): string {
	const variables = new Map(line.variables.map((v) => [v.name, v]));
	const plain = expression?.trim() ?? '';
	if (typeof value === 'boolean') return lang === 'fa' ? (value ? 'بله' : 'خیر') : value ? 'yes' : 'no';
	if (typeof value === 'string') return labels[plain]?.[value]?.[lang] ?? value;
	const number = formatNumber(value, lang, 4);
	const bare = variables.get(plain);
	const ratio = /^([A-Za-z_]\w*)\s*\/\s*([A-Za-z_]\w*)$/.exec(plain);
	const [of, per] = bare ? [bare, undefined] : ratio ? [variables.get(ratio[1]), variables.get(ratio[2])] : [undefined, undefined];
	if (!of) return plain ? `${expressionInWords(plain, line, lang, labels)} = ${number}` : number;
	const counted = countedNoun(of.description, lang, value === 1);
	const perNoun = per ? (countedNoun(per.description, lang) ?? shortName(per.description, lang)) : null;
	if (counted && !per) return `${number} ${counted}`;
	const unit = unitWords(of.unit, lang);
	const name = shortName(of.description, lang);
	if (lang === 'fa') return [number, unit, name, perNoun ? `هر ${perNoun}` : ''].filter(Boolean).join(' ');
	return [number, unit, unit ? `of ${name.charAt(0).toLowerCase()}${name.slice(1)}` : name, perNoun ? `per ${perNoun}` : ''].filter(Boolean).join(' ');
}

/** A coefficient read, in words: «ضریب زیربنای مسکونی چندواحدی برای ۱۲۵ مترمربع زیربنای ناخالص مشمول هر واحد = ۰٫۱۵». */
export function coefficientInWords(coefficient: AssessedCoefficient, line: LineWords, lang: Lang, labels: KeyLabels = {}, dimensions: string[] = []): string {
	const call = tableCalls(line.formula).find((c) => c.table === coefficient.table && c.keys.length === coefficient.keys.length);
	const keys = coefficient.keys.map((k, i) => keyInWords(call?.keys[i] ?? dimensions[i], k, line, lang, labels));
	const title = coefficient.title[lang] || coefficient.title.fa;
	const joined = keys.join(lang === 'fa' ? '، ' : ', ');
	return lang === 'fa' ? `${title} برای ${joined} = ${formatNumber(coefficient.value, lang, 4)}` : `${title} for ${joined} = ${formatNumber(coefficient.value, lang, 4)}`;
}

/** A line's whole calculation in words, both languages: the formula, then each coefficient with the quantity it was read for. */
export function lineInWords(line: LineWords, labels: KeyLabels = {}, dimensions: Record<string, string[]> = {}): Bilingual {
	const say = (lang: Lang) =>
		[formulaInWords(line, lang, labels), ...line.coefficients.map((c) => coefficientInWords(c, line, lang, labels, dimensions[c.table]))].join(lang === 'fa' ? '؛ ' : '; ');
	return { fa: say('fa'), en: say('en') };
}

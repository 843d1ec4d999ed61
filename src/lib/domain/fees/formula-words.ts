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

/** An expression in words: identifiers by their names, `*` as ×, `/` as ÷, figures in the reader's digits. */
function expressionInWords(expression: string, line: LineWords, lang: Lang, labels: KeyLabels = {}): string {
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

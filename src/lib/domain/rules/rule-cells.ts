/**
 * Reading one rule-book cell as its field expects it, with a bilingual problem when it cannot be
 * read. An empty cell is `null` ("not defined"), never zero; «ندارد», `none` or `-` says the zone has
 * no such rule (north depth, light well) or no main use (allowed uses).
 */
import { fieldKey } from '../fields';
import { normaliseText } from '../text';
import { parseLightWell } from './light-well';
import { parseNorthDepth } from './north-depth';
import { figure, num, readNumber } from './numbers';
import { parseParkingBands } from './parking-bands';
import { readFail, readOk, type Read } from './problem';
import type { PilotisRule } from './rule-book';
import type { RuleField } from './rule-fields';
import { readFloorUse, type FloorUse } from './uses';

export type CellValue = string | number | FloorUse[] | PilotisRule | object | 'none' | null;

const NONE = new Set(['-', '—', 'none', 'no rule', 'n/a', 'ندارد', 'ندارد.', 'بدون ضابطه']);

const PILOTIS: Record<string, PilotisRule> = {
	required: 'required',
	mandatory: 'required',
	الزامی: 'required',
	اجباری: 'required',
	allowed: 'allowed',
	optional: 'allowed',
	مجاز: 'allowed',
	اختیاری: 'allowed',
	not_allowed: 'not_allowed',
	forbidden: 'not_allowed',
	ممنوع: 'not_allowed',
	غیرمجاز: 'not_allowed'
};

/** Source columns named as a coefficient (ضریب, zarib, ratio) may hold 0.6 for 60 %. */
function isCoefficientColumn(source: string): boolean {
	return /zarib|ضریب|coef|ratio/.test(fieldKey(source));
}

/** A number within the field's range; the same check the validator applies to typed books. */
export function checkNumber(field: RuleField, n: number): Read<number> {
	const kind = field.kind;
	if (kind.type !== 'number' && kind.type !== 'integer') throw new Error(`${field.name} is not numeric`);
	const { fa, en } = field.label;
	if (kind.type === 'integer' && !Number.isInteger(n)) {
		return readFail('not_whole_number', `${fa} باید عدد صحیح باشد، نه ${figure(n).fa}.`, `The ${en} must be a whole number, not ${n}.`);
	}
	const tooLow = n < kind.min || ('exclusiveMin' in kind && kind.exclusiveMin && n === kind.min);
	if (tooLow || n > kind.max) {
		const low = 'exclusiveMin' in kind && kind.exclusiveMin ? { fa: 'بیش از', en: 'more than' } : { fa: 'دست‌کم', en: 'at least' };
		return readFail(
			'out_of_range',
			`${fa} باید ${low.fa} ${num(kind.min).fa} و حداکثر ${num(kind.max).fa} باشد، نه ${figure(n).fa}.`,
			`The ${en} must be ${low.en} ${kind.min} and at most ${kind.max}, not ${n}.`
		);
	}
	return readOk(n);
}

function readNumberCell(field: RuleField, text: string, source: string): Read<number> {
	const read = readNumber(text);
	if (!read) {
		return readFail('not_a_number', `${field.label.fa} «${text}» عدد نیست.`, `The ${field.label.en} "${text}" is not a number.`);
	}
	let n = read.value;
	// ZARIB_OSHGHAL = 0.6 means 60 %; a coefficient above 10 (1000 %) is already a percentage.
	if (field.kind.type === 'number' && field.kind.percent && !read.percent && isCoefficientColumn(source) && n <= 10) n = Math.round(n * 100 * 1e6) / 1e6;
	return checkNumber(field, n);
}

function readUses(field: RuleField, text: string): Read<FloorUse[]> {
	const uses: FloorUse[] = [];
	for (const word of text.split(/\s*[,;،؛/|]\s*/).filter(Boolean)) {
		const use = readFloorUse(word);
		if (!use) return readFail('unknown_use', `«${word}» در ${field.label.fa} کاربری شناخته‌شده‌ای نیست.`, `"${word}" in the ${field.label.en} is not a known use.`);
		if (!uses.includes(use)) uses.push(use);
	}
	return readOk(uses);
}

/**
 * One cell → the field's value. `source` is the file's column name (a coefficient column turns
 * 0.6 into 60 %).
 */
export function readCell(field: RuleField, raw: string | null | undefined, source: string): Read<CellValue> {
	const text = normaliseText(raw ?? '');
	if (text === '') return readOk(null);
	const lower = text.toLowerCase();
	switch (field.kind.type) {
		case 'text':
			// Clauses and notes keep their Persian digits; only the Arabic letters are made Persian.
			return readOk((raw ?? '').replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').trim());
		case 'number':
		case 'integer':
			return readNumberCell(field, text, source);
		case 'uses':
			return NONE.has(lower) ? readOk([]) : readUses(field, text);
		case 'parking':
			return parseParkingBands(text);
		case 'pilotis': {
			const rule = PILOTIS[lower.replace(/[\s\u200c-]+/g, '_')] ?? PILOTIS[lower.replace(/[\s\u200c]+/g, '')];
			if (rule) return readOk(rule);
			return readFail(
				'bad_pilotis',
				`پیلوت «${text}» روشن نیست؛ یکی از «الزامی»، «مجاز» یا «ممنوع» را بنویسید.`,
				`Pilotis "${text}" is unclear; write required, allowed or not_allowed.`
			);
		}
		case 'light_well':
			return NONE.has(lower) ? readOk('none') : parseLightWell(text);
		case 'north_depth':
			return NONE.has(lower) ? readOk('none') : parseNorthDepth(text);
	}
}

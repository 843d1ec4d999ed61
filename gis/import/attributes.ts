import { fromJalali } from '../../src/lib/domain/jalali';
import { fieldKey, type FieldMapping } from '../../src/lib/domain/fields';
import { normaliseText } from '../../src/lib/domain/text';
import type { FieldKind, LayerSpec } from './layers';

/**
 * Attribute values: pure functions, no database. Files mix Persian, Arabic and Latin digits, so
 * every value is normalised before it is checked. Columns are matched to fields by
 * `matchFields` in src/lib/domain/fields.ts.
 */

export type ValueResult = { value: string | number | null } | { error: string };

const STREET_CLASSES: Record<string, 'arterial' | 'collector' | 'local' | 'alley'> = {
	arterial: 'arterial',
	primary: 'arterial',
	trunk: 'arterial',
	secondary: 'collector',
	collector: 'collector',
	tertiary: 'collector',
	local: 'local',
	residential: 'local',
	alley: 'alley',
	service: 'alley',
	footway: 'alley',
	شریانی: 'arterial',
	'شریانی درجه 1': 'arterial',
	'شریانی درجه 2': 'arterial',
	اصلی: 'arterial',
	جمعکننده: 'collector',
	'جمع کننده': 'collector',
	'جمع‌کننده': 'collector',
	فرعی: 'collector',
	محلی: 'local',
	دسترسی: 'local',
	کوچه: 'alley',
	بنبست: 'alley',
	'بن بست': 'alley',
	'بن‌بست': 'alley'
};

/** Use classes of zone values (P per use), by the names Article 64 books and files use. */
const USE_CLASSES: Record<string, string> = {
	residential: 'residential',
	maskooni: 'residential',
	maskuni: 'residential',
	مسکونی: 'residential',
	commercial: 'commercial',
	tejari: 'commercial',
	تجاری: 'commercial',
	office: 'office',
	edari: 'office',
	اداری: 'office',
	industrial: 'industrial',
	sanati: 'industrial',
	صنعتی: 'industrial'
};

/**
 * Reads one source value as the target field expects it. Empty values are null; a value that
 * cannot be read returns `{ error }` saying why, so the importer can report it with the feature.
 */
export function readValue(kind: FieldKind, raw: unknown): ValueResult {
	if (raw === null || raw === undefined) return { value: null };
	if (raw instanceof Date) raw = raw.toISOString().slice(0, 10);
	const text = normaliseText(String(raw));
	if (text === '') return { value: null };
	switch (kind.type) {
		case 'text':
			return { value: text };
		case 'number':
		case 'integer': {
			const n = typeof raw === 'number' ? raw : parseNumber(text);
			if (n === null || !Number.isFinite(n)) return { error: `"${text}" is not a number` };
			if (kind.type === 'integer' && !Number.isInteger(n)) return { error: `${n} is not a whole number` };
			if (kind.min !== undefined && (n < kind.min || ('exclusiveMin' in kind && kind.exclusiveMin && n === kind.min))) {
				return { error: `${n} is out of range (must be ${'exclusiveMin' in kind && kind.exclusiveMin ? 'more than' : 'at least'} ${kind.min})` };
			}
			if (kind.max !== undefined && n > kind.max) return { error: `${n} is out of range (at most ${kind.max})` };
			return { value: n };
		}
		case 'postal_code': {
			const digits = text.replace(/[\s-]/g, '');
			return /^\d{10}$/.test(digits) ? { value: digits } : { error: `"${text}" is not a 10-digit postal code` };
		}
		case 'date':
			return readDate(text);
		case 'choice': {
			const value = kind.values[fieldKey(text)] ?? kind.values[text.toLowerCase()];
			const known = [...new Set(Object.values(kind.values))].join(', ');
			return value ? { value } : { error: `"${text}" is not one of ${known}` };
		}
		case 'street_class': {
			const cls = STREET_CLASSES[text.toLowerCase()] ?? STREET_CLASSES[text.replace(/\u200c/g, '')];
			return cls ? { value: cls } : { error: `"${text}" is not a street class (arterial, collector, local, alley)` };
		}
		case 'use_class': {
			const use = USE_CLASSES[text.toLowerCase()] ?? (/^[a-z][a-z_]*$/.test(text) ? text : undefined);
			return use ? { value: use } : { error: `"${text}" is not a use class (residential/مسکونی, commercial/تجاری, office/اداری, industrial/صنعتی)` };
		}
	}
}

/** "1,250.5", "۱۲۵۰٫۵", "60%" → numbers; anything else → null. */
function parseNumber(text: string): number | null {
	const cleaned = text.replace(/[٬,\s%]/g, '').replace('٫', '.');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
	return Number(cleaned);
}

/** ISO dates, or Jalali ones (year below 1700, e.g. 1402/05/17) converted to Gregorian. */
function readDate(text: string): ValueResult {
	const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
	if (!m) return { error: `"${text}" is not a date (YYYY-MM-DD or Jalali YYYY/MM/DD)` };
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 1700) {
		try {
			return { value: fromJalali({ year: y, month: mo, day: d }) };
		} catch {
			return { error: `"${text}" is not a valid Jalali date` };
		}
	}
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
		return { error: `"${text}" is not a valid date` };
	}
	return { value: date.toISOString().slice(0, 10) };
}

export interface ValueProblem {
	field: string;
	source: string;
	value: string;
	reason: string;
}

export interface MappedFeature {
	values: Record<string, string | number | null>;
	/** Unmapped source attributes (normalised), for layers that keep them. */
	attributes: Record<string, unknown>;
	problems: ValueProblem[];
	/** Required fields with no value: the feature cannot be stored. */
	missing: string[];
}

/**
 * One feature's properties → the layer's column values. Bad values become null and are reported;
 * for layers that keep attributes the original value is kept there too, so nothing is lost.
 */
export function mapFeature(spec: LayerSpec, mapping: FieldMapping, properties: Record<string, unknown>): MappedFeature {
	const values: Record<string, string | number | null> = {};
	const problems: ValueProblem[] = [];
	const attributes: Record<string, unknown> = {};
	for (const field of spec.fields) {
		const source = mapping.fields[field.name];
		if (!source) continue;
		const result = readValue(field.kind, properties[source]);
		if ('error' in result) {
			problems.push({ field: field.name, source, value: String(properties[source]), reason: result.error });
			values[field.name] = null;
			if (spec.keepsAttributes) attributes[source] = normaliseValue(properties[source]);
		} else {
			values[field.name] = result.value;
		}
	}
	if (spec.keepsAttributes) {
		for (const source of mapping.unmapped) {
			const v = normaliseValue(properties[source]);
			if (v !== null && v !== undefined && v !== '') attributes[source] = v;
		}
	}
	const missing = spec.fields.filter((f) => f.required && (values[f.name] === null || values[f.name] === undefined)).map((f) => f.name);
	return { values, attributes, problems, missing };
}

function normaliseValue(v: unknown): unknown {
	if (typeof v === 'string') return normaliseText(v);
	if (v instanceof Date) return v.toISOString();
	return v;
}

/** `["renovation_code=KOD", ...]` → `{ renovation_code: 'KOD' }`; throws on a malformed pair. */
export function parseMapOptions(pairs: string[]): Record<string, string> {
	const map: Record<string, string> = {};
	for (const pair of pairs) {
		const eq = pair.indexOf('=');
		if (eq <= 0 || eq === pair.length - 1) throw new Error(`--map expects target=source, got "${pair}"`);
		map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
	}
	return map;
}

/**
 * Matching the columns of a file to the fields we store. Municipal files name the same field a
 * dozen ways (RENOV_CODE, CODE_NOSAZI, کد_نوسازی; TARAKOM, ZARIB_OSHGHAL), so names are compared
 * by a normalised key. Pure and client-safe: the GIS import and the rule-book reader share it.
 */
import { normaliseText } from './text';

/** A field a file's column may fill, with the other names files give it. */
export interface FieldSpec {
	name: string;
	/** Source names that mean this field, compared after {@link fieldKey}. */
	aliases: readonly string[];
}

export interface FieldsSpec {
	fields: readonly FieldSpec[];
	/** Columns we derive ourselves (ids, joins, generated columns): never reported as unmapped. */
	derived?: readonly string[];
}

export interface FieldMapping {
	/** target field → source field */
	fields: Record<string, string>;
	/** Source fields that no target took. */
	unmapped: string[];
}

/**
 * A field name reduced to what matters when comparing: letters and digits, lower case, Persian letters.
 *
 * @example fieldKey('Code-Nosazi ') === fieldKey('code_nosazi') // true
 */
export function fieldKey(name: string): string {
	return normaliseText(name)
		.toLowerCase()
		.replace(/[\s_\-.\u200c]+/g, '');
}

/** A `--map` naming a target field or a source column that does not exist. */
export class MappingError extends Error {
	constructor(
		readonly kind: 'unknown_target' | 'unknown_source',
		readonly name: string,
		readonly known: string[]
	) {
		super(kind === 'unknown_target' ? `unknown target field "${name}"` : `the file has no field "${name}"`);
	}
}

/**
 * Matches source field names to the target fields: `--map target=source` first, then the
 * target's own name, then its aliases, case- and spelling-insensitively. Each source field serves
 * one target at most. Throws {@link MappingError} on a `--map` naming a target or source that does
 * not exist.
 *
 * @example matchFields({ fields: [{ name: 'density_pct', aliases: ['tarakom'] }] }, ['TARAKOM', 'X'])
 * // → { fields: { density_pct: 'TARAKOM' }, unmapped: ['X'] }
 */
export function matchFields(spec: FieldsSpec, sourceFields: string[], overrides: Record<string, string> = {}): FieldMapping {
	const fields: Record<string, string> = {};
	const taken = new Set<string>();
	const byKey = new Map<string, string>();
	for (const source of sourceFields) if (!byKey.has(fieldKey(source))) byKey.set(fieldKey(source), source);

	for (const [target, source] of Object.entries(overrides)) {
		if (!spec.fields.some((f) => f.name === target)) {
			throw new MappingError('unknown_target', target, spec.fields.map((f) => f.name));
		}
		const actual = sourceFields.includes(source) ? source : byKey.get(fieldKey(source));
		if (!actual) throw new MappingError('unknown_source', source, sourceFields);
		fields[target] = actual;
		taken.add(actual);
	}
	for (const field of spec.fields) {
		if (fields[field.name]) continue;
		for (const candidate of [field.name, ...field.aliases]) {
			const source = byKey.get(fieldKey(candidate));
			if (source && !taken.has(source)) {
				fields[field.name] = source;
				taken.add(source);
				break;
			}
		}
	}
	const derived = new Set((spec.derived ?? []).map(fieldKey));
	const unmapped = sourceFields.filter((s) => !taken.has(s) && !derived.has(fieldKey(s)));
	return { fields, unmapped };
}

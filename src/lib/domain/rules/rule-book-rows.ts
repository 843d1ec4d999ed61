/**
 * Rule-book rows from a table (CSV or a layer's attribute table) → zone rules. Columns are
 * matched to fields by the same matcher as the GIS import (`--map target=source` first, then the
 * field's name and aliases, case-, digit- and separator-insensitively); every row's problems are
 * reported, grouped by reason, and a row with any problem is left out rather than half read.
 */
import type { Bilingual } from '../../i18n/lang';
import { matchFields, MappingError, type FieldsSpec } from '../fields';
import { toPersianDigits } from '../text';
import { readCell, type CellValue } from './rule-cells';
import { emptyZoneRules, zoneCodeKey, type CheckedRule, type ZoneRules } from './rule-book';
import { RULE_FIELDS, type RuleFieldName } from './rule-fields';

export interface RowProblem {
	/** The spreadsheet row: the header is row 1, the first data row 2. */
	row: number;
	zone_code: string | null;
	field: RuleFieldName;
	/** The file's column. */
	source: string;
	value: string;
	message: Bilingual;
}

export interface ProblemGroup {
	reason: string;
	title: Bilingual;
	rows: RowProblem[];
}

export interface ParsedRuleBookRows {
	zones: ZoneRules[];
	/** field → the file's column it was read from. */
	mapping: Partial<Record<RuleFieldName, string>>;
	/** Columns no field took. */
	unmapped: string[];
	problems: ProblemGroup[];
	/** Rows left out because of a problem. */
	rejected_rows: number[];
}

/** A `--map` naming an unknown field or column, or a file with no zone-code column: nothing can be read. */
export class RuleBookColumnsError extends Error {
	constructor(
		readonly code: 'unknown_target' | 'unknown_source' | 'no_zone_code_column',
		readonly messages: Bilingual
	) {
		super(messages.en);
	}
}

const REASONS: Record<string, Bilingual> = {
	missing_zone_code: { fa: 'ردیف‌های بدون کد پهنه', en: 'rows without a zone code' },
	duplicate_zone_code: { fa: 'کد پهنهٔ تکراری', en: 'duplicate zone codes' },
	not_a_number: { fa: 'مقدارهایی که عدد نیستند', en: 'values that are not numbers' },
	not_whole_number: { fa: 'مقدارهایی که عدد صحیح نیستند', en: 'values that are not whole numbers' },
	out_of_range: { fa: 'مقدارهای بیرون از بازهٔ مجاز', en: 'values out of range' },
	unknown_use: { fa: 'کاربری‌های ناشناخته', en: 'unknown uses' },
	bad_pilotis: { fa: 'مقدار نامعلوم پیلوت', en: 'unclear pilotis values' },
	bad_parking: { fa: 'جدول‌های پارکینگ نادرست', en: 'unreadable parking tables' },
	bad_north_depth: { fa: 'ضابطه‌های عمق شمالی نادرست', en: 'unreadable north-side depth rules' },
	bad_light_well: { fa: 'ضابطه‌های نورگیر نادرست', en: 'unreadable light-well rules' }
};

function reasonOf(code: string): string {
	if (code.startsWith('parking_')) return 'bad_parking';
	if (code.startsWith('north_depth_')) return 'bad_north_depth';
	if (code.startsWith('light_well_')) return 'bad_light_well';
	return code;
}

const SPEC: FieldsSpec = { fields: RULE_FIELDS };

function matchColumns(sources: string[], map: Record<string, string>): { fields: Record<string, string>; unmapped: string[] } {
	try {
		const m = matchFields(SPEC, sources, map);
		if (!m.fields.zone_code) {
			throw new RuleBookColumnsError('no_zone_code_column', {
				fa: `ستون کد پهنه پیدا نشد؛ ستون‌ها: ${sources.join('، ')}. با --map zone_code=<ستون> آن را نشان دهید.`,
				en: `No zone-code column found among ${sources.join(', ')}; name it with --map zone_code=<column>.`
			});
		}
		return m;
	} catch (e) {
		if (!(e instanceof MappingError)) throw e;
		const messages =
			e.kind === 'unknown_target'
				? { fa: `فیلد «${e.name}» در دفترچهٔ ضوابط نیست؛ فیلدها: ${e.known.join('، ')}.`, en: `"${e.name}" is not a rule-book field; the fields are ${e.known.join(', ')}.` }
				: { fa: `فایل ستون «${e.name}» ندارد؛ ستون‌ها: ${e.known.join('، ')}.`, en: `The file has no column "${e.name}"; its columns are ${e.known.join(', ')}.` };
		throw new RuleBookColumnsError(e.kind, messages);
	}
}

function assign(zone: ZoneRules, name: RuleFieldName, value: CellValue): void {
	if (name.startsWith('clause_')) {
		if (typeof value === 'string') zone.clauses[name.slice('clause_'.length) as CheckedRule] = value;
		return;
	}
	(zone as unknown as Record<string, CellValue>)[name] = value;
}

/**
 * Reads rule-book rows. `map` is `--map target=source`: `{ density_pct: 'TR_1402' }`.
 * Throws {@link RuleBookColumnsError} when the columns cannot be matched at all.
 *
 * @example parseRuleBookRows([{ PAHNE: 'R121', TARAKOM: '180%', ZARIB_OSHGHAL: '0.6' }]).zones[0]
 * // → { zone_code: 'R121', density_pct: 180, occupancy_pct: 60, … every other rule null }
 */
export function parseRuleBookRows(rows: Record<string, string>[], map: Record<string, string> = {}): ParsedRuleBookRows {
	if (rows.length === 0) return { zones: [], mapping: {}, unmapped: [], problems: [], rejected_rows: [] };
	const sources = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const { fields, unmapped } = matchColumns(sources, map);
	const groups = new Map<string, ProblemGroup>();
	const zones: ZoneRules[] = [];
	const seen = new Set<string>();
	const rejected_rows: number[] = [];

	const report = (reason: string, problem: RowProblem) => {
		const group = groups.get(reason) ?? { reason, title: REASONS[reason] ?? { fa: reason, en: reason }, rows: [] };
		group.rows.push(problem);
		groups.set(reason, group);
	};

	rows.forEach((cells, i) => {
		const row = i + 2;
		if (Object.values(cells).every((v) => (v ?? '').trim() === '')) return;
		const zone = emptyZoneRules('');
		const found: { reason: string; field: RuleFieldName; message: Bilingual }[] = [];
		for (const field of RULE_FIELDS) {
			const source = fields[field.name];
			if (!source) continue;
			const read = readCell(field, cells[source], source);
			if (read.ok) assign(zone, field.name, read.value);
			else found.push({ reason: reasonOf(read.problem.code), field: field.name, message: read.problem.message });
		}
		const key = zoneCodeKey(zone.zone_code ?? '');
		if (key === '') {
			found.push({ reason: 'missing_zone_code', field: 'zone_code', message: { fa: `ردیف ${toPersianDigits(row)} کد پهنه ندارد.`, en: `Row ${row} has no zone code.` } });
		} else if (seen.has(key)) {
			found.push({
				reason: 'duplicate_zone_code',
				field: 'zone_code',
				message: { fa: `کد پهنهٔ «${key}» در ردیفی پیش‌تر هم آمده است.`, en: `Zone code "${key}" also appears in an earlier row.` }
			});
		}
		seen.add(key);
		for (const f of found) {
			const source = fields[f.field];
			report(f.reason, { row, zone_code: key || null, field: f.field, source, value: cells[source] ?? '', message: f.message });
		}
		if (found.length > 0) rejected_rows.push(row);
		else zones.push({ ...zone, zone_code: key });
	});
	return { zones, mapping: fields as ParsedRuleBookRows['mapping'], unmapped, problems: [...groups.values()], rejected_rows };
}

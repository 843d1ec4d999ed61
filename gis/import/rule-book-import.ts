import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { parseRuleBookRows, RuleBookColumnsError, type ProblemGroup } from '../../src/lib/domain/rules';
import { ruleBookInForce, saveRuleBook, zoningCodesWithoutRules } from '../../src/lib/server/rules';
import { parseMapOptions, readValue } from './attributes';
import { ImportError, reasonOf } from './import-error';
import { NothingImportedError } from './issues';
import { readTable, type TableData } from './readers/table';

/**
 * `npm run gis -- import <file> --layer zoning_rules --effective-from <date>`: a detailed-plan
 * rule book from a CSV or XLSX table, one row per zone code. Columns are matched like every
 * other layer's (`--map target=source` first, then names and aliases); a row with a problem is
 * left out and reported, grouped by reason; the book and its rows are stored in ONE transaction,
 * and a file of which no row survives is refused.
 */
export interface RuleBookImportOptions {
	file: string;
	/** First day the book applies: YYYY-MM-DD, or a Jalali date such as 1404/01/01. */
	effectiveFrom: string;
	/** Defaults to the file's name. */
	title?: string;
	/** The approving body and resolution; defaults to the file's name. */
	source?: string;
	map?: Record<string, string> | string[];
	/** XLSX sheet, by name or 1-based number; the first by default. */
	sheet?: string;
	/** Marks made-up data (the sample city's book). */
	sample?: boolean;
}

export interface RuleBookImportReport {
	layer: 'zoning_rules';
	file: string;
	format: TableData['format'];
	/** The stored book; null when nothing was stored. */
	book: { id: number; title: string; effective_from: string; in_force_today: boolean } | null;
	/** field → the file's column */
	mapping: Record<string, string>;
	unmapped: string[];
	/** Data rows read (blank rows not counted). */
	read: number;
	imported: number;
	problems: ProblemGroup[];
	rejectedRows: number[];
	/** Zoning codes the imported book has no rules for: their parcels show "rules not defined" while it is in force. */
	zoningCodesWithoutRules: { code: string; zones: number }[];
	notes: string[];
	elapsedMs: number;
}

export async function importRuleBook(db: Kysely<DB>, options: RuleBookImportOptions): Promise<RuleBookImportReport> {
	const started = performance.now();
	const effective_from = effectiveDate(options.effectiveFrom);
	const table = await readTable(options.file, { sheet: options.sheet });
	const parsed = parseRows(table, options.map);
	const name = path.basename(options.file);
	const report = (book: RuleBookImportReport['book'], zoningCodesWithoutRules: RuleBookImportReport['zoningCodesWithoutRules']): RuleBookImportReport => ({
		layer: 'zoning_rules',
		file: options.file,
		format: table.format,
		book,
		mapping: parsed.mapping as Record<string, string>,
		unmapped: parsed.unmapped,
		read: table.rows.filter((r) => Object.values(r).some((v) => v.trim() !== '')).length,
		imported: parsed.zones.length,
		problems: parsed.problems,
		rejectedRows: parsed.rejected_rows,
		zoningCodesWithoutRules,
		notes: table.notes,
		elapsedMs: Math.round(performance.now() - started)
	});
	const empty = report(null, []);
	if (parsed.zones.length === 0) throw new NothingImportedError(empty, empty.read, { fa: 'ردیف', en: 'rows' });

	const title = options.title?.trim() || `ضوابط ${name}`;
	try {
		return await db.transaction().execute(async (trx) => {
			const id = await saveRuleBook(
				trx,
				{ title, title_en: null, effective_from, source: options.source?.trim() || `imported from ${name}`, clauses: {}, is_sample: options.sample ?? false },
				parsed.zones
			);
			const inForce = await ruleBookInForce(trx);
			return report({ id, title, effective_from, in_force_today: inForce?.id === id }, await zoningCodesWithoutRules(trx, id));
		});
	} catch (err) {
		throw new ImportError(
			'import_failed',
			{
				fa: `ورود دفترچهٔ ضوابط انجام نشد و هیچ تغییری در پایگاه داده داده نشد (${reasonOf(err)}).`,
				en: `The rule book import failed and nothing was changed in the database (${reasonOf(err)}).`
			},
			{ cause: err }
		);
	}
}

/** `--effective-from`: an ISO date or a Jalali one (year below 1700), as the other layers read dates. */
function effectiveDate(text: string): string {
	const read = readValue({ type: 'date' }, text);
	if ('error' in read || typeof read.value !== 'string') {
		throw new ImportError('import_bad_effective_date', {
			fa: `تاریخ اجرای «${text}» خوانا نیست؛ آن را به صورت ۱۴۰۴/۰۱/۰۱ یا 2025-03-21 بدهید.`,
			en: `The effective date "${text}" is not understood; give it as 2025-03-21 or a Jalali 1404/01/01.`
		});
	}
	return read.value;
}

function parseRows(table: TableData, map: RuleBookImportOptions['map']) {
	try {
		const overrides = Array.isArray(map) ? parseMapOptions(map) : (map ?? {});
		return parseRuleBookRows(table.rows, overrides);
	} catch (err) {
		if (err instanceof RuleBookColumnsError) throw new ImportError(`import_${err.code}`, err.messages, { cause: err });
		throw new ImportError('import_bad_mapping', { fa: `‎--map نادرست است: ${reasonOf(err)}`, en: reasonOf(err) });
	}
}

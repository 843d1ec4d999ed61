import fs from 'node:fs';
import path from 'node:path';
import { CsvError, parseCsv } from '../../../src/lib/domain/rules';
import { ImportError, reasonOf } from '../import-error';

/**
 * Tables without geometry (a rule book): CSV, or the first sheet (or a named one) of an XLSX
 * workbook, as rows of text cells keyed by the header row. Cells stay text as written, so the
 * rule-book reader sees «۶۰٪», `0.6` and `60%` the way the city typed them.
 */
export interface TableData {
	format: 'CSV' | 'XLSX';
	/** Row n + 2 of the file is rows[n]: the header is row 1. */
	rows: Record<string, string>[];
	notes: string[];
}

export async function readTable(file: string, options: { sheet?: string } = {}): Promise<TableData> {
	if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
		throw new ImportError('import_file_missing', { fa: `فایل «${file}» پیدا نشد.`, en: `File not found: ${file}` });
	}
	switch (path.extname(file).toLowerCase()) {
		case '.csv':
		case '.txt':
		case '.tsv':
			return readCsvFile(file);
		case '.xlsx':
			return readXlsx(file, options.sheet);
		default:
			throw new ImportError('import_unsupported_format', {
				fa: `قالب فایل «${path.basename(file)}» برای دفترچهٔ ضوابط پشتیبانی نمی‌شود؛ CSV یا XLSX بدهید.`,
				en: `Unsupported format "${path.basename(file)}" for a rule book: give a CSV or an XLSX file.`
			});
	}
}

/** UTF-8 (with or without a BOM); a file that is not valid UTF-8 is read as windows-1256, as Persian Excel saves CSV. */
function readCsvFile(file: string): TableData {
	const bytes = fs.readFileSync(file);
	const notes: string[] = [];
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = new TextDecoder('windows-1256').decode(bytes);
		notes.push('not UTF-8: read as windows-1256');
	}
	try {
		return { format: 'CSV', rows: parseCsv(text), notes };
	} catch (err) {
		if (!(err instanceof CsvError)) throw err;
		throw new ImportError('import_malformed_csv', {
			fa: `فایل CSV خراب است و خوانده نشد (${err.message}).`,
			en: `The CSV file is malformed and cannot be read (${err.message}).`
		});
	}
}

type Cell = string | number | boolean | Date | null | undefined | object;

function cellText(cell: Cell): string {
	if (cell === null || cell === undefined) return '';
	if (cell instanceof Date) return cell.toISOString().slice(0, 10);
	return String(cell);
}

/** `--table 2` is the second sheet; any other text is a sheet's name. */
function sheetOf(sheet: string | undefined): string | number {
	if (sheet === undefined) return 1;
	return /^\d+$/.test(sheet.trim()) ? Number(sheet) : sheet;
}

async function readXlsx(file: string, sheet: string | undefined): Promise<TableData> {
	const { readSheet } = await import('read-excel-file/node');
	let data: Cell[][];
	try {
		// numbers as the cell stores them ("0.6", "180"), not rounded through a float
		data = (await readSheet(file, sheetOf(sheet), { parseNumber: (text: string) => text })) as Cell[][];
	} catch (err) {
		const missing = (err as Error).name === 'SheetNotFoundError';
		throw new ImportError(
			missing ? 'import_sheet_missing' : 'import_broken_xlsx',
			missing
				? { fa: `کاربرگ «${sheet}» در فایل نیست (${reasonOf(err)}).`, en: `The workbook has no sheet "${sheet}" (${reasonOf(err)}).` }
				: { fa: `فایل XLSX خراب است و خوانده نشد (${reasonOf(err)}).`, en: `The XLSX file is broken and cannot be read (${reasonOf(err)}).` },
			{ cause: err }
		);
	}
	const [header = [], ...body] = data;
	const columns = header.map((h) => cellText(h).trim());
	const rows = body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cellText(cells[i])]).filter(([c]) => c !== '')));
	return { format: 'XLSX', rows, notes: sheet ? [`sheet: ${sheet}`] : [] };
}

/**
 * A small CSV reader for rule-book tables (RFC 4180: quoted fields, doubled quotes, line breaks
 * inside quotes, CRLF). Spreadsheets saved in Iran often use `;` or a tab and start with a BOM,
 * so the delimiter is taken from the header line and the BOM dropped.
 */

export class CsvError extends Error {}

function delimiterOf(headerLine: string): string {
	const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const);
	return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function splitRecords(text: string, delimiter: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	const endField = () => {
		record.push(field);
		field = '';
	};
	const endRecord = () => {
		endField();
		records.push(record);
		record = [];
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch !== '"') field += ch;
			else if (text[i + 1] === '"') field += text[++i];
			else quoted = false;
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === delimiter) endField();
		else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
		} else field += ch;
	}
	if (quoted) throw new CsvError('a quoted field is not closed');
	if (field !== '' || record.length > 0) endRecord();
	return records;
}

/**
 * Rows of a CSV text with a header line, each as `{ column: value }`. A blank line is kept as a
 * row of empty cells, so row n + 1 is the file's line n + 1 (the header is line 1); a row with
 * more fields than the header is refused.
 *
 * @example parseCsv('code,density\nR121,180') // [{ code: 'R121', density: '180' }]
 */
export function parseCsv(text: string): Record<string, string>[] {
	const body = text.replace(/^\uFEFF/, '');
	const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
	const [header, ...records] = splitRecords(body, delimiterOf(firstLine));
	if (!header || header.every((h) => h.trim() === '')) return [];
	const columns = header.map((h) => h.trim());
	return records.map((record, i) => {
		if (record.length > columns.length) throw new CsvError(`row ${i + 2} has ${record.length} fields, the header ${columns.length}`);
		return Object.fromEntries(columns.map((c, j) => [c, record[j] ?? '']));
	});
}

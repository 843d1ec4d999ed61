/**
 * The conflicts table as files: CSV that Excel opens in Persian (UTF-8 BOM, formula-looking text
 * neutralised), GeoJSON (WGS84, one feature per row) and XLSX (exceljs: right-to-left in Persian,
 * frozen header, filters, number formats). The columns are the table's, in the user's language.
 */
import ExcelJS from 'exceljs';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ConflictReport, ConflictRow, ConflictView } from '../../api/planning';
import { t, type Lang, type MessageKey } from '../../i18n';
import type { ConflictRowWithGeometry } from './conflicts.repository';

type Cell = string | number | null;

interface Column {
	header: MessageKey;
	value: (row: ConflictRow, lang: Lang) => Cell;
	/** Excel number format for numeric columns. */
	format?: string;
}

const name = (fa: string | null, en: string | null, lang: Lang) => (lang === 'en' ? en || fa : fa || en) ?? '';
const districtNames = (row: ConflictRow, lang: Lang) => row.districts.map((d) => name(d.name_fa, d.name_en, lang)).join('، ');

const AREA = '#,##0.0';
const WHOLE = '#,##0';

const FIGURE_COLUMNS: Column[] = [
	{ header: 'planning.parcels', value: (r) => r.parcels, format: WHOLE },
	{ header: 'planning.land', value: (r) => Math.round(r.land_m2 * 10) / 10, format: AREA },
	{ header: 'planning.buildings', value: (r) => r.buildings, format: WHOLE },
	{ header: 'planning.with_cases', value: (r) => r.parcels_with_open_cases, format: WHOLE },
	{ header: 'planning.with_permits', value: (r) => r.parcels_with_permits, format: WHOLE },
	{ header: 'planning.cost', value: (r) => r.cost_rial, format: WHOLE },
	{ header: 'planning.proposals_beyond', value: (r) => r.proposals_beyond, format: WHOLE },
	{ header: 'planning.permits_beyond', value: (r) => r.permits_beyond, format: WHOLE },
	{ header: 'planning.proposals_beyond_m2', value: (r) => Math.round(r.proposals_beyond_m2 * 10) / 10, format: AREA }
];

/** A parcels-view row's kind: the parcel's setback, or a pending proposal or a permit beyond the line. */
const kindLabel = (r: ConflictRow, lang: Lang) =>
	t(lang, r.kind === 'proposal' ? (r.proposal?.status === 'permit' ? 'planning.kind_permit' : 'planning.kind_pending') : 'planning.kind_setback');

const STREET_COLUMNS: Column[] = [
	{ header: 'planning.street', value: (r, lang) => (r.street ? name(r.street.name_fa, r.street.name_en, lang) || `#${r.street.id}` : null) },
	{ header: 'planning.street_class', value: (r, lang) => (r.street ? t(lang, `planning.class_${r.street.class}`) : null) },
	{ header: 'planning.current_width', value: (r) => r.street?.width_m ?? null, format: AREA },
	{ header: 'planning.planned_width', value: (r) => r.street?.planned_width_m ?? null, format: AREA },
	{ header: 'planning.status', value: (r, lang) => (r.street ? t(lang, `planning.status_${r.street.status}`) : null) }
];

const COLUMNS: Record<ConflictView, Column[]> = {
	parcels: [
		{ header: 'planning.district', value: districtNames },
		...STREET_COLUMNS,
		{ header: 'planning.parcel', value: (r) => r.parcel?.renovation_code ?? (r.parcel ? `#${r.parcel.id}` : null) },
		{ header: 'planning.land', value: (r) => Math.round(r.land_m2 * 10) / 10, format: AREA },
		{ header: 'planning.buildings', value: (r) => r.buildings, format: WHOLE },
		{ header: 'planning.open_cases', value: (r) => r.parcel?.open_cases ?? 0, format: WHOLE },
		{ header: 'planning.permits', value: (r) => r.parcel?.permits ?? 0, format: WHOLE },
		{ header: 'planning.cost', value: (r) => r.cost_rial, format: WHOLE },
		{ header: 'planning.kind', value: kindLabel },
		{ header: 'planning.case', value: (r) => r.proposal?.tracking_code ?? (r.proposal ? `#${r.proposal.case_id}` : null) },
		{ header: 'planning.proposals_beyond_m2', value: (r) => (r.proposal ? Math.round(r.proposal.beyond_m2 * 10) / 10 : null), format: AREA }
	],
	streets: [...STREET_COLUMNS, { header: 'planning.district', value: districtNames }, ...FIGURE_COLUMNS],
	districts: [{ header: 'planning.district', value: districtNames }, ...FIGURE_COLUMNS]
};

/** Header and rows of a report as plain cells (what every format writes). */
export function conflictTable(report: ConflictReport, lang: Lang): { header: string[]; rows: Cell[][] } {
	const columns = COLUMNS[report.view];
	return {
		header: columns.map((c) => t(lang, c.header)),
		rows: report.rows.map((row) => columns.map((c) => c.value(row, lang)))
	};
}

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a return first) gets a
 * leading apostrophe (CWE-1236).
 */
export function csvCell(value: Cell): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a UTF-8 byte order mark, so Excel reads the Persian text as UTF-8. */
export function conflictsCsv(report: ConflictReport, lang: Lang): string {
	const { header, rows } = conflictTable(report, lang);
	return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One feature per row: the land the corridor takes (collected per street or district), WGS84. */
export function conflictsGeoJson(report: { rows: ConflictRowWithGeometry[] }): FeatureCollection<Geometry | null> {
	return {
		type: 'FeatureCollection',
		features: report.rows.map(({ geometry, bbox: _bbox, ...properties }) => ({ type: 'Feature', id: properties.key, properties, geometry }))
	};
}

export async function conflictsXlsx(report: ConflictReport, lang: Lang): Promise<Uint8Array> {
	const { header, rows } = conflictTable(report, lang);
	const columns = COLUMNS[report.view];
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Pelak';
	const sheet = workbook.addWorksheet(t(lang, 'nav.planning'), {
		views: [{ rightToLeft: lang === 'fa', state: 'frozen', ySplit: 1 }]
	});
	sheet.addRow(header).font = { bold: true };
	for (const row of rows) sheet.addRow(row);
	columns.forEach((c, i) => {
		const column = sheet.getColumn(i + 1);
		column.width = Math.max(12, header[i].length + 2);
		if (c.format) column.numFmt = c.format;
	});
	const total = sheet.addRow([t(lang, 'planning.totals')]);
	total.font = { bold: true };
	const totals = { ...report.totals, districts: [], street: null, parcel: null, key: 'totals', bbox: null, kind: 'setback', proposal: null } satisfies ConflictRow;
	columns.forEach((c, i) => {
		const figure = FIGURE_COLUMNS.find((f) => f.header === c.header);
		if (figure && i > 0) total.getCell(i + 1).value = figure.value(totals, lang);
	});
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

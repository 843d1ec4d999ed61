/**
 * District figures as files: CSV that Excel opens in Persian (UTF-8 BOM, formula-looking text
 * neutralised, CRLF) and XLSX (exceljs; right-to-left in Persian, frozen header, number formats,
 * a second sheet with each figure's definition and how fresh the figures are, and a third with the
 * backlog imported from the previous system when there is one). One row per
 * district, then the city; an empty cell is a figure no capability feeds yet.
 */
import ExcelJS from 'exceljs';
import { FIGURE_DEFINITIONS, FIGURE_KEYS, type DistrictReport, type FigureKey, type ImportedBacklogRow } from '../../api/dashboard';
import { t, type Lang } from '../../i18n';
import { csvCell } from '../planning/conflicts-export';

type Cell = string | number | null;

const FORMATS: Partial<Record<FigureKey, string>> = {
	median_days_to_decision: '0.0',
	overdue_share: '0.0%',
	permitted_floor_area_m2: '#,##0',
	capacity_floor_area_m2: '#,##0',
	remaining_floor_area_m2: '#,##0',
	fees_billed_rial: '#,##0',
	fees_paid_rial: '#,##0'
};

export function dashboardTable(report: DistrictReport, lang: Lang): { header: string[]; rows: Cell[][] } {
	const header = [t(lang, 'dashboard.district'), t(lang, 'dashboard.district_code'), ...FIGURE_KEYS.map((k) => t(lang, `figure.${k}`))];
	const rows: Cell[][] = report.districts.map((r) => [
		(lang === 'en' ? r.district.name_en || r.district.name_fa : r.district.name_fa) ?? '',
		r.district.code,
		...FIGURE_KEYS.map((k) => r[k])
	]);
	rows.push([t(lang, 'dashboard.city'), null, ...FIGURE_KEYS.map((k) => report.city[k])]);
	return { header, rows };
}

export function dashboardCsv(report: DistrictReport, lang: Lang): string {
	const { header, rows } = dashboardTable(report, lang);
	return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function dashboardXlsx(report: DistrictReport, lang: Lang, backlog?: { districts: ImportedBacklogRow[]; city: ImportedBacklogRow }): Promise<Uint8Array> {
	const { header, rows } = dashboardTable(report, lang);
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Pelak';
	const sheet = workbook.addWorksheet(t(lang, 'dashboard.figures_sheet'), { views: [{ rightToLeft: lang === 'fa', state: 'frozen', ySplit: 1 }] });
	sheet.addRow(header).font = { bold: true };
	for (const row of rows) sheet.addRow(row);
	sheet.lastRow!.font = { bold: true };
	header.forEach((h, i) => {
		const column = sheet.getColumn(i + 1);
		column.width = Math.max(12, h.length + 2);
		const key = FIGURE_KEYS[i - 2];
		if (key && FORMATS[key]) column.numFmt = FORMATS[key]!;
	});
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: header.length } };

	const notes = workbook.addWorksheet(t(lang, 'dashboard.definitions'), { views: [{ rightToLeft: lang === 'fa' }] });
	notes.addRow([t(lang, 'dashboard.period'), `${report.from} — ${report.to}`]);
	notes.addRow([t(lang, 'dashboard.computed_at'), report.freshness.computed_at]);
	if (report.sample) notes.addRow([t(lang, 'dashboard.sample_note')]);
	notes.addRow([]);
	for (const key of FIGURE_KEYS) notes.addRow([t(lang, `figure.${key}`), FIGURE_DEFINITIONS[key][lang]]);
	notes.getColumn(1).width = 34;
	notes.getColumn(2).width = 120;

	if (backlog && (backlog.city.open > 0 || backlog.city.closed_in_period > 0)) {
		const imported = workbook.addWorksheet(t(lang, 'dashboard.backlog_sheet'), { views: [{ rightToLeft: lang === 'fa', state: 'frozen', ySplit: 1 }] });
		imported.addRow([t(lang, 'dashboard.district'), t(lang, 'dashboard.district_code'), t(lang, 'dashboard.backlog_open'), t(lang, 'dashboard.backlog_oldest'), t(lang, 'dashboard.backlog_closed')]).font = { bold: true };
		for (const { district } of report.districts) {
			const row = backlog.districts.find((r) => r.district_id === district.id);
			if (!row) continue;
			const name = (lang === 'en' ? district.name_en || district.name_fa : district.name_fa) ?? '';
			imported.addRow([name, district.code, row.open, row.oldest_opened_on, row.closed_in_period]);
		}
		imported.addRow([t(lang, 'dashboard.city'), null, backlog.city.open, backlog.city.oldest_opened_on, backlog.city.closed_in_period]).font = { bold: true };
		imported.addRow([]);
		imported.addRow([t(lang, 'dashboard.backlog_note')]);
		[24, 12, 12, 20, 20].forEach((width, i) => (imported.getColumn(i + 1).width = width));
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

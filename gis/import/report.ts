import type { ImportReport, ZoningRulesNote } from './import-layer';
import type { RuleBookImportReport } from './rule-book-import';
import { formatGroup, groupIssues, type FeatureIssue } from './issues';

/** Zone codes listed by name before the rest are only counted. */
const CODE_LIMIT = 20;

/**
 * The import report as the CLI prints it: counts first, then the repaired, rejected and bad values
 * grouped by reason, each group with its count and the first few feature numbers.
 */
export function formatImportReport(r: ImportReport): string {
	const lines = [
		`لایه / layer: ${r.layer} (${r.table}) ← ${r.file} [${r.format}]`,
		`سامانهٔ مختصات / CRS: ${r.sourceCrs} (${r.crsFrom})`,
		`نگاشت فیلدها / field mapping: ${Object.entries(r.mapping).map(([t, s]) => `${t}←${s}`).join(', ') || '—'}`
	];
	if (r.unmapped.length) {
		lines.push(`${r.layer === 'parcels' ? 'در attributes نگه داشته شد / kept in attributes' : 'نادیده / ignored'}: ${r.unmapped.join(', ')}`);
	}
	for (const note of r.notes) lines.push(`توجه / note: ${note}`);
	lines.push(
		`خوانده / read: ${r.read}`,
		`وارد شد / imported: ${r.imported}${r.replaced ? ` (replaced ${r.replaced} existing rows)` : ''}`,
		...(r.wideningCorridors !== undefined ? [`حریم‌های تعریض بازسازی شد / widening corridors rebuilt: ${r.wideningCorridors}`] : []),
		`ترمیم شد / repaired: ${r.repaired.length}`,
		`رد شد / rejected: ${r.rejected.length}`,
		`مقدار نادرست / invalid values: ${r.invalidValues.length}`,
		`زمان / elapsed: ${(r.elapsedMs / 1000).toFixed(1)} s`
	);
	groups(lines, 'ترمیم‌شده‌ها / repaired:', r.repaired);
	groups(lines, 'ردشده‌ها / rejected:', r.rejected);
	groups(
		lines,
		'مقادیر نادرست (خالی گذاشته شد) / invalid values (left empty):',
		r.invalidValues.map((v) => ({ feature: v.feature, reason: `${v.field} ← ${v.source}`, detail: `"${v.value}": ${v.reason}` }))
	);
	if (r.zoningRules) lines.push(...formatZoningRules(r.zoningRules));
	return lines.join('\n');
}

export function groups(lines: string[], title: string, issues: FeatureIssue[], noun?: string): void {
	if (!issues.length) return;
	lines.push(title);
	for (const g of groupIssues(issues)) lines.push(`  ${formatGroup(g, noun)}`);
}

/** Zoning codes the book in force has no rules for: their parcels show «ضوابط تعریف نشده» / "rules not defined". */
export function formatZoningRules(note: ZoningRulesNote): string[] {
	if (!note.book) {
		return [
			'دفترچهٔ ضوابطی در حال اجرا نیست / no rule book is in force: zones without limits of their own show «ضوابط تعریف نشده» / "rules not defined";',
			'  import one with: npm run gis -- import <rules.csv|.xlsx> --layer zoning_rules --effective-from YYYY-MM-DD'
		];
	}
	const head = `دفترچهٔ ضوابط در حال اجرا / rule book in force: #${note.book.id} «${note.book.title}» (from ${note.book.effective_from})`;
	if (!note.codesWithoutRules.length) return [head, 'همهٔ کدهای پهنه ضابطه دارند / every zone code has rules'];
	return [head, ...codesWithoutRules(note.codesWithoutRules)];
}

/** `R121 (3), C211 (1), …`: zone codes with the number of zoning polygons that carry each. */
function codesWithoutRules(list: { code: string; zones: number }[], what = 'zone codes without rules'): string[] {
	const names = list.slice(0, CODE_LIMIT).map((c) => `${c.code} (${c.zones})`).join(', ') + (list.length > CODE_LIMIT ? `, … ${list.length - CODE_LIMIT} more` : '');
	return [`کدهای پهنهٔ بدون ضابطه / ${what} (their parcels show "rules not defined"): ${list.length}`, `  ${names}`];
}

/** The rule-book import as the CLI prints it: the book, the counts, the problems grouped by reason, the zoning codes it lacks. */
export function formatRuleBookReport(r: RuleBookImportReport): string {
	const lines = [
		`لایه / layer: zoning_rules ← ${r.file} [${r.format}]`,
		`نگاشت فیلدها / field mapping: ${Object.entries(r.mapping).map(([t, s]) => `${t}←${s}`).join(', ') || '—'}`
	];
	if (r.unmapped.length) lines.push(`نادیده / ignored: ${r.unmapped.join(', ')}`);
	for (const note of r.notes) lines.push(`توجه / note: ${note}`);
	if (r.book) {
		const when = r.book.in_force_today ? 'in force today' : 'NOT in force today (a later book is, or its day has not come)';
		lines.push(`دفترچهٔ ضوابط / rule book: #${r.book.id} «${r.book.title}», from ${r.book.effective_from}: ${when}`);
	}
	lines.push(
		`خوانده / read: ${r.read} rows`,
		`وارد شد / imported: ${r.imported} zones`,
		`رد شد / rejected: ${r.rejectedRows.length} rows`,
		`زمان / elapsed: ${(r.elapsedMs / 1000).toFixed(1)} s`
	);
	const problems = r.problems.flatMap((g) =>
		g.rows.map((p) => ({ feature: p.row, reason: `${g.title.en} / ${g.title.fa}`, detail: `${p.field} ← ${p.source} = "${p.value}": ${p.message.en}` }))
	);
	groups(lines, 'مشکل‌ها (ردیف کنار گذاشته شد) / problems (row left out):', problems, 'rows');
	if (r.book && r.zoningCodesWithoutRules.length) lines.push(...codesWithoutRules(r.zoningCodesWithoutRules, 'zoning codes this book has no rules for'));
	else if (r.book) lines.push('همهٔ کدهای لایهٔ پهنه‌بندی در این دفترچه ضابطه دارند / every code of the zoning layer has rules in this book');
	return lines.join('\n');
}

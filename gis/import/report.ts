import type { ImportReport } from './import-layer';

const LIST_LIMIT = 50;

/** The import report as the CLI prints it: counts first, then each repaired, rejected and bad value. */
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
	const list = (title: string, items: string[]) => {
		if (!items.length) return;
		lines.push(title);
		for (const item of items.slice(0, LIST_LIMIT)) lines.push(`  ${item}`);
		if (items.length > LIST_LIMIT) lines.push(`  … ${items.length - LIST_LIMIT} more`);
	};
	list('ترمیم‌شده‌ها / repaired:', r.repaired.map((i) => `feature ${i.feature}: ${i.reason}`));
	list('ردشده‌ها / rejected:', r.rejected.map((i) => `feature ${i.feature}: ${i.reason}`));
	list(
		'مقادیر نادرست (خالی گذاشته شد) / invalid values (left empty):',
		r.invalidValues.map((v) => `feature ${v.feature}: ${v.field} ← ${v.source} = "${v.value}": ${v.reason}`)
	);
	return lines.join('\n');
}

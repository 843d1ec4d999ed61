/**
 * Importing a rule book (`--layer zoning_rules`, CSV and XLSX) and a zoning layer that carries
 * only codes: codes the book lacks are reported both ways, problems and rejections are grouped
 * by reason, and an import of which nothing survives is refused with a non-zero exit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importLayer } from '../../gis/import/import-layer';
import { importRuleBook, type RuleBookImportOptions } from '../../gis/import/rule-book-import';
import { formatImportReport, formatRuleBookReport } from '../../gis/import/report';
import { main } from '../../gis/cli';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { ROOT, TEMPLATE_DIR } from '../db-paths';

const RULES = path.join(ROOT, 'tests/fixtures/rules');
const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let tmp: string;
beforeAll(async () => {
	database = await openTestDatabase();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-rules-import-'));
});
afterAll(async () => {
	await database?.close();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A zoning layer as most cities publish it: polygons with a code and nothing else. */
function codeOnlyZoning(codes: string[], extra: { type: 'Feature'; properties: Record<string, unknown>; geometry: null }[] = []): string {
	const square = (i: number) => {
		const [x, y] = [51.66 + i * 0.002, 32.65];
		return { type: 'Polygon', coordinates: [[[x, y], [x + 0.002, y], [x + 0.002, y + 0.002], [x, y + 0.002], [x, y]]] };
	};
	const file = path.join(tmp, `zoning-${codes.length}-${extra.length}.geojson`);
	const features = [...codes.map((code, i) => ({ type: 'Feature', properties: { PAHNE: code }, geometry: square(i) })), ...extra];
	fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
	return file;
}

const rules = (options: Partial<RuleBookImportOptions> & { file: string }) => importRuleBook(database.db, { effectiveFrom: '2025-03-21', ...options });
const bookCount = async () => (await sql<{ n: number }>`select count(*)::int as n from rule_books`.execute(database.db)).rows[0].n;

describe(`rule book import (${backend})`, () => {
	it('imports a zoning layer with only a code, and says no rule book is in force', async () => {
		const report = await importLayer(database.db, { file: codeOnlyZoning(['R121', 'c211', 'Z999']), layer: 'zoning', srid: TEST_SRID });
		expect(report).toMatchObject({ imported: 3, rejected: [], mapping: { code: 'PAHNE' } });
		expect(report.zoningRules).toEqual({ book: null, codesWithoutRules: [{ code: 'R121', zones: 1 }, { code: 'Z999', zones: 1 }, { code: 'c211', zones: 1 }] });
		expect(formatImportReport(report)).toMatch(/no rule book is in force[\s\S]*--layer zoning_rules --effective-from/);
	});

	it('imports the sample CSV as a book in force from a Jalali date, and reports the zoning codes it lacks', async () => {
		const report = await rules({ file: path.join(RULES, 'sample-rule-book.csv'), effectiveFrom: '۱۴۰۴/۰۱/۰۱', title: 'ضوابط طرح تفصیلی ۱۴۰۴' });
		expect(report).toMatchObject({ format: 'CSV', read: 13, imported: 13, problems: [], rejectedRows: [] });
		expect(report.book).toMatchObject({ title: 'ضوابط طرح تفصیلی ۱۴۰۴', effective_from: '2025-03-21', in_force_today: true });
		// c211 is C211 however the zoning file wrote it; Z999 has no rules
		expect(report.zoningCodesWithoutRules).toEqual([{ code: 'Z999', zones: 1 }]);
		const stored = await database.db.selectFrom('rule_books').select(['source', 'is_sample']).where('id', '=', report.book!.id).executeTakeFirstOrThrow();
		expect(stored).toEqual({ source: 'imported from sample-rule-book.csv', is_sample: false });
		expect(formatRuleBookReport(report)).toMatch(/zoning codes this book has no rules for[^\n]*: 1\n {2}Z999 \(1\)/);
	});

	it('reports, after a zoning import, the codes the book in force has no rules for', async () => {
		const report = await importLayer(database.db, { file: codeOnlyZoning(['R121', 'Q1', 'Q1']), layer: 'zoning', srid: TEST_SRID, replace: true });
		expect(report.zoningRules?.book).toMatchObject({ title: 'ضوابط طرح تفصیلی ۱۴۰۴', effective_from: '2025-03-21' });
		expect(report.zoningRules?.codesWithoutRules).toEqual([{ code: 'Q1', zones: 2 }]);
		expect(formatImportReport(report)).toMatch(/zone codes without rules[^\n]*: 1\n {2}Q1 \(2\)/);
	});

	it('reads a named XLSX sheet with Persian columns, leaving out a bad row and grouping its problem', async () => {
		const report = await rules({ file: path.join(RULES, 'rule-book.xlsx'), sheet: 'ضوابط', effectiveFrom: '2031-01-01', source: 'مصوبهٔ آزمون' });
		expect(report).toMatchObject({ format: 'XLSX', read: 4, imported: 3, rejectedRows: [4] });
		expect(report.book).toMatchObject({ effective_from: '2031-01-01', in_force_today: false });
		expect(report.mapping).toMatchObject({ zone_code: 'کد پهنه', density_pct: 'تراکم', occupancy_pct: 'سطح اشغال', parking: 'پارکینگ' });
		expect(report.problems).toEqual([expect.objectContaining({ reason: 'not_a_number', rows: [expect.objectContaining({ row: 4, zone_code: 'X9', field: 'density_pct', value: 'زیاد' })] })]);
		const c211 = await database.db.selectFrom('zone_rules').selectAll().where('book_id', '=', report.book!.id).where('zone_code', '=', 'C211').executeTakeFirstOrThrow();
		// «۲۸۰» in Persian digits, 70 typed as a percentage, one space per unit whatever its size
		expect(c211).toMatchObject({ density_pct: 280, occupancy_pct: 70, max_floors: 4, parking: [{ up_to_m2: null, spaces: 1 }], pilotis: 'allowed' });
		const text = formatRuleBookReport(report);
		expect(text).toMatch(/NOT in force today/);
		expect(text).toMatch(/values that are not numbers \/ مقدارهایی که عدد نیستند: 1 \(rows 4; e\.g\. density_pct ← تراکم = "زیاد"/);
	});

	it('refuses a sheet without a zone-code column, a missing sheet and an unreadable date, storing nothing', async () => {
		const before = await bookCount();
		await expect(rules({ file: path.join(RULES, 'rule-book.xlsx') })).rejects.toMatchObject({ code: 'import_no_zone_code_column', messages: { en: expect.stringMatching(/--map zone_code=/) } });
		await expect(rules({ file: path.join(RULES, 'rule-book.xlsx'), sheet: 'Sheet9' })).rejects.toMatchObject({ code: 'import_sheet_missing' });
		await expect(rules({ file: path.join(RULES, 'sample-rule-book.csv'), effectiveFrom: '1404/13/01' })).rejects.toMatchObject({ code: 'import_bad_effective_date' });
		expect(await bookCount()).toBe(before);
	});

	it('refuses a book of which no row survives, with the grouped problems in its report', async () => {
		const file = path.join(tmp, 'all-bad.csv');
		fs.writeFileSync(file, 'PAHNE,TARAKOM\nR1,many\n,120\nR1,x\n');
		const before = await bookCount();
		const refused = rules({ file });
		await expect(refused).rejects.toMatchObject({ code: 'import_nothing_imported', report: { read: 3, imported: 0, book: null } });
		const report = (await refused.catch((e) => e.report)) as Parameters<typeof formatRuleBookReport>[0];
		expect(formatRuleBookReport(report)).toMatch(/values that are not numbers[^\n]*: 2 \(rows 2, 4;/);
		expect(await bookCount()).toBe(before);
	});
});

describe(`import reports (${backend})`, () => {
	it('groups rejected features by reason with a count and the first few feature numbers', async () => {
		const missing = Array.from({ length: 7 }, () => ({ type: 'Feature' as const, properties: { PAHNE: 'R121' }, geometry: null }));
		const report = await importLayer(database.db, { file: codeOnlyZoning(['R121'], missing), layer: 'zoning', srid: TEST_SRID, replace: true });
		expect(report).toMatchObject({ read: 8, imported: 1 });
		const text = formatImportReport(report);
		expect(text).toMatch(/rejected: 7\n/);
		expect(text).toMatch(/\n {2}no geometry: 7 \(features 2, 3, 4, 5, 6, …\)/);
		expect(text).not.toMatch(/feature 7:/);
	});

	it('refuses an import of which nothing survives and leaves a --replace undone', async () => {
		const before = await sql<{ n: number }>`select count(*)::int as n from zoning_zones`.execute(database.db);
		const nothing = [{ type: 'Feature' as const, properties: { PAHNE: 'R121' }, geometry: null }];
		await expect(importLayer(database.db, { file: codeOnlyZoning([], nothing), layer: 'zoning', srid: TEST_SRID, replace: true })).rejects.toMatchObject({
			code: 'import_nothing_imported',
			messages: { en: /all 1 features were rejected/ },
			report: { read: 1, imported: 0, rejected: [{ feature: 1, reason: 'no geometry' }] }
		});
		const after = await sql<{ n: number }>`select count(*)::int as n from zoning_zones`.execute(database.db);
		expect(after.rows[0].n).toBe(before.rows[0].n);
	});
});

describe('gis CLI: rule books and empty imports', () => {
	const capture = () => {
		const out: string[] = [];
		const err: string[] = [];
		return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
	};

	it('imports a rule book (exit 0), refuses one without --effective-from (exit 2), and exits 1 when nothing survives', async () => {
		let env: NodeJS.ProcessEnv;
		if (database.url) {
			env = { DATABASE_URL: database.url, PELAK_SRID: String(TEST_SRID), PELAK_ROOT: ROOT };
		} else {
			// the test's own database is open in this process: the CLI gets its own copy
			const dataDir = path.join(tmp, 'cli-pgdata');
			fs.cpSync(path.join(TEMPLATE_DIR, 'pgdata'), dataDir, { recursive: true });
			env = { PELAK_DATA_DIR: dataDir, PELAK_SRID: String(TEST_SRID), PELAK_ROOT: ROOT };
		}
		const usage = capture();
		expect(await main(['import', path.join(RULES, 'sample-rule-book.csv'), '--layer', 'zoning_rules'], { ...usage.io, env })).toBe(2);
		expect(usage.err.join('\n')).toMatch(/--effective-from/);
		const stray = capture();
		expect(await main(['import', path.join(RULES, 'sample-rule-book.csv'), '--layer', 'zoning', '--effective-from', '2025-03-21'], { ...stray.io, env })).toBe(2);

		const ok = capture();
		const args = ['import', path.join(RULES, 'rule-book.xlsx'), '--layer', 'zoning_rules', '--table', 'ضوابط', '--effective-from', '1404/01/01', '--title', 'ضوابط آزمون'];
		expect(await main(args, { ...ok.io, env })).toBe(0);
		expect(ok.out.join('\n')).toMatch(/rule book: #\d+ «ضوابط آزمون», from 2025-03-21: in force today[\s\S]*imported: 3 zones/);

		const empty = capture();
		const nothing = codeOnlyZoning([], [{ type: 'Feature', properties: { PAHNE: 'R121' }, geometry: null }]);
		expect(await main(['import', nothing, '--layer', 'zoning'], { ...empty.io, env })).toBe(1);
		expect(empty.out.join('\n')).toMatch(/imported: 0[\s\S]*no geometry: 1 \(features 1\)/);
		expect(empty.err.join('\n')).toMatch(/خطا: .*وارد نشد[\s\S]*error: Nothing was imported/);
	}, 150_000); // embedded: three opens of a PGlite copy
});

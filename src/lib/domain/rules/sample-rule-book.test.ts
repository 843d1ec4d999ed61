import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../../../gis/sample-city/zoning-catalog';
import { parseCsv } from './csv';
import { parseRuleBookRows } from './rule-book-rows';
import { SAMPLE_RULE_BOOK } from './sample-rule-book';
import { validateRuleBook } from './validate-rule-book';

describe('the sample rule book', () => {
	it('is valid and marked as sample data', () => {
		expect(validateRuleBook(SAMPLE_RULE_BOOK)).toEqual([]);
		expect(SAMPLE_RULE_BOOK.sample).toBe(true);
		expect(SAMPLE_RULE_BOOK.title_fa).toContain('داده نمونه');
	});
	it('covers every zone code of the sample city with the same limits as its zoning', () => {
		expect(SAMPLE_RULE_BOOK.zones.map((z) => z.zone_code).sort()).toEqual(Object.keys(ZONES).sort());
		for (const z of Object.values(ZONES)) {
			const row = SAMPLE_RULE_BOOK.zones.find((r) => r.zone_code === z.code)!;
			expect([row.land_use, row.density_pct, row.occupancy_pct, row.max_floors, row.max_height_m]).toEqual([
				z.landUse,
				z.densityPct,
				z.occupancyPct,
				z.maxFloors,
				z.maxHeightM
			]);
		}
	});
	it('reads back from its CSV copy unchanged', () => {
		const csv = parseCsv(readFileSync(new URL('../../../../tests/fixtures/rules/sample-rule-book.csv', import.meta.url), 'utf8'));
		const parsed = parseRuleBookRows(csv);
		expect(parsed.problems).toEqual([]);
		expect(parsed.unmapped).toEqual([]);
		expect(parsed.zones).toEqual(SAMPLE_RULE_BOOK.zones);
	});
});

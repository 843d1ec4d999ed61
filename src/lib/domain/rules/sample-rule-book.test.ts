import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
	it('reads back from its CSV copy unchanged', () => {
		const csv = parseCsv(readFileSync(new URL('../../../../tests/fixtures/rules/sample-rule-book.csv', import.meta.url), 'utf8'));
		const parsed = parseRuleBookRows(csv);
		expect(parsed.problems).toEqual([]);
		expect(parsed.unmapped).toEqual([]);
		expect(parsed.zones).toEqual(SAMPLE_RULE_BOOK.zones);
	});
});

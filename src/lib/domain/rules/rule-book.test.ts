import { describe, expect, it } from 'vitest';
import { clauseFor, emptyZoneRules, ruleBookInEffect, rulesForZone, zoneCodeKey, type RuleBook } from './rule-book';

const book = (over: Partial<RuleBook> = {}): RuleBook => ({
	id: 'b1',
	title_fa: 'ضوابط',
	title_en: 'Rules',
	effective_from: '2025-03-21',
	source: 'council resolution 12',
	sample: false,
	clauses: { density: 'بند ۳-۲', parking: 'بند ۵-۱' },
	zones: [{ ...emptyZoneRules('R121'), density_pct: 180, clause: 'فصل ۳', clauses: { parking: 'بند ۵-۴' } }],
	...over
});

describe('rulesForZone', () => {
	it('finds a zone whatever case and digits the code is written in', () => {
		expect(zoneCodeKey(' r۱۲۱ ')).toBe('R121');
		expect(rulesForZone(book(), 'r۱۲۱').zone?.density_pct).toBe(180);
	});
	it('gives no row, rather than a row of zeros, for a code the book lacks', () => {
		const r = rulesForZone(book(), 'X999');
		expect(r.zone).toBeNull();
		expect(r.zone_code).toBe('X999');
		expect(r.book.id).toBe('b1');
	});
	it('gives no row for a parcel outside the plan', () => {
		expect(rulesForZone(book(), null).zone).toBeNull();
	});
	it('carries the version without the zone table', () => {
		expect(rulesForZone(book(), 'R121').book).not.toHaveProperty('zones');
	});
});

describe('clauseFor', () => {
	const rules = rulesForZone(book(), 'R121');
	it("prefers the zone's own clause for the rule", () => {
		expect(clauseFor(rules, 'parking')).toBe('بند ۵-۴');
	});
	it("falls back to the book's clause, then to the zone's general reference", () => {
		expect(clauseFor(rules, 'density')).toBe('بند ۳-۲');
		expect(clauseFor(rules, 'height')).toBe('فصل ۳');
	});
	it('has no clause when neither defines one', () => {
		expect(clauseFor(rulesForZone(book(), 'X1'), 'height')).toBeNull();
	});
});

describe('ruleBookInEffect', () => {
	const books = [book({ id: 'old', effective_from: '2024-03-20' }), book({ id: 'new', effective_from: '2025-03-21' })];
	it('picks the latest book in force on the day', () => {
		expect(ruleBookInEffect(books, '2025-06-01')?.id).toBe('new');
		expect(ruleBookInEffect(books, '2025-03-20')?.id).toBe('old');
	});
	it('applies a book from its effective date on', () => {
		expect(ruleBookInEffect(books, '2025-03-21')?.id).toBe('new');
	});
	it('has no book before the first one', () => {
		expect(ruleBookInEffect(books, '2020-01-01')).toBeNull();
	});
});

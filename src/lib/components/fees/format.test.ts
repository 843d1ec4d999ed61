import { describe, expect, it } from 'vitest';
import { formatBound } from './format';

describe('a value bound into a formula', () => {
	it('carries its unit in the reader’s language, singular for one year', () => {
		expect(formatBound(1, 'years', 'en')).toBe('1 year');
		expect(formatBound(3, 'years', 'en')).toBe('3 years');
		expect(formatBound(1, 'years', 'fa')).toBe('۱ سال');
		expect(formatBound(162.12, 'm2', 'en')).toMatch(/^162\.12 /);
		expect(formatBound(true, null, 'en')).not.toBe('true');
	});
});

import { describe, expect, it } from 'vitest';
import { BENCH_PARTS, benchParts } from './bench-parts';

describe('benchParts (BENCH_ONLY)', () => {
	it('runs every part when unset or blank', () => {
		for (const only of [undefined, '', ' , ']) expect(BENCH_PARTS.every(benchParts(only))).toBe(true);
	});

	it('runs only the parts named', () => {
		const runs = benchParts('search, referrals,excavation-unmapped');
		expect(BENCH_PARTS.filter(runs)).toEqual(['search', 'referrals', 'excavation-unmapped']);
	});

	it('refuses a name that is no part, naming it', () => {
		expect(() => benchParts('search,refferals')).toThrow(/refferals/);
		expect(() => benchParts('search,refferals')).not.toThrow(/: search/);
	});
});

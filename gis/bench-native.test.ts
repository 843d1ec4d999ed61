import { describe, expect, it } from 'vitest';
import { combinedRuns } from './bench-native';

describe('combinedRuns', () => {
	it('counts every request over the rounds’ whole time, not the mean of their rates', () => {
		// 1,000 requests in 1 s, then 1,000 in 4 s: 2,000 in 5 s is 400/s (the mean of the rates would say 625)
		const run = combinedRuns([
			{ n: 1000, perSecond: 1000, p50: 1, p95: 2 },
			{ n: 1000, perSecond: 250, p50: 4, p95: 8 }
		]);
		expect(run.n).toBe(2000);
		expect(run.perSecond).toBeCloseTo(400, 9);
		expect([run.p50, run.p95]).toEqual([2.5, 5]);
	});

	it('gives one run back as it was', () => {
		const one = { n: 300, perSecond: 150, p50: 3, p95: 7 };
		expect(combinedRuns([one])).toEqual(one);
	});
});

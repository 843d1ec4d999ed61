import { describe, expect, it } from 'vitest';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, delayAfterFailures } from './sign-in-throttle';

describe('the wait after sign-in failures', () => {
	it('lets the first few failures through without a wait', () => {
		for (let f = 0; f <= ACCOUNT_THROTTLE.freeFailures; f++) expect(delayAfterFailures(f, ACCOUNT_THROTTLE)).toBe(0);
	});

	it('doubles the wait with each further failure', () => {
		expect([4, 5, 6, 7, 8].map((f) => delayAfterFailures(f, ACCOUNT_THROTTLE))).toEqual([1000, 2000, 4000, 8000, 16000]);
	});

	it('never waits longer than the cap, however many failures', () => {
		expect(delayAfterFailures(10, ACCOUNT_THROTTLE)).toBe(60_000);
		expect(delayAfterFailures(10_000, ACCOUNT_THROTTLE)).toBe(60_000);
	});

	it('keeps an account under 100 wrong guesses an hour (ASVS 2.2.1)', () => {
		let t = 0;
		let guesses = 0;
		while (t < 3600_000) {
			guesses += 1;
			t += delayAfterFailures(guesses, ACCOUNT_THROTTLE);
		}
		expect(guesses).toBeLessThan(100);
	});

	it('gives an address shared by a service counter more free failures than one account', () => {
		expect(delayAfterFailures(ACCOUNT_THROTTLE.freeFailures + 1, ADDRESS_THROTTLE)).toBe(0);
	});
});

import { describe, expect, it } from 'vitest';
import { Rational } from '../formula';
import { percentOf, roundToUnit, toWholeRial } from './money';

describe('roundToUnit', () => {
	it('floors to whole thousands, never charging above the tariff', () => {
		expect(roundToUnit(152_340_999n, { unit_rial: 1000, mode: 'floor' })).toBe(152_340_000n);
		expect(roundToUnit(152_340_000n, { unit_rial: 1000, mode: 'floor' })).toBe(152_340_000n);
		expect(roundToUnit(999n, { unit_rial: 1000, mode: 'floor' })).toBe(0n);
	});

	it('rounds halves up and ceils up, to any multiple of a thousand', () => {
		expect(roundToUnit(152_340_500n, { unit_rial: 1000, mode: 'round' })).toBe(152_341_000n);
		expect(roundToUnit(152_340_499n, { unit_rial: 1000, mode: 'round' })).toBe(152_340_000n);
		expect(roundToUnit(152_340_001n, { unit_rial: 1000, mode: 'ceil' })).toBe(152_341_000n);
		expect(roundToUnit(152_340_000n, { unit_rial: 1000, mode: 'ceil' })).toBe(152_340_000n);
		expect(roundToUnit(15_000n, { unit_rial: 10_000, mode: 'round' })).toBe(20_000n);
	});

	it('keeps amounts beyond 2^53 exact', () => {
		expect(roundToUnit(9_007_199_254_740_993_123n, { unit_rial: 1000, mode: 'floor' })).toBe(9_007_199_254_740_993_000n);
	});

	it('refuses a negative amount', () => {
		expect(() => roundToUnit(-1n, { unit_rial: 1000, mode: 'floor' })).toThrow(RangeError);
	});
});

describe('toWholeRial and percentOf', () => {
	it('take halves up to the next rial', () => {
		expect(toWholeRial(Rational.parse('1234.5')!)).toBe(1235n);
		expect(toWholeRial(Rational.parse('1234.4999')!)).toBe(1234n);
		expect(percentOf(1001n, Rational.of(50n))).toBe(501n); // 500.5
		expect(percentOf(6_000_000_000n, Rational.parse('95')!)).toBe(5_700_000_000n);
		expect(percentOf(100n, Rational.parse('12.5')!)).toBe(13n); // 12.5
	});
});

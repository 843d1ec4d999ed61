import { describe, expect, it } from 'vitest';
import { Rational } from './rational';

const r = (text: string) => Rational.parse(text)!;

describe('Rational', () => {
	it('adds decimals exactly where binary floating point does not', () => {
		expect(0.1 + 0.2).not.toBe(0.3); // the trap this class exists for
		expect(r('0.1').add(r('0.2')).equals(r('0.3'))).toBe(true);
		expect(r('0.1').add(r('0.2')).sub(r('0.3')).isZero()).toBe(true);
		expect(Rational.fromNumber(1.1).mul(Rational.fromNumber(1.1)).equals(r('1.21'))).toBe(true);
	});

	it('keeps fractions in lowest terms with a positive denominator', () => {
		expect(Rational.of(6n, -4n).toString()).toBe('-3/2');
		expect(r('150.50').toString()).toBe('301/2');
		expect(Rational.of(0n, -5n).toString()).toBe('0');
	});

	it('parses signs, fractions and exponents, and refuses other text', () => {
		expect(r('-0.45').toString()).toBe('-9/20');
		expect(r('1.5e3').toString()).toBe('1500');
		expect(r('25e-2').toString()).toBe('1/4');
		for (const bad of ['', '1.', '.5', '1,000', 'abc', '0x10', '1e999', 'Infinity']) expect(Rational.parse(bad)).toBeNull();
	});

	it('reads a JavaScript number as the decimal it prints as, and refuses NaN and Infinity', () => {
		expect(Rational.fromNumber(12_000_000).toString()).toBe('12000000');
		expect(Rational.fromNumber(1e21).toString()).toBe('1000000000000000000000');
		expect(Rational.fromNumber(1e-7).toString()).toBe('1/10000000');
		expect(() => Rational.fromNumber(Number.NaN)).toThrow(RangeError);
		expect(() => Rational.fromNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
	});

	it('divides exactly and refuses a zero divisor', () => {
		expect(r('1').div(r('3')).mul(r('3')).equals(Rational.ONE)).toBe(true);
		expect(() => r('1').div(Rational.ZERO)).toThrow(RangeError);
	});

	it('raises to whole powers, negative ones included', () => {
		expect(r('1.5').pow(2n).toString()).toBe('9/4');
		expect(r('2').pow(-3n).toString()).toBe('1/8');
		expect(r('7').pow(0n).toString()).toBe('1');
	});

	it('floors, ceils and rounds halves away from zero', () => {
		expect(r('2.5').floor().toString()).toBe('2');
		expect(r('-2.5').floor().toString()).toBe('-3');
		expect(r('-2.5').ceil().toString()).toBe('-2');
		expect(r('2.5').round().toString()).toBe('3');
		expect(r('-2.5').round().toString()).toBe('-3');
		expect(r('2.4999999999999999999').round().toString()).toBe('2');
		expect(r('-7').floor().toString()).toBe('-7');
	});

	it('compares, and converts back to a number for display', () => {
		expect(r('0.3').compare(r('0.1').add(r('0.2')))).toBe(0);
		expect(r('-1').compare(r('0.5'))).toBe(-1);
		expect(r('1').compare(r('-0.5'))).toBe(1);
		expect(r('301/2'.replace('/2', '')).toNumber()).toBe(301);
		expect(Rational.of(1n, 3n).toNumber()).toBeCloseTo(1 / 3, 15);
		expect(r('150.5').toNumber()).toBe(150.5);
	});

	it('measures its size in bits', () => {
		expect(r('255').bits()).toBe(8);
		expect(Rational.of(1n, 256n).bits()).toBe(9);
	});
});

import { describe, expect, it } from 'vitest';
import { offsetBand, offsetLine } from './ribbon';
import { ringArea } from './geometry';

describe('offset bands of the sample streets', () => {
	it('makes a straight street’s band a rectangle with square ends', () => {
		expect(offsetBand([[0, 0], [10, 0]], -1, 1)).toEqual([[0, 1], [10, 1], [10, -1], [0, -1], [0, 1]]);
	});

	it('keeps each offset edge at its distance around a bend (mitred corner)', () => {
		const [a, b, c] = offsetLine([[0, 0], [10, 0], [10, 10]], 2);
		expect(a).toEqual([0, 2]);
		expect(b[0]).toBeCloseTo(8, 9);
		expect(b[1]).toBeCloseTo(2, 9);
		expect(c).toEqual([8, 10]);
	});

	it('gives a footway band about its length × width on a gentle curve (the mitre bends it a little)', () => {
		const line: [number, number][] = [[0, 0], [100, 5], [200, 5]];
		const length = Math.hypot(100, 5) + 100;
		expect(ringArea(offsetBand(line, 6, 9)) / (length * 3)).toBeCloseTo(1, 2);
	});
});

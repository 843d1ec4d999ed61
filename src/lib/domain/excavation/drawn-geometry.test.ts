import { describe, expect, it } from 'vitest';
import { hasLength, lineSelfIntersection, polygonSelfIntersection, ringDoubleArea, segmentsIntersect } from './drawn-geometry';

describe('polygonSelfIntersection', () => {
	it('finds the crossing edges of a bow-tie', () => {
		const crossing = polygonSelfIntersection([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]);
		expect(crossing).toMatchObject({ a: { ring: 0, edge: 0 }, b: { ring: 0, edge: 2 } });
	});

	it('accepts simple polygons, where neighbouring edges only share their vertex', () => {
		expect(polygonSelfIntersection([[[0, 0], [1, 0], [0, 1], [0, 0]]])).toBeNull();
		expect(polygonSelfIntersection([[[0, 0], [4, 0], [4, 4], [2, 1], [0, 4], [0, 0]]])).toBeNull();
	});

	it('finds a ring that touches itself at a vertex, and a hole crossing its shell', () => {
		// a figure eight through (1, 1)
		expect(polygonSelfIntersection([[[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]]])).not.toBeNull();
		const shell = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
		const hole = [[1, 1], [5, 1], [5, 2], [1, 2], [1, 1]];
		expect(polygonSelfIntersection([shell, hole])).toMatchObject({ a: { ring: 0 }, b: { ring: 1 } });
	});

	it('treats collinear overlapping edges as intersecting', () => {
		expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true);
		expect(segmentsIntersect([0, 0], [1, 0], [2, 0], [3, 0])).toBe(false);
	});
});

describe('lineSelfIntersection', () => {
	it('finds a trench line that crosses itself, touches itself, or doubles back', () => {
		expect(lineSelfIntersection([[0, 0], [2, 2], [2, 0], [0, 2]])).toMatchObject({ a: { edge: 0 }, b: { edge: 2 } });
		// the fourth point lands on the first segment
		expect(lineSelfIntersection([[0, 0], [4, 0], [4, 2], [2, 0]])).toMatchObject({ a: { edge: 0 }, b: { edge: 2 } });
		// straight out and half the way back
		expect(lineSelfIntersection([[0, 0], [4, 0], [2, 0]])).toMatchObject({ a: { edge: 0 }, b: { edge: 1 } });
	});

	it('accepts simple lines: straight on, turning corners, and a loop closed where it began', () => {
		expect(lineSelfIntersection([[0, 0], [1, 0]])).toBeNull();
		expect(lineSelfIntersection([[0, 0], [2, 0], [4, 0]])).toBeNull();
		expect(lineSelfIntersection([[0, 0], [4, 0], [4, 4], [0, 4]])).toBeNull();
		expect(lineSelfIntersection([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]])).toBeNull();
	});
});

describe('measures of drawn shapes', () => {
	it('gives twice the signed area, zero for a flat ring', () => {
		expect(ringDoubleArea([[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]])).toBe(4);
		expect(ringDoubleArea([[0, 0], [1, 1], [2, 2], [0, 0]])).toBe(0);
	});

	it('tells a line with length from one repeated point', () => {
		expect(hasLength([[1, 1], [1, 1]])).toBe(false);
		expect(hasLength([[1, 1], [1, 1], [1, 2]])).toBe(true);
	});
});

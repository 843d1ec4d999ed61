import { describe, expect, it } from 'vitest';
import { area, length } from '@turf/turf';
import type { LineString } from 'geojson';
import { trenchCorridor } from './corridor';

const line = (coordinates: number[][]): LineString => ({ type: 'LineString', coordinates });

describe('trenchCorridor', () => {
	it('is the line\'s length times the width for a straight trench (flat ends)', () => {
		const l = line([[51.67, 32.65], [51.671, 32.6505]]);
		const corridor = trenchCorridor(l, 0.8)!;
		const metres = length({ type: 'Feature', properties: {}, geometry: l }, { units: 'kilometers' }) * 1000;
		// turf measures on the sphere; the flat local plane agrees to well under a percent at this size
		expect(area(corridor) / (metres * 0.8)).toBeCloseTo(1, 2);
	});

	it('keeps the full width through a right-angle bend (mitred, not cut)', () => {
		const corridor = trenchCorridor(line([[51.67, 32.65], [51.6705, 32.65], [51.6705, 32.6505]]), 2)!;
		const legs = trenchCorridor(line([[51.67, 32.65], [51.6705, 32.65]]), 2)!;
		const up = trenchCorridor(line([[51.6705, 32.65], [51.6705, 32.6505]]), 2)!;
		// the two legs overlap on a 1 × 1 m square and miss the outer 1 × 1 m corner that the mitre fills
		expect(area(corridor)).toBeCloseTo(area(legs) + area(up), 0);
		expect(corridor.coordinates[0]).toHaveLength(7);
	});

	it('is null for a line without length or a width of zero', () => {
		expect(trenchCorridor(line([[51.67, 32.65], [51.67, 32.65]]), 1)).toBeNull();
		expect(trenchCorridor(line([[51.67, 32.65], [51.671, 32.65]]), 0)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { SAMPLE_RULE_BOOK } from '../../src/lib/domain/rules';
import { ZONES } from './zoning-catalog';

describe('the sample city zoning and its rule book', () => {
	it('covers every zone code of the sample city with the same limits as its zoning', () => {
		expect(SAMPLE_RULE_BOOK.zones.map((z) => z.zone_code).sort()).toEqual(Object.keys(ZONES).sort());
		for (const z of Object.values(ZONES)) {
			const row = SAMPLE_RULE_BOOK.zones.find((r) => r.zone_code === z.code)!;
			expect([row.land_use, row.density_pct, row.occupancy_pct, row.max_floors, row.max_height_m]).toEqual([
				z.landUse,
				z.densityPct,
				z.occupancyPct,
				z.maxFloors,
				z.maxHeightM
			]);
		}
	});
});

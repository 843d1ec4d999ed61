import { describe, expect, it } from 'vitest';
import {
	computeCapacity,
	floorsUnderHeight,
	netAreaAfterWidening,
	roundArea,
	STOREY_HEIGHT_M,
	type CapacityInput,
	type ZoneLimits
} from './capacity';

const zone = (limits: Partial<ZoneLimits>): ZoneLimits => ({
	density_pct: null,
	occupancy_pct: null,
	max_floors: null,
	max_height_m: null,
	...limits
});

const parcel = (overrides: Partial<CapacityInput>): CapacityInput => ({
	area_m2: 200,
	setback_area_m2: 0,
	zone: null,
	overlays: [],
	permitted_floor_area_m2: 0,
	...overrides
});

describe('netAreaAfterWidening', () => {
	it('subtracts the setback from the parcel area', () => {
		expect(netAreaAfterWidening(300, 42.5)).toBe(257.5);
	});
	it('never goes below zero when the setback covers the parcel', () => {
		expect(netAreaAfterWidening(100, 100.004)).toBe(0);
	});
	it('ignores a negative setback', () => {
		expect(netAreaAfterWidening(100, -5)).toBe(100);
	});
});

describe('floorsUnderHeight', () => {
	it('counts whole storeys of 3.5 m', () => {
		expect(STOREY_HEIGHT_M).toBe(3.5);
		expect(floorsUnderHeight(12)).toBe(3);
		expect(floorsUnderHeight(14)).toBe(4);
	});
	it('keeps an exact multiple despite binary fractions', () => {
		expect(floorsUnderHeight(10.5)).toBe(3);
	});
	it('gives no floor under one storey', () => {
		expect(floorsUnderHeight(3.4)).toBe(0);
	});
});

describe('roundArea', () => {
	it('rounds to 0.01 m²', () => {
		expect(roundArea(123.4567)).toBe(123.46);
		expect(roundArea(-0.001)).toBe(0);
	});
});

describe('computeCapacity', () => {
	it('has no capacity without zoning', () => {
		expect(computeCapacity(parcel({ zone: null }))).toBeNull();
	});

	it('has no capacity when the zone has no value any rule needs', () => {
		expect(computeCapacity(parcel({ zone: zone({ max_floors: 4, max_height_m: 12 }) }))).toBeNull();
	});

	it('lets density govern when it is strictest', () => {
		const c = computeCapacity(
			parcel({ zone: zone({ density_pct: 120, occupancy_pct: 60, max_floors: 3 }), permitted_floor_area_m2: 100 })
		)!;
		expect(c.governing_rule).toBe('density');
		expect(c.max_floor_area_m2).toBe(240);
		expect(c.permitted_floor_area_m2).toBe(100);
		expect(c.remaining_floor_area_m2).toBe(140);
		expect(c.rules.map((r) => [r.rule, r.floor_area_m2])).toEqual([
			['density', 240],
			['floors', 360]
		]);
		expect(c.rules[0].inputs).toEqual({ net_area_m2: 200, density_pct: 120 });
		expect(c.rules[1].inputs).toEqual({ floors: 3, occupancy_pct: 60, net_area_m2: 200 });
	});

	it('lets max floors govern when it is strictest', () => {
		const c = computeCapacity(parcel({ zone: zone({ density_pct: 300, occupancy_pct: 50, max_floors: 2 }) }))!;
		expect(c.governing_rule).toBe('floors');
		expect(c.max_floor_area_m2).toBe(200); // 2 × 50% × 200
	});

	it('lets the zone height govern, in whole storeys', () => {
		const c = computeCapacity(
			parcel({ zone: zone({ density_pct: 300, occupancy_pct: 50, max_floors: 5, max_height_m: 7.5 }) })
		)!;
		expect(c.governing_rule).toBe('height');
		expect(c.max_floor_area_m2).toBe(200); // floor(7.5 / 3.5) = 2 floors × 50% × 200
		expect(c.rules[0].inputs).toEqual({ max_height_m: 7.5, storey_height_m: 3.5, floors: 2, occupancy_pct: 50, net_area_m2: 200 });
		expect(c.storey_height_m).toBe(3.5);
	});

	it("lets an overlay's height limit govern and names the overlay", () => {
		const c = computeCapacity(
			parcel({
				zone: zone({ density_pct: 240, occupancy_pct: 60, max_floors: 4, max_height_m: 14 }),
				overlays: [{ id: 7, max_height_m: 7, max_floors: null }]
			})
		)!;
		expect(c.governing_rule).toBe('overlay_height');
		expect(c.rules[0]).toMatchObject({ rule: 'overlay_height', overlay_id: 7, floor_area_m2: 240 }); // 2 × 60% × 200
		expect(c.max_floor_area_m2).toBe(240);
		expect(c.rules.map((r) => r.rule)).toEqual(['overlay_height', 'density', 'floors', 'height']);
	});

	it("lets an overlay's max floors govern", () => {
		const c = computeCapacity(
			parcel({
				zone: zone({ density_pct: 240, occupancy_pct: 60, max_floors: 4 }),
				overlays: [{ id: 3, max_height_m: null, max_floors: 1 }]
			})
		)!;
		expect(c.governing_rule).toBe('overlay_floors');
		expect(c.max_floor_area_m2).toBe(120);
		expect(c.rules[0].overlay_id).toBe(3);
	});

	it('applies density to the net area after the widening line', () => {
		const c = computeCapacity(parcel({ area_m2: 250, setback_area_m2: 50, zone: zone({ density_pct: 150 }) }))!;
		expect(c.max_floor_area_m2).toBe(300);
		expect(c.rules[0].inputs.net_area_m2).toBe(200);
	});

	it('skips footprint rules when occupancy is missing', () => {
		const c = computeCapacity(
			parcel({ zone: zone({ density_pct: 180, max_floors: 1, max_height_m: 3.5 }), overlays: [{ id: 1, max_height_m: 3.5, max_floors: 1 }] })
		)!;
		expect(c.rules.map((r) => r.rule)).toEqual(['density']);
		expect(c.max_floor_area_m2).toBe(360);
	});

	it('skips density when the zone has none', () => {
		const c = computeCapacity(parcel({ zone: zone({ occupancy_pct: 60, max_floors: 3 }) }))!;
		expect(c.rules.map((r) => r.rule)).toEqual(['floors']);
		expect(c.governing_rule).toBe('floors');
	});

	it('gives a negative remaining when more was permitted than the plan allows', () => {
		const c = computeCapacity(parcel({ zone: zone({ density_pct: 100 }), permitted_floor_area_m2: 260.5 }))!;
		expect(c.max_floor_area_m2).toBe(200);
		expect(c.remaining_floor_area_m2).toBe(-60.5);
	});

	it('breaks a tie in favour of density', () => {
		const c = computeCapacity(parcel({ zone: zone({ density_pct: 120, occupancy_pct: 60, max_floors: 2 }) }))!;
		expect(c.rules.map((r) => r.floor_area_m2)).toEqual([240, 240]);
		expect(c.governing_rule).toBe('density');
	});

	it('rounds to 0.01 m² only at the end', () => {
		// rounding the net area first would give 100.00 m² × 1000% = 1000.00
		const c = computeCapacity(parcel({ area_m2: 100.004, zone: zone({ density_pct: 1000 }), permitted_floor_area_m2: 0.004 }))!;
		expect(c.max_floor_area_m2).toBe(1000.04);
		expect(c.permitted_floor_area_m2).toBe(0);
		expect(c.remaining_floor_area_m2).toBe(1000.04);
		expect(c.rules[0].inputs.net_area_m2).toBe(100);
	});

	it('allows nothing on a parcel the widening takes entirely', () => {
		const c = computeCapacity(parcel({ area_m2: 80, setback_area_m2: 80, zone: zone({ density_pct: 120 }), permitted_floor_area_m2: 50 }))!;
		expect(c.max_floor_area_m2).toBe(0);
		expect(c.remaining_floor_area_m2).toBe(-50);
	});
});

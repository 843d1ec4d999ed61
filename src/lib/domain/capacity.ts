/**
 * Building capacity of a parcel (ظرفیت ساخت): the floor area the detailed plan allows, which rule
 * governs, and what is left after the floor area already permitted. Pure and client-safe, so the
 * parcel panel can show exactly the arithmetic the server did.
 */
import type { Capacity, CapacityRule, CapacityRuleName } from '../api/parcel';

/**
 * Storey height assumed to turn a height limit (m) into whole floors. Iranian detailed plans and
 * zoning statements convert height limits at about 3.5 m a storey: the National Building
 * Regulations (مقررات ملی ساختمان, Part 4) ask for a clear height of at least 2.6–2.8 m in
 * dwellings, plus slab and services.
 */
export const STOREY_HEIGHT_M = 3.5;

/** The zone's limits that feed capacity; any of them may be missing in the plan's data. */
export interface ZoneLimits {
	density_pct: number | null;
	occupancy_pct: number | null;
	max_floors: number | null;
	max_height_m: number | null;
}

/** An overlay's extra limits, e.g. a heritage buffer's height limit. */
export interface OverlayLimits {
	id: number;
	max_height_m: number | null;
	max_floors: number | null;
}

export interface CapacityInput {
	/** Parcel area, m², measured in the projected CRS. */
	area_m2: number;
	/** Part of the parcel beyond the widening line, m². */
	setback_area_m2: number;
	/** The governing zone; null outside the detailed plan. */
	zone: ZoneLimits | null;
	overlays: OverlayLimits[];
	/** Sum of floor area already permitted on the parcel, m². */
	permitted_floor_area_m2: number;
}

/**
 * Parcel area after the widening line takes its setback; density applies to it.
 * Never negative, even if a rounding sliver makes the setback exceed the parcel.
 *
 * @example netAreaAfterWidening(300, 42.5) // 257.5
 */
export function netAreaAfterWidening(area_m2: number, setback_area_m2: number): number {
	return Math.max(0, area_m2 - Math.max(0, setback_area_m2));
}

/**
 * Whole floors that fit under a height limit at {@link STOREY_HEIGHT_M} a storey.
 * A tiny tolerance keeps 10.5 m = 3 floors despite binary fractions.
 *
 * @example floorsUnderHeight(12) // 3
 */
export function floorsUnderHeight(max_height_m: number, storey_height_m = STOREY_HEIGHT_M): number {
	return Math.max(0, Math.floor(max_height_m / storey_height_m + 1e-9));
}

/** Rounds an area to 0.01 m², the precision shown to owners; used only at the edge. */
export function roundArea(m2: number): number {
	const rounded = Math.round(m2 * 100) / 100;
	return Object.is(rounded, -0) ? 0 : rounded;
}

interface RawRule {
	rule: CapacityRuleName;
	floor_area_m2: number;
	inputs: Record<string, number>;
	overlay_id?: number;
}

/** Rules that stack floors on the occupied footprint: floors × occupancy % × net area. */
function footprintRule(rule: CapacityRuleName, floors: number, occupancy_pct: number, net_area_m2: number, extra: Record<string, number>, overlay_id?: number): RawRule {
	return {
		rule,
		floor_area_m2: floors * (occupancy_pct / 100) * net_area_m2,
		inputs: { ...extra, floors, occupancy_pct, net_area_m2 },
		...(overlay_id === undefined ? {} : { overlay_id })
	};
}

/**
 * Maximum floor area and remaining capacity of a parcel.
 *
 * Rules (each skipped when an input it needs is missing):
 * - density: net area × density %;
 * - floors: the zone's max floors × occupancy % × net area;
 * - height: floors under the zone's max height × occupancy % × net area;
 * - overlay_height / overlay_floors: the same for each overlay's height limit and max floors.
 *
 * The strictest rule governs (ties go to the first in that order). Remaining = maximum − permitted,
 * negative when more was permitted than the plan now allows. Areas are rounded to 0.01 m² only in
 * the result. Returns null when there is no zoning or no rule can be computed.
 *
 * @example
 * computeCapacity({ area_m2: 200, setback_area_m2: 0, overlays: [], permitted_floor_area_m2: 100,
 *   zone: { density_pct: 120, occupancy_pct: 60, max_floors: 3, max_height_m: null } })
 * // → max 240 (density), remaining 140
 */
export function computeCapacity(input: CapacityInput): Capacity | null {
	const { zone } = input;
	if (!zone) return null;
	const net = netAreaAfterWidening(input.area_m2, input.setback_area_m2);
	const occupancy = zone.occupancy_pct;
	const rules: RawRule[] = [];

	if (zone.density_pct !== null) {
		rules.push({
			rule: 'density',
			floor_area_m2: net * (zone.density_pct / 100),
			inputs: { net_area_m2: net, density_pct: zone.density_pct }
		});
	}
	if (occupancy !== null) {
		if (zone.max_floors !== null) {
			rules.push(footprintRule('floors', zone.max_floors, occupancy, net, {}));
		}
		if (zone.max_height_m !== null) {
			rules.push(
				footprintRule('height', floorsUnderHeight(zone.max_height_m), occupancy, net, {
					max_height_m: zone.max_height_m,
					storey_height_m: STOREY_HEIGHT_M
				})
			);
		}
		for (const overlay of input.overlays) {
			if (overlay.max_height_m !== null) {
				rules.push(
					footprintRule(
						'overlay_height',
						floorsUnderHeight(overlay.max_height_m),
						occupancy,
						net,
						{ max_height_m: overlay.max_height_m, storey_height_m: STOREY_HEIGHT_M },
						overlay.id
					)
				);
			}
			if (overlay.max_floors !== null) {
				rules.push(footprintRule('overlay_floors', overlay.max_floors, occupancy, net, {}, overlay.id));
			}
		}
	}
	if (rules.length === 0) return null;

	// Array.prototype.sort is stable, so equal rules keep the order above.
	rules.sort((a, b) => a.floor_area_m2 - b.floor_area_m2);
	const governing = rules[0];
	const permitted = Math.max(0, input.permitted_floor_area_m2);

	return {
		max_floor_area_m2: roundArea(governing.floor_area_m2),
		permitted_floor_area_m2: roundArea(permitted),
		remaining_floor_area_m2: roundArea(governing.floor_area_m2 - permitted),
		governing_rule: governing.rule,
		rules: rules.map((r) => ({
			...r,
			floor_area_m2: roundArea(r.floor_area_m2),
			inputs: roundInputs(r.inputs)
		})) satisfies CapacityRule[],
		storey_height_m: STOREY_HEIGHT_M
	};
}

function roundInputs(inputs: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, k.endsWith('_m2') ? roundArea(v) : v]));
}

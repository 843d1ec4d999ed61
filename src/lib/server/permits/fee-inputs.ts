/**
 * The tariff inputs of a permit's fees, read from the stored proposal and the parcel's check (the
 * net area after the widening line, the zone's base density, the parking shortfall the check
 * measured). Pure: the same proposal always gives the same inputs, frozen with the assessment.
 */
import type { InputValue } from '../../domain/formula';
import type { Proposal, RuleResult } from '../../domain/rules';

const CHARGED_USES = ['residential', 'commercial', 'office', 'industrial'] as const;
/** Floors not charged as floor area: an open pilotis ground floor and parking. */
const NOT_CHARGED = new Set(['pilotis', 'parking']);

export interface CheckSummary {
	rules: Pick<RuleResult, 'rule' | 'limit' | 'proposed'>[];
	facts: { net_area_m2: number };
}

/** The main use: the charged use with the most floor area (residential when none is). */
export function mainUse(proposal: Proposal): (typeof CHARGED_USES)[number] {
	const areas = new Map<string, number>();
	for (const f of proposal.floors) areas.set(f.use, (areas.get(f.use) ?? 0) + f.area_m2);
	let best: (typeof CHARGED_USES)[number] = 'residential';
	let bestArea = 0;
	for (const use of CHARGED_USES) {
		const a = areas.get(use) ?? 0;
		if (a > bestArea) [best, bestArea] = [use, a];
	}
	return best;
}

export function densityClass(densityPct: number): 'low' | 'medium' | 'high' {
	return densityPct <= 120 ? 'low' : densityPct <= 200 ? 'medium' : 'high';
}

export function permitFeeInputs(proposal: Proposal, check: CheckSummary, baseDensityPct: number | null): Record<string, InputValue> {
	const floorArea = proposal.floors.filter((f) => !NOT_CHARGED.has(f.use)).reduce((s, f) => s + f.area_m2, 0);
	const parking = check.rules.find((r) => r.rule === 'parking');
	const missing = parking && parking.limit !== null && parking.proposed !== null ? Math.max(0, Math.ceil(parking.limit - parking.proposed)) : 0;
	const inputs: Record<string, InputValue> = {
		use: mainUse(proposal),
		floor_area: Math.round(floorArea * 100) / 100,
		units: Math.max(1, proposal.units.length),
		net_land_area: Math.round(check.facts.net_area_m2 * 100) / 100,
		missing_parking_spaces: missing
	};
	if (baseDensityPct !== null) {
		inputs.base_density_pct = baseDensityPct;
		inputs.density_class = densityClass(baseDensityPct);
	}
	return inputs;
}

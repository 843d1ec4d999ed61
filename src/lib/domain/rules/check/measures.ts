/**
 * Figures of a proposal the rules compare: the floor area that counts towards density, the
 * storeys above ground, the footprint. How Iranian detailed plans usually count them: a pilotis
 * or parking floor and storage below ground are not density; a pilotis ground floor is not a
 * storey; basements are not storeys.
 */
import type { ParcelFacts } from '../facts';
import type { Proposal, ProposedFloor } from '../proposal';
import type { FloorUse } from '../uses';

const NOT_DENSITY: readonly FloorUse[] = ['pilotis', 'parking'];

function countsForDensity(f: ProposedFloor): boolean {
	return !NOT_DENSITY.includes(f.use) && !(f.level < 0 && f.use === 'storage');
}

/** Total floor area that counts towards density, and the area left out. */
export function densityFloorArea(floors: readonly ProposedFloor[]): { counted_m2: number; exempt_m2: number } {
	let counted_m2 = 0;
	let exempt_m2 = 0;
	for (const f of floors) {
		if (countsForDensity(f)) counted_m2 += f.area_m2;
		else exempt_m2 += f.area_m2;
	}
	return { counted_m2, exempt_m2 };
}

/** True when the ground floor is wholly pilotis or parking: it is then not a storey. */
export function groundIsPilotis(floors: readonly ProposedFloor[]): boolean {
	const ground = floors.filter((f) => f.level === 0);
	return ground.length > 0 && ground.every((f) => NOT_DENSITY.includes(f.use));
}

/** Storeys above ground: distinct levels from 0 up, without a pilotis ground floor. */
export function storeys(floors: readonly ProposedFloor[]): number {
	const levels = new Set(floors.filter((f) => f.level >= 0).map((f) => f.level));
	if (groundIsPilotis(floors)) levels.delete(0);
	return levels.size;
}

/** The footprint's area: measured by the server when drawn, as given otherwise. */
export function footprintArea(proposal: Proposal, facts: ParcelFacts): number {
	if (proposal.footprint.kind === 'area') return proposal.footprint.area_m2;
	if (!facts.footprint) throw new Error('a drawn footprint needs its measures in facts.footprint');
	return facts.footprint.area_m2;
}

/** The largest level at or above ground (all its entries summed), for comparing with the footprint. */
export function largestLevel(floors: readonly ProposedFloor[]): { level: number; area_m2: number } | null {
	const byLevel = new Map<number, number>();
	for (const f of floors) if (f.level >= 0) byLevel.set(f.level, (byLevel.get(f.level) ?? 0) + f.area_m2);
	let best: { level: number; area_m2: number } | null = null;
	for (const [level, area_m2] of byLevel) if (!best || area_m2 > best.area_m2) best = { level, area_m2 };
	return best;
}

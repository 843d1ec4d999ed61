import type { Random } from './prng';

/**
 * Detailed-plan (طرح تفصیلی) zone types of the sample city, coded in the style of Iranian plans
 * (R = residential, C = commercial, M = mixed, G = green, E = educational, A = administrative,
 * I = industrial, T = historic fabric). density/occupancy in %, heights in metres.
 */
export interface ZoneType {
	code: string;
	landUse: string;
	densityPct: number;
	occupancyPct: number;
	maxFloors: number;
	maxHeightM: number;
	/** Share of parcels in the zone that have a building on record. */
	builtShare: number;
	/** Whether the zone's blocks are mostly a few large (institutional) parcels. */
	institutional: boolean;
}

const zone = (code: string, landUse: string, densityPct: number, occupancyPct: number, maxFloors: number, maxHeightM: number, builtShare = 0.7, institutional = false): ZoneType => ({
	code,
	landUse,
	densityPct,
	occupancyPct,
	maxFloors,
	maxHeightM,
	builtShare,
	institutional
});

export const ZONES: Record<string, ZoneType> = {
	T111: zone('T111', 'heritage', 120, 60, 2, 8, 0.8),
	R111: zone('R111', 'residential', 120, 60, 2, 8),
	R121: zone('R121', 'residential', 180, 60, 3, 11),
	R122: zone('R122', 'residential', 240, 60, 4, 14),
	R131: zone('R131', 'residential', 300, 60, 5, 18),
	R141: zone('R141', 'residential', 360, 40, 12, 40, 0.5),
	C211: zone('C211', 'commercial', 280, 70, 4, 16),
	M131: zone('M131', 'mixed', 300, 60, 5, 18),
	G311: zone('G311', 'green', 60, 40, 2, 7, 0.2, true),
	E411: zone('E411', 'educational', 160, 40, 4, 15, 0.8, true),
	A511: zone('A511', 'administrative', 240, 50, 6, 22, 0.8, true),
	I611: zone('I611', 'industrial', 80, 60, 2, 12, 0.6),
	H711: zone('H711', 'healthcare', 200, 50, 5, 20, 0.8, true)
};

/** A collector cell's zone: historic fabric at the core, denser rings outward, industry in the south-east. */
export function zoneForCell(rnd: Random, u: number, v: number, coreDistance: number): ZoneType {
	const special = rnd.next();
	if (coreDistance > 700 && special < 0.05) return ZONES.G311;
	if (coreDistance > 700 && special < 0.09) return ZONES.E411;
	if (coreDistance > 700 && special < 0.11) return ZONES.A511;
	if (coreDistance > 700 && special < 0.12) return ZONES.H711;
	if (coreDistance < 700) return rnd.chance(0.8) ? ZONES.T111 : ZONES.M131;
	if (u > 3500 && v < -2500) return rnd.chance(0.7) ? ZONES.I611 : ZONES.R121;
	if (coreDistance < 2500) return rnd.pick([ZONES.R121, ZONES.R121, ZONES.R122, ZONES.M131, ZONES.R111]);
	if (coreDistance < 5000) return rnd.pick([ZONES.R122, ZONES.R122, ZONES.R131, ZONES.R121, ZONES.M131]);
	return rnd.pick([ZONES.R131, ZONES.R141, ZONES.R122, ZONES.R121]);
}

/**
 * The SAMPLE house the demo and the permit story propose on a parcel, as an applicant's engineer
 * would for a small plot: two residential storeys of `floorM2` each (on pilotis where the zone wants
 * them), a flat a storey (85 m², or 90 % of a smaller storey, so the flats fit in their floors) with
 * a parking space each, and a light well a square metre over the sample rule book's (12 m², or 3 %
 * of the net land area), 3.2 m a level, the pilotis included (9.6 m on pilotis, 6.4 m without: a
 * zone's height limit decides which passes). Where it stands is the caller's: a drawn footprint
 * (`footprint`, GeoJSON) or a footprint in m² (`footprint_m2`).
 */
export const SAMPLE_LEVEL_HEIGHT_M = 3.2;

export function sampleHouse<W extends { footprint: unknown } | { footprint_m2: unknown }>(where: W, floorM2: number, pilotis: boolean, netAreaM2: number) {
	const floors = [...(pilotis ? [{ level: 0, use: 'pilotis', area_m2: floorM2 }] : []), ...[1, 2].map((level) => ({ level, use: 'residential', area_m2: floorM2 }))];
	return {
		floors,
		...where,
		height_m: Math.round(floors.length * SAMPLE_LEVEL_HEIGHT_M * 10) / 10,
		units: [1, 2].map(() => ({ area_m2: Math.min(85, Math.floor(floorM2 * 0.9)) })),
		parking_spaces: 2,
		pilotis,
		light_well_m2: Math.ceil(Math.max(12, 0.03 * netAreaM2)) + 1
	};
}

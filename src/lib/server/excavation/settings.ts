import { SAMPLE_TARIFF_BOOK, type TariffBook } from '../../domain/fees';
import type { SurfaceType } from '../../domain/excavation/works';

/** How the excavation check is tuned; read from the environment once, overridable per call (tests). */
export interface ExcavationSettings {
	/** Works within this many metres of the dig, at the same time, are reported as clashes. */
	clashDistanceM: number;
	/** The tariff book the fee is assessed under. */
	tariffBook: TariffBook;
	/** Ground off the surface layer is charged as the dearest surface within this many metres of it. */
	unmappedNearM: number;
	/** …and, with no surface that near, as this ground (the city's common street surface). */
	unmappedDefault: { surface: SurfaceType; road_class: string };
}

/** A surface layer drawn short of the kerb or missing a junction is off by less than a main road's half-width. */
export const DEFAULT_UNMAPPED_NEAR_M = 20;
export const DEFAULT_UNMAPPED_GROUND = { surface: 'asphalt', road_class: 'local' } as const;

/** Austin's ROW team looks a little beyond the work zone to catch adjacent intersections; 25 m is a street crossing. */
export const DEFAULT_CLASH_DISTANCE_M = 25;

export function excavationSettings(env: NodeJS.ProcessEnv = process.env): ExcavationSettings {
	const raw = env.PELAK_EXCAVATION_CLASH_M;
	const distance = raw === undefined || raw === '' ? DEFAULT_CLASH_DISTANCE_M : Number(raw);
	if (!(Number.isFinite(distance) && distance >= 0 && distance <= 1000)) {
		throw new Error(`PELAK_EXCAVATION_CLASH_M must be a distance in metres from 0 to 1000, got "${raw}"`);
	}
	// The council's published book is not stored yet: the sample book («نمونه — sample») stands in, and says so in every fee.
	return { clashDistanceM: distance, tariffBook: SAMPLE_TARIFF_BOOK, unmappedNearM: DEFAULT_UNMAPPED_NEAR_M, unmappedDefault: { ...DEFAULT_UNMAPPED_GROUND } };
}

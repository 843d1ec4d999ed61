/**
 * The tariff inputs of a case that brings no proposed building (a renewal, an amendment, a
 * completion certificate, an inquiry, a transfer): the parcel's mapped land area and the use its
 * zone gives it, which picks the zone value P the assessment reads. Pure, like permitFeeInputs.
 */
import type { InputValue } from '../../domain/formula';
import { landUseKey, type LandUse } from '../../i18n/land-use';

type ChargedUse = 'residential' | 'commercial' | 'office' | 'industrial';

/** Zone values are kept per charged use; a zone's land use (read as the map reads it: key, synonym or Persian word) maps to one. */
const CHARGED_USE: Partial<Record<LandUse, ChargedUse>> = {
	commercial: 'commercial',
	administrative: 'office',
	industrial: 'industrial',
	workshop: 'industrial'
};

export interface ParcelFeeFacts {
	/** Area in the storage CRS (projected, metres). */
	area_m2: number;
	/** Land use of the zone covering most of the parcel; null outside the plan's zoning. */
	land_use: string | null;
}

/** The charged use of a zone's land use: residential unless the zone is commercial, office or industrial (mixed counts as residential). */
export function chargedUseOf(landUse: string | null): ChargedUse {
	const key = landUseKey(landUse);
	return (key && CHARGED_USE[key]) || 'residential';
}

export function parcelFeeInputs(parcel: ParcelFeeFacts): Record<string, InputValue> {
	return { use: chargedUseOf(parcel.land_use), land_area: Math.round(parcel.area_m2 * 100) / 100 };
}

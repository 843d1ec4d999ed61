/**
 * The tariff inputs of a case that brings no proposed building (a renewal, an amendment, a
 * completion certificate, an inquiry, a transfer): the parcel's mapped land area and the use its
 * zone gives it, which picks the zone value P the assessment reads. Pure, like permitFeeInputs.
 */
import type { InputValue } from '../../domain/formula';

/** Zone values are kept per charged use; a zone's land use (English key or Persian word) maps to one. */
const USE_OF_LAND: Record<string, 'residential' | 'commercial' | 'office' | 'industrial'> = {
	commercial: 'commercial',
	تجاری: 'commercial',
	administrative: 'office',
	office: 'office',
	اداری: 'office',
	industrial: 'industrial',
	workshop: 'industrial',
	صنعتی: 'industrial',
	کارگاهی: 'industrial'
};

export interface ParcelFeeFacts {
	/** Area in the storage CRS (projected, metres). */
	area_m2: number;
	/** Land use of the zone covering most of the parcel; null outside the plan's zoning. */
	land_use: string | null;
}

/** The charged use of a zone's land use: residential unless the zone is commercial, office or industrial (mixed counts as residential). */
export function chargedUseOf(landUse: string | null): 'residential' | 'commercial' | 'office' | 'industrial' {
	return (landUse && USE_OF_LAND[landUse.trim().toLowerCase()]) || 'residential';
}

export function parcelFeeInputs(parcel: ParcelFeeFacts): Record<string, InputValue> {
	return { use: chargedUseOf(parcel.land_use), land_area: Math.round(parcel.area_m2 * 100) / 100 };
}

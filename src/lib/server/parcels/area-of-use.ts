/**
 * Where the storage CRS may be used. A UTM zone is only accurate within its 6° band; a point far
 * outside it is not in the city, and transforming it would give a meaningless position.
 */
export interface AreaOfUse {
	west: number;
	south: number;
	east: number;
	north: number;
	/** e.g. 'EPSG:32639 (UTM 39N)' */
	name: string;
}

/**
 * The area of use of a WGS 84 / UTM CRS (EPSG:326zz north, 327zz south), as EPSG defines it;
 * null for other CRSs, whose extent we do not know and so do not check.
 *
 * @example utmAreaOfUse(32639) // { west: 48, east: 54, south: 0, north: 84, ... }
 */
export function utmAreaOfUse(srid: number): AreaOfUse | null {
	const north = srid >= 32601 && srid <= 32660;
	const south = srid >= 32701 && srid <= 32760;
	if (!north && !south) return null;
	const zone = srid % 100;
	const west = -180 + (zone - 1) * 6;
	return {
		west,
		east: west + 6,
		south: north ? 0 : -80,
		north: north ? 84 : 0,
		name: `EPSG:${srid} (UTM ${zone}${north ? 'N' : 'S'})`
	};
}

export function contains(area: AreaOfUse, lon: number, lat: number): boolean {
	return lon >= area.west && lon <= area.east && lat >= area.south && lat <= area.north;
}

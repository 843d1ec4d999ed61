/**
 * A footprint drawn on the map: GeoJSON Polygon or MultiPolygon in WGS84 (RFC 7946), bare or in
 * a Feature. Only its shape is checked here; the server projects it into the storage CRS and
 * measures it against the parcel, the widening line and the north side.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Issues } from './proposal-issues';

/** Vertices a drawn footprint may have; a building outline needs far fewer. */
export const FOOTPRINT_MAX_VERTICES = 5000;

function isPosition(p: unknown): p is Position {
	return Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((c) => typeof c === 'number' && Number.isFinite(c)) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90;
}

function checkRing(issues: Issues, path: string, ring: unknown): number {
	if (!Array.isArray(ring) || ring.length < 4) {
		issues.add(path, 'bad_geometry', 'باید حلقه‌ای از دست‌کم چهار نقطه باشد.', 'must be a ring of at least four positions.');
		return 0;
	}
	const bad = ring.findIndex((p) => !isPosition(p));
	if (bad >= 0) {
		issues.add(`${path}[${bad}]`, 'bad_geometry', 'باید [طول، عرض] جغرافیایی به درجه (WGS84) باشد.', 'must be a [longitude, latitude] in WGS84 degrees.');
		return 0;
	}
	const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position];
	if (first[0] !== last[0] || first[1] !== last[1]) {
		issues.add(path, 'bad_geometry', 'بسته نیست: نقطهٔ آخر باید همان نقطهٔ اول باشد.', 'is not closed: its last position must repeat the first.');
	}
	return ring.length;
}

function checkPolygon(issues: Issues, path: string, rings: unknown): number {
	if (!Array.isArray(rings) || rings.length === 0) {
		issues.add(path, 'bad_geometry', 'باید فهرستی از حلقه‌ها باشد.', 'must be a list of rings.');
		return 0;
	}
	return rings.reduce((n: number, ring, i) => n + checkRing(issues, `${path}[${i}]`, ring), 0);
}

/**
 * The footprint's geometry, or null after reporting what is wrong with it under `path`.
 *
 * @example readFootprintGeometry(issues, 'footprint', { type: 'Feature', geometry: { type: 'Polygon', coordinates: [...] } })
 */
export function readFootprintGeometry(issues: Issues, path: string, raw: Record<string, unknown>): Polygon | MultiPolygon | null {
	const before = issues.list.length;
	const feature = raw.type === 'Feature';
	const geometry = (feature ? raw.geometry : raw) as Record<string, unknown> | null;
	const at = feature ? `${path}.geometry` : path;
	if (typeof geometry !== 'object' || geometry === null || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
		issues.add(at, 'bad_geometry', 'باید هندسهٔ GeoJSON از نوع Polygon یا MultiPolygon باشد.', 'must be a GeoJSON Polygon or MultiPolygon.');
		return null;
	}
	const coords = geometry.coordinates;
	let vertices = 0;
	if (geometry.type === 'Polygon') vertices = checkPolygon(issues, `${at}.coordinates`, coords);
	else if (!Array.isArray(coords) || coords.length === 0) {
		issues.add(`${at}.coordinates`, 'bad_geometry', 'باید فهرستی از چندضلعی‌ها باشد.', 'must be a list of polygons.');
	} else {
		vertices = coords.reduce((n: number, polygon, i) => n + checkPolygon(issues, `${at}.coordinates[${i}]`, polygon), 0);
	}
	if (vertices > FOOTPRINT_MAX_VERTICES) {
		issues.add(at, 'too_large', `بیش از ${FOOTPRINT_MAX_VERTICES} نقطه دارد.`, `has more than ${FOOTPRINT_MAX_VERTICES} positions.`);
	}
	if (issues.list.length > before) return null;
	return { type: geometry.type, coordinates: coords } as Polygon | MultiPolygon;
}

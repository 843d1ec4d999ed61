import { sql, type Kysely } from 'kysely';
import type { Geometry, Position } from 'geojson';
import type { DB } from '../../src/lib/server/db/schema';
import { transformer, WGS84, type ResolvedCrs } from './crs';
import { toPersianDigits } from '../../src/lib/domain/text';
import { ImportError } from './import-error';
import type { SourceData } from './readers';
import type { StagedFeature } from './staging';

/**
 * Checks on the geometry of a file before anything is written: coordinates nested as their type
 * says, coordinates that fit the CRS they are read in, and data that lands near the city already
 * loaded (a wrong CRS puts it in the ocean). Plus the reprojection into the storage CRS.
 */

/** Where the CRS the coordinates are read in came from. */
export type CrsFrom = 'file' | '--srs' | 'assumed WGS84';

const MIN_POSITIONS: Record<string, number> = { LineString: 2, Polygon: 4 };

/** Coordinates nested the way the geometry type says, with enough points; else why not. */
export function malformedGeometry(geometry: Geometry): string | null {
	const isPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
	const isLine = (l: unknown, min: number) => Array.isArray(l) && l.length >= min && l.every(isPosition);
	const isPolygon = (p: unknown) => Array.isArray(p) && p.every((ring) => isLine(ring, MIN_POSITIONS.Polygon));
	const c = (geometry as { coordinates?: unknown }).coordinates;
	const each = (test: (x: unknown) => boolean) => Array.isArray(c) && c.every(test);
	let ok: boolean;
	switch (geometry.type) {
		case 'Point':
			ok = isPosition(c) || (Array.isArray(c) && c.length === 0);
			break;
		case 'MultiPoint':
			ok = each(isPosition);
			break;
		case 'LineString':
			ok = isLine(c, 2) || (Array.isArray(c) && c.length === 0);
			break;
		case 'MultiLineString':
			ok = each((l) => isLine(l, 2));
			break;
		case 'Polygon':
			ok = isPolygon(c);
			break;
		case 'MultiPolygon':
			ok = each(isPolygon);
			break;
		case 'GeometryCollection': {
			const parts = (geometry as { geometries?: unknown }).geometries;
			if (!Array.isArray(parts)) return 'a GeometryCollection without geometries';
			for (const g of parts) {
				const problem = g && typeof g === 'object' ? malformedGeometry(g as Geometry) : 'not a geometry';
				if (problem) return problem;
			}
			return null;
		}
		default:
			return `unknown geometry type "${String((geometry as { type?: unknown }).type)}"`;
	}
	return ok ? null : `${geometry.type} coordinates are not nested as the type requires, or have too few points`;
}


/**
 * Polygon rings whose last position is not their first (RFC 7946 and the shapefile spec require it;
 * hand-edited files and some exporters leave it out), closed here rather than left to the database's
 * parser. Returns the geometry and how many rings were closed.
 */
export function closeRings(geometry: Geometry): { geometry: Geometry; rings: number } {
	let rings = 0;
	const close = (ring: unknown) => {
		if (!Array.isArray(ring) || ring.length < 3 || !ring.every((p) => Array.isArray(p) && typeof p[0] === 'number')) return ring;
		const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
		if (first[0] === last[0] && first[1] === last[1]) return ring;
		rings++;
		return [...ring, first];
	};
	const polygon = (p: unknown) => (Array.isArray(p) ? p.map(close) : p);
	const c = (geometry as { coordinates?: unknown }).coordinates;
	if (geometry.type === 'Polygon' && Array.isArray(c)) return { geometry: { ...geometry, coordinates: polygon(c) as Position[][] }, rings };
	if (geometry.type === 'MultiPolygon' && Array.isArray(c)) return { geometry: { ...geometry, coordinates: c.map(polygon) as Position[][][] }, rings };
	return { geometry, rings };
}

export function* positions(geometry: Geometry): Generator<Position> {
	if (geometry.type === 'GeometryCollection') {
		for (const g of geometry.geometries) yield* positions(g);
		return;
	}
	const walk = function* (c: unknown): Generator<Position> {
		if (Array.isArray(c) && typeof c[0] === 'number') yield c as Position;
		else if (Array.isArray(c)) for (const x of c) yield* walk(x);
	};
	yield* walk(geometry.coordinates);
}

/**
 * Guards against a wrong CRS before anything is written: degrees read as metres, or metres read
 * as degrees, land the city in the ocean; better to stop and ask for --srs.
 */
export function checkCoordinatesFit(source: SourceData, crs: ResolvedCrs, from: CrsFrom) {
	let allDegrees = true;
	let any = false;
	let example: Position | null = null;
	for (const f of source.features) {
		if (!f.geometry) continue;
		for (const [x, y] of positions(f.geometry)) {
			any = true;
			if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
				allDegrees = false;
				example = [x, y];
				break;
			}
		}
		if (!allDegrees) break;
	}
	if (!any) return;
	if (crs.geographic && !allDegrees) {
		const shp = source.format === 'Shapefile';
		const fa =
			from === 'assumed WGS84'
				? `${shp ? 'فایل ‎.prj کنار shapefile نیست، پس' : 'فایل'} سامانهٔ مختصات ندارد و مختصاتش (${example!.join(', ')}) طول و عرض جغرافیایی نیست. سامانهٔ مختصات را با ‎--srs بدهید (مثلاً ‎--srs EPSG:32639 برای UTM زون ۳۹ شمالی یا ‎--srs EPSG:32640 برای زون ۴۰)${shp ? ' یا فایل ‎.prj را کنارش بگذارید' : ''}.`
				: `مختصات (${example!.join(', ')}) با سامانهٔ ${crs.label} جور نیست. سامانهٔ درست را با ‎--srs بدهید.`;
		const en =
			from === 'assumed WGS84'
				? `${shp ? 'The shapefile has no .prj, so it names no CRS,' : 'The file names no CRS'} and its coordinates (${example!.join(', ')}) are not longitude/latitude. Pass the CRS with --srs (e.g. --srs EPSG:32639 for UTM zone 39N, --srs EPSG:32640 for zone 40N)${shp ? ' or put the .prj beside it' : ''}.`
				: `Coordinates (${example!.join(', ')}) do not fit ${crs.label}. Pass the right CRS with --srs.`;
		throw new ImportError('import_crs_mismatch', { fa, en });
	}
	if (!crs.geographic && allDegrees) {
		throw new ImportError('import_crs_mismatch', {
			fa: `مختصات فایل به طول و عرض جغرافیایی می‌ماند اما سامانهٔ ${crs.label} تصویری است. اگر داده WGS84 است ‎--srs EPSG:4326 بدهید.`,
			en: `The coordinates look like longitude/latitude but the CRS ${crs.label} is projected. If the data is WGS84 pass --srs EPSG:4326.`
		});
	}
}


export function reproject(geometry: Geometry, transform: (xy: number[]) => [number, number]): Geometry | null {
	let ok = true;
	const walk = (c: unknown): unknown => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const out = transform(c as number[]);
			if (!Number.isFinite(out[0]) || !Number.isFinite(out[1])) ok = false;
			return out;
		}
		return Array.isArray(c) ? c.map(walk) : c;
	};
	let result: Geometry;
	try {
		result =
			geometry.type === 'GeometryCollection'
				? { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => reproject(g, transform)).filter((g): g is Geometry => g !== null) }
				: ({ type: geometry.type, coordinates: walk(geometry.coordinates) } as Geometry);
	} catch {
		return null;
	}
	return ok ? result : null;
}

/** The extent of the city's existing area layers, to catch data that a wrong CRS put elsewhere. */
export async function checkNearCity(db: Kysely<DB>, staged: StagedFeature[], maxKm: number, crs: ResolvedCrs) {
	if (staged.length === 0 || !Number.isFinite(maxKm)) return;
	const { rows } = await sql<{ xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null }>`
		with e as (
			select ST_Extent(geom) as box from (
				select geom from districts union all select geom from zoning_zones union all select geom from blocks
			) layers
		)
		select ST_XMin(box) as xmin, ST_YMin(box) as ymin, ST_XMax(box) as xmax, ST_YMax(box) as ymax from e`.execute(db);
	const city = rows[0];
	if (!city || city.xmin === null) return;
	const [xmin, ymin, xmax, ymax] = extentOf(staged);
	const dx = Math.max(0, city.xmin - xmax, xmin - city.xmax!);
	const dy = Math.max(0, city.ymin! - ymax, ymin - city.ymax!);
	const km = Math.hypot(dx, dy) / 1000;
	if (km > maxKm) {
		throw new ImportError('import_far_from_city', {
			fa: `داده پس از تبدیل از ${crs.label} حدود ${Math.round(km)} کیلومتر دورتر از لایه‌های شهر می‌افتد؛ احتمالاً سامانهٔ مختصات درست نیست. آن را با ‎--srs بدهید.`,
			en: `Read as ${crs.label}, the data lands about ${Math.round(km)} km from the city's layers: the CRS is probably wrong. Pass the right one with --srs.`
		});
	}
}

/** The staged features' bounding box in their own coordinates: [xmin, ymin, xmax, ymax] (infinite when empty). */
function extentOf(staged: StagedFeature[]): [number, number, number, number] {
	let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of staged) {
		for (const [x, y] of positions(f.geometry)) {
			xmin = Math.min(xmin, x);
			ymin = Math.min(ymin, y);
			xmax = Math.max(xmax, x);
			ymax = Math.max(ymax, y);
		}
	}
	return [xmin, ymin, xmax, ymax];
}

/** Degrees of longitude from its central meridian within which a city fits a transverse Mercator zone (a zone is ±3°). */
export const ZONE_MARGIN_DEG = 4.5;

/**
 * Data the database's own projection cannot hold: stored in UTM zone 39N, data that lands 5° or more
 * from 51°E was almost surely read in the wrong zone (a zone 40 file declared as 39, or the reverse)
 * or the deployment's PELAK_SRID is not the city's zone. Works on the first import into an empty
 * database too, when there is no city yet to compare with.
 */
export function checkInStorageZone(staged: StagedFeature[], storage: ResolvedCrs, crs: ResolvedCrs) {
	const zone = /\+proj=utm\b.*?\+zone=(\d+)/.exec(storage.definition);
	const lon0 = zone ? Number(zone[1]) * 6 - 183 : Number(/\+proj=tmerc\b.*?\+lon_0=(-?[\d.]+)/.exec(storage.definition)?.[1] ?? NaN);
	if (!Number.isFinite(lon0) || staged.length === 0) return;
	const [xmin, ymin, xmax, ymax] = extentOf(staged);
	if (!Number.isFinite(xmin)) return;
	const toLonLat = transformer(storage, WGS84);
	const lons = [toLonLat([xmin, ymin])[0], toLonLat([xmax, ymax])[0], toLonLat([xmin, ymax])[0], toLonLat([xmax, ymin])[0]];
	const worst = lons.reduce((w, lon) => (Math.abs(lon - lon0) > Math.abs(w - lon0) ? lon : w), lon0);
	if (Number.isFinite(worst) && Math.abs(worst - lon0) <= ZONE_MARGIN_DEG) return;
	const where = Number.isFinite(worst) ? worst.toFixed(1) : '?';
	// [latitude, longitude] instead of [longitude, latitude] (a spreadsheet's column order): swapped, it fits
	const lats = [toLonLat([xmin, ymin])[1], toLonLat([xmax, ymax])[1]];
	if (crs.geographic && lats.every((lat) => Math.abs(lat - lon0) <= ZONE_MARGIN_DEG)) {
		throw new ImportError('import_axis_swapped', {
			fa: `به نظر می‌رسد جای طول و عرض جغرافیایی در فایل عوض شده است: مختصات به صورت [عرض، طول] است (مثلاً ${faNumber(lats[0].toFixed(4))} در جای عرض آمده) در حالی که ${crs.label} [طول، عرض] می‌خواهد. فایل را با ترتیب [طول، عرض] دوباره بسازید.`,
			en: `Longitude and latitude look swapped: the coordinates read as [latitude, longitude] (e.g. ${lats[0].toFixed(4)} stands where the latitude belongs), but ${crs.label} expects [longitude, latitude]. Write the file again with longitude first.`
		});
	}
	throw new ImportError('import_outside_storage_zone', {
		fa: `داده پس از تبدیل از ${crs.label} در طول جغرافیایی ${faNumber(where)}° می‌افتد، دور از نصف‌النهار ${toPersianDigits(String(lon0))}° که پایگاه داده در آن ذخیره می‌کند (${storage.label}). احتمالاً سامانهٔ مختصات فایل درست نیست (مثلاً زون ۳۹ به جای ۴۰ در UTM)؛ آن را با ‎--srs بدهید. اگر شهر در زون دیگری است، PELAK_SRID را درست کنید.`,
		en: `Read as ${crs.label}, the data lands at longitude ${where}°, far from the ${lon0}° meridian of the database's storage CRS (${storage.label}). The file's CRS is probably wrong (e.g. UTM zone 39 for 40): pass the right one with --srs. If the city lies in another zone, set PELAK_SRID.`
	});
}

/** 45.7 → ۴۵٫۷ */
const faNumber = (text: string) => toPersianDigits(text).replace('.', '٫');

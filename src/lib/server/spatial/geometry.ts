import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import { WGS84 } from './srid';

/**
 * Typed SQL for the CRS conversions every repository needs: functions taking expressions or
 * values and returning `sql<T>`, always parameterised (Kysely's "reusable helpers" recipe).
 * The spatial predicates themselves (ST_Intersects, ST_Area, ...) stay plain SQL in the queries,
 * so a hot query still reads top to bottom in its repository.
 */

/**
 * A geometry as Kysely sees it (hex EWKB text), in the storage CRS. Untagged geometry columns
 * count as storage geometry; only WGS84 geometry carries a mark, so it cannot be measured or
 * stored by mistake, and storage geometry cannot be sent out as GeoJSON.
 */
export type StorageGeometry = string & { readonly __crs?: 'storage' };
/** A geometry in WGS84 longitude/latitude: what the API and the browser get. */
export type Wgs84Geometry = string & { readonly __crs: 'wgs84' };

export interface LonLat {
	lon: number;
	lat: number;
}

/**
 * Overlap, m², below which a zone, overlay, corridor or building only touches a parcel: shared edges and
 * digitising slivers must not add a rule or a setback. One threshold for the parcel panel, the rule check, the
 * recorded setbacks and a street plan's impact, so that all of them tell the same story.
 */
export const MIN_OVERLAP_M2 = 0.01;

/** GeoJSON coordinates to 7 decimals: about 1 cm, finer than any survey behind the data. */
export const GEOJSON_DIGITS = 7;

/** A column or alias holding storage-CRS geometry, for raw SQL: `storageGeom('p.geom')`. */
export function storageGeom(ref: string): RawBuilder<StorageGeometry> {
	return sql.ref<StorageGeometry>(ref);
}

/** A column or alias holding WGS84 geometry (made by {@link toWgs84} earlier in the query). */
export function wgs84Geom(ref: string): RawBuilder<Wgs84Geometry> {
	return sql.ref<Wgs84Geometry>(ref);
}

/**
 * A WGS84 longitude/latitude as a point in the storage CRS, e.g. to find the parcel under a map
 * click with the GiST index on the stored geometry, or to store where a site visit took place.
 *
 * @example lonLatToStorage({ lon: 51.6776, lat: 32.6546 }, 32639) // POINT(563544.68 3613199.68) in UTM 39N
 */
export function lonLatToStorage({ lon, lat }: LonLat, srid: number): RawBuilder<StorageGeometry> {
	return sql<StorageGeometry>`ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), ${WGS84}::int), ${srid}::int)`;
}

export function toWgs84(geom: Expression<StorageGeometry>): RawBuilder<Wgs84Geometry> {
	return sql<Wgs84Geometry>`ST_Transform(${geom}, ${WGS84}::int)`;
}

/** A point surely inside the geometry (unlike its centroid), in WGS84: where to label or fly to. */
export function pointOnSurfaceWgs84(geom: Expression<StorageGeometry>): RawBuilder<Wgs84Geometry> {
	return toWgs84(sql<StorageGeometry>`ST_PointOnSurface(${geom})`);
}

/** WGS84 geometry as GeoJSON (a `json` value, parsed by the driver). */
export function asGeoJson<T extends GeoJsonGeometry>(geom: Expression<Wgs84Geometry>): RawBuilder<T> {
	return sql<T>`ST_AsGeoJSON(${geom}, ${GEOJSON_DIGITS}::int)::json`;
}

/** Select-list columns `<prefix>_lon, <prefix>_lat` of a WGS84 point. */
export function lonLatColumns(point: Expression<Wgs84Geometry>, prefix: string): RawBuilder<unknown> {
	return sql`ST_X(${point}) as ${sql.id(`${prefix}_lon`)}, ST_Y(${point}) as ${sql.id(`${prefix}_lat`)}`;
}

/** Select-list columns `west, south, east, north`: the WGS84 bounding box of a geometry. */
export function bboxColumns(geom: Expression<Wgs84Geometry>): RawBuilder<unknown> {
	return sql`ST_XMin(${geom}) as west, ST_YMin(${geom}) as south, ST_XMax(${geom}) as east, ST_YMax(${geom}) as north`;
}

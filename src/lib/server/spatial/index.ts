export { storageSrid, WGS84 } from './srid';
export {
	asGeoJson,
	bboxColumns,
	GEOJSON_DIGITS,
	lonLatColumns,
	lonLatToStorage,
	MIN_OVERLAP_M2,
	pointOnSurfaceWgs84,
	storageGeom,
	toWgs84,
	wgs84Geom,
	type LonLat,
	type StorageGeometry,
	type Wgs84Geometry
} from './geometry';

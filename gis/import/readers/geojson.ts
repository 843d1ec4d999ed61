import type { Geometry } from 'geojson';
import { parseCrsName, type CrsRef } from '../crs';
import { ImportError, reasonOf } from '../import-error';
import { fieldsOf, type SourceData, type SourceFeature } from './source';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * GeoJSON: a FeatureCollection, a Feature or a bare geometry. RFC 7946 files are WGS84; older
 * files may name their CRS in a `crs` member (GeoJSON 2008), which is honoured.
 */
export function readGeoJson(text: string): SourceData {
	let doc: { type?: string; features?: unknown[]; crs?: unknown } & Record<string, unknown>;
	try {
		doc = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (err) {
		throw new ImportError('import_malformed_geojson', {
			fa: `فایل GeoJSON خراب است و خوانده نشد (${reasonOf(err)}).`,
			en: `The GeoJSON file is malformed and cannot be read (${reasonOf(err)}).`
		});
	}
	let features: SourceFeature[];
	if (doc?.type === 'FeatureCollection' && Array.isArray(doc.features)) {
		features = doc.features.map(toFeature);
	} else if (doc?.type === 'Feature') {
		features = [toFeature(doc)];
	} else if (typeof doc?.type === 'string' && GEOMETRY_TYPES.has(doc.type)) {
		features = [{ geometry: doc as unknown as Geometry, properties: {} }];
	} else {
		throw new ImportError('import_not_geojson', {
			fa: 'این فایل GeoJSON نیست: نه FeatureCollection است، نه Feature و نه هندسه.',
			en: 'This is not GeoJSON: neither a FeatureCollection, a Feature nor a geometry.'
		});
	}
	let crs: CrsRef | null = null;
	let crsError: ImportError | undefined;
	try {
		crs = legacyCrs(doc.crs);
	} catch (err) {
		crsError = err as ImportError;
	}
	return { format: 'GeoJSON', features, fields: fieldsOf(features), crs, crsError, notes: [] };
}

function toFeature(f: unknown): SourceFeature {
	const feature = (f ?? {}) as { geometry?: Geometry | null; properties?: Record<string, unknown> | null };
	return { geometry: feature.geometry ?? null, properties: feature.properties ?? {} };
}

/** `{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32639"}}` or `{"type":"EPSG","properties":{"code":32639}}`. */
function legacyCrs(crs: unknown): CrsRef | null {
	if (!crs || typeof crs !== 'object') return null;
	const { type, properties } = crs as { type?: string; properties?: { name?: string; code?: number | string } };
	const name = type === 'name' ? properties?.name : type?.toUpperCase() === 'EPSG' ? String(properties?.code ?? '') : undefined;
	const ref = name ? parseCrsName(name) : null;
	if (!ref) {
		throw new ImportError('import_unreadable_crs', {
			fa: `عضو crs فایل GeoJSON شناخته نشد (${JSON.stringify(crs).slice(0, 120)}). با ‎--srs سامانهٔ مختصات را بدهید.`,
			en: `The GeoJSON crs member is not understood (${JSON.stringify(crs).slice(0, 120)}). Pass the CRS with --srs.`
		});
	}
	return ref;
}

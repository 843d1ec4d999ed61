import type { Geometry } from 'geojson';
import type { CrsRef } from '../crs';
import type { ImportLimits } from './limits';

export interface SourceFeature {
	geometry: Geometry | null;
	properties: Record<string, unknown>;
}

/** What a reader hands the importer: features in the file's own CRS, and that CRS if it says. */
export interface SourceData {
	format: 'GeoJSON' | 'Shapefile' | 'GeoPackage';
	features: SourceFeature[];
	/** Attribute names in the file's order. */
	fields: string[];
	crs: CrsRef | null;
	/** The file names a CRS that cannot be read: fatal unless the user passes --srs. */
	crsError?: Error;
	/** Things the reader decided on the user's behalf (encoding, table), for the report. */
	notes: string[];
}

export interface ReadOptions {
	/** GeoPackage table, or the shapefile's name inside a .zip. */
	table?: string;
	/** .dbf text encoding when the shapefile has no .cpg. */
	encoding?: string;
	/** Size caps (defaults: DEFAULT_IMPORT_LIMITS). */
	limits?: Partial<ImportLimits>;
}

export function fieldsOf(features: SourceFeature[]): string[] {
	const names = new Set<string>();
	for (const f of features) for (const k of Object.keys(f.properties)) names.add(k);
	return [...names];
}

import fs from 'node:fs';
import path from 'node:path';
import { ImportError } from '../import-error';
import { readGeoJson } from './geojson';
import { readGeoPackage } from './geopackage';
import { readShapefile, readZippedShapefile } from './shapefile';
import { checkFileSize, importLimits } from './limits';
import type { ReadOptions, SourceData } from './source';

export type { SourceData, SourceFeature, ReadOptions } from './source';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';

/** Picks the reader by the file's extension; a file over the size cap is refused before it is read. */
export async function readSource(file: string, options: ReadOptions = {}): Promise<SourceData> {
	if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
		throw new ImportError('import_file_missing', {
			fa: `فایل «${file}» پیدا نشد.`,
			en: `File not found: ${file}`
		});
	}
	checkFileSize(file, importLimits(options.limits));
	switch (path.extname(file).toLowerCase()) {
		case '.geojson':
		case '.json':
			return readGeoJson(fs.readFileSync(file, 'utf8'));
		case '.shp':
			return readShapefile(file, options);
		case '.zip':
			return readZippedShapefile(file, options);
		case '.gpkg':
			return readGeoPackage(file, options);
		default:
			throw new ImportError('import_unsupported_format', {
				fa: `قالب فایل «${path.basename(file)}» پشتیبانی نمی‌شود؛ GeoJSON، Shapefile (‎.shp یا ‎.zip) یا GeoPackage بدهید.`,
				en: `Unsupported file format "${path.basename(file)}": give GeoJSON, a Shapefile (.shp or .zip) or a GeoPackage.`
			});
	}
}

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import initSqlJs, { type Database as SqlDatabase } from 'sql.js';
import { ImportError, reasonOf } from '../import-error';
import type { CrsRef } from '../crs';
import { parseGpkgGeometry } from './wkb';
import type { ReadOptions, SourceData, SourceFeature } from './source';

const require = createRequire(import.meta.url);

/**
 * GeoPackage (an SQLite file) read with sql.js: the feature table from gpkg_geometry_columns (the
 * first, or the one `--table` names), its CRS from gpkg_spatial_ref_sys, geometries from GPKG blobs.
 */
export async function readGeoPackage(file: string, options: ReadOptions = {}): Promise<SourceData> {
	const bytes = fs.readFileSync(file);
	if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') {
		throw unreadable('not an SQLite file');
	}
	const SQL = await initSqlJs({ locateFile: (name: string) => path.join(path.dirname(require.resolve('sql.js')), name) });
	let db: SqlDatabase;
	try {
		db = new SQL.Database(new Uint8Array(bytes));
	} catch (err) {
		throw unreadable(reasonOf(err));
	}
	try {
		let tables: { table_name: string; column_name: string; srs_id: number }[];
		try {
			tables = rows(db, 'select table_name, column_name, srs_id from gpkg_geometry_columns order by rowid');
		} catch (err) {
			throw unreadable(`no gpkg_geometry_columns table (${reasonOf(err)})`);
		}
		if (tables.length === 0) throw unreadable('it has no feature table');
		const table = options.table ? tables.find((t) => t.table_name.toLowerCase() === options.table!.toLowerCase()) : tables[0];
		if (!table) {
			const names = tables.map((t) => t.table_name);
			throw new ImportError('import_unknown_table', {
				fa: `در GeoPackage جدولی به نام «${options.table}» نیست؛ جدول‌ها: ${names.join('، ')}`,
				en: `The GeoPackage has no feature table "${options.table}"; it has: ${names.join(', ')}`
			});
		}
		const columns = rows<{ name: string; pk: number; type: string }>(db, `pragma table_info(${quote(table.table_name)})`);
		const fields = columns.filter((c) => c.name !== table.column_name && !(c.pk === 1 && /^int/i.test(c.type))).map((c) => c.name);
		const features: SourceFeature[] = [];
		const statement = db.prepare(`select ${[table.column_name, ...fields].map(quote).join(', ')} from ${quote(table.table_name)}`);
		let n = 0;
		try {
			while (statement.step()) {
				n++;
				const [blob, ...values] = statement.get();
				let geometry = null;
				try {
					geometry = blob instanceof Uint8Array ? parseGpkgGeometry(blob) : null;
				} catch (err) {
					throw unreadable(`feature ${n}: ${reasonOf(err)}`);
				}
				features.push({ geometry, properties: Object.fromEntries(fields.map((f, i) => [f, values[i]])) });
			}
		} finally {
			statement.free();
		}
		const notes = tables.length > 1 && !options.table ? [`read table ${table.table_name} of ${tables.length} (choose with --table)`] : [];
		return { format: 'GeoPackage', features, fields, crs: crsOf(db, table.srs_id), notes };
	} finally {
		db.close();
	}
}

function crsOf(db: SqlDatabase, srsId: number): CrsRef | null {
	// -1 and 0 are the spec's "undefined Cartesian" and "undefined geographic" systems
	if (srsId === -1 || srsId === 0) return null;
	const [srs] = rows<{ organization: string; organization_coordsys_id: number; definition: string }>(
		db,
		`select organization, organization_coordsys_id, definition from gpkg_spatial_ref_sys where srs_id = ${Number(srsId)}`
	);
	if (!srs) return null;
	if (srs.organization?.toUpperCase() === 'EPSG') return { kind: 'epsg', code: Number(srs.organization_coordsys_id) };
	if (srs.definition && srs.definition !== 'undefined') return { kind: 'wkt', text: srs.definition };
	return null;
}

function rows<T = Record<string, never>>(db: SqlDatabase, query: string): T[] {
	const [result] = db.exec(query);
	if (!result) return [];
	return result.values.map((v) => Object.fromEntries(result.columns.map((c, i) => [c, v[i]])) as T);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function unreadable(reason: string) {
	return new ImportError('import_broken_geopackage', {
		fa: `فایل GeoPackage خوانده نشد (${reason}).`,
		en: `The GeoPackage cannot be read (${reason}).`
	});
}

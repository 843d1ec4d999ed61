import { sql, type Kysely, type Transaction } from 'kysely';
import type { CityLayer, DB } from '../../src/lib/server/db/schema';
import { matchFields, MappingError } from '../../src/lib/domain/fields';
import { rebuildWideningCorridors } from '../../src/lib/server/streets/widening.repository';
import { refreshParcelSetbacks } from '../../src/lib/server/streets/parcel-setbacks.repository';
import { zoningCoverage } from '../../src/lib/server/rules';
import { mapFeature, parseMapOptions, type ValueProblem } from './attributes';
import { parseCrsName, resolveCrs, sameProjection, transformer, WGS84, type ResolvedCrs } from './crs';
import { checkCoordinatesFit, checkInStorageZone, closeRings, checkNearCity, malformedGeometry, positions, reproject, type CrsFrom } from './geometry-checks';
import { ImportError, reasonOf } from './import-error';
import { NothingImportedError, type FeatureIssue } from './issues';
import { isCityLayer, LAYERS, type LayerSpec } from './layers';
import { readSource, type SourceData } from './readers';
import {
	deleteLayer,
	dependentRows,
	insertStaged,
	joinSpatially,
	rejectDuplicates,
	rejectIdentical,
	rejectInconsistent,
	repairGeometries,
	stage,
	stagingIssues,
	type StagedFeature
} from './staging';

export type { FeatureIssue } from './issues';

export interface ImportOptions {
	file: string;
	layer: string;
	/** Overrides the file's CRS: `EPSG:n`, a proj string or WKT. */
	srs?: string;
	/** target field → source field, or `target=source` pairs as typed on the command line. */
	map?: Record<string, string> | string[];
	/** Delete the layer's rows first (in the same transaction). */
	replace?: boolean;
	/** Storage CRS of the database. */
	srid: number;
	/** GeoPackage table or the shapefile inside a .zip. */
	table?: string;
	/** .dbf encoding for shapefiles without a .cpg. */
	encoding?: string;
	/** Refuse data landing farther than this from the city's existing layers (wrong CRS guard). */
	maxDistanceFromCityKm?: number;
}

/** After a zoning import: the book in force and the zone codes it has no rules for. */
export interface ZoningRulesNote {
	book: { id: number; title: string; effective_from: string } | null;
	codesWithoutRules: { code: string; zones: number }[];
}

export interface ImportReport {
	layer: CityLayer;
	table: LayerSpec['table'];
	file: string;
	format: SourceData['format'];
	/** The CRS the coordinates were read in, and where it came from. */
	sourceCrs: string;
	crsFrom: CrsFrom;
	/** target field → source field */
	mapping: Record<string, string>;
	/** Source fields kept in `attributes` (parcels) or ignored. */
	unmapped: string[];
	read: number;
	imported: number;
	/** Rows of the layer deleted by --replace. */
	replaced: number;
	/** Streets only: planned street corridors rebuilt after the import. */
	wideningCorridors?: number;
	/** Zoning only: which of its codes the rule book in force lacks. */
	zoningRules?: ZoningRulesNote;
	/** Invalid geometries repaired with ST_MakeValid; `detail` is GEOS's reason. */
	repaired: FeatureIssue[];
	rejected: FeatureIssue[];
	/** Values that could not be read: stored as null (and kept in parcels' attributes). */
	invalidValues: (ValueProblem & { feature: number })[];
	notes: string[];
	elapsedMs: number;
}

const DEFAULT_MAX_DISTANCE_KM = 100;

/**
 * Imports one file into one city layer. Reads and maps the file, reprojects with proj4 into the
 * storage CRS, then — in ONE transaction — stages the features in a temporary table, repairs or
 * rejects geometries there with PostGIS, fills spatial joins, and inserts (after deleting the
 * layer's rows with `replace`). A file that cannot be read as a whole throws an ImportError and
 * changes nothing; single bad features are rejected and reported; when no feature survives, a
 * {@link NothingImportedError} (carrying the report) rolls everything back.
 */
export async function importLayer(db: Kysely<DB>, options: ImportOptions): Promise<ImportReport> {
	const started = performance.now();
	if (!isCityLayer(options.layer)) throw unknownLayer(options.layer);
	const spec = LAYERS[options.layer];
	const source = await readSource(options.file, { table: options.table, encoding: options.encoding });

	const lookup = (code: number) => epsgDefinition(db, code);
	const target = await resolveCrs({ kind: 'epsg', code: options.srid }, lookup);
	const { crs: namedCrs, from: crsFrom } = await sourceCrsOf(source, options.srs, lookup);
	checkCoordinatesFit(source, namedCrs, crsFrom);
	const crsNotes: string[] = [];
	const sourceCrs = await withDatumShift(db, namedCrs, source, crsNotes);

	const mapping = mapFields(spec, source, options.map);
	const toStorage = transformer(sourceCrs, target);
	const rejected: FeatureIssue[] = [];
	const invalidValues: ImportReport['invalidValues'] = [];
	const staged: StagedFeature[] = [];
	source.features.forEach((f, i) => {
		const feature = i + 1;
		const mapped = mapFeature(spec, mapping, f.properties);
		for (const p of mapped.problems) invalidValues.push({ feature, ...p });
		if (!f.geometry) return void rejected.push({ feature, reason: 'no geometry' });
		if (mapped.missing.length) {
			return void rejected.push({ feature, reason: `missing required ${mapped.missing.join(', ')} (map with --map ${mapped.missing[0]}=<field>)` });
		}
		const { geometry: closed, rings } = closeRings(f.geometry);
		const malformed = malformedGeometry(closed);
		if (malformed) return void rejected.push({ feature, reason: 'malformed geometry', detail: malformed });
		const geometry = reproject(closed, toStorage);
		if (!geometry) return void rejected.push({ feature, reason: `coordinates cannot be transformed from ${sourceCrs.label}` });
		staged.push({ feature, geometry, values: mapped.values, attributes: mapped.attributes, ...(rings ? { repaired: `${rings} ring${rings > 1 ? 's' : ''} not closed: closed` } : {}) });
	});
	checkInStorageZone(staged, target, sourceCrs);
	await checkNearCity(db, staged, options.maxDistanceFromCityKm ?? DEFAULT_MAX_DISTANCE_KM, sourceCrs);

	const report = (r: { imported: number; replaced: number; corridors?: number; zoningRules?: ZoningRulesNote; repaired: FeatureIssue[]; cascaded: string[] }): ImportReport => ({
		layer: spec.layer,
		table: spec.table,
		file: options.file,
		format: source.format,
		sourceCrs: sourceCrs.label,
		crsFrom,
		mapping: mapping.fields,
		unmapped: mapping.unmapped,
		read: source.features.length,
		imported: r.imported,
		replaced: r.replaced,
		...(r.corridors !== undefined ? { wideningCorridors: r.corridors } : {}),
		...(r.zoningRules ? { zoningRules: r.zoningRules } : {}),
		repaired: r.repaired,
		rejected: rejected.sort((a, b) => a.feature - b.feature),
		invalidValues,
		notes: [...source.notes, ...crsNotes, ...r.cascaded],
		elapsedMs: Math.round(performance.now() - started)
	});

	return inOneTransaction(db, async (trx) => {
		await stage(trx, staged, options.srid);
		await repairGeometries(trx, spec);
		await rejectDuplicates(trx, spec, options.replace ?? false);
		await rejectIdentical(trx, spec, options.replace ?? false);
		await joinSpatially(trx, spec);
		await rejectInconsistent(trx, spec);
		const cascaded = options.replace ? await dependentRows(trx, spec) : [];
		const replaced = options.replace ? await deleteLayer(trx, spec) : 0;
		const imported = await insertStaged(trx, spec);
		const issues = await stagingIssues(trx);
		for (const r of issues) if (r.reject) rejected.push({ feature: r.feature_no, reason: r.reject, ...(r.reject_detail ? { detail: r.reject_detail } : {}) });
		const repaired = issues.filter((r) => r.repaired && !r.reject).map((r) => ({ feature: r.feature_no, reason: 'invalid geometry repaired', detail: r.repaired! }));
		if (imported === 0) {
			const alreadyStored = rejected.length > 0 && rejected.every((r) => r.reason.includes('already in the database'));
			throw new NothingImportedError(report({ imported, replaced: 0, repaired, cascaded: [] }), source.features.length, undefined, alreadyStored);
		}
		// statistics of what was just written, before the steps below join it spatially: without them
		// the planner guesses a new layer's selectivity (e.g. zone values per piece of setback: 10× slower at 1M)
		await sql`analyze ${sql.table(spec.table)}`.execute(trx);
		// the planned corridors (and so every parcel's setback) follow from the streets
		const corridors = spec.layer === 'streets' ? await rebuildWideningCorridors(trx) : undefined;
		// and the setback conflicts the planners see follow from corridors, parcels and buildings
		if (spec.layer === 'parcels' || spec.layer === 'buildings') await refreshParcelSetbacks(trx, 'all');
		const zoningRules = spec.layer === 'zoning' ? await zoningRulesNote(trx) : undefined;
		return report({ imported, replaced, corridors, zoningRules, repaired, cascaded });
	});
}

async function zoningRulesNote(trx: Transaction<DB>): Promise<ZoningRulesNote> {
	const { book, codesWithoutRules } = await zoningCoverage(trx);
	return { book: book && { id: book.id, title: book.title, effective_from: book.effective_from }, codesWithoutRules };
}

/** Runs the write; any database error rolls everything back and says so in both languages. */
async function inOneTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
	try {
		return await db.transaction().execute(work);
	} catch (err) {
		if (err instanceof ImportError) throw err;
		throw new ImportError(
			'import_failed',
			{
				fa: `ورود داده انجام نشد و هیچ تغییری در پایگاه داده داده نشد (${reasonOf(err)}).`,
				en: `The import failed and nothing was changed in the database (${reasonOf(err)}).`
			},
			{ cause: err }
		);
	}
}


function unknownLayer(layer: string) {
	const known = Object.keys(LAYERS).join(', ');
	return new ImportError('import_unknown_layer', {
		fa: `لایهٔ «${layer}» شناخته نیست؛ یکی از این‌ها را بدهید: ${known}`,
		en: `Unknown layer "${layer}"; use one of: ${known}`
	});
}

async function epsgDefinition(db: Kysely<DB>, code: number): Promise<string | null> {
	const { rows } = await sql<{ proj4text: string | null }>`
		select proj4text from spatial_ref_sys where auth_name = 'EPSG' and auth_srid = ${code}`.execute(db);
	return rows[0]?.proj4text?.trim() || null;
}

async function sourceCrsOf(
	source: SourceData,
	srs: string | undefined,
	lookup: (code: number) => Promise<string | null>
): Promise<{ crs: ResolvedCrs; from: CrsFrom }> {
	if (srs) {
		const ref = parseCrsName(srs);
		if (!ref) {
			throw new ImportError('import_bad_srs', {
				fa: `مقدار ‎--srs «${srs}» خوانا نیست؛ مثلاً EPSG:32639 یا یک رشتهٔ proj (‎+proj=...) بدهید.`,
				en: `--srs "${srs}" is not understood; give e.g. EPSG:32639 or a proj string (+proj=...).`
			});
		}
		return { crs: await resolveCrs(ref, lookup), from: '--srs' };
	}
	if (source.crsError) throw source.crsError;
	if (source.crs) return { crs: await resolveCrs(source.crs, lookup), from: 'file' };
	return { crs: WGS84, from: 'assumed WGS84' };
}

/**
 * A CRS that names a datum but not its shift to WGS84 (an ESRI .prj of FD58 or ED50 has no TOWGS84)
 * would put the data 100–300 m off without a word. It is matched against PostGIS's EPSG systems: the
 * projection that fits, with its datum shift, is used and said in the notes; else the import stops and
 * asks for --srs.
 */
async function withDatumShift(db: Kysely<DB>, crs: ResolvedCrs, source: SourceData, notes: string[]): Promise<ResolvedCrs> {
	if (!crs.noDatumShift) return crs;
	const sample = firstPosition(source);
	if (!sample) return crs;
	const { rows } = await sql<{ code: number; proj4text: string; srtext: string | null }>`
		select auth_srid as code, proj4text, srtext from spatial_ref_sys
		where auth_name = 'EPSG' and proj4text like '%+towgs84=%' order by auth_srid`.execute(db);
	const fits = sameProjection(crs, sample, rows);
	// the same projection on several datums (FD58, Nahrwan 1934 and KOC share the Iraq zone): the one the file names
	const named = fits.filter((m) => m.sameDatumName);
	const matches = named.length ? named : fits;
	const shifts = [...new Set(matches.map((m) => m.towgs84))];
	const { datum, ellipsoid } = crs.noDatumShift;
	if (shifts.length === 1) {
		const code = matches[0].code;
		const resolved = await resolveCrs({ kind: 'epsg', code }, (c) => epsgDefinition(db, c));
		notes.push(
			`the CRS "${crs.label}" names datum ${datum} but no shift to WGS84: read as EPSG:${code}, the same projection, with its shift (towgs84=${shifts[0]}); pass --srs to choose another`
		);
		return { ...resolved, label: `${crs.label} = EPSG:${code}` };
	}
	const codes = matches.slice(0, 6).map((m) => `EPSG:${m.code}${m.name ? ` (${m.name})` : ''}`).join(', ') + (matches.length > 6 ? `, … (${matches.length})` : '');
	const example = matches.length ? String(matches[0].code) : '<code>';
	throw new ImportError('import_datum_unknown', {
		fa:
			`سامانهٔ مختصات «${crs.label}» مبنای ${datum} (بیضوی ${ellipsoid}) را نام می‌برد اما تبدیل آن به WGS84 ‏(TOWGS84) را نه؛ بی آن داده صدها متر جابه‌جا می‌افتد. ` +
			(matches.length ? `می‌تواند یکی از این‌ها باشد: ${codes}؛ ` : '') +
			`سامانهٔ درست را با ‎--srs بدهید: کد EPSG آن (‎--srs EPSG:${example}) یا رشتهٔ proj با ‎+towgs84=...`,
		en:
			`The CRS "${crs.label}" names datum ${datum} (ellipsoid ${ellipsoid}) but not its shift to WGS84 (TOWGS84): read without it the data would land hundreds of metres off. ` +
			(matches.length ? `It may be any of ${codes}. ` : '') +
			`Pass the right CRS with --srs: its EPSG code (--srs EPSG:${example}) or a proj string with +towgs84=...`
	});
}

function firstPosition(source: SourceData): [number, number] | null {
	for (const f of source.features) {
		if (!f.geometry) continue;
		for (const [x, y] of positions(f.geometry)) if (Number.isFinite(x) && Number.isFinite(y)) return [x, y];
	}
	return null;
}

function mapFields(spec: LayerSpec, source: SourceData, map: ImportOptions['map']) {
	try {
		const overrides = Array.isArray(map) ? parseMapOptions(map) : (map ?? {});
		return matchFields(spec, source.fields, overrides);
	} catch (err) {
		if (err instanceof MappingError) {
			const list = err.known.join(', ');
			throw new ImportError(
				'import_bad_mapping',
				err.kind === 'unknown_target'
					? { fa: `لایهٔ ${spec.layer} فیلدی به نام «${err.name}» ندارد؛ فیلدها: ${list}`, en: `Layer ${spec.layer} has no field "${err.name}"; its fields: ${list}` }
					: { fa: `فایل فیلدی به نام «${err.name}» ندارد؛ فیلدهای فایل: ${list}`, en: `The file has no field "${err.name}"; its fields: ${list}` }
			);
		}
		throw new ImportError('import_bad_mapping', { fa: `‎--map نادرست است: ${reasonOf(err)}`, en: reasonOf(err) });
	}
}

/** Coordinates into the storage CRS, 2D. Null when a coordinate cannot be transformed. */

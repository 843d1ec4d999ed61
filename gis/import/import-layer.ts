import { sql, type Kysely, type Transaction } from 'kysely';
import type { Geometry, Position } from 'geojson';
import type { CityLayer, DB } from '../../src/lib/server/db/schema';
import { mapFeature, matchFields, MappingError, parseMapOptions, type ValueProblem } from './attributes';
import { parseCrsName, resolveCrs, transformer, WGS84, type ResolvedCrs } from './crs';
import { ImportError, reasonOf } from './import-error';
import { isCityLayer, LAYERS, type LayerSpec } from './layers';
import { readSource, type SourceData } from './readers';
import { rebuildWideningCorridors } from '../../src/lib/server/streets/widening.repository';

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

export interface FeatureIssue {
	/** 1-based position of the feature in the file. */
	feature: number;
	reason: string;
}

export interface ImportReport {
	layer: CityLayer;
	table: LayerSpec['table'];
	file: string;
	format: SourceData['format'];
	/** The CRS the coordinates were read in, and where it came from. */
	sourceCrs: string;
	crsFrom: 'file' | '--srs' | 'assumed WGS84';
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
	repaired: FeatureIssue[];
	rejected: FeatureIssue[];
	/** Values that could not be read: stored as null (and kept in parcels' attributes). */
	invalidValues: (ValueProblem & { feature: number })[];
	notes: string[];
	elapsedMs: number;
}

interface StagedFeature {
	feature: number;
	geometry: Geometry;
	values: Record<string, string | number | null>;
	attributes: Record<string, unknown>;
}

const BATCH = 1000;
const DEFAULT_MAX_DISTANCE_KM = 100;

/**
 * Imports one file into one city layer. Reads and maps the file, reprojects with proj4 into the
 * storage CRS, then — in ONE transaction — stages the features in a temporary table, repairs or
 * rejects geometries there with PostGIS, fills spatial joins, and inserts (after deleting the
 * layer's rows with `replace`). A file that cannot be read as a whole throws an ImportError and
 * changes nothing; single bad features are rejected and reported.
 */
export async function importLayer(db: Kysely<DB>, options: ImportOptions): Promise<ImportReport> {
	const started = performance.now();
	if (!isCityLayer(options.layer)) throw unknownLayer(options.layer);
	const spec = LAYERS[options.layer];
	const source = await readSource(options.file, { table: options.table, encoding: options.encoding });

	const lookup = (code: number) => epsgDefinition(db, code);
	const target = await resolveCrs({ kind: 'epsg', code: options.srid }, lookup);
	const { crs: sourceCrs, from: crsFrom } = await sourceCrsOf(source, options.srs, lookup);
	checkCoordinatesFit(source, sourceCrs, crsFrom);

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
		const malformed = malformedGeometry(f.geometry);
		if (malformed) return void rejected.push({ feature, reason: `malformed geometry: ${malformed}` });
		const geometry = reproject(f.geometry, toStorage);
		if (!geometry) return void rejected.push({ feature, reason: `coordinates cannot be transformed from ${sourceCrs.label}` });
		staged.push({ feature, geometry, values: mapped.values, attributes: mapped.attributes });
	});
	await checkNearCity(db, staged, options.maxDistanceFromCityKm ?? DEFAULT_MAX_DISTANCE_KM, sourceCrs);

	const result = await inOneTransaction(db, async (trx) => {
		await stage(trx, staged, options.srid);
		await repairGeometries(trx, spec);
		await rejectDuplicates(trx, spec, options.replace ?? false);
		await joinSpatially(trx, spec);
		await rejectInconsistent(trx, spec);
		const cascaded = options.replace ? await dependentRows(trx, spec) : [];
		const replaced = options.replace ? await deleteLayer(trx, spec) : 0;
		const imported = await insertStaged(trx, spec);
		// the planned corridors (and so every parcel's setback) follow from the streets
		const corridors = spec.layer === 'streets' ? await rebuildWideningCorridors(trx) : undefined;
		const issues = await sql<{ feature_no: number; reject: string | null; repaired: string | null }>`
			select feature_no, reject, repaired from import_staging
			where reject is not null or repaired is not null order by feature_no`.execute(trx);
		return { replaced, cascaded, imported, corridors, issues: issues.rows };
	});

	for (const r of result.issues) if (r.reject) rejected.push({ feature: r.feature_no, reason: r.reject });
	rejected.sort((a, b) => a.feature - b.feature);
	return {
		layer: spec.layer,
		table: spec.table,
		file: options.file,
		format: source.format,
		sourceCrs: sourceCrs.label,
		crsFrom,
		mapping: mapping.fields,
		unmapped: mapping.unmapped,
		read: source.features.length,
		imported: result.imported,
		replaced: result.replaced,
		...(result.corridors !== undefined ? { wideningCorridors: result.corridors } : {}),
		repaired: result.issues.filter((r) => r.repaired && !r.reject).map((r) => ({ feature: r.feature_no, reason: r.repaired! })),
		rejected,
		invalidValues,
		notes: [...source.notes, ...result.cascaded],
		elapsedMs: Math.round(performance.now() - started)
	};
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

const MIN_POSITIONS: Record<string, number> = { LineString: 2, Polygon: 4 };

/** Coordinates nested the way the geometry type says, with enough points; else why not. */
function malformedGeometry(geometry: Geometry): string | null {
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
): Promise<{ crs: ResolvedCrs; from: ImportReport['crsFrom'] }> {
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

function* positions(geometry: Geometry): Generator<Position> {
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
function checkCoordinatesFit(source: SourceData, crs: ResolvedCrs, from: ImportReport['crsFrom']) {
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
		const fa =
			from === 'assumed WGS84'
				? `فایل سامانهٔ مختصات ندارد و مختصاتش (${example!.join(', ')}) طول و عرض جغرافیایی نیست. سامانهٔ مختصات را با ‎--srs بدهید (مثلاً ‎--srs EPSG:32639).`
				: `مختصات (${example!.join(', ')}) با سامانهٔ ${crs.label} جور نیست. سامانهٔ درست را با ‎--srs بدهید.`;
		const en =
			from === 'assumed WGS84'
				? `The file names no CRS and its coordinates (${example!.join(', ')}) are not longitude/latitude. Pass the CRS with --srs (e.g. --srs EPSG:32639).`
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
function reproject(geometry: Geometry, transform: (xy: number[]) => [number, number]): Geometry | null {
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
async function checkNearCity(db: Kysely<DB>, staged: StagedFeature[], maxKm: number, crs: ResolvedCrs) {
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
	let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of staged) {
		for (const [x, y] of positions(f.geometry)) {
			xmin = Math.min(xmin, x);
			ymin = Math.min(ymin, y);
			xmax = Math.max(xmax, x);
			ymax = Math.max(ymax, y);
		}
	}
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

async function stage(trx: Transaction<DB>, staged: StagedFeature[], srid: number) {
	await sql`create temporary table import_staging (
		feature_no integer primary key,
		geom geometry,
		vals jsonb not null,
		attrs jsonb not null,
		reject text,
		repaired text
	) on commit drop`.execute(trx);
	for (let i = 0; i < staged.length; i += BATCH) {
		// One JSON parameter per batch: a single round trip, and no parameter limit to hit.
		const batch = JSON.stringify(
			staged.slice(i, i + BATCH).map((f) => ({ n: f.feature, g: JSON.stringify(f.geometry), v: f.values, a: f.attributes }))
		);
		await sql`
			insert into import_staging (feature_no, geom, vals, attrs)
			select (e->>'n')::integer, ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), ${srid}::integer), e->'v', e->'a'
			from jsonb_array_elements(${batch}::jsonb) as e`.execute(trx);
	}
}

/**
 * Geometry checks in PostGIS: wrong dimension and empty geometries are rejected; invalid ones are
 * repaired with ST_MakeValid keeping only the part of the layer's type (a bow-tie becomes two
 * triangles); what is left empty is rejected; the rest becomes Multi*.
 */
async function repairGeometries(trx: Transaction<DB>, spec: LayerSpec) {
	const [dimension, collectionType, expected] = spec.geometry === 'polygon' ? [2, 3, 'polygon'] : [1, 2, 'line'];
	await sql`update import_staging set reject = 'empty geometry' where reject is null and (geom is null or ST_IsEmpty(geom))`.execute(trx);
	await sql`
		update import_staging
		set reject = 'a ' || lower(replace(GeometryType(geom), 'MULTI', 'multi-')) || ${` where a ${expected} is expected`}::text
		where reject is null and ST_Dimension(geom) <> ${dimension}::integer
			and not (GeometryType(geom) = 'GEOMETRYCOLLECTION' and ST_Dimension(geom) > ${dimension}::integer)`.execute(trx);
	await sql`
		update import_staging
		set repaired = 'invalid geometry repaired: ' || ST_IsValidReason(geom),
			geom = ST_CollectionExtract(ST_MakeValid(geom), ${collectionType}::integer)
		where reject is null and not ST_IsValid(geom)`.execute(trx);
	await sql`
		update import_staging set geom = ST_CollectionExtract(geom, ${collectionType}::integer)
		where reject is null and GeometryType(geom) = 'GEOMETRYCOLLECTION'`.execute(trx);
	await sql`
		update import_staging set reject = coalesce(repaired, 'geometry') || ${`; nothing ${expected} is left, rejected`}::text
		where reject is null and (geom is null or ST_IsEmpty(geom))`.execute(trx);
	await sql`update import_staging set geom = ST_Multi(geom) where reject is null`.execute(trx);
}

/** Unique columns: the first feature with a value wins; later ones, and ones already stored, are rejected. */
async function rejectDuplicates(trx: Transaction<DB>, spec: LayerSpec, replace: boolean) {
	for (const column of spec.unique ?? []) {
		await sql`
			with ranked as (
				select feature_no, vals->>${sql.lit(column)} as value,
					min(feature_no) over (partition by vals->>${sql.lit(column)}) as first
				from import_staging where reject is null and vals->>${sql.lit(column)} is not null
			)
			update import_staging s
			set reject = ${`duplicate ${column} "`}::text || r.value || '" (also feature ' || r.first || ')'
			from ranked r where r.feature_no = s.feature_no and r.first <> s.feature_no`.execute(trx);
		if (!replace) {
			await sql`
				update import_staging s set reject = ${`${column} "`}::text || (s.vals->>${sql.lit(column)}) || '" is already in the database (use --replace)'
				from ${sql.table(spec.table)} t
				where s.reject is null and t.${sql.ref(column)}::text = s.vals->>${sql.lit(column)}`.execute(trx);
		}
	}
}

/** Fills the links the file does not carry, by where a point surely inside the feature falls. */
async function joinSpatially(trx: Transaction<DB>, spec: LayerSpec) {
	const inside = (table: 'districts' | 'blocks' | 'parcels') => sql`(
		select x.id from ${sql.table(table)} x
		where ST_Intersects(x.geom, ST_PointOnSurface(s.geom)) order by x.id limit 1)`;
	const set = (column: string, value: ReturnType<typeof sql>) => sql`
		update import_staging s set vals = s.vals || jsonb_build_object(${sql.lit(column)}::text, ${value})
		where s.reject is null and (s.vals->${sql.lit(column)}) is null`;
	switch (spec.layer) {
		case 'parcels':
			await set('district_id', inside('districts')).execute(trx);
			await set('block_id', inside('blocks')).execute(trx);
			break;
		case 'blocks':
			await set('district_id', inside('districts')).execute(trx);
			break;
		case 'buildings':
			await set('parcel_id', inside('parcels')).execute(trx);
			break;
		case 'widening_lines':
			// a widening line runs beside its street, half the planned width away
			await set(
				'street_id',
				sql`(select st.id from streets st where ST_DWithin(st.geom, s.geom, 50)
					order by ST_Distance(st.geom, s.geom), st.id limit 1)`
			).execute(trx);
			break;
		case 'street_surfaces':
		case 'restrictions':
			// a carriageway holds its centre line; a footway lies beside it
			await set(
				'street_id',
				sql`(select st.id from streets st where ST_DWithin(st.geom, ST_PointOnSurface(s.geom), 40)
					order by ST_Distance(st.geom, ST_PointOnSurface(s.geom)), st.id limit 1)`
			).execute(trx);
			break;
	}
}

/** Values each fine alone that the table refuses together: rejected per feature rather than failing the file. */
async function rejectInconsistent(trx: Transaction<DB>, spec: LayerSpec) {
	if (spec.layer !== 'restrictions') return;
	await sql`
		update import_staging set reject = 'ends_on ' || (vals->>'ends_on') || ' is before starts_on ' || (vals->>'starts_on')
		where reject is null and (vals->>'ends_on')::date < (vals->>'starts_on')::date`.execute(trx);
}

const JOIN_COLUMNS: Partial<Record<CityLayer, string[]>> = {
	parcels: ['district_id', 'block_id'],
	blocks: ['district_id'],
	buildings: ['parcel_id'],
	widening_lines: ['street_id'],
	street_surfaces: ['street_id'],
	restrictions: ['street_id']
};

/** Rows that --replace deletes with the layer (foreign keys ON DELETE CASCADE), said out loud. */
const CASCADES: Partial<Record<CityLayer, ('buildings' | 'widening_lines')[]>> = {
	parcels: ['buildings'],
	streets: ['widening_lines']
};

async function dependentRows(trx: Transaction<DB>, spec: LayerSpec): Promise<string[]> {
	if (spec.layer === 'parcels') await refuseWhenCasesExist(trx);
	const notes: string[] = [];
	for (const table of CASCADES[spec.layer] ?? []) {
		const column = table === 'widening_lines' ? 'street_id' : 'parcel_id';
		const { rows } = await sql<{ n: number }>`
			select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(trx);
		if (rows[0].n) notes.push(`--replace also deleted ${rows[0].n} ${table} linked to the old ${spec.table}`);
	}
	return notes;
}

/** Cases are records, not layer data: replacing the parcels under them would orphan or erase them. */
async function refuseWhenCasesExist(trx: Transaction<DB>) {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(trx);
	if (rows[0].n > 0) {
		throw new ImportError('replace_has_cases', {
			fa: `جایگزینی پلاک‌ها ممکن نیست: ${rows[0].n} پرونده روی پلاک‌های فعلی ثبت شده است. پلاک‌های جدید را بدون --replace وارد کنید.`,
			en: `Cannot replace parcels: ${rows[0].n} cases are filed on the current parcels. Import the new parcels without --replace.`
		});
	}
}

async function deleteLayer(trx: Transaction<DB>, spec: LayerSpec): Promise<number> {
	const result = await sql`delete from ${sql.table(spec.table)}`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}

async function insertStaged(trx: Transaction<DB>, spec: LayerSpec): Promise<number> {
	const columns = [...spec.fields.map((f) => f.name), ...(JOIN_COLUMNS[spec.layer] ?? [])];
	const values = columns.map((c) => {
		const fallback = spec.fields.find((f) => f.name === c)?.fallback;
		return fallback === undefined ? sql.ref(`r.${c}`) : sql`coalesce(${sql.ref(`r.${c}`)}, ${fallback})`;
	});
	const keep = spec.keepsAttributes;
	// jsonb_populate_record casts each value to its column's type, the way the table declares it.
	const result = await sql`
		insert into ${sql.table(spec.table)} (${sql.join(columns.map((c) => sql.ref(c)))}, geom${keep ? sql`, attributes` : sql``})
		select ${sql.join(values)}, s.geom${keep ? sql`, s.attrs` : sql``}
		from import_staging s cross join lateral jsonb_populate_record(null::${sql.table(spec.table)}, s.vals) r
		where s.reject is null
		order by s.feature_no`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}


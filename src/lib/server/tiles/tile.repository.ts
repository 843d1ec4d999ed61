import { CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import type { Statements } from '../db/database';
import { prepared } from '../db/prepared';
import type { TileFeature, TileGeometry } from './mvt-encoder';
import type { TileLayerDefinition } from './layers';
import { tileFieldsAt } from '../../map/tile-layers';
import { TILE_BUFFER, TILE_EXTENT, tilePixelTransform, type TileCoord } from './tile-coords';

/**
 * Tile SQL, one statement per tile. The readable form of the hot queries lives here and nowhere
 * else; tests EXPLAIN them to make sure the GiST index on geom_3857 is used.
 */

/** The tile square grown by the buffer, in EPSG:3857: what features are fetched and clipped to. */
function bufferedEnvelope(z: number, x: RawBuilder<number>, y: RawBuilder<number>): RawBuilder<unknown> {
	return sql`ST_TileEnvelope(${z}::int, ${x}, ${y}, margin => ${TILE_BUFFER / TILE_EXTENT}::float8)`;
}

/**
 * The MVT of one tile of the layer at zoom z, its x and y given as SQL (parameters, or the columns of
 * a list of tiles): ST_AsMVTGeom + ST_AsMVT, `fid` becoming the feature id.
 */
function mvtTileSelect(layer: TileLayerDefinition, z: number, x: RawBuilder<number>, y: RawBuilder<number>): RawBuilder<{ tile: string | null }> {
	const properties = sql.join(['fid', ...tileFieldsAt(layer, z)].map((f) => sql`f.${sql.id(f)}`));
	// base64 rather than bytea's hex text: a third less to send and parse on the hot path. The features
	// in fid order: a parallel plan hands them over in any order, and the same tile must be the same
	// bytes (its ETag) whenever and on whichever instance it is rendered
	return sql<{ tile: string | null }>`
		select encode(ST_AsMVT(t.*, ${layer.name}::text, ${TILE_EXTENT}::int4, 'geom', 'fid' order by t.fid), 'base64') as tile
		from (
			select ${properties},
				ST_AsMVTGeom(f.geom, ST_TileEnvelope(${z}::int, ${x}, ${y}), ${TILE_EXTENT}::int4, ${TILE_BUFFER}::int4, true) as geom
			from (${layer.source(z, bufferedEnvelope(z, x, y))}) f
			-- offset 0 keeps the planner from pulling the subquery up, which put ST_AsMVTGeom both in the
			-- filter below and in the row: every feature's geometry was clipped and snapped twice
			offset 0
		) t
		where t.geom is not null`;
}

/**
 * How long the statement has run so far, in ms, by the database's own clock (`statement_timestamp()` is
 * when PostgreSQL began to execute it): what a tile cost the database, without the time its statement
 * waited for a connection or its answer waited for the event loop (TileBatcher sizes its batches by it).
 */
const runningMs = sql<number>`date_part('epoch', clock_timestamp() - statement_timestamp()) * 1000`;

/**
 * PostgreSQL + PostGIS: the whole tile from ST_AsMVTGeom + ST_AsMVT (`fid` becomes the feature id),
 * and what it cost the database (`ms`).
 */
export function mvtTileQuery(layer: TileLayerDefinition, tile: TileCoord): RawBuilder<{ tile: string | null; ms: number }> {
	return sql<{ tile: string | null; ms: number }>`select m.tile, ${runningMs} as ms from (${mvtTileSelect(layer, tile.z, sql`${tile.x}::int`, sql`${tile.y}::int`)}) m`;
}

/**
 * Several tiles of one layer and zoom (their x and y, in order) in one statement: each tile is
 * `mvtTileQuery`'s (the same bytes), run once per row of the list (`i`: its place in the list, from 1;
 * `ms`: the statement's time so far once the row's tile is made, so the last row's is the whole).
 * For light tiles most of a statement's cost, the database's and the server's, is the statement
 * itself, not the tile (gis/bench-tiles.ts); see TileBatcher (tile-batch.ts).
 */
function mvtTilesQuery(layer: TileLayerDefinition, z: number, xs: readonly number[], ys: readonly number[]): RawBuilder<{ i: number; tile: string | null; ms: number }> {
	return sql<{ i: number; tile: string | null; ms: number }>`
		select l.i::int as i, (${mvtTileSelect(layer, z, sql`l.x`, sql`l.y`)}) as tile, ${runningMs} as ms
		from unnest(${xs}::int[], ${ys}::int[]) with ordinality l(x, y, i)`;
}

/**
 * Compiles the tile statements (PostgreSQL's SQL, as both databases speak it) without a connection:
 * they are sent by whoever runs them (`Statements`).
 */
const compiler = new Kysely<DB>({
	dialect: {
		createAdapter: () => new PostgresAdapter(),
		createDriver: () => new DummyDriver(),
		createIntrospector: (db) => new PostgresIntrospector(db),
		createQueryCompiler: () => new PostgresQueryCompiler()
	}
});

/** Tile coordinates no tile has: where they land among a statement's parameters is where x and y go. */
const X_SLOT = -7_777_001;
const Y_SLOT = -7_777_002;
/** The same for a list of tiles (found by identity among the parameters). */
const XS_SLOT: readonly number[] = [X_SLOT];
const YS_SLOT: readonly number[] = [Y_SLOT];

interface TileStatement {
	sql: string;
	parameters: readonly unknown[];
	xAt: number[];
	yAt: number[];
}
const tileStatements = new Map<string, TileStatement>();

/**
 * A statement marked to be prepared, compiled once under `key` (its text and every parameter but the
 * tiles' x and y are the same for all the zoom's tiles), with these x and y put in the slots.
 */
function filled<R>(key: string, compile: () => RawBuilder<R>, slots: [unknown, unknown], x: unknown, y: unknown): CompiledQuery<R> {
	let statement = tileStatements.get(key);
	if (!statement) {
		const { sql: text, parameters } = prepared(compile()).compile(compiler);
		const at = (slot: unknown) => parameters.flatMap((value, i) => (value === slot ? [i] : []));
		statement = { sql: text, parameters, xAt: at(slots[0]), yAt: at(slots[1]) };
		tileStatements.set(key, statement);
	}
	const parameters = [...statement.parameters];
	for (const i of statement.xAt) parameters[i] = x;
	for (const i of statement.yAt) parameters[i] = y;
	return CompiledQuery.raw(statement.sql, parameters) as CompiledQuery<R>;
}

/**
 * The tile's statement as sent: `mvtTileQuery` marked to be prepared, compiled once per layer and zoom
 * with this tile's x and y put in. Compiling it afresh took ≈40 µs, a tenth of the server's work on a light tile.
 */
export function tileStatement(layer: TileLayerDefinition, tile: TileCoord): CompiledQuery<{ tile: string | null; ms: number }> {
	const { z } = tile;
	return filled(`${layer.name}/${z}`, () => mvtTileQuery(layer, { z, x: X_SLOT, y: Y_SLOT }), [X_SLOT, Y_SLOT], tile.x, tile.y);
}

/** `mvtTilesQuery` as sent: prepared, compiled once per layer and zoom, these tiles' x and y put in. */
export function tilesStatement(layer: TileLayerDefinition, z: number, tiles: readonly TileCoord[]): CompiledQuery<{ i: number; tile: string | null; ms: number }> {
	const compile = () => mvtTilesQuery(layer, z, XS_SLOT, YS_SLOT);
	return filled(`${layer.name}/${z}/list`, compile, [XS_SLOT, YS_SLOT], tiles.map((t) => t.x), tiles.map((t) => t.y));
}

/** MVT bytes from ST_AsMVT's base64 (empty where the tile has no features). */
function decoded(encoded: string | null | undefined): Uint8Array {
	if (!encoded) return new Uint8Array(0);
	// Node gives small buffers a view into a shared pool; readers that wrap `.buffer` in a DataView
	// (pbf does, for doubles) would read the wrong bytes, so those are copied. Large ones own theirs.
	const bytes = Buffer.from(encoded, 'base64');
	return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

export async function selectMvtTile(run: Statements, layer: TileLayerDefinition, tile: TileCoord): Promise<Uint8Array> {
	return (await selectMvtTiles(run, layer, tile.z, [tile])).bytes[0];
}

/**
 * Tiles of one layer and zoom, by one statement (a lone tile by its own): their bytes in the order
 * asked, and the milliseconds the statement ran in the database.
 */
export async function selectMvtTiles(run: Statements, layer: TileLayerDefinition, z: number, tiles: readonly TileCoord[]): Promise<{ bytes: Uint8Array[]; ms: number }> {
	if (tiles.length === 1) {
		const [row] = await run(tileStatement(layer, tiles[0]));
		return { bytes: [decoded(row?.tile)], ms: row?.ms ?? 0 };
	}
	const rows = await run(tilesStatement(layer, z, tiles));
	const bytes: Uint8Array[] = new Array(tiles.length);
	let ms = 0;
	for (const row of rows) {
		bytes[row.i - 1] = decoded(row.tile);
		ms = Math.max(ms, row.ms);
	}
	for (let i = 0; i < tiles.length; i++) if (!bytes[i]) throw new Error(`the tile list statement left out tile ${i + 1} of ${tiles.length}`);
	return { bytes, ms };
}

/**
 * Embedded PostGIS (no ST_AsMVT): the same work as ST_AsMVTGeom done in SQL — clip to the buffered
 * tile, map to tile pixels (y down), snap to whole pixels (which also thins low-zoom geometry),
 * repair what snapping broke, keep the layer's geometry type, drop what vanished. The result is
 * GeoJSON in tile pixels for our encoder.
 */
export function tileFeaturesQuery(layer: TileLayerDefinition, tile: TileCoord) {
	const { a, e, xoff, yoff } = tilePixelTransform(tile);
	const bbox = bufferedEnvelope(tile.z, sql`${tile.x}::int`, sql`${tile.y}::int`);
	const inPixels = sql`ST_SnapToGrid(ST_Affine(ST_ClipByBox2D(f.geom, ${bbox}::box2d),
		${a}::float8, 0, 0, ${e}::float8, ${xoff}::float8, ${yoff}::float8), 1)`;
	// most polygons survive snapping valid, and checking is about half the cost of repairing;
	// ST_IsValid(g, 0) rather than ST_IsValid(g), which raises a NOTICE for every invalid one
	const geometry =
		layer.geometry === 'polygon'
			? sql`ST_CollectionExtract(case when ST_IsValid(px.g, 0) then px.g else ST_MakeValid(px.g) end, 3)`
			: sql`ST_CollectionExtract(px.g, 2)`;
	const properties = sql.join(['fid', ...tileFieldsAt(layer, tile.z)].map((f) => sql`t.${sql.id(f)}`));
	return sql<Record<string, unknown> & { fid: number; geometry: string }>`
		select ${properties}, ST_AsGeoJSON(t.g, 0) as geometry
		from (
			select f.*, ${geometry} as g
			from (${layer.source(tile.z, bbox)}) f
			-- offset 0 keeps the planner from inlining (and so recomputing) the pixel geometry
			cross join lateral (select ${inPixels} as g offset 0) px
		) t
		where t.g is not null and not ST_IsEmpty(t.g)
		-- the same tile, the same bytes (see mvtTileQuery)
		order by t.fid`;
}

export async function selectTileFeatures(
	db: Kysely<DB>,
	layer: TileLayerDefinition,
	tile: TileCoord
): Promise<TileFeature[]> {
	const { rows } = await tileFeaturesQuery(layer, tile).execute(db);
	const fields = tileFieldsAt(layer, tile.z);
	return rows.map((row) => ({
		id: row.fid,
		properties: Object.fromEntries(fields.map((f) => [f, row[f] as string | number | null])),
		geometry: JSON.parse(row.geometry) as TileGeometry
	}));
}

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Backend } from '../db/database';
import type { DB } from '../db/schema';
import { NotFoundError } from '../errors';
import { encodeTile } from './mvt-encoder';
import { isTileLayerName, TILE_LAYER_NAMES } from '../../map/tile-layers';
import { tileLayer, type TileLayerDefinition } from './layers';
import { parseTileCoord, TILE_EXTENT, type TileCoord } from './tile-coords';
import { selectMvtTile, selectTileFeatures } from './tile.repository';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Tiles change only when the city's data is imported or edited: a minute fresh, then revalidated
 * with the ETag (a cheap 304), and a stale tile may be shown for a while during revalidation.
 */
export const TILE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

export interface TileRequest {
	layer: TileLayerDefinition;
	tile: TileCoord;
}

export interface RenderedTile extends TileRequest {
	/** MVT bytes; empty (zero bytes) where the layer has no features or is not drawn at this zoom. */
	bytes: Uint8Array;
	/** Strong ETag: a hash of the bytes, so it changes exactly when the tile does. */
	etag: string;
}

/** Validates route params: unknown layer → 404, bad z/x/y → 400, both naming the problem. */
export function parseTileRequest(params: { layer: string; z: string; x: string; y: string }): TileRequest {
	if (!isTileLayerName(params.layer)) {
		const known = TILE_LAYER_NAMES.join(', ');
		throw new NotFoundError('unknown_tile_layer', {
			fa: `لایهٔ «${params.layer}» وجود ندارد؛ لایه‌های موجود: ${known}.`,
			en: `There is no tile layer "${params.layer}"; known layers: ${known}.`
		});
	}
	return { layer: tileLayer(params.layer), tile: parseTileCoord(params) };
}

/** The layer's tile as MVT bytes, from ST_AsMVT on PostgreSQL and from our encoder when embedded. */
export async function tileBytes(db: Kysely<DB>, backend: Backend, { layer, tile }: TileRequest): Promise<Uint8Array> {
	if (tile.z < layer.minZoom || tile.z > layer.maxZoom) return new Uint8Array(0);
	if (backend === 'postgres') return selectMvtTile(db, layer, tile);
	const features = await selectTileFeatures(db, layer, tile);
	return encodeTile([{ name: layer.name, features, fieldTypes: layer.fields, extent: TILE_EXTENT }]);
}

export async function renderTile(
	db: Kysely<DB>,
	backend: Backend,
	params: { layer: string; z: string; x: string; y: string }
): Promise<RenderedTile> {
	const request = parseTileRequest(params);
	const bytes = await tileBytes(db, backend, request);
	return { ...request, bytes, etag: etagOf(bytes) };
}

export function etagOf(bytes: Uint8Array): string {
	return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/** True when an If-None-Match header (a list, possibly weak, or `*`) matches the tile's ETag. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === '*' || tag === etag);
}

/** The HTTP answer for a rendered tile: 304 when the client already has it, else the bytes (maybe empty). */
export function tileResponse(tile: RenderedTile, ifNoneMatch: string | null): Response {
	const headers = { etag: tile.etag, 'cache-control': TILE_CACHE_CONTROL };
	if (etagMatches(ifNoneMatch, tile.etag)) return new Response(null, { status: 304, headers });
	// MapLibre treats a zero-byte 200 as an empty tile; keeping 200 lets empty tiles revalidate like any other
	return new Response(tile.bytes as Uint8Array<ArrayBuffer>, {
		status: 200,
		headers: { ...headers, 'content-type': MVT_CONTENT_TYPE, 'content-length': String(tile.bytes.byteLength) }
	});
}

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Kysely } from 'kysely';
import { statementsOn, type Backend, type Database } from '../db/database';
import type { DB } from '../db/schema';
import { NotFoundError } from '../errors';
import { encodeTile } from './mvt-encoder';
import { isTileLayerName, TILE_LAYER_NAMES } from '../../map/tile-layers';
import { tileLayer, type TileLayerDefinition } from './layers';
import { parseTileCoord, TILE_EXTENT, type TileCoord } from './tile-coords';
import { selectMvtTile, selectTileFeatures } from './tile.repository';
import { TileCache, type CachedTile } from './tile-cache';
import { TileInvalidation, type Invalidation } from './tile-invalidation';
import { TileBatcher } from './tile-batch';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Browsers keep tiles but ask again each time with the ETag: the server's cache answers that from
 * memory (a 304 for an unchanged tile), and a filed or closed case shows on the next read.
 */
export const TILE_CACHE_CONTROL = 'public, no-cache';

export interface TileRequest {
	layer: TileLayerDefinition;
	tile: TileCoord;
}

export interface RenderedTile extends TileRequest {
	/** MVT bytes; empty (zero bytes) where the layer has no features or is not drawn at this zoom. */
	bytes: Uint8Array;
	/** A hash of the bytes (quoted), so it changes exactly when the tile does; sent weak (`etagHeader`). */
	etag: string;
	/** The bytes gzip-compressed, for a tile from the cache once it has been compressed. */
	gzip?: Uint8Array;
}

const gzip = promisify(gzipCallback);
/** Below this a tile is sent as it is: compression would save a few bytes and cost a header. */
const GZIP_FROM_BYTES = 512;

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

/**
 * The layer's tile as MVT bytes, from ST_AsMVT on PostgreSQL (by `mvt`: its own statement, or with
 * others of its layer and zoom, TileBatcher) and from our encoder when embedded.
 */
export async function tileBytes(
	db: Kysely<DB>,
	backend: Backend,
	{ layer, tile }: TileRequest,
	mvt: (layer: TileLayerDefinition, tile: TileCoord) => Promise<Uint8Array> = (layer, tile) => selectMvtTile(statementsOn(db), layer, tile)
): Promise<Uint8Array> {
	if (tile.z < layer.minZoom || tile.z > layer.maxZoom) return new Uint8Array(0);
	if (backend === 'postgres') return mvt(layer, tile);
	const features = await selectTileFeatures(db, layer, tile);
	return encodeTile([{ name: layer.name, features, fieldTypes: layer.fields, extent: TILE_EXTENT }]);
}

/** The tile straight from the database, uncached. */
export async function renderTile(
	db: Kysely<DB>,
	backend: Backend,
	params: { layer: string; z: string; x: string; y: string }
): Promise<RenderedTile> {
	const request = parseTileRequest(params);
	const bytes = await tileBytes(db, backend, request);
	return { ...request, bytes, etag: etagOf(bytes) };
}

/**
 * An instance's tiles: rendered once, kept in memory (`TileCache`, bounded by bytes) and served from
 * there without touching the database until a change touches them (`TileInvalidation`). Concurrent
 * requests for the same missing tile share one render.
 */
export class TileService {
	readonly #cache: TileCache | null;
	readonly #invalidation: TileInvalidation;
	readonly #rendering = new Map<string, Promise<RenderedTile>>();
	/** PostgreSQL: tiles of a layer and zoom asked for together, rendered by one statement. */
	readonly #batches = new TileBatcher();

	constructor(
		private readonly database: Database,
		cacheBytes: number
	) {
		this.#cache = cacheBytes > 0 ? new TileCache(cacheBytes) : null;
		this.#invalidation = new TileInvalidation(database, (change) => this.#drop(change));
	}

	/** Starts listening for changes; until it listens, tiles are rendered uncached. */
	start(): Promise<void> {
		return this.#invalidation.start();
	}

	async tile(params: { layer: string; z: string; x: string; y: string }): Promise<RenderedTile> {
		return this.tileFor(parseTileRequest(params));
	}

	/**
	 * The tile from memory, without waiting: undefined when it is not cached (or the cache is off, or
	 * not yet listening for changes), where `tileFor` renders it.
	 */
	cached({ layer, tile }: TileRequest): CachedTile | undefined {
		if (!this.#cache || !this.#invalidation.live) return undefined;
		return this.#cache.get(layer.name, tile);
	}

	async tileFor(request: TileRequest): Promise<RenderedTile> {
		const { layer, tile } = request;
		if (!this.#cache || !this.#invalidation.live) {
			void this.start();
			return { ...request, ...(await this.#render(request)) };
		}
		const cached = this.#cache.get(layer.name, tile);
		if (cached) return { ...request, bytes: cached.bytes, etag: cached.etag, gzip: cached.gzip };
		const key = `${layer.name}/${tile.z}/${tile.x}/${tile.y}`;
		let rendering = this.#rendering.get(key);
		if (!rendering) {
			rendering = this.#renderAndKeep(request).finally(() => {
				if (this.#rendering.get(key) === rendering) this.#rendering.delete(key);
			});
			this.#rendering.set(key, rendering);
		}
		return rendering;
	}

	/** A mark taken before a write: see `settle`. */
	get changesHeard(): number {
		return this.#invalidation.changesHeard;
	}

	/** Resolves once the tiles changed by writes committed so far are gone from every instance's cache. */
	settle(heardBefore: number): Promise<void> {
		return this.#invalidation.settle(heardBefore);
	}

	close(): Promise<void> {
		return this.#invalidation.close();
	}

	async #render(request: TileRequest) {
		const reader = await this.#reader();
		const tiles = this.database.tilesOn(reader);
		const bytes = await tileBytes(reader, this.database.backend, request, (layer, tile) => this.#batches.render(tiles, layer, tile));
		return { bytes, etag: etagOf(bytes) };
	}

	/**
	 * The read replica once it has replayed every tile change this instance has heard (so a tile it
	 * renders is as fresh as one from the primary, and cached under the same rule); the primary while
	 * it lags behind that, while no change notices are heard, and when there is no replica.
	 */
	async #reader(): Promise<Kysely<DB>> {
		const { database } = this;
		if (!database.hasReplica || !this.#invalidation.live) return database.db;
		return database.readsAfter(await this.#invalidation.walHeard());
	}

	async #renderAndKeep(request: TileRequest): Promise<RenderedTile> {
		const { layer, tile } = request;
		const since = this.#invalidation.epoch;
		const rendered = await this.#render(request);
		// a render that may have read rows changed meanwhile is served to its own request but not kept
		if (this.#invalidation.live && !this.#invalidation.changedSince(since, layer.name, tile)) {
			this.#cache?.set(layer.name, tile, rendered);
			void this.#compress(request, rendered);
		}
		return { ...request, ...rendered };
	}

	/**
	 * Compresses a cached tile once, off the request (zlib's thread pool), and keeps the result beside
	 * it: every later request for it is answered with stored bytes, never compressed again.
	 */
	async #compress({ layer, tile }: TileRequest, { bytes, etag }: { bytes: Uint8Array; etag: string }) {
		if (bytes.byteLength < GZIP_FROM_BYTES) return;
		try {
			const compressed = await gzip(bytes, { level: 6 });
			if (compressed.byteLength < bytes.byteLength) this.#cache?.addGzip(layer.name, tile, etag, compressed);
		} catch (err) {
			console.warn(`[pelak] could not compress tile ${layer.name}/${tile.z}/${tile.x}/${tile.y}: ${(err as Error).message}`);
		}
	}

	#drop({ layer, boxes }: Invalidation) {
		for (const key of this.#rendering.keys()) {
			if (layer === null || key.startsWith(`${layer}/`)) this.#rendering.delete(key);
		}
		if (!this.#cache) return;
		if (layer === null) this.#cache.clear();
		else this.#cache.evict(layer, boxes);
	}
}

const services = new WeakMap<Database, TileService>();

/** The one TileService of a database in this process. */
export function tileServiceOf(database: Database, cacheBytes: number): TileService {
	let service = services.get(database);
	if (!service) services.set(database, (service = new TileService(database, cacheBytes)));
	return service;
}

export function etagOf(bytes: Uint8Array): string {
	return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/**
 * The ETag header of a tile: weak, because one tile goes out in two encodings (as rendered, and
 * gzip once its cached copy is compressed) which are the same tile; so it stays the same for as
 * long as the tile is unchanged, whichever encoding a client got (as nginx does for what it gzips).
 */
export function etagHeader(etag: string): string {
	return `W/${etag}`;
}

/** True when an If-None-Match header (a list, weak or strong tags, or `*`) matches the tile's ETag (weak comparison). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === '*' || tag === etag);
}

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, without q=0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	return acceptEncoding.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

/**
 * The HTTP answer for a rendered tile: 304 when the client already has it, else the bytes (maybe
 * empty), the stored gzip form when there is one and the client accepts it. Nothing is computed here
 * beyond header strings: the ETag and the compressed bytes come with the tile.
 */
export function tileResponse(tile: RenderedTile, ifNoneMatch: string | null, acceptEncoding: string | null = null): Response {
	const compressed = tile.gzip && acceptsGzip(acceptEncoding) ? tile.gzip : null;
	const headers: Record<string, string> = {
		etag: etagHeader(tile.etag),
		'cache-control': TILE_CACHE_CONTROL,
		vary: 'accept-encoding'
	};
	if (etagMatches(ifNoneMatch, tile.etag)) return new Response(null, { status: 304, headers });
	const body = compressed ?? tile.bytes;
	headers['content-type'] = MVT_CONTENT_TYPE;
	headers['content-length'] = String(body.byteLength);
	if (compressed) headers['content-encoding'] = 'gzip';
	// MapLibre treats a zero-byte 200 as an empty tile; keeping 200 lets empty tiles revalidate like any other
	return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTileLayerName } from '../../map/tile-layers';
import { withSecurityHeaders, type HeaderPolicy } from '../security/headers';
import { tileLayer } from './layers';
import type { CachedTile } from './tile-cache';
import { parseTileCoord, type TileCoord } from './tile-coords';
import {
	acceptsGzip,
	etagHeader,
	etagMatches,
	MVT_CONTENT_TYPE,
	TILE_CACHE_CONTROL,
	type TileRequest,
	type TileService
} from './tile.service';

/**
 * Tiles straight on Node's request and response, beside SvelteKit (scripts/serve.js puts it in front
 * of adapter-node's handler). A tile is public, needs no session and no page, and is asked for
 * thousands of times a minute: SvelteKit's per-request work (a `Request` and a `Response` object, their
 * header maps, routing, the hooks, copying the body into the socket) costs more CPU than a cached tile
 * or a light rendered one. Here a plain `GET /tiles/<layer>/<z>/<x>/<y>.mvt` is answered from the same
 * `TileService` (same cache, same invalidation, same renders) with the same headers as the route
 * (src/routes/tiles/…/[y].mvt/+server.ts through hooks.server.ts), written with one `writeHead` and one
 * `end` of the stored bytes. Anything else — another method, a query string, a request body, an
 * unknown layer, a bad coordinate, a render that fails — is passed on (`next`) untouched, so SvelteKit
 * answers it exactly as before (errors in the reader's language included).
 */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Where the app's init leaves the fast path for the server script (scripts/serve.js) to find. */
export const TILE_FAST_PATH = Symbol.for('pelak.tiles.fastPath');

/** Only the canonical form; 16 digits as parseTileCoord allows, which rejects what is out of range. */
const TILE_URL = /^\/tiles\/([a-z_]{1,32})\/(\d{1,16})\/(\d{1,16})\/(\d{1,16})\.mvt$/;

/**
 * The security headers hooks.server.ts puts on a tile's answer (200 or 304), as a flat name/value
 * list: taken from `withSecurityHeaders` itself, so the two paths cannot drift apart.
 */
export function tileSecurityHeaders(policy: HeaderPolicy): string[] {
	const sample = withSecurityHeaders(new Response(null, { headers: { 'content-type': MVT_CONTENT_TYPE } }), policy);
	const flat: string[] = [];
	for (const [name, value] of sample.headers) if (name !== 'content-type') flat.push(name, value);
	return flat;
}

/** The tile a request asks for, or null when it is not a plain tile GET this path answers. */
export function plainTileRequest(req: IncomingMessage): TileRequest | null {
	if (req.method !== 'GET') return null;
	const match = TILE_URL.exec(req.url ?? '');
	if (!match || !isTileLayerName(match[1])) return null;
	// a GET announcing a body is unusual: SvelteKit's body limits see it
	if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) return null;
	let tile: TileCoord;
	try {
		tile = parseTileCoord({ z: match[2], x: match[3], y: match[4] });
	} catch {
		return null;
	}
	return { layer: tileLayer(match[1]), tile };
}

/**
 * Writes the tile as `tileResponse` does (same status, headers and body), plus `security`: 304 when
 * the client's ETag matches, else the stored gzip form when there is one and the client takes gzip,
 * else the bytes. One `writeHead` with a flat header list and one `end` of the kept buffer: no copy.
 */
export function sendTile(req: IncomingMessage, res: ServerResponse, tile: CachedTile, security: readonly string[]): void {
	const headers = [...security, 'etag', etagHeader(tile.etag), 'cache-control', TILE_CACHE_CONTROL, 'vary', 'accept-encoding'];
	const ifNoneMatch = req.headers['if-none-match'];
	if (etagMatches(ifNoneMatch ?? null, tile.etag)) {
		res.writeHead(304, headers);
		res.end();
		return;
	}
	const compressed = tile.gzip && acceptsGzip(req.headers['accept-encoding'] ?? null) ? tile.gzip : null;
	const body = compressed ?? tile.bytes;
	headers.push('content-type', MVT_CONTENT_TYPE, 'content-length', String(body.byteLength));
	if (compressed) headers.push('content-encoding', 'gzip');
	res.writeHead(200, headers);
	res.end(body);
}

/** A cached tile's three answers' header lists, made on its first hit: later hits only pick one. */
interface PreparedAnswers {
	notModified: string[];
	identity: string[];
	gzip: string[] | null;
}

function prepareAnswers(tile: CachedTile, security: readonly string[]): PreparedAnswers {
	const common = [...security, 'etag', etagHeader(tile.etag), 'cache-control', TILE_CACHE_CONTROL, 'vary', 'accept-encoding'];
	const typed = (body: Uint8Array) => [...common, 'content-type', MVT_CONTENT_TYPE, 'content-length', String(body.byteLength)];
	return {
		notModified: common,
		identity: typed(tile.bytes),
		gzip: tile.gzip ? [...typed(tile.gzip), 'content-encoding', 'gzip'] : null
	};
}

/**
 * The fast path over an instance's tile service. `policy` is the one hooks.server.ts applies; its
 * `https` comes from ORIGIN there too (adapter-node takes the request's protocol from it).
 *
 * A tile from the cache is answered without waiting on anything: its header lists are made once per
 * cached entry (kept beside it until the entry is evicted or replaced, e.g. by its gzip form), and
 * a browser's Accept-Encoding (the same string on every request) is parsed once.
 */
export function tileFastPath(service: TileService, policy: HeaderPolicy): NodeMiddleware {
	const security = tileSecurityHeaders(policy);
	const prepared = new WeakMap<CachedTile, PreparedAnswers>();
	let lastAcceptEncoding: string | undefined;
	let lastAcceptsGzip = false;
	const sendCached = (req: IncomingMessage, res: ServerResponse, tile: CachedTile) => {
		let answers = prepared.get(tile);
		if (!answers) prepared.set(tile, (answers = prepareAnswers(tile, security)));
		const ifNoneMatch = req.headers['if-none-match'];
		if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, tile.etag)) {
			res.writeHead(304, answers.notModified);
			res.end();
			return;
		}
		const acceptEncoding = req.headers['accept-encoding'];
		if (acceptEncoding !== lastAcceptEncoding) {
			lastAcceptEncoding = acceptEncoding;
			lastAcceptsGzip = acceptsGzip(acceptEncoding ?? null);
		}
		if (answers.gzip && lastAcceptsGzip) {
			res.writeHead(200, answers.gzip);
			res.end(tile.gzip);
		} else {
			res.writeHead(200, answers.identity);
			res.end(tile.bytes);
		}
	};
	/** A request the fast path failed on goes to SvelteKit, which answers it as the route does (logged, in the reader's language). */
	const handOver = (res: ServerResponse, next: () => void) => {
		if (res.destroyed) return;
		if (!res.headersSent) next();
		else res.destroy();
	};
	return (req, res, next) => {
		const request = plainTileRequest(req);
		if (!request) return next();
		try {
			const cached = service.cached(request);
			if (cached) return sendCached(req, res, cached);
		} catch {
			return handOver(res, next);
		}
		service
			.tileFor(request)
			.then((tile) => {
				if (!res.destroyed) sendTile(req, res, tile, security);
			})
			.catch(() => handOver(res, next));
	};
}

/**
 * Called from the app's init: leaves the fast path on globalThis for scripts/serve.js. Only with
 * ORIGIN set (as `npm start` sets it): without it adapter-node takes the protocol from each request's
 * headers, and then every tile goes through SvelteKit as before.
 */
export function registerTileFastPath(service: TileService, extraOrigins: string[], origin = process.env.ORIGIN): void {
	let https: boolean;
	try {
		if (!origin) return;
		https = new URL(origin.trim()).protocol === 'https:';
	} catch {
		return;
	}
	(globalThis as Record<symbol, unknown>)[TILE_FAST_PATH] = tileFastPath(service, { https, extraOrigins });
}

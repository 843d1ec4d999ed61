/**
 * The tile part of `npm run bench` (gis/bench.ts runs it). For every layer at every zoom the map
 * asks it for (its minzoom, from z8, to z16, where the map's sources stop and over-zoom), over the
 * distinct tiles holding the sample points, side by side:
 *
 * - bare: the `ST_AsMVT` of the same rows with the fields the map needs at that zoom, on the same
 *   database (`tileBytes()`: since open cases are a column, this is the endpoint's statement), sent as
 *   a one-off statement (parsed and planned on every run, as a plain query is): the reference of the
 *   ratios; and beside it the same statement prepared once per connection, as the endpoint sends it
 *   (src/lib/server/db/prepared.ts), whose ratio is noted too;
 * - HTTP, no cache: the endpoint of a server started with PELAK_TILE_CACHE_MB=0, every tile rendered
 *   by the database (target ≥ 0.9× bare), asked with Node's HTTP client and with a lean one
 *   (gis/bench-http-client.ts): the bench's client shares the 2 cores with the server and the database,
 *   and Node's costs more CPU per light tile than the server spends on it;
 * - HTTP, cached: the endpoint of a server with its tile cache, after `measure`'s warm-up pass, asked
 *   as a browser asks (`Accept-Encoding: gzip`: the cache's stored compressed form; sizes are on the wire);
 * - with C clients (gis/bench-native.ts), where pgbench and wrk are installed: the bare statement by pgbench
 *   against the endpoint without the cache by wrk, at the rows' concurrency and at a map view's, so that
 *   neither side's figure is the bench's own Node process.
 *
 * Each server first answers z16 tiles of every layer (not measured), so that no row measures a cold server.
 * Then the heaviest tile asked for over and over (target ≥ 2,000/s), compressed and not, and through SvelteKit
 * rather than the tile fast path (a query string), and revalidated (304), and the tiles' sizes against the budget.
 */
import { TILE_LAYER_NAMES, TILE_LAYERS } from '../src/lib/map/tile-layers';
import { tileLayer, type TileLayerName } from '../src/lib/server/tiles/layers';
import { tileAt, type TileCoord } from '../src/lib/server/tiles/tile-coords';
import { cpuMillis, LeanHttpClient } from './bench-http-client';
import { bareStatementText, combinedRuns, pgbenchRun, wrkRun, type NativeClients, type NativeRun } from './bench-native';
import type { Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';

interface Row {
	/** Requests measured (the warm-up pass before them not counted). */
	n: number;
	perSecond: number;
	avgBytes: number | null;
	note?: string;
}
type Variant = [via: string, fn: (i: number) => Promise<number>];

export interface TileBenchContext {
	measure(what: string, variants: Variant[], distinct: number, inFlight?: number, requests?: number): Promise<(Row | null)[]>;
	httpGet(pathAndQuery: string, headers?: Record<string, string>, port?: number): Promise<number>;
	notes: string[];
	/** Requests per row (BENCH_REQUESTS); the one-tile rows make ten times as many. */
	requests: number;
	/** Requests in flight in every row (BENCH_CONCURRENCY). */
	concurrency: number;
	/** A row measured outside `measure` (the C clients'). */
	record(what: string, via: string, run: NativeRun, note: string): void;
}

export interface TileBenchOptions {
	/** The bare tile of a layer as a one-off statement; the bytes' length. */
	bare?: (layer: TileLayerName, tile: TileCoord) => Promise<number>;
	/** The same, prepared once per connection as the endpoint's. */
	barePrepared?: (layer: TileLayerName, tile: TileCoord) => Promise<number>;
	/** Ports of a server without the tile cache and of one with it. */
	uncachedPort?: number;
	cachedPort?: number;
	/** Their process ids: each row notes the server's own CPU time per tile (`cpuMillis`). */
	uncachedPid?: number;
	cachedPid?: number;
	rows?: TileRow[];
	label?: string;
	/** Tiles/s per row and variant of an earlier call (the embedded backend measures one variant at a time). */
	earlier?: TileFigures;
	/**
	 * The same tiles with C clients (gis/bench-native.ts): pgbench on the bare statement against wrk on
	 * the server without the cache, at the rows' concurrency and at a map view's.
	 */
	native?: { clients: NativeClients; databaseUrl: string; db: Kysely<DB>; seconds: number };
}

export interface TileRow {
	layer: TileLayerName;
	z: number;
}

/** row key (layer/z) → variant → tiles/s */
export type TileFigures = Map<string, Map<string, number>>;

/** Where the map's sources stop asking and over-zoom (style.ts). */
const MAP_MAX_ZOOM = 16;
/** Below this the sample city lies in one or two tiles of every layer, as at z8. */
const FROM_ZOOM = 8;
/**
 * The heaviest tiles the map asks for: a z15 parcel tile of the 1M city's core, and a z13 excavations
 * tile (the layer's first zoom, where it carries only current works by status).
 */
const BUDGETS: { layer: TileLayerName; z: number; bytes: number }[] = [
	{ layer: 'parcels', z: 15, bytes: 250 * 1024 },
	{ layer: 'excavations', z: 13, bytes: 250 * 1024 }
];
const TARGET_RATIO = 0.9;
const TARGET_REPEATED_PER_SECOND = 2000;
const BARE = 'bare ST_AsMVT';
const BARE_PREPARED = 'bare ST_AsMVT, prepared';
const UNCACHED = 'HTTP, no cache';
/** The same requests from a client that only counts the bytes (`LeanHttpClient`): Node's own costs more CPU per light tile than the server. */
const UNCACHED_LEAN = 'HTTP, no cache, lean client';
const CACHED = 'HTTP, cached';
/** A map opening or moving asks for a dozen or more tiles of each layer at once (HTTP/2, or six connections a host). */
const MAP_VIEW_IN_FLIGHT = 16;
/** Rounds of each C client per row, alternating (each BENCH_NATIVE_SECONDS / NATIVE_ROUNDS long, 1 s at least). */
const NATIVE_ROUNDS = 2;
const NATIVE_BARE = 'bare ST_AsMVT, pgbench';
const NATIVE_BARE_PREPARED = 'bare ST_AsMVT, prepared, pgbench';
const nativeHttp = (inFlight: number) => `HTTP, no cache, wrk, ${inFlight} in flight`;
const byPgbench = (via: string) => (via.includes('wrk') ? ' run by pgbench' : '');

/**
 * BENCH_TILES=key: the z14 blocks and z15/z16 parcel rows only; a list such as `districts/16,parcels/15`:
 * those rows; otherwise every layer at every zoom.
 */
export function tileRows(which = process.env.BENCH_TILES ?? 'all'): TileRow[] {
	if (which === 'key') return [{ layer: 'blocks', z: 14 }, { layer: 'parcels', z: 15 }, { layer: 'parcels', z: 16 }];
	if (which.includes('/')) {
		return which.split(',').map((row) => {
			const [layer, z] = row.trim().split('/');
			if (!(TILE_LAYER_NAMES as readonly string[]).includes(layer) || !/^\d+$/.test(z ?? '')) {
				throw new Error(`BENCH_TILES: "${row}" is not <layer>/<zoom> with a layer of ${TILE_LAYER_NAMES.join(', ')}`);
			}
			return { layer: layer as TileLayerName, z: Number(z) };
		});
	}
	return TILE_LAYER_NAMES.flatMap((layer) => {
		const { minZoom, maxZoom } = TILE_LAYERS[layer];
		const rows: TileRow[] = [];
		for (let z = Math.max(minZoom, FROM_ZOOM); z <= Math.min(MAP_MAX_ZOOM, maxZoom); z++) rows.push({ layer, z });
		return rows;
	});
}

export function tilesFor(points: { lon: number; lat: number }[], z: number): TileCoord[] {
	const seen = new Map<string, TileCoord>();
	for (const p of points) {
		const t = tileAt(p.lon, p.lat, z);
		seen.set(`${t.x}/${t.y}`, t);
	}
	return [...seen.values()];
}

/** What a browser (MapLibre's fetch) sends: the cached server answers with the tile's stored gzip form. */
const GZIP = { 'accept-encoding': 'gzip' };

const url = (layer: string, { z, x, y }: TileCoord) => `/tiles/${layer}/${z}/${x}/${y}.mvt`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchTiles(points: { lon: number; lat: number }[], ctx: TileBenchContext, opts: TileBenchOptions): Promise<TileFigures> {
	const { label = '', earlier = new Map<string, Map<string, number>>() } = opts;
	const figures: TileFigures = new Map();
	const below = new Map<string, string[]>([[UNCACHED, []], [UNCACHED_LEAN, []]]);
	const inFlights = [...new Set([ctx.concurrency, MAP_VIEW_IN_FLIGHT])];
	if (opts.native && opts.uncachedPort) for (const inFlight of inFlights) below.set(nativeHttp(inFlight), []);
	const lean = opts.uncachedPort ? new LeanHttpClient(opts.uncachedPort) : null;
	try {
		await warmUp(points, [opts.uncachedPort, opts.cachedPort], ctx.concurrency);
		for (const { layer, z } of opts.rows ?? tileRows()) {
			const tiles = tilesFor(points, z);
			const pick = (i: number) => tiles[i % tiles.length];
			let largest = 0;
			const variants: Variant[] = [];
			if (opts.bare) {
				const bare = opts.bare;
				variants.push([BARE, async (i) => {
					const size = await bare(layer, pick(i));
					largest = Math.max(largest, size);
					return size;
				}]);
			}
			if (opts.barePrepared) {
				const barePrepared = opts.barePrepared;
				variants.push([BARE_PREPARED, (i) => barePrepared(layer, pick(i))]);
			}
			if (opts.uncachedPort) variants.push([UNCACHED, (i) => ctx.httpGet(url(layer, pick(i)), {}, opts.uncachedPort)]);
			if (lean) variants.push([UNCACHED_LEAN, (i) => lean.get(url(layer, pick(i)))]);
			if (opts.cachedPort) {
				// every distinct tile once, so that the cached figures are all from memory (and compressed)
				for (const tile of tiles) await ctx.httpGet(url(layer, tile), {}, opts.cachedPort);
				await new Promise((r) => setTimeout(r, 200));
				variants.push([CACHED, (i) => ctx.httpGet(url(layer, pick(i)), GZIP, opts.cachedPort)]);
			}
			// each server is asked only by its own variants while the row runs (the server without the cache by
			// both clients): its CPU time over their requests, warm-up passes included, is theirs
			const servers = [
				{ pid: opts.uncachedPid, vias: [UNCACHED, UNCACHED_LEAN] },
				{ pid: opts.cachedPid, vias: [CACHED] }
			].map((server) => ({ ...server, before: cpuMillis(server.pid) }));
			const measured = await ctx.measure(`tile ${layer} z${z}${label} (${tiles.length} tiles)`, variants, tiles.length);
			const serverCpu = new Map<string, number>();
			for (const { pid, vias, before } of servers) {
				const after = cpuMillis(pid);
				const rows = vias.map((via) => measured[variants.findIndex(([name]) => name === via)]).filter((row) => row);
				if (after === null || before === null || !rows.length) continue;
				const requests = rows.reduce((sum, row) => sum + row!.n + Math.min(tiles.length, 50), 0);
				for (const via of vias) serverCpu.set(via, ((after - before) * 1000) / requests);
			}

			const key = `${layer}/${z}`;
			const perVariant = new Map<string, number>(earlier.get(key));
			variants.forEach(([via], v) => measured[v] && perVariant.set(via, measured[v]!.perSecond));
			figures.set(key, perVariant);
			const bare = perVariant.get(BARE);
			const barePrepared = perVariant.get(BARE_PREPARED);
			variants.forEach(([via], v) => {
				const row = measured[v];
				if (!row) return;
				if (via === BARE) row.note = `largest ${kb(largest)}`;
				else if (bare) row.note = `${(row.perSecond / bare).toFixed(2)}× bare${earlier.has(key) ? ' (measured apart)' : ''}`;
				if (via !== BARE && via !== BARE_PREPARED && barePrepared) row.note += `, ${(row.perSecond / barePrepared).toFixed(2)}× prepared`;
				const cpu = serverCpu.get(via);
				if (cpu !== undefined) row.note = `${row.note ? `${row.note}; ` : ''}server ${cpu.toFixed(0)} µs CPU/tile`;
				if (below.has(via) && bare && row.perSecond / bare < TARGET_RATIO) below.get(via)!.push(`${layer} z${z} ${(row.perSecond / bare).toFixed(2)}×`);
			});
			if (opts.native && opts.uncachedPort) {
				try {
					nativeRows(ctx, opts.native, opts.uncachedPort, { layer, z, label, tiles, inFlights, below });
				} catch (err) {
					ctx.notes.push(`tile ${layer} z${z}${label}: the C clients' rows failed: ${(err as Error).message}`);
				}
			}
			const budget = BUDGETS.find((b) => b.layer === layer && b.z === z);
			if (budget && largest) {
				const avg = measured[0]?.avgBytes ?? 0;
				ctx.notes.push(`size budget${label}: ${layer} z${z} largest tile ${kb(largest)}, average ${kb(avg)}: ${largest <= budget.bytes ? 'within' : 'OVER'} ${kb(budget.bytes)}`);
			}
		}
		if (opts.uncachedPort && [...figures.values()].some((f) => f.has(BARE))) {
			for (const [via, rows] of below) {
				ctx.notes.push(
					rows.length
						? `tile rows${label} whose endpoint without cache (${via}) is below ${TARGET_RATIO}× the bare ST_AsMVT${byPgbench(via)}: ${rows.join(', ')}`
						: `every tile row${label} through the endpoint without cache (${via}) is at least ${TARGET_RATIO}× the bare ST_AsMVT${byPgbench(via)}`
				);
			}
		}
	} finally {
		lean?.close();
	}
	if (opts.cachedPort) await benchOneTile(points, ctx, opts.cachedPort, label, opts.cachedPid);
	return figures;
}

/** Requests each server answers before the first row (V8 compiles the code that runs often, as on a server up a while), within a time cap. */
const WARM_UP_REQUESTS = 3000;
const WARM_UP_MS = 10_000;

/** z16 tiles of every layer, asked of each server (not measured), so that no row measures a cold server. */
async function warmUp(points: { lon: number; lat: number }[], ports: (number | undefined)[], inFlight: number) {
	const paths = TILE_LAYER_NAMES.flatMap((layer) => tilesFor(points, MAP_MAX_ZOOM).map((tile) => url(layer, tile)));
	for (const port of ports) {
		if (!port) continue;
		const client = new LeanHttpClient(port);
		let next = 0;
		const until = Date.now() + WARM_UP_MS;
		try {
			await Promise.all(
				Array.from({ length: inFlight }, async () => {
					while (next < WARM_UP_REQUESTS && Date.now() < until) await client.get(paths[next++ % paths.length]);
				})
			);
		} finally {
			client.close();
		}
	}
}

/**
 * The row's tiles with C clients: the bare statement by pgbench (one-off, and prepared) against the
 * endpoint without the cache by wrk, at each number in flight; the endpoint's ratios to both.
 */
function nativeRows(
	ctx: TileBenchContext,
	native: NonNullable<TileBenchOptions['native']>,
	port: number,
	{ layer, z, label, tiles, inFlights, below }: { layer: TileLayerName; z: number; label: string; tiles: TileCoord[]; inFlights: number[]; below: Map<string, string[]> }
) {
	const { pgbench, wrk } = native.clients;
	const statements = tiles.map((tile) => bareStatementText(native.db, tileLayer(layer), tile));
	const paths = tiles.map((tile) => url(layer, tile));
	for (const inFlight of inFlights) {
		const row = `tile ${layer} z${z}${label} (${tiles.length} tiles), ${inFlight} in flight`;
		// in alternating rounds, as the Node client's variants: a drifting machine load hits all three alike
		const runs = { bare: [] as NativeRun[], prepared: [] as NativeRun[], endpoint: [] as NativeRun[] };
		const seconds = Math.max(1, Math.round(native.seconds / NATIVE_ROUNDS));
		for (let round = 0; round < NATIVE_ROUNDS; round++) {
			runs.bare.push(pgbenchRun(pgbench, native.databaseUrl, statements, inFlight, seconds, 'simple'));
			runs.prepared.push(pgbenchRun(pgbench, native.databaseUrl, statements, inFlight, seconds, 'prepared'));
			runs.endpoint.push(wrkRun(wrk, port, paths, inFlight, seconds));
		}
		const [bare, prepared, endpoint] = [runs.bare, runs.prepared, runs.endpoint].map(combinedRuns);
		const ratio = (run: NativeRun, to: NativeRun) => (run.perSecond / to.perSecond).toFixed(2);
		ctx.record(row, NATIVE_BARE, bare, 'latencies: the average');
		ctx.record(row, NATIVE_BARE_PREPARED, prepared, `${ratio(prepared, bare)}× bare`);
		ctx.record(row, nativeHttp(inFlight), endpoint, `${ratio(endpoint, bare)}× bare, ${ratio(endpoint, prepared)}× prepared`);
		if (endpoint.perSecond / bare.perSecond < TARGET_RATIO) below.get(nativeHttp(inFlight))?.push(`${layer} z${z} ${ratio(endpoint, bare)}×`);
	}
}

/**
 * The heaviest tile the map asks for (z15 parcels at the first sample point, the core), again and again:
 * with Node's HTTP client as every other row, with a lean one (`LeanHttpClient`: the bench's client
 * shares the 2 cores with the server, and Node's costs more per cached tile than the server does), and
 * then the server's own CPU time per tile, whatever the client.
 */
async function benchOneTile(points: { lon: number; lat: number }[], ctx: TileBenchContext, port: number, label: string, pid?: number) {
	const path = url('parcels', tileAt(points[0].lon, points[0].lat, 15));
	const requests = 10 * ctx.requests;
	const lean = new LeanHttpClient(port);
	try {
		const [repeated, leanRepeated, identity, viaKit] = await ctx.measure(
			`tile parcels z15${label}, one tile repeated`,
			[
				[`${CACHED}, gzip`, () => ctx.httpGet(path, GZIP, port)],
				[`${CACHED}, gzip, lean client`, () => lean.get(path, GZIP)],
				[`${CACHED}, uncompressed`, () => ctx.httpGet(path, {}, port)],
				// a query string takes the request past the fast path, through SvelteKit to the same cache
				[`${CACHED}, gzip, through SvelteKit`, () => ctx.httpGet(`${path}?via=sveltekit`, GZIP, port)]
			],
			1,
			undefined,
			requests
		);
		if (repeated) repeated.note = `target ≥ ${TARGET_REPEATED_PER_SECOND}/s`;
		if (leanRepeated) leanRepeated.note = `target ≥ ${TARGET_REPEATED_PER_SECOND}/s; the same requests, a client that only counts the bytes`;
		if (identity) identity.note = 'a client sending no Accept-Encoding';
		if (viaKit && repeated) viaKit.note = `the fast path (npm start) is ${(repeated.perSecond / viaKit.perSecond).toFixed(2)}× this`;
		const res = await fetch(`http://127.0.0.1:${port}${path}`);
		await res.arrayBuffer();
		const etag = res.headers.get('etag') ?? '';
		await ctx.measure(`tile parcels z15${label}, one tile revalidated (304)`, [[CACHED, () => ctx.httpGet(path, { ...GZIP, 'if-none-match': etag }, port)]], 1, undefined, requests);
		// the server alone: its CPU time over a row of the lean client's requests
		const before = cpuMillis(pid);
		const [alone] = await ctx.measure(`tile parcels z15${label}, one tile repeated, server CPU`, [[`${CACHED}, gzip, lean client`, () => lean.get(path, GZIP)]], 1, undefined, requests);
		const after = cpuMillis(pid);
		if (alone && before !== null && after !== null) {
			const perTile = ((after - before) * 1000) / (alone.n + 1);
			alone.note = `server ${perTile.toFixed(0)} µs CPU/tile: ${Math.floor(1e6 / perTile)} tiles/s per core of the server's own`;
			ctx.notes.push(
				`one repeated z15 parcel tile${label}: the server spends ${perTile.toFixed(0)} µs of CPU on each (${Math.floor(1e6 / perTile)}/s per core); ` +
					`the rest of each request's cost is the client's and the kernel's on the same 2 cores`
			);
		}
	} finally {
		lean.close();
	}
}

import { TILE_BUFFER, TILE_EXTENT, tileBounds, type TileCoord } from './tile-coords';

/** A changed area in EPSG:3857 metres: [xmin, ymin, xmax, ymax]. */
export type MercatorBox = readonly [number, number, number, number];

/**
 * Added around a changed box before deciding which tiles it touches. A tile's features are found by
 * `geom_3857 && envelope` on the GiST index, whose boxes are single precision rounded outwards:
 * at Web Mercator coordinates (|v| < 2·10⁷ m) that is under 2 m.
 */
const BOX_SLACK_M = 2;

/** Counted for every cached tile besides its bytes (key, ETag, bookkeeping), so empty tiles are not free. */
const ENTRY_OVERHEAD_BYTES = 256;

const HALF_WORLD = 20037508.342789244;

/**
 * The tiles at zoom z whose buffered square (the area a tile's features are fetched from: the tile
 * and TILE_BUFFER units around it) touches the box, as index ranges (inclusive, clamped to the world).
 */
export function tilesTouchedAt(z: number, box: MercatorBox) {
	const size = (2 * HALF_WORLD) / 2 ** z;
	const margin = (size * TILE_BUFFER) / TILE_EXTENT + BOX_SLACK_M;
	const last = 2 ** z - 1;
	const clamp = (v: number) => Math.min(Math.max(v, 0), last);
	return {
		x0: clamp(Math.ceil((box[0] - margin + HALF_WORLD) / size) - 1),
		x1: clamp(Math.floor((box[2] + margin + HALF_WORLD) / size)),
		y0: clamp(Math.ceil((HALF_WORLD - (box[3] + margin)) / size) - 1),
		y1: clamp(Math.floor((HALF_WORLD - (box[1] - margin)) / size))
	};
}

/** True when a change in the box can alter the tile. */
export function tileTouches(tile: TileCoord, box: MercatorBox): boolean {
	const { xmin, ymin, xmax, ymax, size } = tileBounds(tile);
	const margin = (size * TILE_BUFFER) / TILE_EXTENT + BOX_SLACK_M;
	return box[0] <= xmax + margin && box[2] >= xmin - margin && box[1] <= ymax + margin && box[3] >= ymin - margin;
}

export interface CachedTile {
	bytes: Uint8Array;
	etag: string;
	/** The bytes gzip-compressed, once compressed (added by `addGzip`); served to clients that accept gzip. */
	gzip?: Uint8Array;
}

interface Entry extends CachedTile {
	layer: string;
	tile: TileCoord;
	cost: number;
}

/**
 * Rendered tiles in memory, least recently used dropped first once they take more than `maxBytes`.
 * Keyed by layer/z/x/y and indexed by layer and zoom, so a change evicts exactly the tiles its boxes
 * touch at every zoom, probing their keys or scanning that zoom's entries, whichever is fewer.
 */
export class TileCache {
	/** In use order: the first is the least recently used. */
	readonly #entries = new Map<string, Entry>();
	/** layer → zoom → keys */
	readonly #index = new Map<string, Map<number, Set<string>>>();
	#bytes = 0;

	constructor(readonly maxBytes: number) {}

	get bytes(): number {
		return this.#bytes;
	}

	get size(): number {
		return this.#entries.size;
	}

	get(layer: string, tile: TileCoord): CachedTile | undefined {
		const key = keyOf(layer, tile);
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry;
	}

	set(layer: string, tile: TileCoord, value: CachedTile): void {
		const key = keyOf(layer, tile);
		const cost = value.bytes.byteLength + (value.gzip?.byteLength ?? 0) + ENTRY_OVERHEAD_BYTES;
		if (cost > this.maxBytes) return;
		this.#remove(key);
		this.#entries.set(key, { bytes: value.bytes, etag: value.etag, gzip: value.gzip, layer, tile, cost });
		this.#bytes += cost;
		let zooms = this.#index.get(layer);
		if (!zooms) this.#index.set(layer, (zooms = new Map()));
		let keys = zooms.get(tile.z);
		if (!keys) zooms.set(tile.z, (keys = new Set()));
		keys.add(key);
		for (const oldest of this.#entries.keys()) {
			if (this.#bytes <= this.maxBytes) break;
			this.#remove(oldest);
		}
	}

	/**
	 * Adds the compressed bytes to the tile kept under `etag`; nothing if it is gone or was replaced
	 * meanwhile (compression runs after the tile is cached). Returns whether it was added.
	 */
	addGzip(layer: string, tile: TileCoord, etag: string, gzip: Uint8Array): boolean {
		const entry = this.#entries.get(keyOf(layer, tile));
		if (!entry || entry.etag !== etag || entry.gzip || entry.cost + gzip.byteLength > this.maxBytes) return false;
		this.set(layer, tile, { bytes: entry.bytes, etag, gzip });
		return true;
	}

	/** Drops the layer's tiles that the boxes touch, at every zoom; `null` boxes: all of the layer's. Returns how many. */
	evict(layer: string, boxes: readonly MercatorBox[] | null): number {
		const zooms = this.#index.get(layer);
		if (!zooms) return 0;
		const doomed: string[] = [];
		for (const [z, keys] of zooms) {
			if (boxes === null) {
				doomed.push(...keys);
				continue;
			}
			for (const box of boxes) {
				const { x0, x1, y0, y1 } = tilesTouchedAt(z, box);
				if ((x1 - x0 + 1) * (y1 - y0 + 1) <= keys.size) {
					for (let x = x0; x <= x1; x++) {
						for (let y = y0; y <= y1; y++) {
							const key = keyOf(layer, { z, x, y });
							if (keys.has(key)) doomed.push(key);
						}
					}
				} else {
					for (const key of keys) {
						const { tile } = this.#entries.get(key)!;
						if (tile.x >= x0 && tile.x <= x1 && tile.y >= y0 && tile.y <= y1) doomed.push(key);
					}
				}
			}
		}
		let evicted = 0;
		for (const key of doomed) if (this.#remove(key)) evicted++;
		return evicted;
	}

	clear(): void {
		this.#entries.clear();
		this.#index.clear();
		this.#bytes = 0;
	}

	#remove(key: string): boolean {
		const entry = this.#entries.get(key);
		if (!entry) return false;
		this.#entries.delete(key);
		this.#bytes -= entry.cost;
		const zooms = this.#index.get(entry.layer)!;
		const keys = zooms.get(entry.tile.z)!;
		keys.delete(key);
		if (!keys.size) zooms.delete(entry.tile.z);
		if (!zooms.size) this.#index.delete(entry.layer);
		return true;
	}
}

function keyOf(layer: string, { z, x, y }: TileCoord): string {
	return `${layer}/${z}/${x}/${y}`;
}

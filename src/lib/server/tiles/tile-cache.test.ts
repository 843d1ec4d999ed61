import { describe, expect, it } from 'vitest';
import { TileCache, tilesTouchedAt, tileTouches, type MercatorBox } from './tile-cache';
import { tileAt, tileBounds, TILE_BUFFER, TILE_EXTENT, type TileCoord } from './tile-coords';

const tile = (bytes: number, etag = `"${bytes}"`) => ({ bytes: new Uint8Array(bytes), etag });

/** A 20 m parcel in Isfahan's historic core, in EPSG:3857 metres, and the tile holding it at z. */
const PARCEL: MercatorBox = [5752400, 3849700, 5752420, 3849720];
const LON = (5752410 / 20037508.342789244) * 180;
const LAT = (Math.atan(Math.exp((3849710 / 20037508.342789244) * Math.PI)) * 360) / Math.PI - 90;
const holding = (z: number) => tileAt(LON, LAT, z);

describe('TileCache', () => {
	it('keeps tiles within its byte budget, dropping the least recently used first', () => {
		const cache = new TileCache(3 * (1000 + 256));
		for (const x of [0, 1, 2]) cache.set('parcels', { z: 16, x, y: 0 }, tile(1000));
		expect(cache.get('parcels', { z: 16, x: 0, y: 0 })).toBeDefined(); // now the most recently used
		cache.set('parcels', { z: 16, x: 3, y: 0 }, tile(1000));
		expect(cache.size).toBe(3);
		expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
		expect(cache.get('parcels', { z: 16, x: 1, y: 0 })).toBeUndefined();
		expect(cache.get('parcels', { z: 16, x: 0, y: 0 })?.etag).toBe('"1000"');
	});

	it('adds a compressed form to the tile it was made from, counted in the budget, and to no other', () => {
		const cache = new TileCache(10_000);
		const at = { z: 16, x: 1, y: 1 };
		cache.set('parcels', at, tile(1000, '"a"'));
		expect(cache.addGzip('parcels', at, '"b"', new Uint8Array(300))).toBe(false); // replaced meanwhile
		expect(cache.addGzip('parcels', { z: 16, x: 2, y: 1 }, '"a"', new Uint8Array(300))).toBe(false); // evicted meanwhile
		expect(cache.addGzip('parcels', at, '"a"', new Uint8Array(300))).toBe(true);
		expect(cache.get('parcels', at)?.gzip?.byteLength).toBe(300);
		expect(cache.bytes).toBe(1000 + 300 + 256);
		expect(cache.addGzip('parcels', at, '"a"', new Uint8Array(200))).toBe(false); // once
	});

	it('counts empty tiles too, so endless empty tiles cannot fill memory', () => {
		const cache = new TileCache(10 * 256);
		for (let x = 0; x < 100; x++) cache.set('districts', { z: 18, x, y: 0 }, tile(0));
		expect(cache.size).toBe(10);
	});

	it('does not keep a tile larger than the whole budget', () => {
		const cache = new TileCache(1000);
		cache.set('parcels', { z: 15, x: 0, y: 0 }, tile(5000));
		expect(cache.size).toBe(0);
		expect(cache.bytes).toBe(0);
	});

	it('evicts the tiles a changed box touches at every zoom, and no others', () => {
		const cache = new TileCache(64 * 2 ** 20);
		const inside: TileCoord[] = [];
		for (let z = 0; z <= 22; z++) {
			const t = holding(z);
			inside.push(t);
			cache.set('parcels', t, tile(10));
			// four tiles east: out of reach of the 20 m box and of the tile buffer even at z22 (~10 m tiles)
			if (z >= 5) cache.set('parcels', { z, x: t.x + 4, y: t.y }, tile(10));
		}
		cache.set('zoning', holding(16), tile(10));
		expect(cache.evict('parcels', [PARCEL])).toBe(23);
		for (const t of inside) expect(cache.get('parcels', t), `z${t.z}`).toBeUndefined();
		for (let z = 5; z <= 22; z++) expect(cache.get('parcels', { z, x: holding(z).x + 4, y: holding(z).y }), `z${z}`).toBeDefined();
		expect(cache.get('zoning', holding(16))).toBeDefined();
	});

	it('evicts a neighbour whose buffer reaches the change, since its tile carries the feature too', () => {
		const z = 18;
		const t = holding(z);
		const east = { z, x: t.x + 1, y: t.y };
		const { xmin, size } = tileBounds(east);
		const buffer = (size * TILE_BUFFER) / TILE_EXTENT;
		const cache = new TileCache(2 ** 20);
		cache.set('parcels', east, tile(10));
		// a box ending 3 m short of the neighbour's buffer (beyond the 2 m slack) leaves it
		expect(cache.evict('parcels', [[xmin - buffer - 10, PARCEL[1], xmin - buffer - 3, PARCEL[3]]])).toBe(0);
		// a box reaching into the buffer evicts it
		expect(cache.evict('parcels', [[xmin - buffer - 10, PARCEL[1], xmin - buffer / 2, PARCEL[3]]])).toBe(1);
	});

	it('evicts the whole layer for a change without boxes, and only that layer', () => {
		const cache = new TileCache(2 ** 20);
		cache.set('zoning', { z: 12, x: 1, y: 1 }, tile(10));
		cache.set('zoning', { z: 16, x: 9, y: 9 }, tile(10));
		cache.set('parcels', { z: 16, x: 9, y: 9 }, tile(10));
		expect(cache.evict('zoning', null)).toBe(2);
		expect(cache.size).toBe(1);
	});

	it('finds by scanning what it would find by probing, for a box wider than the cached tiles', () => {
		const cache = new TileCache(2 ** 20);
		const z = 20;
		const t = holding(z);
		cache.set('parcels', t, tile(10));
		cache.set('parcels', { z, x: t.x + 500, y: t.y }, tile(10));
		// a 1 km box: thousands of z20 tiles, two cached, one of them touched
		expect(cache.evict('parcels', [[PARCEL[0] - 500, PARCEL[1] - 500, PARCEL[2] + 500, PARCEL[3] + 500]])).toBe(1);
		expect(cache.get('parcels', { z, x: t.x + 500, y: t.y })).toBeDefined();
	});
});

describe('tilesTouchedAt and tileTouches', () => {
	it('agree on every tile around a box, at every zoom', () => {
		const boxes: MercatorBox[] = [PARCEL, [5751000, 3848000, 5754000, 3851000], [-100, -100, 100, 100]];
		for (const box of boxes) {
			for (let z = 0; z <= 22; z++) {
				const { x0, x1, y0, y1 } = tilesTouchedAt(z, box);
				for (let x = x0 - 2; x <= x1 + 2; x++) {
					for (let y = y0 - 2; y <= y1 + 2; y++) {
						if (x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) continue;
						const inRange = x >= x0 && x <= x1 && y >= y0 && y <= y1;
						expect(tileTouches({ z, x, y }, box), `z${z} ${x}/${y}`).toBe(inRange);
					}
				}
			}
		}
	});
});

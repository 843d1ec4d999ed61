import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors';
import { parseTileCoord, tileAt, tileBounds, tilePixelTransform } from './tile-coords';

describe('parseTileCoord', () => {
	it('accepts the corners of the tile grid', () => {
		expect(parseTileCoord({ z: '0', x: '0', y: '0' })).toEqual({ z: 0, x: 0, y: 0 });
		expect(parseTileCoord({ z: '22', x: String(2 ** 22 - 1), y: '0' })).toEqual({ z: 22, x: 2 ** 22 - 1, y: 0 });
	});

	it.each([
		[{ z: 'a', x: '0', y: '0' }, 'invalid_tile_coordinate'],
		[{ z: '1.5', x: '0', y: '0' }, 'invalid_tile_coordinate'],
		[{ z: '3', x: '-1', y: '0' }, 'invalid_tile_coordinate'],
		[{ z: '3', x: '1e1', y: '0' }, 'invalid_tile_coordinate'],
		[{ z: '23', x: '0', y: '0' }, 'invalid_tile_zoom'],
		[{ z: '3', x: '8', y: '0' }, 'invalid_tile_index'],
		[{ z: '3', x: '0', y: '8' }, 'invalid_tile_index']
	])('refuses %o with %s', (raw, code) => {
		let caught: unknown;
		try {
			parseTileCoord(raw);
		} catch (err) {
			caught = err;
		}
		expect(caught).toBeInstanceOf(BadInputError);
		expect((caught as BadInputError).code).toBe(code);
		expect((caught as BadInputError).messages.fa).toMatch(/[\u0600-\u06FF]/);
	});
});

describe('tile geometry', () => {
	it('puts tile 0/0/0 over the whole Web Mercator square', () => {
		const b = tileBounds({ z: 0, x: 0, y: 0 });
		expect(b.xmin).toBeCloseTo(-20037508.342789244, 6);
		expect(b.ymax).toBeCloseTo(20037508.342789244, 6);
	});

	it('maps the tile corners to pixel 0,0 (north-west) and 4096,4096 (south-east)', () => {
		const tile = { z: 15, x: 21085, y: 13184 };
		const { a, e, xoff, yoff } = tilePixelTransform(tile);
		const b = tileBounds(tile);
		expect(a * b.xmin + xoff).toBeCloseTo(0, 6);
		expect(e * b.ymax + yoff).toBeCloseTo(0, 6);
		expect(a * b.xmax + xoff).toBeCloseTo(4096, 6);
		expect(e * b.ymin + yoff).toBeCloseTo(4096, 6);
	});

	it('finds the tile of Naqsh-e Jahan square at z15', () => {
		const t = tileAt(51.6777, 32.6575, 15);
		expect(t.z).toBe(15);
		const b = tileBounds(t);
		const mx = (51.6777 * 20037508.342789244) / 180;
		const my = Math.log(Math.tan(Math.PI / 4 + (32.6575 * Math.PI) / 360)) * 6378137;
		expect(mx).toBeGreaterThanOrEqual(b.xmin);
		expect(mx).toBeLessThan(b.xmax);
		expect(my).toBeGreaterThan(b.ymin);
		expect(my).toBeLessThanOrEqual(b.ymax);
	});
});

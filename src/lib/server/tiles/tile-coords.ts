import { BadInputError } from '../errors';
import { toPersianDigits as fa } from '../../domain/text';
import { MAX_TILE_ZOOM } from '../../map/tile-layers';

/** A tile address in the XYZ scheme (Web Mercator, y counted down from the north edge). */
export interface TileCoord {
	z: number;
	x: number;
	y: number;
}

export const MAX_ZOOM = MAX_TILE_ZOOM;

/** Vector tile coordinate space (MVT default) and the buffer kept around each tile, in those units. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/** Half the width of the Web Mercator square, metres (EPSG:3857). */
const WEB_MERCATOR_HALF = 20037508.342789244;

/**
 * Reads z/x/y route params. Only plain decimal digits are accepted ("1e3", "-1", " 2" are not);
 * z must be 0–22 and x, y within 0 … 2^z − 1.
 */
export function parseTileCoord(raw: { z: string; x: string; y: string }): TileCoord {
	const z = parseIndex('z', raw.z);
	if (z > MAX_ZOOM) {
		throw new BadInputError('invalid_tile_zoom', {
			fa: `بزرگ‌نمایی ${fa(z)} خارج از بازهٔ ۰ تا ${fa(MAX_ZOOM)} است.`,
			en: `Zoom ${z} is outside 0–${MAX_ZOOM}.`
		});
	}
	const x = parseIndex('x', raw.x);
	const y = parseIndex('y', raw.y);
	const last = 2 ** z - 1;
	for (const [axis, value] of [['x', x], ['y', y]] as const) {
		if (value > last) {
			throw new BadInputError('invalid_tile_index', {
				fa: `شمارهٔ کاشی ${axis}=${fa(value)} در بزرگ‌نمایی ${fa(z)} باید بین ۰ و ${fa(last)} باشد.`,
				en: `Tile ${axis}=${value} at zoom ${z} must be between 0 and ${last}.`
			});
		}
	}
	return { z, x, y };
}

function parseIndex(axis: 'z' | 'x' | 'y', raw: string): number {
	// 16 digits is more than 2^22 needs and keeps Number() exact
	if (!/^\d{1,16}$/.test(raw ?? '')) {
		throw new BadInputError('invalid_tile_coordinate', {
			fa: `«${raw}» برای ${axis} عدد صحیح نامنفی نیست.`,
			en: `"${raw}" is not a non-negative whole number for ${axis}.`
		});
	}
	return Number(raw);
}

/** The tile's square in EPSG:3857 metres (same as PostGIS ST_TileEnvelope without margin). */
export function tileBounds({ z, x, y }: TileCoord) {
	const size = (2 * WEB_MERCATOR_HALF) / 2 ** z;
	const xmin = -WEB_MERCATOR_HALF + x * size;
	const ymax = WEB_MERCATOR_HALF - y * size;
	return { xmin, ymin: ymax - size, xmax: xmin + size, ymax, size };
}

/**
 * The affine map from EPSG:3857 metres to tile pixels (y down), as ST_Affine's 2D arguments:
 * px = a·X + xoff, py = e·Y + yoff.
 */
export function tilePixelTransform(tile: TileCoord, extent = TILE_EXTENT) {
	const { xmin, ymax, size } = tileBounds(tile);
	const scale = extent / size;
	return { a: scale, e: -scale, xoff: -xmin * scale, yoff: ymax * scale };
}

/** The tile containing a WGS84 point at zoom z (for picking benchmark and test tiles). */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	const x = Math.floor(((lon + 180) / 360) * n);
	const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
	return { z, x: Math.min(Math.max(x, 0), n - 1), y: Math.min(Math.max(y, 0), n - 1) };
}

import type { Geometry, Position } from 'geojson';

/**
 * Well-known binary → GeoJSON geometry (2D; Z and M are dropped). Reads OGC/ISO WKB (Z, M, ZM as
 * type + 1000/2000/3000) and PostGIS EWKB flags, as GeoPackage writers produce both.
 */
export function parseWkb(bytes: Uint8Array): Geometry {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let offset = 0;

	function geometry(): Geometry {
		const little = view.getUint8(offset) === 1;
		offset += 1;
		let type = view.getUint32(offset, little);
		offset += 4;
		let hasZ = (type & 0x80000000) !== 0;
		let hasM = (type & 0x40000000) !== 0;
		if (type & 0x20000000) offset += 4; // EWKB SRID
		type &= 0x0fffffff;
		if (type >= 1000) {
			const dims = Math.floor(type / 1000);
			hasZ ||= dims === 1 || dims === 3;
			hasM ||= dims === 2 || dims === 3;
			type %= 1000;
		}
		const size = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
		const u32 = () => {
			const v = view.getUint32(offset, little);
			offset += 4;
			return v;
		};
		const point = (): Position => {
			const p = [view.getFloat64(offset, little), view.getFloat64(offset + 8, little)];
			offset += size * 8;
			return p;
		};
		const line = () => Array.from({ length: u32() }, point);
		const polygon = () => Array.from({ length: u32() }, line);
		const parts = () => Array.from({ length: u32() }, geometry);
		switch (type) {
			case 1: {
				const p = point();
				return { type: 'Point', coordinates: Number.isNaN(p[0]) ? [] : p };
			}
			case 2:
				return { type: 'LineString', coordinates: line() };
			case 3:
				return { type: 'Polygon', coordinates: polygon() };
			case 4:
				return { type: 'MultiPoint', coordinates: parts().map((g) => (g as { coordinates: Position }).coordinates) };
			case 5:
				return { type: 'MultiLineString', coordinates: parts().map((g) => (g as { coordinates: Position[] }).coordinates) };
			case 6:
				return { type: 'MultiPolygon', coordinates: parts().map((g) => (g as { coordinates: Position[][] }).coordinates) };
			case 7:
				return { type: 'GeometryCollection', geometries: parts() };
			default:
				throw new Error(`unsupported WKB geometry type ${type}`);
		}
	}
	return geometry();
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/**
 * A GeoPackage geometry blob: "GP", version, flags, srs_id, optional envelope, then WKB.
 * Returns null for the empty-geometry flag. (GeoPackage 1.3 §2.1.3)
 */
export function parseGpkgGeometry(blob: Uint8Array): Geometry | null {
	if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry blob');
	const flags = blob[3];
	if (flags & 0x20) throw new Error('extended GeoPackage geometries are not supported');
	const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
	if (envelope === undefined) throw new Error('bad envelope indicator in a GeoPackage geometry');
	if (flags & 0x10) return null;
	return parseWkb(blob.subarray(8 + envelope));
}

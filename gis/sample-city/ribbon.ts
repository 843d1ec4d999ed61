import type { Point, Ring } from './geometry';

/**
 * The band between two offsets of a polyline, as a closed ring: the street surfaces of the sample
 * city (a carriageway is the band from −c to +c, a footway from c to the street's edge). Computed
 * here rather than with PostGIS overlays, which are slow in the embedded (WASM) PostGIS.
 * Offsets are mitred at each vertex (capped at twice the offset, like PostGIS's mitre limit 2),
 * and the ends are cut square, as ST_Buffer's flat end caps are. Positive offsets lie on the left.
 *
 * @example offsetBand([[0, 0], [10, 0]], -1, 1) // [[0, 1], [10, 1], [10, -1], [0, -1], [0, 1]]
 */
export function offsetBand(line: readonly Point[], from: number, to: number): Ring {
	const outer = offsetLine(line, to);
	const inner = offsetLine(line, from).reverse();
	return [...outer, ...inner, outer[0]];
}

function unitNormal(a: Point, b: Point): [number, number] {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len = Math.hypot(dx, dy);
	return [-dy / len, dx / len];
}

/** The polyline moved `d` to its left (negative: right), mitred at each vertex. */
export function offsetLine(line: readonly Point[], d: number): Point[] {
	const out: Point[] = [];
	for (let i = 0; i < line.length; i++) {
		const before = i > 0 ? unitNormal(line[i - 1], line[i]) : null;
		const after = i < line.length - 1 ? unitNormal(line[i], line[i + 1]) : null;
		let [nx, ny] = before && after ? [before[0] + after[0], before[1] + after[1]] : (before ?? after)!;
		const len = Math.hypot(nx, ny);
		// the mitre: along the bisector, as far as keeps both edges d away, at most 2d
		const along = before && after ? Math.min(2, 1 / Math.max((nx / len) * before[0] + (ny / len) * before[1], 0.5)) : 1;
		[nx, ny] = [(nx / len) * along, (ny / len) * along];
		out.push([line[i][0] + nx * d, line[i][1] + ny * d]);
	}
	return out;
}

/** A ring as WKT coordinates, to the millimetre. */
export function ringWkt(ring: Ring): string {
	return `(${ring.map(([x, y]) => `${x.toFixed(3)} ${y.toFixed(3)}`).join(', ')})`;
}

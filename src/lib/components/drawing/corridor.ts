/**
 * A trench's dug corridor for the map preview: its centre line widened by half the width each side,
 * flat at the ends and mitred at the bends, the way the server buffers it in the city's metric CRS
 * (`ST_Buffer(line, w/2, 'endcap=flat join=mitre')`). Computed on a local flat plane around the
 * line's first point, which at a trench's size (a few hundred metres) is within a centimetre;
 * the figures the applicant sees come from the server, this only draws.
 */
import type { LineString, Polygon, Position } from 'geojson';

const EARTH_RADIUS_M = 6_378_137;
/** A bend sharper than this many widths of mitre is cut (as PostGIS's default mitre limit of 5 does). */
const MITRE_LIMIT = 5;

type XY = [number, number];

function projector(origin: Position) {
	const k = Math.cos((origin[1] * Math.PI) / 180);
	const toXY = (p: Position): XY => [(((p[0] - origin[0]) * Math.PI) / 180) * EARTH_RADIUS_M * k, (((p[1] - origin[1]) * Math.PI) / 180) * EARTH_RADIUS_M];
	const toLonLat = ([x, y]: XY): Position => [origin[0] + ((x / (EARTH_RADIUS_M * k)) * 180) / Math.PI, origin[1] + ((y / EARTH_RADIUS_M) * 180) / Math.PI];
	return { toXY, toLonLat };
}

function unitNormal(a: XY, b: XY): XY {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len = Math.hypot(dx, dy);
	return [-dy / len, dx / len];
}

/**
 * The corridor polygon of a trench `widthM` metres wide, or null for a line without length.
 *
 * @example trenchCorridor({ type: 'LineString', coordinates: [[51.67, 32.65], [51.6701, 32.65]] }, 1) // a ~9.4 × 1 m box
 */
export function trenchCorridor(line: LineString, widthM: number): Polygon | null {
	const pts = line.coordinates.filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
	if (pts.length < 2 || !(widthM > 0)) return null;
	const { toXY, toLonLat } = projector(pts[0]);
	const xy = pts.map(toXY);
	const half = widthM / 2;
	const left: XY[] = [];
	const right: XY[] = [];
	for (let i = 0; i < xy.length; i++) {
		const before = i > 0 ? unitNormal(xy[i - 1], xy[i]) : null;
		const after = i < xy.length - 1 ? unitNormal(xy[i], xy[i + 1]) : null;
		let n: XY;
		let scale = 1;
		if (before && after) {
			const sum: XY = [before[0] + after[0], before[1] + after[1]];
			const len = Math.hypot(sum[0], sum[1]);
			// a U-turn has no mitre: fall back to the incoming segment's side
			n = len < 1e-9 ? before : [sum[0] / len, sum[1] / len];
			const cos = n[0] * before[0] + n[1] * before[1];
			scale = len < 1e-9 ? 1 : Math.min(1 / cos, MITRE_LIMIT);
		} else {
			n = (before ?? after)!;
		}
		const d = half * scale;
		left.push([xy[i][0] + n[0] * d, xy[i][1] + n[1] * d]);
		right.push([xy[i][0] - n[0] * d, xy[i][1] - n[1] * d]);
	}
	const ring = [...left, ...right.reverse()].map(toLonLat);
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

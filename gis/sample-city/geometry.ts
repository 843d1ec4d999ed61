import proj4 from 'proj4';

/**
 * Plane geometry of the sample city. The city is laid out in a "plan space" (metres, straight
 * streets, rectangular cells) around the historic core, then bent into UTM 39N by a smooth warp:
 * streets come out gently curved, meeting at varied angles, blocks and parcels as quadrilaterals
 * rather than rectangles. The warp only shears (x moves with v, y with u), so distances across a
 * street stay within ~2% of the plan: a parcel's frontage sits where the street's width says.
 */
export type Point = readonly [number, number];
export type Ring = Point[];

/** The box the city must cover (WGS84), and the historic core at Naqsh-e Jahan Square. */
export const CITY_BOX_WGS84 = { west: 51.6, south: 32.6, east: 51.75, north: 32.7 } as const;
export const HISTORIC_CORE_WGS84: Point = [51.6776, 32.6575];
export const SAMPLE_SRID = 32639;

const UTM39N = '+proj=utm +zone=39 +datum=WGS84 +units=m +no_defs';

export interface CityFrame {
	/** The box's corners in UTM 39N; its envelope contains the WGS84 box (parallels and meridians are monotonic here). */
	box: { minX: number; minY: number; maxX: number; maxY: number };
	core: Point;
}

/** Converts the box corners and the core to UTM 39N once; everything else is generated there. */
export function cityFrame(): CityFrame {
	const { west, south, east, north } = CITY_BOX_WGS84;
	const corners = [
		[west, south],
		[east, south],
		[east, north],
		[west, north]
	].map((c) => proj4('EPSG:4326', UTM39N, c) as [number, number]);
	const xs = corners.map((c) => c[0]);
	const ys = corners.map((c) => c[1]);
	return {
		box: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
		core: proj4('EPSG:4326', UTM39N, [...HISTORIC_CORE_WGS84]) as [number, number]
	};
}

const ROTATION = (-7 * Math.PI) / 180;
const COS = Math.cos(ROTATION);
const SIN = Math.sin(ROTATION);
const TAU = 2 * Math.PI;

/** Plan space (u, v), origin at the core, to UTM metres. */
export function warp(core: Point, u: number, v: number): Point {
	const du = 110 * Math.sin((TAU * v) / 5200 + 0.7) + 30 * Math.sin((TAU * v) / 1500 + 2.1);
	const dv = 90 * Math.sin((TAU * u) / 4700 + 1.3) + 28 * Math.sin((TAU * u) / 1300 + 0.4);
	const x = u + du;
	const y = v + dv;
	return [core[0] + x * COS - y * SIN, core[1] + x * SIN + y * COS];
}

/** How far the plan must reach beyond the box so the warped, rotated plan still covers it. */
export const PLAN_MARGIN_M = 1100;

/**
 * Points along a plan segment every `step` metres. On axis-parallel segments the points sit at
 * whole multiples of `step`, so every shape with an edge on the same street line (a zone, the
 * frame around it, a district) gets the same vertices there and the warp bends them alike.
 */
export function densify(a: Point, b: Point, step: number): Point[] {
	const out: Point[] = [a];
	const axis: 0 | 1 | null = a[1] === b[1] ? 0 : a[0] === b[0] ? 1 : null;
	if (axis !== null) {
		const from = a[axis];
		const to = b[axis];
		const dir = Math.sign(to - from);
		let m = dir > 0 ? Math.floor(from / step) + 1 : Math.ceil(from / step) - 1;
		for (; dir > 0 ? m * step < to - 1e-6 : m * step > to + 1e-6; m += dir) {
			out.push(axis === 0 ? [m * step, a[1]] : [a[0], m * step]);
		}
		out.push(b);
		return out;
	}
	const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
	const n = Math.floor(length / step);
	for (let i = 1; i <= n; i++) {
		const f = (i * step) / length;
		if (f < 1 - 1e-9) out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
	}
	out.push(b);
	return out;
}

export function rectRing(x0: number, y0: number, x1: number, y1: number): Ring {
	return [
		[x0, y0],
		[x1, y0],
		[x1, y1],
		[x0, y1]
	];
}

/** A rectangle whose edges also carry vertices at `xBreaks` (on its bottom and top) and `yBreaks` (on its sides). */
export function rectRingWithBreaks(x0: number, y0: number, x1: number, y1: number, xBreaks: number[], yBreaks: number[], step: number): Ring {
	const xs = xBreaks.filter((x) => x > x0 && x < x1).sort((a, b) => a - b);
	const ys = yBreaks.filter((y) => y > y0 && y < y1).sort((a, b) => a - b);
	const corners: Point[] = [
		[x0, y0], ...xs.map((x): Point => [x, y0]),
		[x1, y0], ...ys.map((y): Point => [x1, y]),
		[x1, y1], ...xs.reverse().map((x): Point => [x, y1]),
		[x0, y1], ...ys.reverse().map((y): Point => [x0, y])
	];
	return densifyRing(corners, step);
}

/** A closed ring densified edge by edge (for long edges that the warp bends). */
export function densifyRing(ring: Ring, step: number): Ring {
	const out: Point[] = [];
	for (let i = 0; i < ring.length; i++) {
		const edge = densify(ring[i], ring[(i + 1) % ring.length], step);
		out.push(...edge.slice(0, -1));
	}
	return out;
}

export function ringArea(ring: Ring): number {
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
	return Math.abs(a) / 2;
}

function signedArea(ring: Ring): number {
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	return a / 2;
}

/** Half-plane n·p ≥ c (plan space): one side of a diagonal avenue or the river. */
export interface HalfPlane {
	nx: number;
	ny: number;
	c: number;
}

/**
 * Sutherland–Hodgman clip of a ring to a half-plane. The crossing point is computed from the edge
 * in a canonical direction, so two neighbours cut along their shared edge get the very same vertex.
 */
export function clipRing(ring: Ring, h: HalfPlane): Ring {
	const out: Point[] = [];
	const side = (p: Point) => h.nx * p[0] + h.ny * p[1] - h.c;
	for (let i = 0; i < ring.length; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % ring.length];
		const sa = side(a);
		const sb = side(b);
		if (sa >= 0) out.push(a);
		if ((sa >= 0) !== (sb >= 0)) {
			const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a];
			const sp = side(p);
			const f = sp / (sp - side(q));
			out.push([p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f]);
		}
	}
	return out;
}

export function clipRingAll(ring: Ring, clips: readonly HalfPlane[]): Ring {
	let r = ring;
	for (const h of clips) {
		if (r.length < 3) break;
		r = clipRing(r, h);
	}
	return r;
}

const fmt = (n: number) => n.toFixed(3);

/** Plan ring → warped WKT ring text, counter-clockwise, closed. */
function ringText(core: Point, ring: Ring, holeOrientation = false): string {
	const pts = ring.map((p) => warp(core, p[0], p[1]));
	const ccw = signedArea(pts) > 0;
	if (ccw === holeOrientation) pts.reverse();
	pts.push(pts[0]);
	return `(${pts.map((p) => `${fmt(p[0])} ${fmt(p[1])}`).join(',')})`;
}

/** Plan polygons (outer ring, optional holes) → warped MULTIPOLYGON WKT. */
export function multiPolygonWkt(core: Point, polygons: Ring[][]): string {
	return `MULTIPOLYGON(${polygons.map((rings) => `(${rings.map((r, i) => ringText(core, r, i > 0)).join(',')})`).join(',')})`;
}

/** Plan polylines → warped MULTILINESTRING WKT, densified so the curves follow the warp. */
export function multiLineWkt(core: Point, lines: Point[][], step = 25): string {
	const parts = lines.map((line) => {
		const pts: Point[] = [];
		for (let i = 0; i < line.length - 1; i++) pts.push(...densify(line[i], line[i + 1], step).slice(i === 0 ? 0 : 1));
		return `(${pts.map((p) => warp(core, p[0], p[1])).map((p) => `${fmt(p[0])} ${fmt(p[1])}`).join(',')})`;
	});
	return `MULTILINESTRING(${parts.join(',')})`;
}

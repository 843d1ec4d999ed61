/**
 * Checks on what an applicant draws, before it is sent: pure and client-safe, so the drawing UI
 * can refuse a bow-tie pit the way the server will. Plane geometry on longitude/latitude is exact
 * enough for "do two edges cross" at the size of a dig; the server measures in metres.
 */

export type Position = readonly number[];

export interface Crossing {
	/** Ring and edge indexes of the two edges that cross or touch (edge i runs from vertex i to i + 1). */
	a: { ring: number; edge: number };
	b: { ring: number; edge: number };
	/** Where, roughly: the first vertex of edge `a`. */
	near: [number, number];
}

function orientation(p: Position, q: Position, r: Position): number {
	const v = (q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1]);
	return v === 0 ? 0 : v > 0 ? 1 : -1;
}

function onSegment(p: Position, q: Position, r: Position): boolean {
	return q[0] <= Math.max(p[0], r[0]) && q[0] >= Math.min(p[0], r[0]) && q[1] <= Math.max(p[1], r[1]) && q[1] >= Math.min(p[1], r[1]);
}

/** Whether segments p1–q1 and p2–q2 share any point (crossing, touching or overlapping). */
export function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
	const o1 = orientation(p1, q1, p2);
	const o2 = orientation(p1, q1, q2);
	const o3 = orientation(p2, q2, p1);
	const o4 = orientation(p2, q2, q1);
	if (o1 !== o2 && o3 !== o4) return true;
	return (
		(o1 === 0 && onSegment(p1, p2, q1)) ||
		(o2 === 0 && onSegment(p1, q2, q1)) ||
		(o3 === 0 && onSegment(p2, p1, q2)) ||
		(o4 === 0 && onSegment(p2, q1, q2))
	);
}

/**
 * The first two edges of a polygon's rings that cross or touch, other than neighbours meeting at
 * their shared vertex; null for a simple polygon. Rings are closed (first position = last).
 * O(n²) over the edges, with a bounding-box test first: fine for the few hundred vertices a drawn
 * pit may have.
 *
 * @example polygonSelfIntersection([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]) // the bow-tie's edges 0 and 2
 */
export function polygonSelfIntersection(rings: readonly (readonly Position[])[]): Crossing | null {
	const edges: { ring: number; edge: number; p: Position; q: Position; last: number }[] = [];
	rings.forEach((ring, r) => {
		for (let i = 0; i + 1 < ring.length; i++) edges.push({ ring: r, edge: i, p: ring[i], q: ring[i + 1], last: ring.length - 2 });
	});
	for (let i = 0; i < edges.length; i++) {
		const a = edges[i];
		for (let j = i + 1; j < edges.length; j++) {
			const b = edges[j];
			if (a.ring === b.ring) {
				// neighbours share a vertex by construction, including the closing edge and the first
				const adjacent = b.edge === a.edge + 1 || (a.edge === 0 && b.edge === a.last);
				if (adjacent) continue;
			}
			if (
				Math.max(a.p[0], a.q[0]) < Math.min(b.p[0], b.q[0]) ||
				Math.max(b.p[0], b.q[0]) < Math.min(a.p[0], a.q[0]) ||
				Math.max(a.p[1], a.q[1]) < Math.min(b.p[1], b.q[1]) ||
				Math.max(b.p[1], b.q[1]) < Math.min(a.p[1], a.q[1])
			) {
				continue;
			}
			if (segmentsIntersect(a.p, a.q, b.p, b.q)) {
				return { a: { ring: a.ring, edge: a.edge }, b: { ring: b.ring, edge: b.edge }, near: [a.p[0], a.p[1]] };
			}
		}
	}
	return null;
}

/**
 * The first two segments of a line that cross, touch or overlap, other than neighbours meeting at
 * their shared vertex (and the first and last of a closed loop, which meet where it closes); null
 * for a simple line. A trench dug twice over the same ground is drawn wrong: its length would be
 * counted twice.
 *
 * @example lineSelfIntersection([[0, 0], [2, 2], [2, 0], [0, 2]]) // segments 0 and 2 cross
 */
export function lineSelfIntersection(line: readonly Position[]): Crossing | null {
	const n = line.length - 1;
	const closed = n > 2 && line[0][0] === line[n][0] && line[0][1] === line[n][1];
	for (let i = 0; i < n; i++) {
		const [p1, q1] = [line[i], line[i + 1]];
		// neighbours share a vertex: they clash only when the second doubles back along the first
		if (i + 1 < n && orientation(p1, q1, line[i + 2]) === 0 && foldsBack(q1, line[i + 2], p1)) {
			return { a: { ring: 0, edge: i }, b: { ring: 0, edge: i + 1 }, near: [q1[0], q1[1]] };
		}
		for (let j = i + 2; j < n; j++) {
			if (closed && i === 0 && j === n - 1) continue;
			const [p2, q2] = [line[j], line[j + 1]];
			if (
				Math.max(p1[0], q1[0]) < Math.min(p2[0], q2[0]) ||
				Math.max(p2[0], q2[0]) < Math.min(p1[0], q1[0]) ||
				Math.max(p1[1], q1[1]) < Math.min(p2[1], q2[1]) ||
				Math.max(p2[1], q2[1]) < Math.min(p1[1], q1[1])
			) {
				continue;
			}
			if (segmentsIntersect(p1, q1, p2, q2)) return { a: { ring: 0, edge: i }, b: { ring: 0, edge: j }, near: [p1[0], p1[1]] };
		}
	}
	return null;
}

/** Whether r, on the line through q and p, lies on q's side towards p (the segment q→r folds back over q→p). */
function foldsBack(q: Position, r: Position, p: Position): boolean {
	return (r[0] - q[0]) * (p[0] - q[0]) + (r[1] - q[1]) * (p[1] - q[1]) > 0;
}

/** Twice the signed area of a ring (shoelace): zero for a ring with no area. */
export function ringDoubleArea(ring: readonly Position[]): number {
	let sum = 0;
	for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return sum;
}

/** Whether a line has two distinct positions at least (a line of one repeated point has no length). */
export function hasLength(line: readonly Position[]): boolean {
	return line.some((p) => p[0] !== line[0][0] || p[1] !== line[0][1]);
}

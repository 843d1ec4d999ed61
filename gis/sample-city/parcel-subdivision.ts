import { clipRingAll, ringArea, type Point, type Ring } from './geometry';
import type { PlanBlock, PlanStreet } from './city-plan';
import { randomFor, type Random } from './prng';

/**
 * Divides one block into parcels the way Iranian urban blocks are: two rows back to back, each
 * fronting its street, lots of varied width with slanted side lines (trapezoids), now and then a
 * full-depth corner lot at a block end, an L-shaped lot wrapping behind its neighbour, a narrow
 * sliver, or a large institutional lot taking the block. Neighbours share every vertex on their
 * common edges, so parcels tile the block without overlaps even after the warp bends them.
 */
export type LotKind = 'regular' | 'corner' | 'l-shape' | 'sliver' | 'institutional';

export interface PlanLot {
	/** Plan-space outer ring. */
	ring: Ring;
	kind: LotKind;
	front: PlanStreet | null;
	areaM2: number;
}

interface Boundary {
	s: number;
	/** Slant: the line runs from s + d at the front to s − d at the back. */
	d: number;
	/** Extra vertices (as τ, 0 = front … 1 = back) where another lot's corner touches this line. */
	extras: number[];
}

const EPS = 1e-7;

export function subdivideBlock(block: PlanBlock, seed: number): PlanLot[] {
	const rnd = randomFor(seed, 'block', block.rect[0].toFixed(2), block.rect[1].toFixed(2), block.clips.length, block.clips[0]?.c.toFixed(2) ?? '');
	const [x0, y0, x1, y1] = block.rect;
	const alongU = block.axis === 'u';
	const L = alongU ? x1 - x0 : y1 - y0;
	const D = alongU ? y1 - y0 : x1 - x0;
	const toPlan = (s: number, t: number): Point => (alongU ? [x0 + s, y0 + t] : [x0 + t, y0 + s]);
	const historic = block.coreDistance < 900;
	const w = block.lotScale;
	const lots: { local: Ring; kind: LotKind; front: PlanStreet | null }[] = [];
	const eitherFront = block.frontLow ?? block.frontHigh;

	const institutional = (block.zone.institutional && rnd.chance(0.7)) || (!historic && rnd.chance(0.025));
	if (institutional) {
		const pieces = L * D < 9000 ? 1 : Math.min(3, Math.ceil((L * D) / 9000));
		for (let p = 0; p < pieces; p++) {
			const a = (L * p) / pieces;
			const b = (L * (p + 1)) / pieces;
			lots.push({ local: [[a, 0], [b, 0], [b, D], [a, D]], kind: 'institutional', front: eitherFront });
		}
	} else {
		const minDepth = (historic ? 12 : 16) * Math.sqrt(w);
		const twoRows = D >= 2 * minDepth && block.frontLow && block.frontHigh;
		const tm = twoRows ? D * (0.5 + rnd.range(-0.12, 0.12)) : D;
		const corner = (end: boolean) => (twoRows && L > 70 && rnd.chance(0.35) ? rnd.range(14, 24) * Math.sqrt(w) : 0) * (end ? 1 : 1);
		const c0 = corner(false);
		const c1 = corner(true);
		if (c0 > 0) lots.push({ local: [[0, 0], [c0, 0], [c0, tm], [c0, D], [0, D]], kind: 'corner', front: block.frontLow });
		if (c1 > 0) lots.push({ local: [[L - c1, 0], [L, 0], [L, D], [L - c1, D], [L - c1, tm]], kind: 'corner', front: block.frontLow });
		const rowA = rowBoundaries(rnd, c0, L - c1, twoRows ? tm : D, w, block.clips.length === 0);
		const rowB = twoRows ? rowBoundaries(rnd, c0, L - c1, D - tm, w, block.clips.length === 0) : null;
		const frontA = twoRows ? block.frontLow : rankOf(block.frontLow) >= rankOf(block.frontHigh) ? block.frontLow : block.frontHigh;
		// Row A fronts t = 0 unless it is the only row facing the high side.
		const aFrontsLow = twoRows || frontA === block.frontLow;
		const backA = rowB ? backVertices(rowB) : [];
		const backB = rowB ? backVertices(rowA) : [];
		emitRow(rowA, aFrontsLow ? 0 : D, aFrontsLow ? (twoRows ? tm : D) : 0, backA, frontA, lots);
		if (rowB) emitRow(rowB, D, tm, backB, block.frontHigh, lots);
	}

	const out: PlanLot[] = [];
	for (const lot of lots) {
		let ring = lot.local.map(([s, t]) => toPlan(s, t));
		if (block.clips.length) ring = clipRingAll(ring, block.clips);
		if (ring.length < 3) continue;
		const areaM2 = ringArea(ring);
		if (areaM2 < 30) continue;
		out.push({ ring, kind: lot.kind, front: lot.front ?? eitherFront, areaM2 });
	}
	return out;
}

const rankOf = (s: PlanStreet | null) => (s ? { arterial: 4, collector: 3, local: 2, alley: 1 }[s.cls] : 0);

interface Row {
	bounds: Boundary[];
	/**
	 * Lots between two side lines. An L-shaped lot has `stepTau`: it spans two lots' width behind
	 * that depth; the lot it wraps around stops there (`untilTau`).
	 */
	lots: { from: number; to: number; stepTau: number | null; untilTau: number | null; kind: LotKind }[];
}

/** Where a row's lots have corners on the back line (a side line hidden inside an L-shaped lot has none). */
function backVertices(row: Row): number[] {
	const out: number[] = [];
	for (const lot of row.lots) {
		if (lot.untilTau !== null) continue;
		for (const b of [row.bounds[lot.from], row.bounds[lot.to]]) out.push(b.s - b.d);
	}
	return out;
}

/** Lot side lines of one row between s = a and s = b, for a row `depth` deep. */
function rowBoundaries(rnd: Random, a: number, b: number, depth: number, w: number, allowL: boolean): Row {
	const bounds: Boundary[] = [{ s: a, d: 0, extras: [] }];
	const kinds: LotKind[] = [];
	let s = a;
	for (;;) {
		const r = rnd.next();
		const sliver = r < 0.04;
		const area = r < 0.6 ? rnd.range(140, 350) : r < 0.9 ? rnd.range(350, 750) : rnd.range(750, 1500);
		const width = sliver ? rnd.range(3.5, 5.5) : Math.max(6, Math.min(40, area / depth)) * w;
		if (b - s - width < Math.max(5, width * 0.5)) break;
		s += width;
		bounds.push({ s, d: 0, extras: [] });
		kinds.push(sliver ? 'sliver' : 'regular');
	}
	bounds.push({ s: b, d: 0, extras: [] });
	kinds.push('regular');
	// Slanted side lines, never so much that two lines cross.
	for (let k = 1; k < bounds.length - 1; k++) {
		if (rnd.chance(0.5)) {
			const room = Math.min(bounds[k].s - bounds[k - 1].s, bounds[k + 1].s - bounds[k].s);
			bounds[k].d = rnd.range(-0.22, 0.22) * room;
		}
	}
	const lots: Row['lots'] = [];
	for (let k = 0; k < bounds.length - 1; k++) {
		// An L-shaped lot: lot k wraps behind lot k+1, whose far side line gets the step's vertex.
		if (allowL && k + 2 < bounds.length - 1 && kinds[k] === 'regular' && kinds[k + 1] === 'regular' && rnd.chance(0.06)) {
			const tau = rnd.range(0.4, 0.65);
			bounds[k + 1].d = 0;
			bounds[k + 2].extras.push(tau);
			lots.push({ from: k, to: k + 2, stepTau: tau, untilTau: null, kind: 'l-shape' });
			lots.push({ from: k + 1, to: k + 2, stepTau: null, untilTau: tau, kind: 'regular' });
			k++;
			continue;
		}
		lots.push({ from: k, to: k + 1, stepTau: null, untilTau: null, kind: kinds[k] });
	}
	return { bounds, lots };
}

/** Lot rings of a row whose front is at t = tf and back at t = tb; `otherBack` are the back row's vertices on the shared line. */
function emitRow(row: Row, tf: number, tb: number, otherBack: number[], front: PlanStreet | null, out: { local: Ring; kind: LotKind; front: PlanStreet | null }[]) {
	const t = (tau: number) => tf + (tb - tf) * tau;
	const at = (b: Boundary, tau: number): Point => [b.s + b.d * (1 - 2 * tau), t(tau)];
	const side = (b: Boundary, fromTau: number, toTau: number): Point[] => {
		const lo = Math.min(fromTau, toTau);
		const hi = Math.max(fromTau, toTau);
		const inner = b.extras.filter((x) => x > lo + EPS && x < hi - EPS).sort((p, q) => (fromTau < toTau ? p - q : q - p));
		return inner.map((x) => at(b, x));
	};
	const back = (sFrom: number, sTo: number): Point[] => {
		const lo = Math.min(sFrom, sTo);
		const hi = Math.max(sFrom, sTo);
		return otherBack.filter((x) => x > lo + EPS && x < hi - EPS).sort((p, q) => (sFrom < sTo ? p - q : q - p)).map((x) => [x, tb] as Point);
	};
	for (const lot of row.lots) {
		const bk = row.bounds[lot.from];
		const bEnd = row.bounds[lot.to];
		const ring: Point[] = [at(bk, 0)];
		if (lot.untilTau !== null) {
			ring.push(at(bEnd, 0), ...side(bEnd, 0, lot.untilTau), at(bEnd, lot.untilTau), at(bk, lot.untilTau), ...side(bk, lot.untilTau, 0));
			out.push({ local: ring, kind: lot.kind, front });
			continue;
		}
		if (lot.stepTau !== null) {
			const mid = row.bounds[lot.from + 1];
			ring.push(at(mid, 0), at(mid, lot.stepTau), at(bEnd, lot.stepTau), ...side(bEnd, lot.stepTau, 1));
		} else {
			ring.push(at(bEnd, 0), ...side(bEnd, 0, 1));
		}
		ring.push(at(bEnd, 1), ...back(at(bEnd, 1)[0], at(bk, 1)[0]), at(bk, 1), ...side(bk, 1, 0));
		out.push({ local: ring, kind: lot.kind, front });
	}
}

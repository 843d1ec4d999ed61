/**
 * The public works view's arithmetic: which box of the map to ask `GET /api/excavations` for, which
 * dates, and the works nearest first. Pure and client-safe.
 */
import type { Position } from 'geojson';
import type { PublicWork } from '../../api/excavation';
import { EXCAVATION_LIMITS } from '../../schemas/excavation';
import { addDays } from './date-input';

export type Bbox = [number, number, number, number];
export type WorksPeriod = 'today' | 'month' | 'quarter';

const PERIOD_DAYS: Record<WorksPeriod, number> = { today: 0, month: 30, quarter: 90 };

/**
 * The map's bounds as the works list's `bbox`, or null when the view is wider than the list answers
 * (the reader is asked to zoom in rather than shown a truncated city).
 */
export function viewBbox([west, south, east, north]: Bbox): Bbox | null {
	const max = EXCAVATION_LIMITS.maxBboxDegrees;
	if (east - west > max || north - south > max) return null;
	const r = (n: number) => Math.round(n * 1e5) / 1e5;
	return [r(west), r(south), r(east), r(north)];
}

/** `from`/`to` of the works list: works under way on any day from today to the end of the period. */
export function periodRange(period: WorksPeriod, today: string): { from: string; to: string } {
	return { from: today, to: addDays(today, PERIOD_DAYS[period]) };
}

/** `/api/excavations?bbox=…&from=…&to=…` */
export function worksUrl(bbox: Bbox, range: { from: string; to: string }): string {
	return `/api/excavations?bbox=${bbox.join(',')}&from=${range.from}&to=${range.to}`;
}

function positions(work: PublicWork): Position[] {
	return work.geometry.coordinates.flatMap((poly) => poly[0] ?? []);
}

/** The box around a work's footprint, [west, south, east, north]. */
export function workBounds(work: PublicWork): Bbox {
	const ps = positions(work);
	const xs = ps.map((p) => p[0]);
	const ys = ps.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Ground distance in metres between two WGS84 points, flat-earth (fine within a city). */
export function metresBetween(a: Position, b: Position): number {
	const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
	return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111_320;
}

/**
 * Ground distance in metres from `here` to a work's footprint: 0 inside it, else to the nearest point
 * of its outline (not its nearest corner: a long trench passes much nearer its middle than its ends).
 * Flat-earth around `here`, fine within a city.
 */
export function metresToWork(work: PublicWork, here: Position): number {
	const k = Math.cos((here[1] * Math.PI) / 180) * 111_320;
	const xy = (p: Position): [number, number] => [(p[0] - here[0]) * k, (p[1] - here[1]) * 111_320];
	let nearest = Infinity;
	for (const polygon of work.geometry.coordinates) {
		let inside = false;
		polygon.forEach((ring, r) => {
			const pts = ring.map(xy);
			let crossings = 0;
			for (let i = 0; i + 1 < pts.length; i++) {
				const [a, b] = [pts[i], pts[i + 1]];
				// the origin's distance to the segment a–b
				const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
				const len2 = dx * dx + dy * dy;
				const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
				nearest = Math.min(nearest, Math.hypot(a[0] + t * dx, a[1] + t * dy));
				// a ray from the origin towards +x crossing a–b
				if (a[1] > 0 !== b[1] > 0 && a[0] - (a[1] * dx) / dy > 0) crossings++;
			}
			// inside the outer ring and outside every hole
			const odd = crossings % 2 === 1;
			if (r === 0) inside = odd;
			else if (odd) inside = false;
		});
		if (inside) return 0;
	}
	return nearest;
}

/** Works nearest `here` first (by the nearest point of their footprint), each with its distance in metres. */
export function worksByDistance(works: readonly PublicWork[], here: Position): { work: PublicWork; distance_m: number }[] {
	return works
		.map((work) => ({ work, distance_m: metresToWork(work, here) }))
		.sort((a, b) => a.distance_m - b.distance_m || a.work.properties.id - b.work.properties.id);
}

/**
 * What the drawing tool holds, turned into what the server reads: terra-draw's store snapshot
 * filtered to the finished trenches (lines) and pits (polygons), each trench given its width, as
 * the `features` of `POST /api/excavations/check` and `POST /api/excavations`. Pure and
 * client-safe; the server stays the authority on every figure.
 */
import type { LineString, Polygon, Position } from 'geojson';
import { toLatinDigits } from '../../domain/text';
import { EXCAVATION_LIMITS } from '../../schemas/excavation';

export type ShapeKind = 'trench' | 'pit';

/** A finished shape on the map: a trench's centre line or a pit's outline, WGS84. */
export type DrawnShape =
	| { id: string; kind: 'trench'; geometry: LineString }
	| { id: string; kind: 'pit'; geometry: Polygon };

/** One item of the check's `features`: a trench carries its width, a pit none. */
export type CheckFeature = { geometry: LineString; width_m: number } | { geometry: Polygon };

/** A feature of terra-draw's snapshot, as far as this file reads it. */
export interface SnapshotFeature {
	id?: string | number;
	geometry: { type: string; coordinates: unknown };
	properties: Record<string, unknown>;
}

/** Helper points terra-draw keeps in its store while drawing or editing (not shapes of their own). */
const GUIDANCE_KEYS = ['edited', 'selectionPoint', 'midPoint', 'closingPoint', 'snappingPoint', 'coordinatePoint'];

/** Trench widths a new trench starts with, m: a typical service trench. */
export const DEFAULT_TRENCH_WIDTH_M = 0.6;

/** Coordinates to 7 decimals (about a centimetre): what a dig needs, and a smaller request. */
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;
const roundPositions = (ps: Position[]): Position[] => ps.map((p) => [round7(p[0]), round7(p[1])]);

/**
 * The finished trenches and pits in a terra-draw snapshot, in drawing order: shapes still being
 * drawn and the guidance points of the select and draw modes are left out.
 *
 * @example shapesFromSnapshot(draw.getSnapshot()) // [{ id: 'a1', kind: 'trench', geometry: { type: 'LineString', … } }]
 */
export function shapesFromSnapshot(snapshot: readonly SnapshotFeature[]): DrawnShape[] {
	const shapes: DrawnShape[] = [];
	for (const f of snapshot) {
		const p = f.properties ?? {};
		if (p.currentlyDrawing || GUIDANCE_KEYS.some((k) => p[k])) continue;
		const id = String(f.id);
		if (f.geometry.type === 'LineString' && p.mode === 'linestring') {
			const coordinates = f.geometry.coordinates as Position[];
			if (coordinates.length >= 2) shapes.push({ id, kind: 'trench', geometry: { type: 'LineString', coordinates } });
		} else if (f.geometry.type === 'Polygon' && p.mode === 'polygon') {
			const coordinates = f.geometry.coordinates as Position[][];
			if (coordinates[0]?.length >= 4) shapes.push({ id, kind: 'pit', geometry: { type: 'Polygon', coordinates } });
		}
	}
	return shapes;
}

export type WidthReading = { ok: true; value: number } | { ok: false; code: 'width_required' | 'width_not_number' | 'width_out_of_range' };

/**
 * A width typed by the applicant, in metres: Persian or Latin digits, «٫» or «.» or «,» as the
 * decimal mark, inside the limits the server accepts.
 *
 * @example readWidth('۰٫۸') // { ok: true, value: 0.8 }
 */
export function readWidth(text: string | number): WidthReading {
	const raw = typeof text === 'number' ? String(text) : toLatinDigits(text).trim().replace(/[٫,]/g, '.');
	if (raw === '') return { ok: false, code: 'width_required' };
	if (!/^\d*\.?\d+$|^\d+\.$/.test(raw)) return { ok: false, code: 'width_not_number' };
	const value = Number(raw);
	const { min, max } = EXCAVATION_LIMITS.widthM;
	if (!(value >= min && value <= max)) return { ok: false, code: 'width_out_of_range' };
	return { ok: true, value };
}

/**
 * The request's `features`: each trench with its own width (or `fallbackWidth` when it has none),
 * each pit as drawn; coordinates rounded to 7 decimals. A width outside the limits is sent as it
 * is, so the server names the problem.
 *
 * @example toCheckFeatures([trench], { [trench.id]: 0.8 }) // [{ geometry: trench.geometry, width_m: 0.8 }]
 */
export function toCheckFeatures(shapes: readonly DrawnShape[], widths: Readonly<Record<string, number>>, fallbackWidth = DEFAULT_TRENCH_WIDTH_M): CheckFeature[] {
	return shapes.map((s) =>
		s.kind === 'trench'
			? { geometry: { type: 'LineString', coordinates: roundPositions(s.geometry.coordinates) }, width_m: widths[s.id] ?? fallbackWidth }
			: { geometry: { type: 'Polygon', coordinates: s.geometry.coordinates.map(roundPositions) } }
	);
}

/** A stable key for a request: the same drawing and dates are not checked twice in a row. */
export function requestKey(body: unknown): string {
	return JSON.stringify(body);
}

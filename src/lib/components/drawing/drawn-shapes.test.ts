import { describe, expect, it } from 'vitest';
import { parseExcavationCheck } from '../../schemas/excavation';
import { DEFAULT_TRENCH_WIDTH_M, readWidth, shapesFromSnapshot, toCheckFeatures, type SnapshotFeature } from './drawn-shapes';

const line: SnapshotFeature = {
	id: 'a',
	geometry: { type: 'LineString', coordinates: [[51.67, 32.65], [51.6705123456789, 32.6501]] },
	properties: { mode: 'linestring' }
};
const pit: SnapshotFeature = {
	id: 'b',
	geometry: { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.6701, 32.65], [51.6701, 32.6501], [51.67, 32.65]]] },
	properties: { mode: 'polygon' }
};

describe('shapesFromSnapshot', () => {
	it('keeps finished lines as trenches and polygons as pits, in drawing order', () => {
		expect(shapesFromSnapshot([line, pit]).map((s) => [s.id, s.kind])).toEqual([['a', 'trench'], ['b', 'pit']]);
	});

	it('leaves out the shape being drawn and the guidance points of edit mode', () => {
		const drawing = { ...line, id: 'c', properties: { mode: 'linestring', currentlyDrawing: true } };
		const vertex = { id: 'd', geometry: { type: 'Point', coordinates: [51.67, 32.65] }, properties: { mode: 'select', selectionPoint: true } };
		const midpoint = { id: 'e', geometry: { type: 'Point', coordinates: [51.67, 32.65] }, properties: { mode: 'select', midPoint: true } };
		const closing = { ...pit, id: 'f', properties: { mode: 'polygon', closingPoint: true } };
		expect(shapesFromSnapshot([drawing, vertex, midpoint, closing, line]).map((s) => s.id)).toEqual(['a']);
	});

	it('ignores a line of one point and a polygon not yet closed', () => {
		const stub = { id: 'g', geometry: { type: 'LineString', coordinates: [[51.67, 32.65]] }, properties: { mode: 'linestring' } };
		const open = { id: 'h', geometry: { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.6701, 32.65], [51.67, 32.65]]] }, properties: { mode: 'polygon' } };
		expect(shapesFromSnapshot([stub, open])).toEqual([]);
	});
});

describe('readWidth', () => {
	it('reads Persian digits and the Persian decimal mark', () => {
		expect(readWidth('۰٫۸')).toEqual({ ok: true, value: 0.8 });
		expect(readWidth(' 1,5 ')).toEqual({ ok: true, value: 1.5 });
		expect(readWidth('.6')).toEqual({ ok: true, value: 0.6 });
	});

	it('refuses an empty, non-numeric or out-of-range width, naming why', () => {
		expect(readWidth('')).toEqual({ ok: false, code: 'width_required' });
		expect(readWidth('0.8m')).toEqual({ ok: false, code: 'width_not_number' });
		expect(readWidth('-1')).toEqual({ ok: false, code: 'width_not_number' });
		expect(readWidth('0.05')).toEqual({ ok: false, code: 'width_out_of_range' });
		expect(readWidth('6')).toEqual({ ok: false, code: 'width_out_of_range' });
		expect(readWidth(5)).toEqual({ ok: true, value: 5 });
	});
});

describe('toCheckFeatures', () => {
	it('gives each trench its own width and a pit none, rounded to 7 decimals', () => {
		const shapes = shapesFromSnapshot([line, pit]);
		const features = toCheckFeatures(shapes, { a: 0.8 });
		expect(features[0]).toEqual({ geometry: { type: 'LineString', coordinates: [[51.67, 32.65], [51.6705123, 32.6501]] }, width_m: 0.8 });
		expect(features[1]).toEqual({ geometry: pit.geometry });
		expect('width_m' in features[1]).toBe(false);
	});

	it('falls back to the default width for a trench without one', () => {
		const [feature] = toCheckFeatures(shapesFromSnapshot([line]), {});
		expect(feature).toMatchObject({ width_m: DEFAULT_TRENCH_WIDTH_M });
	});

	it('makes a body the server schema accepts as it is', () => {
		const features = toCheckFeatures(shapesFromSnapshot([line, pit]), { a: 1.2 });
		const parsed = parseExcavationCheck({ features, start: '2026-12-01', end: '2026-12-10', emergency: false });
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.value.features.map((f) => [f.kind, f.width_m])).toEqual([['trench', 1.2], ['pit', null]]);
	});
});

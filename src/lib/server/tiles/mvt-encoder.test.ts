import { describe, expect, it } from 'vitest';
import Pbf from 'pbf';
import { VectorTile, classifyRings } from '@mapbox/vector-tile';
import { command, encodeTile, ringArea, zigzag, type TileFeature } from './mvt-encoder';

function decode(bytes: Uint8Array) {
	return new VectorTile(new Pbf(bytes));
}

/** Reads the raw geometry field (tag 4) of the first feature of the first layer. */
function rawGeometry(bytes: Uint8Array): number[] {
	const pbf = new Pbf(bytes);
	let geometry: number[] = [];
	pbf.readFields((tag, _, p) => {
		if (tag !== 3) return;
		p!.readMessage((ltag, __, lp) => {
			if (ltag !== 2 || geometry.length) return;
			lp!.readMessage((ftag, ___, fp) => {
				if (ftag === 4) geometry = fp!.readPackedVarint();
			}, null);
		}, null);
	}, null);
	return geometry;
}

const square = (x0: number, y0: number, x1: number, y1: number) => [
	[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]
];

describe('zigzag and command integers', () => {
	it('maps signed deltas to unsigned varints as the spec lists', () => {
		expect([0, -1, 1, -2, 2, -3].map(zigzag)).toEqual([0, 1, 2, 3, 4, 5]);
	});
	it('packs the command id in the low 3 bits and the count above', () => {
		expect(command(1, 1)).toBe(9);
		expect(command(2, 3)).toBe(26);
		expect(command(7, 1)).toBe(15);
	});
});

describe('encodeTile', () => {
	it('writes the spec example polygon byte for byte', () => {
		const bytes = encodeTile([
			{ name: 'x', features: [{ properties: {}, geometry: { type: 'Polygon', coordinates: [[[3, 6], [8, 12], [20, 34], [3, 6]]] } }] }
		]);
		expect(rawGeometry(bytes)).toEqual([9, 6, 12, 18, 10, 12, 24, 44, 15]);
	});

	it('makes exteriors positive (clockwise with y down) and holes negative whatever the input winding', () => {
		const outerCcw = square(0, 0, 100, 100).reverse();
		const holeCw = square(20, 20, 40, 40);
		const bytes = encodeTile([
			{ name: 'parcels', features: [{ id: 7, properties: {}, geometry: { type: 'Polygon', coordinates: [outerCcw, holeCw] } }] }
		]);
		const rings = decode(bytes).layers.parcels.feature(0).loadGeometry();
		const areas = rings.map((ring) => ringArea(ring.map((p) => [p.x, p.y])));
		expect(areas[0]).toBeGreaterThan(0);
		expect(areas[1]).toBeLessThan(0);
		expect(classifyRings(rings)).toHaveLength(1);
	});

	it('keeps the parts of a multipolygon apart', () => {
		const bytes = encodeTile([
			{
				name: 'p',
				features: [{ properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 10, 10)], [square(20, 20, 30, 30)]] } }]
			}
		]);
		expect(classifyRings(decode(bytes).layers.p.feature(0).loadGeometry())).toHaveLength(2);
	});

	it('writes ids, typed properties, and shares repeated keys and values', () => {
		const features: TileFeature[] = [
			{ id: 1, properties: { code: 'R1', density_pct: 240, max_floors: 4, name_en: null }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10)] } },
			{ id: 2, properties: { code: 'R1', density_pct: 120.5, max_floors: -1 }, geometry: { type: 'Polygon', coordinates: [square(10, 10, 20, 20)] } }
		];
		const tile = decode(
			encodeTile([{ name: 'zoning', features, fieldTypes: { code: 'string', density_pct: 'double', max_floors: 'int', name_en: 'string' } }])
		);
		const layer = tile.layers.zoning;
		expect(layer.extent).toBe(4096);
		expect(layer.version).toBe(2);
		expect(layer.length).toBe(2);
		expect(layer.feature(0).id).toBe(1);
		expect(layer.feature(0).properties).toEqual({ code: 'R1', density_pct: 240, max_floors: 4 });
		expect(layer.feature(1).properties).toEqual({ code: 'R1', density_pct: 120.5, max_floors: -1 });
		// "R1" is stored once in the values table
		expect((layer as unknown as { _values: unknown[] })._values.filter((v) => v === 'R1')).toHaveLength(1);
	});

	it('encodes lines with relative moves and drops repeated vertices', () => {
		const bytes = encodeTile([
			{ name: 's', features: [{ properties: {}, geometry: { type: 'LineString', coordinates: [[2, 2], [2, 2], [2, 10], [10, 10]] } }] }
		]);
		expect(rawGeometry(bytes)).toEqual([9, 4, 4, 18, 0, 16, 16, 0]);
		const feature = decode(bytes).layers.s.feature(0);
		expect(feature.type).toBe(2);
		expect(feature.loadGeometry()[0].map((p) => [p.x, p.y])).toEqual([[2, 2], [2, 10], [10, 10]]);
	});

	it('leaves out features that collapsed and layers left empty, down to zero bytes', () => {
		const bytes = encodeTile([
			{ name: 'p', features: [{ properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [5, 0], [9, 0], [0, 0]]] } }] }
		]);
		expect(bytes.byteLength).toBe(0);
	});
});

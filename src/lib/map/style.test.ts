import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { cityStyle, PATTERNS } from './style';
import { hatch } from './patterns';
import { MAP_LEGEND } from './legend';
import { TILE_LAYER_NAMES, type TileLayerName } from './tile-layers';
import { LAND_USE_COLORS } from './layers/zoning';
import { tileLayer } from '$lib/server/tiles/layers';

const layer = (style: StyleSpecification, id: string) => style.layers.find((l) => l.id === id)!;

describe('the city style', () => {
	it('asks for no outside glyphs, sprites or tiles: everything comes from our own origin', () => {
		const style = cityStyle('fa', 'http://pelak.test', null);
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		for (const name of TILE_LAYER_NAMES) {
			const source = style.sources[name] as { tiles: string[] };
			expect(source.tiles).toEqual([`http://pelak.test/tiles/${name}/{z}/{x}/{y}.mvt`]);
		}
	});

	it('labels streets in Persian first, or English first after the switch', () => {
		const fa = JSON.stringify((layer(cityStyle('fa', '', null), 'streets-label') as { layout: object }).layout);
		const en = JSON.stringify((layer(cityStyle('en', '', null), 'streets-label') as { layout: object }).layout);
		expect(fa.indexOf('name_fa')).toBeLessThan(fa.indexOf('name_en'));
		expect(en.indexOf('name_en')).toBeLessThan(en.indexOf('name_fa'));
		expect(fa).toContain('Vazirmatn');
	});

	it('names each district once, from its label point, not once per tile its polygon reaches', () => {
		const style = cityStyle('fa', 'http://pelak.test', null);
		const label = layer(style, 'districts-label') as { source: string; 'source-layer'?: string };
		expect(label['source-layer']).toBeUndefined();
		expect(style.sources[label.source]).toEqual({ type: 'geojson', data: 'http://pelak.test/api/districts/labels' });
	});

	it('draws parcels only from z15, where the tiles carry them', () => {
		const style = cityStyle('fa', '', null);
		expect((layer(style, 'parcels-line') as { minzoom: number }).minzoom).toBe(15);
		expect(style.sources.parcels).toMatchObject({ minzoom: 15 });
	});

	it('puts our layers above an outside basemap and drops our own background', () => {
		const basemap: StyleSpecification = {
			version: 8,
			glyphs: 'https://example.test/{fontstack}/{range}.pbf',
			sources: { osm: { type: 'raster', tiles: ['https://example.test/{z}/{x}/{y}.png'] } },
			layers: [{ id: 'osm', type: 'raster', source: 'osm' }]
		};
		const style = cityStyle('fa', '', basemap);
		expect(style.layers[0].id).toBe('osm');
		expect(style.layers.some((l) => l.id === 'background')).toBe(false);
		expect(style.sources.osm).toBeDefined();
		expect(style.sources.zoning).toBeDefined();
	});
});

describe('the city style against the tile server', () => {
	const style = cityStyle('fa', '', null);
	const vectorSources = Object.entries(style.sources).filter(([, s]) => s.type === 'vector') as [string, { tiles: string[]; minzoom: number; maxzoom: number }][];

	it('asks for each served layer only within the zooms the server serves it', () => {
		expect(vectorSources.map(([name]) => name).sort()).toEqual([...TILE_LAYER_NAMES].sort());
		for (const [name, source] of vectorSources) {
			const served = tileLayer(source.tiles[0].match(/\/tiles\/(\w+)\//)![1] as TileLayerName);
			expect(served.name, name).toBe(name);
			expect(source.minzoom, `${name} minzoom`).toBeGreaterThanOrEqual(served.minZoom);
			expect(source.maxzoom, `${name} maxzoom`).toBeLessThanOrEqual(served.maxZoom);
		}
	});

	it('does not ask for zoning, streets or overlays below the zoom they are served from', () => {
		expect(style.sources.zoning).toMatchObject({ minzoom: 11 });
		expect(style.sources.streets).toMatchObject({ minzoom: 11 });
		expect(style.sources.overlays).toMatchObject({ minzoom: 10 });
	});

	it('reads only properties the tiles carry', () => {
		const gets = (value: unknown): string[] =>
			Array.isArray(value)
				? value[0] === 'get' && typeof value[1] === 'string'
					? [value[1]]
					: value.flatMap(gets)
				: value && typeof value === 'object'
					? Object.values(value).flatMap(gets)
					: [];
		let checked = 0;
		for (const l of style.layers) {
			if (!('source-layer' in l) || !l['source-layer']) continue;
			const fields = Object.keys(tileLayer(l['source-layer'] as TileLayerName).fields);
			for (const property of gets([l.filter, l.layout, l.paint])) {
				expect(fields, `${l.id} reads ${property}`).toContain(property);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(5);
	});
});

describe('the look of each dataset', () => {
	it('has every fill pattern the style names drawn in code', () => {
		const named = cityStyle('fa', '', null)
			.layers.map((l) => (l.paint as Record<string, unknown> | undefined)?.['fill-pattern'])
			.filter((p): p is string => typeof p === 'string');
		expect(named.length).toBeGreaterThan(0);
		for (const id of named) expect(PATTERNS[id], id).toBeDefined();
	});

	it('shows each land use in the legend in the colour the map fills it with', () => {
		const fill = cityStyle('fa', '', null).layers.find((l) => l.id === 'zoning-fill') as { paint: { 'fill-color': unknown[] } };
		const [, , ...cases] = fill.paint['fill-color'];
		const mapColor = (use: string) => {
			for (let i = 0; i + 1 < cases.length; i += 2) if ((cases[i] as string[]).includes(use)) return cases[i + 1];
			return cases.at(-1);
		};
		const landUses = MAP_LEGEND.filter((e) => e.id.startsWith('land-use-'));
		expect(landUses.length).toBeGreaterThan(0);
		for (const entry of landUses) {
			const use = entry.id.slice('land-use-'.length);
			expect(entry.swatch).toEqual({ kind: 'fill', color: mapColor(use) });
			expect(mapColor(use)).toBe(LAND_USE_COLORS[use as keyof typeof LAND_USE_COLORS]);
		}
	});

	it('hatches the legend with the same colour and stripes as the map', () => {
		const hatched = MAP_LEGEND.flatMap((e) => (e.swatch.kind === 'hatch' ? [e.swatch.hatch] : []));
		expect(hatched.map((h) => h.id).sort()).toEqual(Object.keys(PATTERNS).sort());
		for (const h of hatched) {
			const image = PATTERNS[h.id];
			const stripe = Array.from(image.data.slice(0, 3));
			expect(`#${stripe.map((c) => c.toString(16).padStart(2, '0')).join('')}`).toBe(h.color);
			expect(image.width).toBe(h.size);
		}
	});
});

describe('hatch patterns', () => {
	it('draws diagonal stripes that tile seamlessly', () => {
		const { width, height, data } = hatch([255, 0, 0], 8, 2);
		expect(data.length).toBe(width * height * 4);
		const alphaAt = (x: number, y: number) => data[(y * width + x) * 4 + 3];
		expect(alphaAt(0, 0)).toBeGreaterThan(0); // on a stripe
		expect(alphaAt(3, 0)).toBe(0); // between stripes
		// Same stripe phase across the right edge: (7,1) and (0,0) are both on x + y ≡ 0 (mod 8).
		expect(alphaAt(7, 1)).toBe(alphaAt(0, 0));
	});
});

import type {
	ExpressionSpecification,
	LayerSpecification,
	SourceSpecification,
	StyleSpecification
} from 'maplibre-gl';
import type { Lang } from '../i18n/format';
import { landUseColorExpression } from './land-use-colors';
import { TILE_LAYER_NAMES, TILE_LAYERS } from './tile-layers';

/** Beyond this zoom tiles are over-zoomed rather than fetched: parcels are already exact at z16. */
const TILE_OVERZOOM_FROM = 16;
export const FONT = ['Vazirmatn'];
export const SELECTION_SOURCE = 'selection';
export const SETBACK_SOURCE = 'setback';
export const CLICKABLE_LAYERS = ['parcels-fill'];

/**
 * The city's own vector-tile layers, one source each (the tile endpoint serves one layer per URL),
 * asked for only in the zoom range the server serves them (the tile catalogue's).
 */
function citySources(origin: string): Record<string, SourceSpecification> {
	const sources: Record<string, SourceSpecification> = {};
	for (const name of TILE_LAYER_NAMES) {
		sources[name] = {
			type: 'vector',
			tiles: [`${origin}/tiles/${name}/{z}/{x}/{y}.mvt`],
			minzoom: TILE_LAYERS[name].minZoom,
			maxzoom: Math.min(TILE_OVERZOOM_FROM, TILE_LAYERS[name].maxZoom),
			promoteId: 'id'
		};
	}
	const empty = { type: 'FeatureCollection', features: [] } as GeoJSON.FeatureCollection;
	sources[SELECTION_SOURCE] = { type: 'geojson', data: empty };
	sources[SETBACK_SOURCE] = { type: 'geojson', data: empty };
	return sources;
}

/** Width in pixels of a street of each class, grown with zoom (doubling per level like the ground). */
function streetWidth(scale = 1): ExpressionSpecification {
	const byClass = (base: number): ExpressionSpecification =>
		['match', ['get', 'class'], 'arterial', base * 2.4, 'collector', base * 1.6, 'local', base, 'alley', base * 0.5, base] as ExpressionSpecification;
	return ['interpolate', ['exponential', 2], ['zoom'], 12, byClass(0.6 * scale), 15, byClass(3 * scale), 18, byClass(20 * scale)] as ExpressionSpecification;
}

function label(lang: Lang): ExpressionSpecification {
	return lang === 'fa'
		? ['coalesce', ['get', 'name_fa'], ['get', 'name_en'], '']
		: ['coalesce', ['get', 'name_en'], ['get', 'name_fa'], ''];
}

export function cityLayers(lang: Lang, withBackground: boolean): LayerSpecification[] {
	const layers: LayerSpecification[] = [];
	if (withBackground) layers.push({ id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } });
	layers.push(
		{
			id: 'zoning-fill',
			type: 'fill',
			source: 'zoning',
			'source-layer': 'zoning',
			paint: { 'fill-color': landUseColorExpression(), 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.7, 17, 0.45] }
		},
		{
			id: 'blocks-line',
			type: 'line',
			source: 'blocks',
			'source-layer': 'blocks',
			minzoom: 14,
			paint: { 'line-color': '#b5a58a', 'line-width': 0.6 }
		},
		{
			id: 'overlays-fill',
			type: 'fill',
			source: 'overlays',
			'source-layer': 'overlays',
			paint: { 'fill-pattern': 'hatch-heritage', 'fill-opacity': 0.6 }
		},
		{
			id: 'overlays-line',
			type: 'line',
			source: 'overlays',
			'source-layer': 'overlays',
			paint: { 'line-color': '#8a5a2b', 'line-width': 1.5, 'line-dasharray': [3, 2] }
		},
		{
			id: 'districts-line',
			type: 'line',
			source: 'districts',
			'source-layer': 'districts',
			paint: { 'line-color': '#6b4f8a', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, 3], 'line-opacity': 0.7 }
		},
		{
			id: 'streets-casing',
			type: 'line',
			source: 'streets',
			'source-layer': 'streets',
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: { 'line-color': '#9c9488', 'line-width': streetWidth(1.15) }
		},
		{
			id: 'streets-line',
			type: 'line',
			source: 'streets',
			'source-layer': 'streets',
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: {
				'line-color': ['match', ['get', 'class'], 'arterial', '#fff4c2', '#ffffff'],
				'line-width': streetWidth()
			}
		},
		{
			id: 'widening-lines',
			type: 'line',
			source: 'widening_lines',
			'source-layer': 'widening_lines',
			minzoom: 14,
			paint: { 'line-color': '#d7261e', 'line-width': 1.6, 'line-dasharray': [4, 2] }
		},
		{
			id: 'parcels-fill',
			type: 'fill',
			source: 'parcels',
			'source-layer': 'parcels',
			minzoom: 15,
			// Transparent but hit-testable; parcels with open cases get a tint.
			paint: { 'fill-color': '#1f6feb', 'fill-opacity': ['case', ['>', ['coalesce', ['get', 'open_cases'], 0], 0], 0.18, 0] }
		},
		{
			id: 'parcels-line',
			type: 'line',
			source: 'parcels',
			'source-layer': 'parcels',
			minzoom: 15,
			paint: { 'line-color': '#5d5548', 'line-width': ['interpolate', ['linear'], ['zoom'], 15, 0.4, 18, 1.2] }
		},
		{
			id: 'parcels-open-cases',
			type: 'line',
			source: 'parcels',
			'source-layer': 'parcels',
			minzoom: 15,
			filter: ['>', ['coalesce', ['get', 'open_cases'], 0], 0],
			paint: { 'line-color': '#1f6feb', 'line-width': 1.6, 'line-dasharray': [2, 1] }
		},
		{ id: 'selection-fill', type: 'fill', source: SELECTION_SOURCE, paint: { 'fill-color': '#ffd400', 'fill-opacity': 0.35 } },
		{ id: 'selection-line', type: 'line', source: SELECTION_SOURCE, paint: { 'line-color': '#b8860b', 'line-width': 3 } },
		// The setback above the selection outline: it is often a strip only a few metres wide.
		{ id: 'setback-fill', type: 'fill', source: SETBACK_SOURCE, paint: { 'fill-pattern': 'hatch-setback' } },
		{ id: 'setback-line', type: 'line', source: SETBACK_SOURCE, paint: { 'line-color': '#d7261e', 'line-width': 1.5 } },
		{
			id: 'streets-label',
			type: 'symbol',
			source: 'streets',
			'source-layer': 'streets',
			minzoom: 14,
			filter: ['in', ['get', 'class'], ['literal', ['arterial', 'collector', 'local']]],
			layout: {
				'symbol-placement': 'line',
				'text-field': label(lang),
				'text-font': FONT,
				'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 15],
				'text-max-angle': 30,
				'symbol-spacing': 300
			},
			paint: { 'text-color': '#3b352c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 }
		},
		{
			id: 'arterials-label',
			type: 'symbol',
			source: 'streets',
			'source-layer': 'streets',
			maxzoom: 14,
			filter: ['==', ['get', 'class'], 'arterial'],
			layout: { 'symbol-placement': 'line', 'text-field': label(lang), 'text-font': FONT, 'text-size': 12 },
			paint: { 'text-color': '#3b352c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 }
		},
		{
			id: 'districts-label',
			type: 'symbol',
			source: 'districts',
			'source-layer': 'districts',
			maxzoom: 15,
			layout: { 'text-field': label(lang), 'text-font': FONT, 'text-size': 15 },
			paint: { 'text-color': '#4b3563', 'text-halo-color': '#ffffff', 'text-halo-width': 2 }
		}
	);
	return layers;
}

/**
 * The map's style: the city's own layers over a plain background, or over an outside basemap
 * when one is configured. No `glyphs` URL of our own, so MapLibre draws labels locally with the
 * self-hosted Vazirmatn (no outside font server).
 */
export function cityStyle(lang: Lang, origin: string, basemap?: StyleSpecification | null): StyleSpecification {
	const ours = cityLayers(lang, !basemap);
	if (!basemap) return { version: 8, sources: citySources(origin), layers: ours };
	return {
		...basemap,
		sources: { ...basemap.sources, ...citySources(origin) },
		layers: [...basemap.layers, ...ours]
	};
}

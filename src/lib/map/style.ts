import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '../i18n/format';
import { hatchImage } from './patterns';
import { TILE_LAYER_NAMES, TILE_LAYERS } from './tile-layers';
import { blocksLayers } from './layers/blocks';
import { districtLabelSources, districtsLabels, districtsLayers } from './layers/districts';
import { excavationsLayers } from './layers/excavations';
import { HERITAGE_HATCH, overlaysLayers } from './layers/overlays';
import { PARCELS_CLICKABLE, parcelsLayers } from './layers/parcels';
import { planningHighlightLayers, planningHighlightSources } from './layers/planning-highlight';
import { SETBACK_HATCH, selectionLayers, selectionSources } from './layers/selection';
import { streetsLabels, streetsLayers } from './layers/streets';
import { wideningLinesLayers } from './layers/widening-lines';
import { zoningLayers } from './layers/zoning';

export { SELECTION_SOURCE, SETBACK_SOURCE } from './layers/selection';
export { PLANNING_HIGHLIGHT_SOURCE } from './layers/planning-highlight';
export { FONT } from './layers/labels';

/** Beyond this zoom tiles are over-zoomed rather than fetched: parcels are already exact at z16. */
const TILE_OVERZOOM_FROM = 16;
export const CLICKABLE_LAYERS = [PARCELS_CLICKABLE];

/** The hatches the style's `fill-pattern`s name, drawn in code and added on first use. */
export const PATTERNS = Object.fromEntries([SETBACK_HATCH, HERITAGE_HATCH].map((h) => [h.id, hatchImage(h)]));

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
			// no promoteId: a feature's MVT id is its `id`, also where the tile leaves the field out (parcels at z15)
			maxzoom: Math.min(TILE_OVERZOOM_FROM, TILE_LAYERS[name].maxZoom)
		};
	}
	return { ...sources, ...districtLabelSources(origin), ...selectionSources(), ...planningHighlightSources() };
}

/** The city's layers, bottom to top; each dataset's look is in ./layers/<dataset>.ts. */
export function cityLayers(lang: Lang, withBackground: boolean): LayerSpecification[] {
	const background: LayerSpecification[] = withBackground
		? [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } }]
		: [];
	return [
		...background,
		...zoningLayers(),
		...blocksLayers(),
		...overlaysLayers(),
		...districtsLayers(),
		...streetsLayers(),
		...wideningLinesLayers(),
		...parcelsLayers(),
		...excavationsLayers(),
		...selectionLayers(),
		...planningHighlightLayers(),
		// labels above every dataset's geometry
		...streetsLabels(lang),
		...districtsLabels(lang)
	];
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

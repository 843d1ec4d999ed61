import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { Lang } from '../../i18n/format';
import { FONT, nameLabel } from './labels';

export function districtsLayers(): LayerSpecification[] {
	return [
		{
			id: 'districts-line',
			type: 'line',
			source: 'districts',
			'source-layer': 'districts',
			paint: { 'line-color': '#6b4f8a', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, 3], 'line-opacity': 0.7 }
		}
	];
}

/**
 * Where district names are written: one point per district (/api/districts/labels), not the tiles'
 * polygons, from which MapLibre writes a name once in every tile a district reaches.
 */
export const DISTRICT_LABELS_SOURCE = 'district-labels';

export function districtLabelSources(origin: string): Record<string, SourceSpecification> {
	return { [DISTRICT_LABELS_SOURCE]: { type: 'geojson', data: `${origin}/api/districts/labels` } };
}

export function districtsLabels(lang: Lang): LayerSpecification[] {
	return [
		{
			id: 'districts-label',
			type: 'symbol',
			source: DISTRICT_LABELS_SOURCE,
			maxzoom: 15,
			layout: { 'text-field': nameLabel(lang), 'text-font': FONT, 'text-size': 15 },
			paint: { 'text-color': '#4b3563', 'text-halo-color': '#ffffff', 'text-halo-width': 2 }
		}
	];
}

import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { t } from '../../i18n';
import type { LegendEntry } from '../legend';
import { TILE_LAYERS } from '../tile-layers';

/** Parcels with open cases are tinted and outlined in blue. */
const OPEN_CASE_COLOR = '#1f6feb';
const hasOpenCases: ExpressionSpecification = ['>', ['coalesce', ['get', 'open_cases'], 0], 0];

/** The layer a click on the map picks parcels from. */
export const PARCELS_CLICKABLE = 'parcels-fill';

export function parcelsLayers(): LayerSpecification[] {
	const minzoom = TILE_LAYERS.parcels.minZoom;
	return [
		{
			id: PARCELS_CLICKABLE,
			type: 'fill',
			source: 'parcels',
			'source-layer': 'parcels',
			minzoom,
			// Transparent but hit-testable; parcels with open cases get a tint.
			paint: { 'fill-color': OPEN_CASE_COLOR, 'fill-opacity': ['case', hasOpenCases, 0.18, 0] }
		},
		{
			id: 'parcels-line',
			type: 'line',
			source: 'parcels',
			'source-layer': 'parcels',
			minzoom,
			paint: { 'line-color': '#5d5548', 'line-width': ['interpolate', ['linear'], ['zoom'], 15, 0.4, 18, 1.2] }
		},
		{
			id: 'parcels-open-cases',
			type: 'line',
			source: 'parcels',
			'source-layer': 'parcels',
			minzoom,
			filter: hasOpenCases,
			paint: { 'line-color': OPEN_CASE_COLOR, 'line-width': 1.6, 'line-dasharray': [2, 1] }
		}
	];
}

export const parcelsLegend: LegendEntry[] = [
	{
		id: 'open-case',
		label: (lang) => t(lang, 'legend.open_case'),
		swatch: { kind: 'dashed-outline', color: OPEN_CASE_COLOR, tint: 0.2 }
	}
];

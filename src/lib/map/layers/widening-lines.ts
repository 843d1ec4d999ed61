import type { LayerSpecification } from 'maplibre-gl';
import { t } from '../../i18n';
import type { LegendEntry } from '../legend';
import { TILE_LAYERS } from '../tile-layers';

/** Planned street edges (بر اصلاحی) in red, like the setbacks they cut off. */
export const WIDENING_COLOR = '#d7261e';

export function wideningLinesLayers(): LayerSpecification[] {
	return [
		{
			id: 'widening-lines',
			type: 'line',
			source: 'widening_lines',
			'source-layer': 'widening_lines',
			minzoom: TILE_LAYERS.widening_lines.minZoom,
			paint: { 'line-color': WIDENING_COLOR, 'line-width': 1.6, 'line-dasharray': [4, 2] }
		}
	];
}

export const wideningLinesLegend: LegendEntry[] = [
	{ id: 'widening', label: (lang) => t(lang, 'legend.widening'), swatch: { kind: 'dashed-line', color: WIDENING_COLOR } }
];

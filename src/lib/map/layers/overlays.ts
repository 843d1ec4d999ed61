import type { LayerSpecification } from 'maplibre-gl';
import { t } from '../../i18n';
import type { LegendEntry } from '../legend';
import type { Hatch } from '../patterns';

/** Overlays (heritage buffers and the like) are hatched over the zoning and outlined in brown. */
const OVERLAY_COLOR = '#8a5a2b';
export const HERITAGE_HATCH: Hatch = { id: 'hatch-heritage', color: OVERLAY_COLOR, size: 14, lineWidth: 2, alpha: 150 };

export function overlaysLayers(): LayerSpecification[] {
	return [
		{
			id: 'overlays-fill',
			type: 'fill',
			source: 'overlays',
			'source-layer': 'overlays',
			paint: { 'fill-pattern': HERITAGE_HATCH.id, 'fill-opacity': 0.6 }
		},
		{
			id: 'overlays-line',
			type: 'line',
			source: 'overlays',
			'source-layer': 'overlays',
			paint: { 'line-color': OVERLAY_COLOR, 'line-width': 1.5, 'line-dasharray': [3, 2] }
		}
	];
}

export const overlaysLegend: LegendEntry[] = [
	{ id: 'heritage', label: (lang) => t(lang, 'legend.heritage'), swatch: { kind: 'hatch', hatch: HERITAGE_HATCH } }
];

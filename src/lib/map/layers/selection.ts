import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { t } from '../../i18n';
import type { LegendEntry } from '../legend';
import type { Hatch } from '../patterns';
import { WIDENING_COLOR } from './widening-lines';

/** The selected parcel and its setback, drawn from the parcel's GeoJSON (not from tiles). */
export const SELECTION_SOURCE = 'selection';
export const SETBACK_SOURCE = 'setback';

/** The setback is the land the widening line cuts off, so it shares the line's red. */
export const SETBACK_HATCH: Hatch = { id: 'hatch-setback', color: WIDENING_COLOR, size: 10, lineWidth: 2, alpha: 230 };

export function selectionSources(): Record<string, SourceSpecification> {
	const empty = { type: 'FeatureCollection', features: [] } as GeoJSON.FeatureCollection;
	return {
		[SELECTION_SOURCE]: { type: 'geojson', data: empty },
		[SETBACK_SOURCE]: { type: 'geojson', data: empty }
	};
}

export function selectionLayers(): LayerSpecification[] {
	return [
		{ id: 'selection-fill', type: 'fill', source: SELECTION_SOURCE, paint: { 'fill-color': '#ffd400', 'fill-opacity': 0.35 } },
		{ id: 'selection-line', type: 'line', source: SELECTION_SOURCE, paint: { 'line-color': '#b8860b', 'line-width': 3 } },
		// The setback above the selection outline: it is often a strip only a few metres wide.
		{ id: 'setback-fill', type: 'fill', source: SETBACK_SOURCE, paint: { 'fill-pattern': SETBACK_HATCH.id } },
		{ id: 'setback-line', type: 'line', source: SETBACK_SOURCE, paint: { 'line-color': SETBACK_HATCH.color, 'line-width': 1.5 } }
	];
}

export const setbackLegend: LegendEntry[] = [
	{ id: 'setback', label: (lang) => t(lang, 'legend.setback'), swatch: { kind: 'hatch', hatch: SETBACK_HATCH } }
];

import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { t } from '../../i18n';
import type { LegendEntry } from '../legend';
import { TILE_LAYERS } from '../tile-layers';
import { PUBLIC_STATUSES } from '../../domain/excavation/works';

/** Works in the street by status: violet under review, green permitted, orange being dug, grey done. */
export const EXCAVATION_STATUS_COLORS: Record<(typeof PUBLIC_STATUSES)[number], string> = {
	planned: '#7950f2',
	approved: '#2f9e44',
	active: '#e8590c',
	completed: '#868e96'
};

const byStatus: ExpressionSpecification = [
	'match',
	['get', 'status'],
	...PUBLIC_STATUSES.flatMap((s) => [s, EXCAVATION_STATUS_COLORS[s]]),
	'#495057'
] as unknown as ExpressionSpecification;

export function excavationsLayers(): LayerSpecification[] {
	const minzoom = TILE_LAYERS.excavations.minZoom;
	return [
		{
			id: 'excavations-fill',
			type: 'fill',
			source: 'excavations',
			'source-layer': 'excavations',
			minzoom,
			paint: { 'fill-color': byStatus, 'fill-opacity': 0.55 }
		},
		{
			// a trench is a metre wide: the outline keeps it visible at every zoom
			id: 'excavations-line',
			type: 'line',
			source: 'excavations',
			'source-layer': 'excavations',
			minzoom,
			paint: { 'line-color': byStatus, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1.5, 18, 2.5] }
		}
	];
}

export const excavationsLegend: LegendEntry[] = PUBLIC_STATUSES.map((status) => ({
	id: `excavation-${status}`,
	label: (lang) => `${t(lang, 'excavation.works')}: ${t(lang, `excavation_status.${status}`)}`,
	swatch: { kind: 'fill', color: EXCAVATION_STATUS_COLORS[status] }
}));

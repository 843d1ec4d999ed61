import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { t } from '../../i18n';
import type { LegendEntry } from '../legend';
import { TILE_LAYERS } from '../tile-layers';
import { PUBLIC_CATEGORIES, PUBLIC_CATEGORY, PUBLIC_STATUSES, type PublicCategory, type PublicStatus } from '../../domain/excavation/works';

/** Works in the street by category: violet under review, green permitted, orange being dug, grey done. */
export const EXCAVATION_CATEGORY_COLORS: Record<PublicCategory, string> = {
	planned: '#7950f2',
	approved: '#2f9e44',
	active: '#e8590c',
	completed: '#868e96'
};

/** Each public status in its category's colour. */
export const EXCAVATION_STATUS_COLORS = Object.fromEntries(
	PUBLIC_STATUSES.map((s) => [s, EXCAVATION_CATEGORY_COLORS[PUBLIC_CATEGORY[s]]])
) as Record<PublicStatus, string>;

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

export const excavationsLegend: LegendEntry[] = PUBLIC_CATEGORIES.map((category) => ({
	id: `excavation-${category}`,
	label: (lang) => `${t(lang, 'excavation.works')}: ${t(lang, `excavation_public.${category}`)}`,
	swatch: { kind: 'fill', color: EXCAVATION_CATEGORY_COLORS[category] }
}));

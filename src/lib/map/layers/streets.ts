import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../../i18n/format';
import { FONT, nameLabel } from './labels';

/** Width in pixels of a street of each class, grown with zoom (doubling per level like the ground). */
function streetWidth(scale = 1): ExpressionSpecification {
	const byClass = (base: number): ExpressionSpecification =>
		['match', ['get', 'class'], 'arterial', base * 2.4, 'collector', base * 1.6, 'local', base, 'alley', base * 0.5, base] as ExpressionSpecification;
	return ['interpolate', ['exponential', 2], ['zoom'], 12, byClass(0.6 * scale), 15, byClass(3 * scale), 18, byClass(20 * scale)] as ExpressionSpecification;
}

const LABEL_PAINT = { 'text-color': '#3b352c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 };

export function streetsLayers(): LayerSpecification[] {
	return [
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
		}
	];
}

/** Names along the streets from z14; below that, arterials only. */
export function streetsLabels(lang: Lang): LayerSpecification[] {
	return [
		{
			id: 'streets-label',
			type: 'symbol',
			source: 'streets',
			'source-layer': 'streets',
			minzoom: 14,
			filter: ['in', ['get', 'class'], ['literal', ['arterial', 'collector', 'local']]],
			layout: {
				'symbol-placement': 'line',
				'text-field': nameLabel(lang),
				'text-font': FONT,
				'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 15],
				'text-max-angle': 30,
				'symbol-spacing': 300
			},
			paint: { ...LABEL_PAINT }
		},
		{
			id: 'arterials-label',
			type: 'symbol',
			source: 'streets',
			'source-layer': 'streets',
			maxzoom: 14,
			filter: ['==', ['get', 'class'], 'arterial'],
			layout: { 'symbol-placement': 'line', 'text-field': nameLabel(lang), 'text-font': FONT, 'text-size': 12 },
			paint: { ...LABEL_PAINT }
		}
	];
}

import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../../i18n/format';
import { FONT, nameLabel } from './labels';

/**
 * Pixels per metre of ground at zoom 0 (512-pixel tiles), at latitude 32.5° — the middle of Iran's cities: a street
 * is drawn within ±8 % of its width from Bandar Abbas (27°) to Tabriz (38°). Doubles with every zoom level.
 */
const PX_PER_M_Z0 = 512 / (40_075_016.686 * Math.cos((32.5 * Math.PI) / 180));

/**
 * Width in pixels of a street: its width on the ground (`width_m`, the city's own figure) at the zoom, so that the
 * street fills the gap between its parcels and a dig drawn along it lands on it; never thinner than its class's
 * line (an alley at z12 stays visible), and the class's line where the city gave no width. `extraPx` widens the casing.
 */
function streetWidth(extraPx = 0): ExpressionSpecification {
	const byClass = (base: number): ExpressionSpecification =>
		['match', ['get', 'class'], 'arterial', base * 2.4, 'collector', base * 1.6, 'local', base, 'alley', base * 0.5, base] as ExpressionSpecification;
	const at = (z: number, classBase: number): ExpressionSpecification =>
		['+', ['max', byClass(classBase), ['*', ['coalesce', ['get', 'width_m'], 0], PX_PER_M_Z0 * 2 ** z]], extraPx] as ExpressionSpecification;
	return ['interpolate', ['exponential', 2], ['zoom'], 12, at(12, 0.6), 15, at(15, 3), 18, at(18, 20), 22, at(22, 320)] as ExpressionSpecification;
}

/** Wider classes drawn over narrower ones: an alley's end stops at the arterial's edge instead of crossing it. */
const BY_CLASS_ORDER: ExpressionSpecification = ['match', ['get', 'class'], 'arterial', 4, 'collector', 3, 'local', 2, 1];

const LABEL_PAINT = { 'text-color': '#3b352c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 };

export function streetsLayers(): LayerSpecification[] {
	return [
		{
			id: 'streets-casing',
			type: 'line',
			source: 'streets',
			'source-layer': 'streets',
			layout: { 'line-cap': 'round', 'line-join': 'round', 'line-sort-key': BY_CLASS_ORDER },
			paint: { 'line-color': '#9c9488', 'line-width': streetWidth(2) }
		},
		{
			id: 'streets-line',
			type: 'line',
			source: 'streets',
			'source-layer': 'streets',
			layout: { 'line-cap': 'round', 'line-join': 'round', 'line-sort-key': BY_CLASS_ORDER },
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

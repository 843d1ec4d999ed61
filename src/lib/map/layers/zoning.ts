import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LAND_USES, LAND_USE_ALIASES, type LandUse } from '../../i18n/land-use';
import type { LegendEntry } from '../legend';

/** Fill colours of detailed-plan land uses, after the usual Iranian plan palette (residential yellow, commercial red, green green). */
export const LAND_USE_COLORS: Record<LandUse, string> = {
	residential: '#f3d98b',
	commercial: '#e8837a',
	mixed: '#f0a868',
	administrative: '#b9a0d6',
	educational: '#8ec1e6',
	health: '#7fd1c7',
	religious: '#9fcf9a',
	cultural: '#d6a5c9',
	heritage: '#c9a27e',
	green: '#8fc97a',
	sports: '#b8dc8a',
	tourism: '#f5b8d0',
	industrial: '#a9a9b3',
	workshop: '#c4bfb0',
	facilities: '#9db3c7',
	transport: '#c8c8c8',
	military: '#8f9a7d',
	agricultural: '#d9e8a6',
	water: '#9cc9f0'
};

export const UNKNOWN_LAND_USE_COLOR = '#dddddd';

/** A `match` on the zoning feature's `land_use`, accepting our keys, their synonyms and the Persian words. */
export function landUseColorExpression(): ExpressionSpecification {
	const cases: (string | string[])[] = [];
	for (const key of Object.keys(LAND_USES) as LandUse[]) {
		const synonyms = Object.keys(LAND_USE_ALIASES).filter((alias) => LAND_USE_ALIASES[alias] === key);
		cases.push([key, LAND_USES[key].fa, ...synonyms], LAND_USE_COLORS[key]);
	}
	return ['match', ['get', 'land_use'], ...cases, UNKNOWN_LAND_USE_COLOR] as unknown as ExpressionSpecification;
}

export function zoningLayers(): LayerSpecification[] {
	return [
		{
			id: 'zoning-fill',
			type: 'fill',
			source: 'zoning',
			'source-layer': 'zoning',
			paint: { 'fill-color': landUseColorExpression(), 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.7, 17, 0.45] }
		}
	];
}

/** The land uses the legend shows: those most of a detailed plan is made of. */
const LEGEND_USES: LandUse[] = ['residential', 'commercial', 'mixed', 'administrative', 'educational', 'health', 'green', 'heritage', 'industrial'];

export const zoningLegend: LegendEntry[] = LEGEND_USES.map((use) => ({
	id: `land-use-${use}`,
	label: (lang) => LAND_USES[use][lang],
	swatch: { kind: 'fill', color: LAND_USE_COLORS[use] }
}));

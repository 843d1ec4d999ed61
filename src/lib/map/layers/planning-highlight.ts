import type { FilterSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { WIDENING_COLOR } from './widening-lines';

/**
 * The planners' highlight, drawn from GeoJSON the planning page hands the map (not from tiles):
 * features carry `kind` — `corridor_before` / `corridor_after` (a street's planned corridor now and
 * under a draft), `piece` / `piece_after` (land a corridor takes from a parcel), `widening_line`
 * and `draft_point` (a widening line being drawn). The map page draws a street found by the
 * search through it too, as `found_street`.
 */
export const PLANNING_HIGHLIGHT_SOURCE = 'planning-highlight';

const DRAFT_COLOR = '#7b2cbf';
const FOUND_COLOR = '#1f6feb';
const kindIs = (...kinds: string[]): FilterSpecification => ['in', ['get', 'kind'], ['literal', kinds]];

export function planningHighlightSources(): Record<string, SourceSpecification> {
	return { [PLANNING_HIGHLIGHT_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } };
}

export function planningHighlightLayers(): LayerSpecification[] {
	const source = PLANNING_HIGHLIGHT_SOURCE;
	return [
		{ id: 'search-street', type: 'line', source, filter: kindIs('found_street'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': FOUND_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 4, 17, 10], 'line-opacity': 0.55 } },
		{ id: 'planning-corridor', type: 'fill', source, filter: kindIs('corridor_before'), paint: { 'fill-color': WIDENING_COLOR, 'fill-opacity': 0.12 } },
		{ id: 'planning-corridor-draft', type: 'line', source, filter: kindIs('corridor_after'), paint: { 'line-color': DRAFT_COLOR, 'line-width': 2, 'line-dasharray': [3, 2] } },
		{ id: 'planning-piece', type: 'fill', source, filter: kindIs('piece', 'piece_after'), paint: { 'fill-color': ['match', ['get', 'kind'], 'piece_after', DRAFT_COLOR, WIDENING_COLOR], 'fill-opacity': 0.55 } },
		{ id: 'planning-piece-line', type: 'line', source, filter: kindIs('piece', 'piece_after'), paint: { 'line-color': '#3b0a05', 'line-width': 1.4 } },
		{ id: 'planning-line', type: 'line', source, filter: kindIs('widening_line'), paint: { 'line-color': DRAFT_COLOR, 'line-width': 3 } },
		{ id: 'planning-point', type: 'circle', source, filter: kindIs('draft_point'), paint: { 'circle-color': DRAFT_COLOR, 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } }
	];
}

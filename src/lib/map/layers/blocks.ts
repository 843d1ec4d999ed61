import type { LayerSpecification } from 'maplibre-gl';
import { TILE_LAYERS } from '../tile-layers';

export function blocksLayers(): LayerSpecification[] {
	return [
		{
			id: 'blocks-line',
			type: 'line',
			source: 'blocks',
			'source-layer': 'blocks',
			minzoom: TILE_LAYERS.blocks.minZoom,
			paint: { 'line-color': '#b5a58a', 'line-width': 0.6 }
		}
	];
}

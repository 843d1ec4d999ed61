import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tileLayerCatalogue } from '$lib/map/tile-layers';
import { TILE_EXTENT } from '$lib/server/tiles/tile-coords';

/** GET /tiles/layers.json — the vector tile layers, their zoom ranges and fields, for the map. */
export const GET: RequestHandler = () =>
	json(
		{ tiles: '/tiles/{layer}/{z}/{x}/{y}.mvt', extent: TILE_EXTENT, layers: tileLayerCatalogue() },
		{ headers: { 'cache-control': 'public, max-age=300' } }
	);

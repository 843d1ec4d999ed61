import type { RequestHandler } from './$types';
import { jsonError } from '$lib/server/errors';
import { tileResponse } from '$lib/server/tiles/tile.service';

/** GET /tiles/<layer>/<z>/<x>/<y>.mvt — one layer of the city as a Mapbox Vector Tile. */
export const GET: RequestHandler = async ({ params, locals, request }) => {
	try {
		const tile = await locals.tiles.tile(params);
		return tileResponse(tile, request.headers.get('if-none-match'), request.headers.get('accept-encoding'));
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

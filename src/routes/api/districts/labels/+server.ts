import type { RequestHandler } from './$types';
import { districtLabels } from '$lib/server/tiles/district-labels';
import { etagMatches, etagOf } from '$lib/server/tiles/tile.service';
import { jsonError } from '$lib/server/errors';

/**
 * GET /api/districts/labels: one point per district (GeoJSON, WGS84) where the map writes its name.
 * Public, as the district tiles are; asked once per map, answered 304 while the districts are the same.
 */
export const GET: RequestHandler = async ({ locals, request }) => {
	try {
		const body = new TextEncoder().encode(JSON.stringify(await districtLabels(locals.readDb)));
		const etag = etagOf(body);
		const headers = { etag, 'cache-control': 'no-cache' };
		if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
		return new Response(body, { headers: { ...headers, 'content-type': 'application/geo+json' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import type { RequestHandler } from './$types';
import { itemsDocument, MEDIA, ogcEndpoint, parseItemsQuery } from '$lib/server/ogc';

/** GET /ogc/collections/{collectionId}/items?bbox=&limit=&after=: a page of features (GeoJSON), paged by `next` links. */
export const GET: RequestHandler = ogcEndpoint(null, async (call) => ({
	body: await itemsDocument(call, call.params.collectionId, parseItemsQuery(call.search)),
	type: MEDIA.geojson
}));

import type { RequestHandler } from './$types';
import { itemDocument, MEDIA, METADATA_PARAMETERS, ogcEndpoint } from '$lib/server/ogc';

/** GET /ogc/collections/{collectionId}/items/{featureId}: one feature (GeoJSON); 404 when there is none. */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, async (call) => ({
	body: await itemDocument(call, call.params.collectionId, call.params.featureId),
	type: MEDIA.geojson
}));

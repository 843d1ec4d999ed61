import type { RequestHandler } from './$types';
import { collectionDocument, MEDIA, METADATA_PARAMETERS, ogcEndpoint } from '$lib/server/ogc';

/** GET /ogc/collections/{collectionId}: one collection; 404 for one that is not public. */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, async (call) => ({
	body: await collectionDocument(call, call.params.collectionId),
	type: MEDIA.json
}));

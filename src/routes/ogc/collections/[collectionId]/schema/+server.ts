import type { RequestHandler } from './$types';
import { MEDIA, METADATA_PARAMETERS, ogcEndpoint, schemaDocument } from '$lib/server/ogc';

/** GET /ogc/collections/{collectionId}/schema: the JSON Schema of the collection's features (rel describedby). */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, (call) => ({
	body: schemaDocument(call, call.params.collectionId),
	type: MEDIA.jsonSchema
}));

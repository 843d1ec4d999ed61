import type { RequestHandler } from './$types';
import { MEDIA, METADATA_PARAMETERS, ogcEndpoint, openApiDocument } from '$lib/server/ogc';

/** GET /ogc/api: the API definition, OpenAPI 3.0, generated from the collection catalogue. */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, (call) => ({ body: openApiDocument(call), type: MEDIA.openapi }));

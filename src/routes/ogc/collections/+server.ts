import type { RequestHandler } from './$types';
import { collectionsDocument, MEDIA, METADATA_PARAMETERS, ogcEndpoint } from '$lib/server/ogc';

/** GET /ogc/collections: every public collection with its extent and links. */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, async (call) => ({ body: await collectionsDocument(call), type: MEDIA.json }));

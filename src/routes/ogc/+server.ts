import type { RequestHandler } from './$types';
import { landingPage, MEDIA, METADATA_PARAMETERS, ogcEndpoint } from '$lib/server/ogc';

/** GET /ogc: the OGC API – Features landing page (links to the API definition, conformance, collections). */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, (call) => ({ body: landingPage(call), type: MEDIA.json }));

import type { RequestHandler } from './$types';
import { conformance, MEDIA, METADATA_PARAMETERS, ogcEndpoint } from '$lib/server/ogc';

/** GET /ogc/conformance: the conformance classes (core, geojson, oas30). */
export const GET: RequestHandler = ogcEndpoint(METADATA_PARAMETERS, () => ({ body: conformance(), type: MEDIA.json }));

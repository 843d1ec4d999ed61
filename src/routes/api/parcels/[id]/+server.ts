import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseParcelId } from '$lib/schemas/parcel-query';
import { getParcelDetail } from '$lib/server/parcels/parcel.service';
import { expectValid, jsonError } from '$lib/server/errors';

/**
 * GET /api/parcels/:id: the parcel detail. The id is checked here, not by a param matcher, so a
 * bad id gets a 400 JSON error that names it rather than the router's 404.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		const id = expectValid(parseParcelId(params.id));
		return json(await getParcelDetail(locals.readDb, id));
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

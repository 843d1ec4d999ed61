import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseCoordinates } from '$lib/schemas/parcel-query';
import { findParcelAt } from '$lib/server/parcels/parcel.service';
import { expectValid, jsonError } from '$lib/server/errors';

/** GET /api/parcels/at?lon=&lat= (WGS84): the parcel under a point, or 404. */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const { lon, lat } = expectValid(parseCoordinates(url.searchParams));
		return json(await findParcelAt(locals.readDb, lon, lat));
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseSearchQuery } from '$lib/schemas/parcel-query';
import { searchParcels } from '$lib/server/parcels/parcel.service';
import { expectValid, jsonError } from '$lib/server/errors';

/** GET /api/search?q=&limit=: parcels by renovation code, registration plate, postal code or address; streets by name. */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const { q, limit } = expectValid(parseSearchQuery(url.searchParams));
		return json({ hits: await searchParcels(locals.readDb, q, limit) });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseWorksQuery } from '$lib/schemas/excavation';
import { listWorks } from '$lib/server/excavation';
import { expectValid, jsonError } from '$lib/server/errors';

/** GET /api/excavations?bbox=west,south,east,north&from=&to=: the public works in an area (GeoJSON, no personal data). */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const query = expectValid(parseWorksQuery(url.searchParams));
		return json(await listWorks(locals.db, query), {
			headers: { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'public, max-age=60' }
		});
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

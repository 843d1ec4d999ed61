import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getPublicWork } from '$lib/server/excavation';
import { notFound } from '$lib/server/excavation/actors';
import { jsonError } from '$lib/server/errors';
import { toLatinDigits } from '$lib/domain/text';

/** GET /api/excavations/:id: one work's public record as a GeoJSON Feature (where a clash's share_url points). */
export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		const text = toLatinDigits(params.id);
		// a malformed id is not found either, named as given (not as 0)
		if (!/^\d{1,15}$/.test(text)) throw notFound(params.id.slice(0, 40));
		const id = Number(text);
		return json(await getPublicWork(locals.db, id), { headers: { 'content-type': 'application/geo+json; charset=utf-8' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getPublicWork } from '$lib/server/excavation';
import { jsonError } from '$lib/server/errors';
import { toLatinDigits } from '$lib/domain/text';

/** GET /api/excavations/:id: one work's public record as a GeoJSON Feature (where a clash's share_url points). */
export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		const text = toLatinDigits(params.id);
		const id = /^\d{1,15}$/.test(text) ? Number(text) : 0;
		return json(await getPublicWork(locals.db, id), { headers: { 'content-type': 'application/geo+json; charset=utf-8' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseWorksQuery } from '$lib/schemas/excavation';
import { parseExcavationFiling } from '$lib/schemas/excavation-filing';
import { fileWork, listWorks } from '$lib/server/excavation';
import { readJsonBody } from '$lib/server/excavation/request';
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

/**
 * POST /api/excavations: files a work (the check's body plus purpose, description and
 * shared_trench_of) → 201 {id, reference, status, url}. The server re-runs the check in the same
 * transaction; a moratorium or calendar ban refuses with 409, bad geometry or input with 400.
 * Utility applicants file for their company; citizens for their own house connection.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	try {
		const input = expectValid(parseExcavationFiling(await readJsonBody(request)));
		return json(await fileWork(locals.db, locals.user ?? null, input), { status: 201, headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseExcavationCheck } from '$lib/schemas/excavation';
import { checkExcavation } from '$lib/server/excavation';
import { readJsonBody } from '$lib/server/excavation/request';
import { expectValid, jsonError } from '$lib/server/errors';

/** POST /api/excavations/check: a drawn dig checked against the city (see $lib/api/excavation.ts). */
export const POST: RequestHandler = async ({ request, locals }) => {
	try {
		const input = expectValid(parseExcavationCheck(await readJsonBody(request)));
		return json(await checkExcavation(locals.db, input), { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

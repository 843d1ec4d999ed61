import type { RequestHandler } from './$types';
import { verificationAnswer } from '$lib/server/issued-documents';

/** `GET /verify/<code>.json`: the verification page's answer as JSON (contract: $lib/api/verification). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { status, body } = await verificationAnswer(locals.db, params.code);
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*' }
	});
};

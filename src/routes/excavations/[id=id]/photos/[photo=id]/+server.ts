import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth';
import { inspectionPhoto } from '$lib/server/excavation';
import { jsonError } from '$lib/server/errors';

/** An inspection photo of the work, for those who may see the work. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		const photo = await inspectionPhoto(locals.db, user, Number(params.id), Number(params.photo));
		return new Response(new Uint8Array(photo.bytes), { headers: { 'content-type': photo.mediaType, 'cache-control': 'private, no-store' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth';
import { readReportPhoto } from '$lib/server/supervision';
import { pageError } from '$lib/server/errors';

/** A stage report's photo, shown inline to the work's engineer and the district's officers; 404 to anyone else. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		const photo = await readReportPhoto(locals.db, user, Number(params.id));
		return new Response(new Uint8Array(photo.bytes), {
			headers: {
				'content-type': photo.mediaType,
				'content-length': String(photo.bytes.byteLength),
				'cache-control': 'private, max-age=3600',
				'x-content-type-options': 'nosniff'
			}
		});
	} catch (err) {
		pageError(err, locals.lang);
	}
};

import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth';
import { workPermitPdf } from '$lib/server/excavation';
import { jsonError } from '$lib/server/errors';

/** The work's permit PDF, byte for byte as issued, for those who may see the work. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		const { number, pdf } = await workPermitPdf(locals.db, user, Number(params.id));
		return new Response(new Uint8Array(pdf), {
			headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${number}.pdf"`, 'cache-control': 'private, no-store' }
		});
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import type { PageServerLoad } from './$types';
import { verifyDocument } from '$lib/server/issued-documents';
import { pageError } from '$lib/server/errors';

/** Public: anyone holding a document checks it here (the QR code's address). A forged code answers 404. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' }); // the status is live
	try {
		return { document: await verifyDocument(locals.db, params.code), code: params.code };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

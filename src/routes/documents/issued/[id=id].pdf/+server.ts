import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth';
import { issuedDocumentPdf } from '$lib/server/issued-documents';
import { pageError } from '$lib/server/errors';

/** An issued document's PDF, for those who may see its case; anyone else gets the same 404 as for no such id. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		const { number, status, pdf } = await issuedDocumentPdf(locals.db, user, Number(params.id));
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-length': String(pdf.byteLength),
				'content-disposition': `inline; filename="${number}.pdf"`,
				'x-document-status': status,
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		pageError(err, locals.lang);
	}
};

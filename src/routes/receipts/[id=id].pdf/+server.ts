import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth';
import { receiptPdf } from '$lib/server/permits';
import { pageError } from '$lib/server/errors';

/** A verified payment's receipt as a PDF with its verifying QR code, for those who may see the assessment it paid. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		const { number, pdf } = await receiptPdf(locals.db, user, Number(params.id));
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-length': String(pdf.byteLength),
				'content-disposition': `inline; filename="${number}.pdf"`,
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		pageError(err, locals.lang);
	}
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkBill } from '$lib/server/fees';
import { jsonError } from '$lib/server/errors';

/**
 * GET /api/bills/check?bill_id=&payment_id= → {valid, amount_rial, service_type, problems, issued_by_pelak,
 * assessment_status?, instalment?} for any pair: every check digit, the service type, and whether Pelak
 * issued it (each bill of a split fee is checked on its own: its status and which instalment it is).
 * Persian digits, spaces and dashes are accepted; problems are named in the reader's language.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const bill = url.searchParams.get('bill_id') ?? '';
		const payment = url.searchParams.get('payment_id') ?? '';
		return json(await checkBill(locals.db, bill.slice(0, 64), payment.slice(0, 64), locals.lang), { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

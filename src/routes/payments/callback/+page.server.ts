import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { completePayment, paymentGateway } from '$lib/server/payments';
import { pageError } from '$lib/server/errors';

/**
 * Where the gateway sends the payer back (`?Authority=…&Status=OK|NOK`, as Zarinpal does). The
 * payment is verified server-side; a replayed, forged or tampered callback answers 400/409 with
 * the reason and changes nothing.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	let outcome;
	try {
		outcome = await completePayment(locals.db, paymentGateway(locals.db), url.searchParams);
	} catch (err) {
		pageError(err, locals.lang);
	}
	if (outcome.outcome === 'paid') redirect(303, `/receipts/${outcome.paymentRowId}`);
	redirect(303, `/assessments/${outcome.assessmentId}?payment=cancelled`);
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { getAssessmentView } from '$lib/server/fees';
import { PaymentError, paymentGateway, startPayment } from '$lib/server/payments';
import { pageError, formFailure } from '$lib/server/errors';


/** An assessment's itemised lines and bill, for the case's applicant and the staff who may see the case. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	const id = Number(params.id);
	try {
		return { view: await getAssessmentView(locals.db, user, id), cancelled: url.searchParams.get('payment') === 'cancelled' };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	/** Sends the payer to the gateway; the amount and ids are the stored ones, never the form's (it names only which bill). */
	pay: async ({ locals, params, url, request }) => {
		const user = requireUser(locals, undefined, url);
		const id = Number(params.id);
		// which bill of a split fee; without it, the first one not paid yet
		const form = await request.formData().catch(() => null);
		const seqText = String(form?.get('seq') ?? '').trim();
		let started;
		try {
			const seq = seqText === '' ? undefined : /^\d{1,3}$/.test(seqText) ? Number(seqText) : Number.NaN;
			if (seq !== undefined && Number.isNaN(seq)) throw new PaymentError('bill_not_found');
			const gateway = paymentGateway(locals.db);
			started = await startPayment(locals.db, gateway, user, id, { callbackUrl: new URL('/payments/callback', url.origin).href, seq });
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'pay' });
		}
		redirect(303, started.redirect_url);
	}
};

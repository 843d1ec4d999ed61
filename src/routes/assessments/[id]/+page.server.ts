import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { getAssessmentView } from '$lib/server/fees';
import { paymentGateway, startPayment } from '$lib/server/payments';
import type { Lang } from '$lib/i18n';
import { pageError, formFailure } from '$lib/server/errors';
import { positiveInt } from '$lib/schemas/id';

const NOT_FOUND = { fa: 'صورت‌حسابی با این شناسه پیدا نشد.', en: 'No such fee assessment.' };

function idOf(params: { id: string }, lang: Lang): number {
	const id = positiveInt(params.id);
	if (id === null) error(404, { code: 'assessment_not_found', message: NOT_FOUND[lang] });
	return id;
}

/** An assessment's itemised lines and bill, for the case's applicant and the staff who may see the case. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	const id = idOf(params, locals.lang);
	try {
		return { view: await getAssessmentView(locals.db, user, id), cancelled: url.searchParams.get('payment') === 'cancelled' };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	/** Sends the payer to the gateway; the amount and ids are the stored ones, never the form's. */
	pay: async ({ locals, params, url }) => {
		const user = requireUser(locals, undefined, url);
		const id = idOf(params, locals.lang);
		let started;
		try {
			const gateway = paymentGateway(locals.db);
			started = await startPayment(locals.db, gateway, user, id, { callbackUrl: new URL('/payments/callback', url.origin).href });
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'pay' });
		}
		redirect(303, started.redirect_url);
	}
};

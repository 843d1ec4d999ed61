import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { cartablePage, claimCase } from '$lib/server/cases';
import { formId } from '$lib/schemas/form';
import { formFailure, pageError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

/** Every staff role has a cartable; citizens and representatives follow their cases in /cases. */
const STAFF = ['district_officer', 'inspector', 'planner', 'agency', 'supervising_engineer', 'council_member', 'admin'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, STAFF, url);
	try {
		return await cartablePage(locals.db, user, url.searchParams.get('tab'));
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	claim: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, STAFF, url);
		const form = await request.formData();
		try {
			const view = await claimCase(locals.db, user, formId(form, 'caseId'), { ip: clientOf(event).ip });
			return { claimed: view.id };
		} catch (err) {
			return formFailure(err, locals.lang);
		}
	}
};

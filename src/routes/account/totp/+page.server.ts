import type { Actions, PageServerLoad } from './$types';
import { beginTotpEnrolment, confirmTotpEnrolment, isTotpEnabled, requireUser } from '$lib/server/auth';
import { formFailure } from '$lib/server/errors';
import { formText } from '$lib/schemas/form';
import { clientOf } from '$lib/server/client';

/** A staff member turns on two-step sign-in: the key and otpauth:// URI, then the app's first code. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, undefined, url);
	if (user.kind !== 'staff') return { staff: false, on: false, enrolment: null };
	const on = await isTotpEnabled(locals.db, user.id);
	return { staff: true, on, enrolment: on ? null : await beginTotpEnrolment(locals.db, user.id) };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, url } = event;
		const user = requireUser(locals, undefined, url);
		const form = await request.formData();
		try {
			await confirmTotpEnrolment(locals.db, user.id, formText(form, 'code', 20), {
				client: clientOf(event)
			});
			return { done: true };
		} catch (err) {
			return formFailure(err, locals.lang);
		}
	}
};

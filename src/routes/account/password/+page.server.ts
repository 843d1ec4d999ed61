import type { Actions, PageServerLoad } from './$types';
import { changeOwnPassword, MIN_PASSWORD, requireUser } from '$lib/server/auth';
import { formFailure } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, undefined, url);
	return { min: MIN_PASSWORD, staff: locals.user?.kind === 'staff' };
};

function secret(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, 1000) : '';
}

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, cookies, url } = event;
		const user = requireUser(locals, undefined, url);
		const form = await request.formData();
		try {
			await changeOwnPassword(
				locals.db,
				cookies,
				user,
				{ current: secret(form, 'current'), next: secret(form, 'next'), confirm: secret(form, 'confirm') },
				{ client: clientOf(event) }
			);
			return { done: true };
		} catch (err) {
			// echoes nothing: every field here is a password
			return formFailure(err, locals.lang);
		}
	}
};

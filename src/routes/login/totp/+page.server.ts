import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { completeStaffEnrolment, completeStaffTotp, landingAfterSignIn, pendingStaffSignIn, safeRedirectPath } from '$lib/server/auth';
import { DomainError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

/** The second step of a staff sign-in: the authenticator code, or (admins in production) enrolment. */
export const load: PageServerLoad = async ({ locals, cookies, url }) => {
	const asked = url.searchParams.get('redirect');
	const target = asked ? safeRedirectPath(asked) : '';
	if (locals.user) redirect(303, landingAfterSignIn(asked, locals.user));
	const pending = await pendingStaffSignIn(locals.db, cookies);
	if (!pending) redirect(303, target ? `/login?tab=staff&redirect=${encodeURIComponent(target)}` : '/login?tab=staff');
	return { stage: pending.stage, enrolment: pending.stage === 'totp_enrol' ? pending.enrolment : null, redirect: target };
};

function code(form: FormData): string {
	const value = form.get('code');
	return typeof value === 'string' ? value.slice(0, 20) : '';
}

export const actions: Actions = {
	default: async (event) => {
		const { locals, cookies, request, url } = event;
		const form = await request.formData();
		const client = clientOf(event);
		let user;
		try {
			const pending = await pendingStaffSignIn(locals.db, cookies);
			if (pending?.stage === 'totp_enrol') user = await completeStaffEnrolment(locals.db, cookies, code(form), { client });
			else user = await completeStaffTotp(locals.db, cookies, code(form), { client });
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			return fail(err.status, { error: err.messages[locals.lang], code: err.code });
		}
		redirect(303, landingAfterSignIn(url.searchParams.get('redirect'), user));
	}
};

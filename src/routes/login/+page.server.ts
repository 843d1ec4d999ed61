import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	requestSignInCode,
	verifySignInCode,
	signInStaff,
	safeRedirectPath,
	landingAfterSignIn,
	CODE_TTL_MS,
	isDemoMode,
	type LocalsWithUser
} from '$lib/server/auth';
import { createMessageSender, listOutbox } from '$lib/server/notify';
import { formFailure } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';
import { parseCodeRequest, parseCodeVerification, parseRedirect, parseStaffSignIn } from '$lib/schemas/login';
import { createIdentityRegistry } from '$lib/server/registries';

type Tab = 'citizen' | 'staff';

/** What a sign-in form answers with: the tab and step to show and safe echoes (never a password or a code); a refusal adds `error` and `code`. */
interface LoginFormData {
	tab: Tab;
	step?: 'request' | 'verify';
	nationalId?: string;
	mobile?: string;
	username?: string;
	/** how long the code just sent stays valid */
	minutes?: number;
	/**
	 * Demo mode only (no SMS gateway, messages kept in the sandbox outbox): the message just "sent", shown
	 * on the code step so a visitor can try the citizen's side without the admin's outbox.
	 */
	sandboxMessage?: string;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const asked = url.searchParams.get('redirect');
	const user = (locals as LocalsWithUser).user;
	if (user) redirect(303, landingAfterSignIn(asked, user));
	return {
		tab: (url.searchParams.get('tab') === 'staff' ? 'staff' : 'citizen') as Tab,
		// empty when no page asked for the sign-in: the user then lands on their workspace
		redirect: asked ? safeRedirectPath(asked) : '',
		sandbox: createMessageSender(locals.db).name === 'outbox-sandbox',
		registrySandbox: createIdentityRegistry().sandbox
	};
};

export const actions: Actions = {
	requestCode: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const asked = parseCodeRequest(form);
		const echo: LoginFormData = { tab: 'citizen', step: 'request', ...asked };
		try {
			const sender = createMessageSender(locals.db);
			const sent = await requestSignInCode(locals.db, sender, asked, { client: clientOf(event) });
			const data: LoginFormData = {
				tab: 'citizen',
				step: 'verify',
				nationalId: sent.nationalId,
				mobile: sent.mobile,
				minutes: Math.round(CODE_TTL_MS / 60_000)
			};
			// never outside demo mode (production refuses to start with the sandbox sender anyway)
			if (sender.name === 'outbox-sandbox' && isDemoMode()) {
				const [message] = await listOutbox(locals.db, { recipient: sent.mobile, limit: 1 });
				if (message) data.sandboxMessage = message.body;
			}
			return data;
		} catch (err) {
			return formFailure(err, locals.lang, echo);
		}
	},

	verifyCode: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const { code, ...person } = parseCodeVerification(form);
		const echo: LoginFormData = { tab: 'citizen', step: 'verify', ...person };
		try {
			await verifySignInCode(locals.db, event.cookies, { ...person, code }, { client: clientOf(event) });
		} catch (err) {
			return formFailure(err, locals.lang, echo);
		}
		redirect(303, safeRedirectPath(parseRedirect(form)));
	},

	staff: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const credentials = parseStaffSignIn(form);
		const echo: LoginFormData = { tab: 'staff', username: credentials.username };
		let result;
		try {
			result = await signInStaff(locals.db, event.cookies, credentials, { client: clientOf(event) });
		} catch (err) {
			return formFailure(err, locals.lang, echo);
		}
		const asked = parseRedirect(form);
		// TOTP to enter, or (an admin in production) to enrol first
		if (result.status !== 'signed_in') redirect(303, asked ? `/login/totp?redirect=${encodeURIComponent(safeRedirectPath(asked))}` : '/login/totp');
		// no page asked for the sign-in: the staff member's workspace (cartable, excavations, …)
		redirect(303, result.user.mustChangePassword ? '/account/password' : landingAfterSignIn(asked, result.user));
	}
};

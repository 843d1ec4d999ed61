import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	requestSignInCode,
	verifySignInCode,
	signInStaff,
	safeRedirectPath,
	CODE_TTL_MS,
	type LocalsWithUser
} from '$lib/server/auth';
import { createMessageSender } from '$lib/server/notify';
import { DomainError } from '$lib/server/errors';
import { parseCodeRequest, parseCodeVerification, parseRedirect, parseStaffSignIn } from '$lib/schemas/login';

type Tab = 'citizen' | 'staff';

/** What a sign-in form answers with: the tab and step to show, safe echoes, and any refusal. */
interface LoginFormData {
	tab: Tab;
	step?: 'request' | 'verify';
	nationalId?: string;
	mobile?: string;
	username?: string;
	/** how long the code just sent stays valid */
	minutes?: number;
	error?: string;
	errorCode?: string;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const target = safeRedirectPath(url.searchParams.get('redirect'));
	if ((locals as LocalsWithUser).user) redirect(303, target);
	return {
		tab: (url.searchParams.get('tab') === 'staff' ? 'staff' : 'citizen') as Tab,
		redirect: target,
		sandbox: createMessageSender(locals.db).name === 'outbox-sandbox'
	};
};

function client(event: RequestEvent) {
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		/* no address (e.g. prerendering): limits per person still apply */
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}

/**
 * A refused sign-in as a form answer: the status and the message that names the problem, echoing
 * only what is safe to show back (never a password or a code).
 */
function refusal(err: unknown, lang: 'fa' | 'en', echo: LoginFormData) {
	if (!(err instanceof DomainError)) throw err;
	const data: LoginFormData = { ...echo, error: err.messages[lang], errorCode: err.code };
	return fail(err.status, data);
}

export const actions: Actions = {
	requestCode: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const asked = parseCodeRequest(form);
		const echo: LoginFormData = { tab: 'citizen', step: 'request', ...asked };
		try {
			const sent = await requestSignInCode(locals.db, createMessageSender(locals.db), asked, { client: client(event) });
			const data: LoginFormData = {
				tab: 'citizen',
				step: 'verify',
				nationalId: sent.nationalId,
				mobile: sent.mobile,
				minutes: Math.round(CODE_TTL_MS / 60_000)
			};
			return data;
		} catch (err) {
			return refusal(err, locals.lang, echo);
		}
	},

	verifyCode: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const { code, ...person } = parseCodeVerification(form);
		const echo: LoginFormData = { tab: 'citizen', step: 'verify', ...person };
		try {
			await verifySignInCode(locals.db, event.cookies, { ...person, code }, { client: client(event) });
		} catch (err) {
			return refusal(err, locals.lang, echo);
		}
		redirect(303, safeRedirectPath(parseRedirect(form)));
	},

	staff: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const credentials = parseStaffSignIn(form);
		const echo: LoginFormData = { tab: 'staff', username: credentials.username };
		try {
			await signInStaff(locals.db, event.cookies, credentials, { client: client(event) });
		} catch (err) {
			return refusal(err, locals.lang, echo);
		}
		redirect(303, safeRedirectPath(parseRedirect(form)));
	}
};

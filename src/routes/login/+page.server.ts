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
import { createIdentityRegistry } from '$lib/server/registries';
import { DomainError } from '$lib/server/errors';
import type { Lang } from '$lib/i18n';

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
		sandbox: createMessageSender(locals.db).name === 'outbox-sandbox',
		registrySandbox: createIdentityRegistry().sandbox
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

function field(form: FormData, name: string, max = 100): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

/**
 * A refused sign-in as a form answer: the status and the message that names the problem, echoing
 * only what is safe to show back (never a password or a code).
 */
function refusal(err: unknown, lang: Lang, echo: LoginFormData) {
	if (!(err instanceof DomainError)) throw err;
	const data: LoginFormData = { ...echo, error: err.messages[lang], errorCode: err.code };
	return fail(err.status, data);
}

export const actions: Actions = {
	requestCode: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const nationalId = field(form, 'nationalId', 20);
		const mobile = field(form, 'mobile', 20);
		const echo: LoginFormData = { tab: 'citizen', step: 'request', nationalId, mobile };
		try {
			const sent = await requestSignInCode(locals.db, createMessageSender(locals.db), { nationalId, mobile }, { client: client(event) });
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
		const nationalId = field(form, 'nationalId', 20);
		const mobile = field(form, 'mobile', 20);
		const echo: LoginFormData = { tab: 'citizen', step: 'verify', nationalId, mobile };
		try {
			await verifySignInCode(locals.db, event.cookies, { nationalId, mobile, code: field(form, 'code', 20) }, { client: client(event) });
		} catch (err) {
			return refusal(err, locals.lang, echo);
		}
		redirect(303, safeRedirectPath(field(form, 'redirect', 2000)));
	},

	staff: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const username = field(form, 'username');
		const echo: LoginFormData = { tab: 'staff', username };
		let result;
		try {
			result = await signInStaff(locals.db, event.cookies, { username, password: field(form, 'password', 1000) }, { client: client(event) });
		} catch (err) {
			return refusal(err, locals.lang, echo);
		}
		const target = safeRedirectPath(field(form, 'redirect', 2000));
		// TOTP to enter, or (an admin in production) to enrol first
		if (result.status !== 'signed_in') redirect(303, `/login/totp?redirect=${encodeURIComponent(target)}`);
		redirect(303, result.user.mustChangePassword ? '/account/password' : target);
	}
};

import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { langOf } from '$lib/i18n';

/** Only paths on our own site, so the switch cannot be used to bounce users elsewhere. */
function safeRedirect(target: string | null): string {
	return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

function switchLanguage({ url, cookies }: Parameters<RequestHandler>[0]): never {
	const lang = langOf(url.searchParams.get('to'));
	cookies.set('lang', lang, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false, secure: false });
	redirect(303, safeRedirect(url.searchParams.get('redirect')));
}

export const GET: RequestHandler = (event) => switchLanguage(event);
export const POST: RequestHandler = (event) => switchLanguage(event);

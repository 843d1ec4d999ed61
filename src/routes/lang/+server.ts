import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { langOf } from '$lib/i18n';
import { sameSitePath } from '$lib/server/security/redirects';

/** Sets the language cookie and goes back; only to a path on this site, so the switch cannot bounce users elsewhere. */
function switchLanguage({ url, cookies }: Parameters<RequestHandler>[0]): never {
	const lang = langOf(url.searchParams.get('to'));
	// SvelteKit's default `secure` (on except on http://localhost) applies; the page reads the language on the server only.
	cookies.set('lang', lang, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true });
	redirect(303, sameSitePath(url.searchParams.get('redirect')));
}

export const GET: RequestHandler = (event) => switchLanguage(event);
export const POST: RequestHandler = (event) => switchLanguage(event);

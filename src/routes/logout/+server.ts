import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { signOut } from '$lib/server/auth';

/**
 * Ends the session. POST only: a link or an image on another site cannot sign anyone out, and
 * SvelteKit's origin check refuses cross-site form posts.
 */
export const POST: RequestHandler = async ({ locals, cookies, request, getClientAddress }) => {
	await signOut(locals.db, cookies, locals.user, { ip: getClientAddress(), userAgent: request.headers.get('user-agent') });
	redirect(303, '/');
};

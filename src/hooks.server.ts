import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startDatabase, database } from '$lib/server/app-database';
import { toHttpError } from '$lib/server/errors';
import { resolveSession } from '$lib/server/auth';

export const init: ServerInit = async () => {
	if (!building) await startDatabase();
};

export const handle: Handle = async ({ event, resolve }) => {
	const db = database();
	event.locals.db = db.db;
	event.locals.backend = db.backend;
	// Tiles are public and hot: no session lookup for them.
	event.locals.user = event.url.pathname.startsWith('/tiles/') ? null : await resolveSession(db.db, event.cookies);
	const lang = event.cookies.get('lang') === 'en' ? 'en' : 'fa';
	event.locals.lang = lang;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang).replace('%dir%', lang === 'fa' ? 'rtl' : 'ltr')
	});
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const mapped = toHttpError(error, event.locals.lang ?? "fa", status);
	if (mapped.status >= 500 && status !== 404) {
		console.error(`[pelak] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message: mapped.message, code: mapped.code };
};

import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startDatabase, database } from '$lib/server/app-database';
import { toHttpError } from '$lib/server/errors';
import { resolveSession, startMaintenanceSchedule } from '$lib/server/auth';
import { sampleCitySeeder } from '../gis/sample-city/seeder';
import { dirOf, langOf } from '$lib/i18n';

export const init: ServerInit = async () => {
	if (!building) startMaintenanceSchedule((await startDatabase({ seeder: sampleCitySeeder })).db);
};

export const handle: Handle = async ({ event, resolve }) => {
	const db = database();
	event.locals.db = db.db;
	event.locals.backend = db.backend;
	// Tiles are public and hot: no session lookup for them.
	event.locals.user = event.url.pathname.startsWith('/tiles/') ? null : await resolveSession(db.db, event.cookies);
	const lang = langOf(event.cookies.get('lang'));
	event.locals.lang = lang;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang).replace('%dir%', dirOf(lang))
	});
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const mapped = toHttpError(error, event.locals.lang ?? "fa");
	if (mapped.status >= 500 && status !== 404) {
		console.error(`[pelak] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message: mapped.message, code: mapped.code };
};

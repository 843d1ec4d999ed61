import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startDatabase, database } from '$lib/server/app-database';
import { loadConfig } from '$lib/server/config';
import { toHttpError } from '$lib/server/errors';
import { resolveSession } from '$lib/server/auth';
import { startChecked, StartupRefusedError } from '$lib/server/security';
import { sampleCitySeeder } from '../gis/sample-city/seeder';

const config = loadConfig();

export const init: ServerInit = async () => {
	if (building) return;
	try {
		await startChecked(config, () => startDatabase({ config, seeder: sampleCitySeeder }));
	} catch (err) {
		if (!(err instanceof StartupRefusedError)) throw err;
		console.error(err.message);
		process.exit(1);
	}
	console.log(
		config.mode === 'demo'
			? '[pelak] DEMO mode: sample data, demo accounts and the sandbox SMS outbox (PELAK_MODE=production for real use)'
			: '[pelak] production mode'
	);
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
	const mapped = toHttpError(error, event.locals.lang ?? "fa");
	if (mapped.status >= 500 && status !== 404) {
		console.error(`[pelak] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message: mapped.message, code: mapped.code };
};

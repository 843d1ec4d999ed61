import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startDatabase, database } from '$lib/server/app-database';
import { loadConfig } from '$lib/server/config';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable, methodNotAllowed, toHttpError } from '$lib/server/errors';
import { resolveSession, startMaintenanceSchedule } from '$lib/server/auth';
import {
	addressPolicy,
	bodyRefusalResponse,
	clientAddressOf,
	refuseOversizedBody,
	startChecked,
	StartupRefusedError,
	withSecurityHeaders
} from '$lib/server/security';
import { tileServiceOf } from '$lib/server/tiles/tile.service';
import { registerTileFastPath } from '$lib/server/tiles/tile-fast-path';
import { mayChangeTiles } from '$lib/server/tiles/tile-invalidation';
import { warmPdfRenderer } from '$lib/server/pdf';
import { WAL_COOKIE, withWalCookie } from '$lib/server/db/read-your-writes';
import { defaultFileStore, startFileSweep } from '$lib/server/documents';
import { sampleCitySeeder } from '../gis/sample-city/seeder';
import { dirOf, langOf } from '$lib/i18n';

const config = loadConfig();
const addresses = addressPolicy();

export const init: ServerInit = async () => {
	if (building) return;
	try {
		const started = await startChecked(config, () => startDatabase({ config, seeder: sampleCitySeeder }));
		startMaintenanceSchedule(started.db);
		startFileSweep(started.db, defaultFileStore());
	} catch (err) {
		if (!(err instanceof StartupRefusedError)) throw err;
		console.error(err.message);
		process.exit(1);
	}
	const tiles = tileServiceOf(database(), config.tileCacheBytes);
	await tiles.start();
	// plain tile GETs answered beside SvelteKit, same service and headers (scripts/serve.js)
	registerTileFastPath(tiles, config.basemapOrigins);
	// the fonts parsed and shaped once now, not on the first permit a citizen downloads
	await warmPdfRenderer().catch((err) => console.error('[pelak] PDF warm-up failed:', err));
	console.log(
		config.mode === 'demo'
			? '[pelak] DEMO mode: sample data, demo accounts and the sandbox SMS outbox (PELAK_MODE=production for real use)'
			: '[pelak] production mode'
	);
};

export const handle: Handle = async ({ event, resolve }) => {
	const lang = langOf(event.cookies.get('lang'));
	const headerPolicy = { https: event.url.protocol === 'https:', extraOrigins: config.basemapOrigins };
	const started = performance.now();
	try {
		return await answer(event, resolve, lang, headerPolicy);
	} catch (err) {
		// PostgreSQL out of reach before the page or action ran (the session lookup): 503, send again
		if (!isDatabaseUnavailable(err)) throw err;
		// read what is left of the body (its size was held to its route's limit first), so the
		// client, still sending, hears the answer instead of a broken pipe
		await event.request.arrayBuffer().catch(() => null);
		const refusal = { status: 503, code: 'database_unavailable', messages: DATABASE_UNAVAILABLE };
		return withSecurityHeaders(bodyRefusalResponse(refusal, lang, event.request, { 'retry-after': '5', 'cache-control': 'no-store' }), headerPolicy);
	} finally {
		// what an operator looks for first when users say «it hangs»: which requests, how long
		const ms = performance.now() - started;
		if (config.slowRequestMs > 0 && ms >= config.slowRequestMs) console.warn(`[pelak] slow request: ${event.request.method} ${event.url.pathname} ${Math.round(ms)} ms`);
	}
};

/** Every request: body limits, the client's address, the session, the page or endpoint, then the headers. */
async function answer(
	event: RequestEvent,
	resolve: Parameters<Handle>[0]['resolve'],
	lang: ReturnType<typeof langOf>,
	headerPolicy: { https: boolean; extraOrigins: string[] }
): Promise<Response> {
	const refusal = refuseOversizedBody(event.request, event.url.pathname);
	if (refusal) return withSecurityHeaders(bodyRefusalResponse(refusal, lang, event.request), headerPolicy);

	// Every use of the client's address (rate limits, sessions, the case record) follows ADDRESS_HEADER / XFF_DEPTH.
	const socketAddress = event.getClientAddress;
	event.getClientAddress = () => {
		const address = clientAddressOf(event.request.headers, socketAddress, addresses);
		if (address === null) throw new Error('No trustworthy client address for this request');
		return address;
	};

	const db = database();
	const isTile = event.url.pathname.startsWith('/tiles/');
	event.locals.db = db.db;
	event.locals.backend = db.backend;
	// the replica, or the primary until the replica has replayed this client's last write (tiles check theirs)
	event.locals.readDb = db.hasReplica && !isTile ? await db.readsAfter(event.cookies.get(WAL_COOKIE)) : db.replica;
	// Tiles are public and hot: no session lookup for them.
	event.locals.user = isTile ? null : await resolveSession(db.db, event.cookies);
	event.locals.lang = lang;
	const tiles = (event.locals.tiles = tileServiceOf(db, config.tileCacheBytes));
	const writes = mayChangeTiles(event.request.method, event.url.pathname);
	const tilesHeard = tiles.changesHeard;
	let response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang).replace('%dir%', dirOf(lang))
	});
	// a write is answered only once the tiles it changed are gone from every instance's cache
	if (writes) await tiles.settle(tilesHeard);
	// PostgreSQL out of reach for a moment (restarting, cut off): 503 and when to try again, not 500
	if (event.locals.databaseUnavailable && response.status === 500) response = unavailable(response);
	// an endpoint asked with a method it has no handler for: SvelteKit's English line, in the user's language
	if (response.status === 405 && !response.headers.get('content-type')?.includes('json')) {
		const allow = response.headers.get('allow') ?? '';
		const refusal = { status: 405, code: 'method_not_allowed', messages: methodNotAllowed(event.request.method, allow) };
		response = bodyRefusalResponse(refusal, lang, event.request, allow ? { allow } : {});
	}
	if (writes && db.hasReplica) {
		const lsn = await db.walPosition().catch(() => null);
		if (lsn) response = withWalCookie(response, lsn, headerPolicy.https);
	}
	return withSecurityHeaders(response, headerPolicy);
}

/** The same answer (its page or JSON says why), as 503 with a Retry-After. */
function unavailable(response: Response): Response {
	const headers = new Headers(response.headers);
	headers.set('retry-after', '5');
	return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isDatabaseUnavailable(error)) event.locals.databaseUnavailable = true;
	const mapped = toHttpError(error, event.locals.lang ?? "fa", status);
	if (mapped.status >= 500 && status !== 404) {
		console.error(`[pelak] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message: mapped.message, code: mapped.code };
};

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Lang } from '../../i18n/lang';
import { jsonError } from '../errors';
import { OgcUrls, type MediaType } from './links';
import { checkParameters } from './query';
import type { OgcContext } from './ogc.service';

/**
 * The HTTP side of every `/ogc` endpoint: the query parameters are checked before anything else, the
 * answer is JSON of the endpoint's media type, and refusals are the API's JSON errors. The data is
 * public, so any web page may read it (`Access-Control-Allow-Origin: *`; GET needs no preflight, and
 * no cookie is ever honoured across sites with `*`).
 */

export interface OgcAnswer {
	body: unknown;
	type: MediaType;
}

export interface OgcEvent {
	url: URL;
	params: Record<string, string>;
	locals: { db: Kysely<DB>; lang: Lang };
}

export interface OgcCall extends OgcContext {
	params: Record<string, string>;
	search: URLSearchParams;
}

const CORS = { 'access-control-allow-origin': '*' };
// Public data that changes with imports only: a minute in caches is harmless and spares the database.
const CACHE = 'public, max-age=60';

/**
 * A GET handler for an `/ogc` route. `accepted` lists the query parameters the endpoint takes, or is
 * null when the endpoint checks its own (the items query).
 */
export function ogcEndpoint(accepted: readonly string[] | null, answer: (call: OgcCall) => Promise<OgcAnswer> | OgcAnswer) {
	return async ({ url, params, locals }: OgcEvent): Promise<Response> => {
		try {
			if (accepted) checkParameters(url.searchParams, accepted);
			const { body, type } = await answer({ db: locals.db, lang: locals.lang, urls: OgcUrls.of(url), params, search: url.searchParams });
			return new Response(JSON.stringify(body), { headers: { 'content-type': type, 'cache-control': CACHE, ...CORS } });
		} catch (err) {
			const response = jsonError(err, locals.lang);
			for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
			return response;
		}
	};
}

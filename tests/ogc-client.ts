/**
 * Calls the `/ogc` route handlers the way SvelteKit does, by absolute URL, so a test can follow the
 * links the API gives (`next`, `items`, `describedby`) without a running server.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db/schema';
import type { Lang } from '../src/lib/i18n/lang';
import { GET as landing } from '../src/routes/ogc/+server';
import { GET as conformance } from '../src/routes/ogc/conformance/+server';
import { GET as api } from '../src/routes/ogc/api/+server';
import { GET as collections } from '../src/routes/ogc/collections/+server';
import { GET as collection } from '../src/routes/ogc/collections/[collectionId]/+server';
import { GET as schema } from '../src/routes/ogc/collections/[collectionId]/schema/+server';
import { GET as items } from '../src/routes/ogc/collections/[collectionId]/items/+server';
import { GET as item } from '../src/routes/ogc/collections/[collectionId]/items/[featureId]/+server';

type Handler = (event: never) => Promise<Response> | Response;

const ROUTES: [RegExp, Handler, string[]][] = [
	[/^\/ogc$/, landing, []],
	[/^\/ogc\/conformance$/, conformance, []],
	[/^\/ogc\/api$/, api, []],
	[/^\/ogc\/collections$/, collections, []],
	[/^\/ogc\/collections\/([^/]+)$/, collection, ['collectionId']],
	[/^\/ogc\/collections\/([^/]+)\/schema$/, schema, ['collectionId']],
	[/^\/ogc\/collections\/([^/]+)\/items$/, items, ['collectionId']],
	[/^\/ogc\/collections\/([^/]+)\/items\/([^/]+)$/, item, ['collectionId', 'featureId']]
];

export const ORIGIN = 'http://pelak.test';

export function ogcClient(db: Kysely<DB>, lang: Lang = 'en') {
	return async function get(address: string): Promise<Response> {
		const url = new URL(address, ORIGIN);
		for (const [pattern, handler, names] of ROUTES) {
			const match = pattern.exec(url.pathname);
			if (!match) continue;
			const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
			const event = { url, params, locals: { db, lang }, request: new Request(url) };
			return handler(event as never);
		}
		throw new Error(`No /ogc route for ${address}`);
	};
}

/** The body of a 200 answer as JSON, after checking its status and media type. */
export async function jsonOf<T = Record<string, unknown>>(response: Response, type: string): Promise<T> {
	const body = await response.text();
	if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${body}`);
	if (response.headers.get('content-type') !== type) throw new Error(`content-type ${response.headers.get('content-type')}, not ${type}`);
	return JSON.parse(body) as T;
}

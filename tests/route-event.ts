/**
 * Calling load functions, actions and endpoints directly: the part of a RequestEvent our routes
 * read, over a test database, and what a call threw (a redirect or an HTTP error).
 */
import type { SessionUser } from '../src/lib/server/auth';
import type { Lang } from '../src/lib/i18n';
import type { TestDatabase } from './db';

export interface EventInput {
	user?: SessionUser | null;
	params?: Record<string, string>;
	form?: Record<string, string | File | (string | File)[]>;
	lang?: Lang;
}

export function routeEvent(database: TestDatabase, pathAndQuery: string, input: EventInput = {}) {
	const url = new URL(pathAndQuery, 'http://pelak.test');
	let request = new Request(url, { method: 'GET' });
	if (input.form) {
		const body = new FormData();
		for (const [k, v] of Object.entries(input.form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
		request = new Request(url, { method: 'POST', body });
	}
	return {
		url,
		params: input.params ?? {},
		request,
		locals: { db: database.db, readDb: database.replica, backend: database.backend, lang: input.lang ?? 'fa', user: input.user ?? null },
		getClientAddress: () => '192.0.2.77',
		cookies: { get: () => undefined },
		setHeaders: () => undefined
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
	} as any;
}

export async function thrown(call: () => unknown): Promise<unknown> {
	try {
		await call();
	} catch (err) {
		return err;
	}
	throw new Error('expected the call to throw');
}

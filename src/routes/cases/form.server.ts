import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';

/**
 * What the case pages share at the edge: turning a domain refusal into a form failure (actions)
 * or an HTTP error (loads), in the reader's language.
 */

export function clientIp(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** A refused form action: its status (400 for bad input) and the message that names the problem. */
export function refused<T extends Record<string, unknown>>(err: unknown, lang: 'fa' | 'en', echo: T = {} as T) {
	if (!(err instanceof DomainError)) throw err;
	return fail(err.status, { ...echo, error: err.messages[lang], code: err.code });
}

/** A refused load: 404 / 403 with the domain's message. */
export function loadFailed(err: unknown, lang: 'fa' | 'en'): never {
	if (err instanceof DomainError) error(err.status, { message: err.messages[lang], code: err.code });
	throw err;
}

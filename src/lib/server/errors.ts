import { error as httpError, fail, isHttpError } from '@sveltejs/kit';
import type { Bilingual, Lang } from '../i18n/lang';
import type { Parsed } from '../schemas/parsed';

export type { Bilingual, Lang };

/**
 * Errors the domain raises on purpose. Each carries a stable code, an HTTP status, and a message
 * in Persian and English that names the problem. The original error stays as `cause`.
 */
export class DomainError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly messages: Bilingual,
		options?: { cause?: unknown }
	) {
		super(messages.en, options);
		this.name = new.target.name;
	}
}

export class NotFoundError extends DomainError {
	constructor(code: string, messages: Bilingual, options?: { cause?: unknown }) {
		super(404, code, messages, options);
	}
}

export class BadInputError extends DomainError {
	constructor(code: string, messages: Bilingual, options?: { cause?: unknown }) {
		super(400, code, messages, options);
	}
}

export class ForbiddenError extends DomainError {
	constructor(code: string, messages: Bilingual, options?: { cause?: unknown }) {
		super(403, code, messages, options);
	}
}

/** The request is sound but the record's state refuses it now (already claimed, closed, not eligible). */
export class ConflictError extends DomainError {
	constructor(code: string, messages: Bilingual, options?: { cause?: unknown }) {
		super(409, code, messages, options);
	}
}

export interface HttpErrorBody {
	status: number;
	code: string;
	message: string;
}

const INTERNAL: Bilingual = { fa: 'خطای داخلی سامانه؛ لطفاً دوباره تلاش کنید.', en: 'Internal error; please try again.' };
const NOTHING_HERE: Bilingual = { fa: 'چیزی با این نشانی پیدا نشد.', en: 'Nothing was found at this address.' };
const NOT_ACCEPTED: Bilingual = { fa: 'این درخواست پذیرفته نشد.', en: 'This request was not accepted.' };

/**
 * The one place where errors become HTTP answers: a domain error keeps its status, code and message;
 * an `error()` thrown by SvelteKit code keeps its own; anything else is 500 and says nothing
 * internal, unless the router already decided a 4xx (`status`: no such route, a param matcher
 * refused the id, a method not allowed).
 */
export function toHttpError(error: unknown, lang: Lang = 'fa', status = 500): HttpErrorBody {
	if (error instanceof DomainError) {
		return { status: error.status, code: error.code, message: error.messages[lang] };
	}
	if (isHttpError(error)) {
		return { status: error.status, code: error.body.code ?? `http_${error.status}`, message: error.body.message };
	}
	if (status === 404) return { status, code: 'not_found', message: NOTHING_HERE[lang] };
	if (status >= 400 && status < 500) return { status, code: `http_${status}`, message: NOT_ACCEPTED[lang] };
	return { status: 500, code: 'internal_error', message: INTERNAL[lang] };
}

/** The value of a parsed input, or a BadInputError (400) carrying the parser's code and messages. */
export function expectValid<T>(parsed: Parsed<T>): T {
	if (!parsed.ok) throw new BadInputError(parsed.issue.code, parsed.issue.messages);
	return parsed.value;
}

/** JSON error response for API endpoints: `{ error: { code, message } }`. */
export function jsonError(error: unknown, lang: Lang = 'fa'): Response {
	const { status, code, message } = toHttpError(error, lang);
	if (status >= 500) console.error('[pelak] API error', error);
	return new Response(JSON.stringify({ error: { code, message } }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/**
 * A form action refused by the domain: its status and the message that names the problem, with
 * the fields safe to show back (`echo`). Anything that is not a domain refusal is rethrown.
 */
export function formFailure<T extends object>(err: unknown, lang: Lang, echo: T = {} as T) {
	if (!(err instanceof DomainError)) throw err;
	const { status, code, message } = toHttpError(err, lang);
	return fail(status, { ...echo, error: message, code });
}

/** A page load refused by the domain (404, 403) as an HTTP error page. Anything else is rethrown. */
export function pageError(err: unknown, lang: Lang): never {
	if (!(err instanceof DomainError)) throw err;
	const { status, code, message } = toHttpError(err, lang);
	httpError(status, { message, code });
}

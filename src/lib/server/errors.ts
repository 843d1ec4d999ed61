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
export const DATABASE_UNAVAILABLE: Bilingual = {
	fa: 'پایگاه دادهٔ سامانه لحظه‌ای در دسترس نیست؛ چند ثانیه بعد دوباره بفرستید.',
	en: 'The database is unavailable for a moment; send it again in a few seconds.'
};

/** A method the address does not take (SvelteKit's own 405 of an endpoint is an English line): which ones it does. */
export function methodNotAllowed(method: string, allowed: string): Bilingual {
	const list = allowed.split(/\s*,\s*/).filter(Boolean);
	return {
		fa: `این نشانی درخواست ${method} نمی‌پذیرد${list.length ? `؛ فقط ${list.join('، ')}` : ''}.`,
		en: `This address does not take ${method} requests${list.length ? `; only ${list.join(', ')}` : ''}.`
	};
}

/** SQLSTATE classes and codes of a server that is down, restarting or cut off (not of a bad statement). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300)/;
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i;

/**
 * Whether an error (or its cause) says PostgreSQL cannot be reached right now: restarting, shut
 * down, the connection cut or refused. Such a request may be sent again; it is answered 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const { code, message } = e as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE.has(code))) return true;
		if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
	}
	return false;
}

/**
 * The one place where errors become HTTP answers: a domain error keeps its status, code and message;
 * an `error()` thrown by SvelteKit code keeps its own; anything else is 500 and says nothing
 * internal, unless the router already decided a 4xx (`status`: no such route, a param matcher
 * refused the id, a method not allowed), or PostgreSQL is out of reach for a moment (503: send again).
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
	if (isDatabaseUnavailable(error)) return { status: 503, code: 'database_unavailable', message: DATABASE_UNAVAILABLE[lang] };
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

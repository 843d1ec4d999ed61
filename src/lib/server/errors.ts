import { isHttpError } from '@sveltejs/kit';

export type Lang = 'fa' | 'en';

/** A message in both UI languages; the one the user reads is picked at the edge. */
export interface Bilingual {
	fa: string;
	en: string;
}

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

/** The one place where errors become HTTP answers. Unknown errors are 500 and say nothing internal. */
export function toHttpError(error: unknown, lang: Lang = 'fa'): HttpErrorBody {
	if (error instanceof DomainError) {
		return { status: error.status, code: error.code, message: error.messages[lang] };
	}
	if (isHttpError(error)) {
		return { status: error.status, code: error.body.code ?? `http_${error.status}`, message: error.body.message };
	}
	return {
		status: 500,
		code: 'internal_error',
		message: lang === 'fa' ? 'خطای داخلی سامانه؛ لطفاً دوباره تلاش کنید.' : 'Internal error; please try again.'
	};
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

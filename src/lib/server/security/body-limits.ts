import { formatNumber } from '../../i18n/format';
import type { Bilingual } from '../errors';

/** Sign-in, sign-out, the language switch and public tracking: a few short fields (a password, a 2000-character redirect). */
export const SIGN_IN_BODY_LIMIT = 16 * 1024;
/** Every other form and API call without files (admin, cartable). */
export const FORM_BODY_LIMIT = 64 * 1024;
/**
 * Drawings sent as GeoJSON (an excavation's trenches and pits, a building's footprint): the largest
 * a drawing tool makes (2,000 vertices at 9 decimals, ≈58 KB) fits well, pretty-printed or with more
 * decimals too; the routes parse them only after this check (excavation/request.ts).
 */
export const DRAWING_BODY_LIMIT = 1024 * 1024;

const SIGN_IN_ROUTES = /^\/(login|logout|lang|track)(\/|$)/;
/**
 * Pages that take documents (several files of up to 30 MB each; /supervision: report photos): only adapter-node's
 * `BODY_SIZE_LIMIT` caps them (`npm start` sets 100 MB); the documents service checks each file.
 */
const UPLOAD_ROUTES = /^\/(requests\/new|cases\/[^/]+|supervision)\/?$/;
const DRAWING_ROUTES = /^\/api\/(excavations(\/check)?|parcels\/[^/]+\/proposal-check|cases\/[^/]+\/proposal)\/?$/;

/** The largest request body `pathname` accepts, in bytes; null for upload pages (BODY_SIZE_LIMIT's). */
export function bodyLimitFor(pathname: string): number | null {
	if (UPLOAD_ROUTES.test(pathname)) return null;
	if (DRAWING_ROUTES.test(pathname)) return DRAWING_BODY_LIMIT;
	return SIGN_IN_ROUTES.test(pathname) ? SIGN_IN_BODY_LIMIT : FORM_BODY_LIMIT;
}

export interface BodyRefusal {
	status: 411 | 413;
	code: 'length_required' | 'payload_too_large';
	messages: Bilingual;
}

/**
 * Refuses a request whose body is larger than its route allows before anything reads it: by its
 * Content-Length, or, for a streamed body of unknown length, by asking for one (browsers always
 * send the length of a form). ASVS 13.1.3 / 12.1.1.
 */
export function refuseOversizedBody(request: Request, pathname: string): BodyRefusal | null {
	const limit = bodyLimitFor(pathname);
	if (limit === null) return null;
	const declared = request.headers.get('content-length');
	if (declared === null) {
		if (!request.headers.has('transfer-encoding')) return null;
		return {
			status: 411,
			code: 'length_required',
			messages: { fa: 'درخواست باید طول بدنهٔ خود را بگوید (Content-Length).', en: 'The request must state its body length (Content-Length).' }
		};
	}
	const size = Number(declared);
	if (Number.isSafeInteger(size) && size >= 0 && size <= limit) return null;
	const kb = (lang: 'fa' | 'en') => formatNumber(limit / 1024, lang, 0);
	return {
		status: 413,
		code: 'payload_too_large',
		messages: {
			fa: `حجم درخواست بیش از حد مجاز این صفحه (${kb('fa')} کیلوبایت) است.`,
			en: `The request is larger than this page accepts (${kb('en')} KB).`
		}
	};
}

/**
 * The refusal as the asker expects it: a form action posted by `use:enhance` gets an action
 * result (shown on the page's error view), an API client (an /api/ route, or JSON sent or asked
 * for) the API's JSON error, a plain form text.
 * A body refused unread closes the connection; other refusals pass their own `headers`.
 */
export function bodyRefusalResponse(refusal: { status: number; code: string; messages: Bilingual }, lang: 'fa' | 'en', request: Request, headers: Record<string, string> = { connection: 'close' }): Response {
	const message = refusal.messages[lang];
	const init = { status: refusal.status, headers };
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', status: refusal.status, error: { message, code: refusal.code } }, init);
	}
	// an API route, or a client that sent or asks for JSON: the API's JSON error
	const json = (header: string) => request.headers.get(header)?.includes('application/json');
	if (json('accept') || json('content-type') || new URL(request.url).pathname.startsWith('/api/')) {
		return Response.json({ error: { code: refusal.code, message } }, init);
	}
	return new Response(message, { ...init, headers: { ...init.headers, 'content-type': 'text/plain; charset=utf-8' } });
}

import { BadInputError, DomainError } from '../errors';
import { DRAWING_BODY_LIMIT } from '../security/body-limits';

/** A drawing of the largest allowed size is well under this (the same limit hooks.server.ts applies first). */
export const MAX_JSON_BYTES = DRAWING_BODY_LIMIT;

/**
 * A request's JSON body, refused before parsing when it is too large (413) or not JSON (400).
 */
export async function readJsonBody(request: Request): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	const text = declared > MAX_JSON_BYTES ? null : await request.text();
	if (text === null || new TextEncoder().encode(text).byteLength > MAX_JSON_BYTES) {
		throw new DomainError(413, 'request_too_large', {
			fa: 'درخواست بیش از یک مگابایت است؛ عارضه‌ها را ساده‌تر بکشید.',
			en: 'The request is larger than 1 MB; draw simpler features.'
		});
	}
	try {
		return JSON.parse(text);
	} catch (err) {
		throw new BadInputError('invalid_json', { fa: 'بدنهٔ درخواست JSON معتبر نیست.', en: 'The request body is not valid JSON.' }, { cause: err });
	}
}

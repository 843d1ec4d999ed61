import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { BadInputError, ConflictError, formFailure, NotFoundError, pageError, toHttpError } from './errors';

const notFound = new NotFoundError('case_not_found', { fa: 'پرونده‌ای پیدا نشد.', en: 'No such case.' });

describe('toHttpError', () => {
	it('keeps a domain error’s status and code, in the reader’s language', () => {
		expect(toHttpError(new ConflictError('already_claimed', { fa: 'برداشته شده', en: 'Claimed' }), 'en')).toEqual({ status: 409, code: 'already_claimed', message: 'Claimed' });
	});

	it('answers a router 404 (no route, an id refused by a matcher) as not found, not as an internal error', () => {
		expect(toHttpError(new Error('Not found: /parcels/abc'), 'en', 404)).toMatchObject({ status: 404, code: 'not_found' });
		expect(toHttpError(new Error('boom'), 'fa')).toMatchObject({ status: 500, code: 'internal_error' });
	});
});

describe('formFailure and pageError', () => {
	it('turn a domain refusal into a form failure with the echo, and into an error page', () => {
		const failure = formFailure(new BadInputError('message_empty', { fa: 'پیام خالی است.', en: 'The message is empty.' }), 'fa', { action: 'message' });
		expect(failure.status).toBe(400);
		expect(failure.data).toEqual({ action: 'message', error: 'پیام خالی است.', code: 'message_empty' });
		let thrown: unknown;
		try {
			pageError(notFound, 'en');
		} catch (err) {
			thrown = err;
		}
		expect(isHttpError(thrown) && thrown.status).toBe(404);
		expect((thrown as { body: unknown }).body).toEqual({ code: 'case_not_found', message: 'No such case.' });
	});

	it('rethrow anything that is not a domain refusal', () => {
		const bug = new TypeError('x is undefined');
		expect(() => formFailure(bug, 'fa')).toThrow(bug);
		expect(() => pageError(bug, 'fa')).toThrow(bug);
	});
});

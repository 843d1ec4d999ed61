import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import pg from 'pg';
import { freePort } from '../../../scripts/free-port';
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

	it('answers 503 "send again" when PostgreSQL is out of reach, and 500 for a statement that is wrong', async () => {
		// a real refused connection: a port nothing listens on
		const port = await freePort();
		const refused = await new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x' }).connect().then(() => null, (e: unknown) => e);
		expect(refused).toBeTruthy();
		expect(toHttpError(refused, 'en')).toMatchObject({ status: 503, code: 'database_unavailable', message: expect.stringMatching(/send it again/) });
		// pg's errors as a restart or a cut gives them (SQLSTATE 57P01 admin_shutdown, 08006), and wrapped as a cause
		const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
		expect(toHttpError(shutdown, 'fa')).toMatchObject({ status: 503, message: expect.stringMatching(/دوباره بفرستید/) });
		expect(toHttpError(new Error('filing failed', { cause: new Error('Connection terminated unexpectedly') }))).toMatchObject({ status: 503 });
		// a bad statement (42601 syntax_error) or a constraint (23505) is not the database being away
		expect(toHttpError(Object.assign(new Error('syntax error at or near "x"'), { code: '42601' }))).toMatchObject({ status: 500, code: 'internal_error' });
		expect(toHttpError(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toMatchObject({ status: 500 });
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

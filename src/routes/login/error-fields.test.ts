import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fieldsOfSignInError } from './error-fields';

describe('fieldsOfSignInError', () => {
	it('names the field each refusal is about', () => {
		expect(fieldsOfSignInError('invalid_national_id')).toEqual(['nationalId']);
		expect(fieldsOfSignInError('invalid_mobile')).toEqual(['mobile']);
		expect(fieldsOfSignInError('code_wrong')).toEqual(['code']);
		expect(fieldsOfSignInError('invalid_credentials')).toEqual(['username', 'password']);
	});
	it('names no field for a refusal about none (throttling) or no refusal', () => {
		expect(fieldsOfSignInError('rate_limited')).toEqual([]);
		expect(fieldsOfSignInError(undefined)).toEqual([]);
	});
	it('covers every sign-in refusal code the auth errors can give about a field', () => {
		const source = readFileSync('src/lib/server/auth/errors.ts', 'utf8');
		const codes = [...source.matchAll(/'((?:invalid|code|mobile|identity)_[a-z_]+)'/g)].map((m) => m[1]).filter((c) => !/unavailable|not_verified/.test(c));
		expect(codes.length).toBeGreaterThan(5);
		for (const code of codes) expect(fieldsOfSignInError(code), code).not.toEqual([]);
	});
});

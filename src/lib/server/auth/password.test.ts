import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('staff passwords (scrypt)', () => {
	it('hashes into a self-describing scrypt string that verifies the right password only', async () => {
		const hash = await hashPassword('گذرواژه-درست-۱۴۰۳');
		expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
		expect(await verifyPassword('گذرواژه-درست-۱۴۰۳', hash)).toBe(true);
		expect(await verifyPassword('گذرواژه-درست-۱۴۰۲', hash)).toBe(false);
		expect(await verifyPassword('', hash)).toBe(false);
	});

	it('salts each hash, so one password never hashes the same twice', async () => {
		expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
	});

	it('rejects malformed or tampered hashes instead of throwing or burning memory', async () => {
		const hash = await hashPassword('pw');
		expect(await verifyPassword('pw', hash.replace('$32768$', '$1073741824$'))).toBe(false);
		expect(await verifyPassword('pw', hash.replace('$32768$', '$1000$'))).toBe(false);
		expect(await verifyPassword('pw', 'plain:pw')).toBe(false);
		expect(await verifyPassword('pw', hash.slice(0, -4))).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totp } from './totp';

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's block of key bytes.
const SEED = {
	sha1: Buffer.from('12345678901234567890'),
	sha256: Buffer.from('12345678901234567890123456789012'),
	sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234')
};
const VECTORS: [number, string, keyof typeof SEED][] = [
	[59, '94287082', 'sha1'],
	[59, '46119246', 'sha256'],
	[59, '90693936', 'sha512'],
	[1111111109, '07081804', 'sha1'],
	[1111111109, '68084774', 'sha256'],
	[1111111109, '25091201', 'sha512'],
	[1111111111, '14050471', 'sha1'],
	[1111111111, '67062674', 'sha256'],
	[1111111111, '99943326', 'sha512'],
	[1234567890, '89005924', 'sha1'],
	[1234567890, '91819424', 'sha256'],
	[1234567890, '93441116', 'sha512'],
	[2000000000, '69279037', 'sha1'],
	[2000000000, '90698825', 'sha256'],
	[2000000000, '38618901', 'sha512'],
	[20000000000, '65353130', 'sha1'],
	[20000000000, '77737706', 'sha256'],
	[20000000000, '47863826', 'sha512']
];

describe('TOTP (RFC 6238)', () => {
	it.each(VECTORS)('at T=%i s gives %s with %s (Appendix B)', (seconds, expected, algorithm) => {
		expect(totp(SEED[algorithm], seconds * 1000, { digits: 8, algorithm })).toBe(expected);
	});

	it('computes RFC 4226 Appendix D HOTP values', () => {
		const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
		expect(expected.map((_, i) => hotp(SEED.sha1, i))).toEqual(expected);
	});

	it('round-trips base32 and reads the RFC 4648 test vectors', () => {
		expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
		expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
		expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
		expect(() => base32Decode('MZXW1')).toThrow(/base32/);
	});

	it('accepts a code from the step before or after (phone clock drift) and says which step', () => {
		const secret = base32Encode(SEED.sha1);
		const now = 1111111111_000;
		expect(matchTotp(secret, totp(SEED.sha1, now), now)).toBe(Math.floor(1111111111 / 30));
		expect(matchTotp(secret, totp(SEED.sha1, now - 30_000), now)).toBe(Math.floor(1111111111 / 30) - 1);
		expect(matchTotp(secret, totp(SEED.sha1, now + 30_000), now)).toBe(Math.floor(1111111111 / 30) + 1);
	});

	it('refuses a code two steps away, a malformed code and a wrong one', () => {
		const secret = base32Encode(SEED.sha1);
		const now = 1234567890_000;
		expect(matchTotp(secret, totp(SEED.sha1, now - 61_000), now)).toBeNull();
		expect(matchTotp(secret, '12345', now)).toBeNull();
		expect(matchTotp(secret, 'abcdef', now)).toBeNull();
		const right = totp(SEED.sha1, now);
		expect(matchTotp(secret, right === '000000' ? '000001' : '000000', now)).toBeNull();
	});

	it('writes an otpauth:// URI that authenticator apps read', () => {
		const text = otpauthUri('JBSWY3DPEHPK3PXP', 'officer.d6');
		expect(text.startsWith('otpauth://totp/Pelak:officer.d6?')).toBe(true);
		const uri = new URL(text);
		expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Pelak', algorithm: 'SHA1', digits: '6', period: '30' });
	});
});

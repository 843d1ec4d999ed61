import { randomBytes } from 'node:crypto';

/**
 * Verification codes of issued documents: 100 random bits in Crockford's base32 (no I, L, O, U, so
 * a code read off paper cannot be mistyped into another), in four groups of five: `7K2QD-9XF4M-…`.
 * URL-safe as written; 2^100 codes make guessing one that was issued hopeless.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP = 5;
export const VERIFICATION_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

export function newVerificationCode(random: (n: number) => Buffer = randomBytes): string {
	const length = GROUPS * GROUP; // 20 characters of 5 bits: 100 bits, from 13 random bytes
	const bytes = random(Math.ceil((length * 5) / 8));
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = ((value << 8) | byte) & 0xffff;
		bits += 8;
		while (bits >= 5 && out.length < length) {
			bits -= 5;
			out += ALPHABET[(value >> bits) & 31];
		}
	}
	return out.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/**
 * A code as typed or scanned, in its canonical form, or null when it cannot be one: letters upper-cased
 * and Crockford's look-alikes (O→0, I/L→1) read as the digits they stand for.
 */
export function canonicalVerificationCode(raw: string): string | null {
	if (raw.length > 64) return null;
	const code = raw.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
	return VERIFICATION_CODE_PATTERN.test(code) ? code : null;
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), as authenticator apps compute
 * them: HMAC-SHA-1 by default, 30-second steps from the Unix epoch, 6 digits.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
	digits?: number;
	stepSeconds?: number;
	algorithm?: TotpAlgorithm;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: how otpauth:// URIs and apps carry the secret. */
export function base32Encode(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out;
}

/** Decodes base32 (case, spaces and padding ignored); throws on any other character. */
export function base32Decode(text: string): Buffer {
	const clean = text.toUpperCase().replace(/[\s=]/g, '');
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const char of clean) {
		const index = BASE32.indexOf(char);
		if (index < 0) throw new Error(`Not a base32 character: "${char}"`);
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** A new 160-bit secret (RFC 4226 recommends 160 bits for HMAC-SHA-1), base32. */
export function generateTotpSecret(): string {
	return base32Encode(randomBytes(20));
}

/** The 30-second step `unixMs` falls in. */
export function totpStep(unixMs: number, stepSeconds = 30): number {
	return Math.floor(unixMs / 1000 / stepSeconds);
}

/** HOTP (RFC 4226 §5.3) of one counter value: dynamic truncation, then the last `digits` digits. */
export function hotp(secret: Uint8Array, counter: number, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac(algorithm, secret).update(message).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
	return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The TOTP code at `unixMs`.
 *
 * @example totp(Buffer.from('12345678901234567890'), 59_000, { digits: 8 }) // '94287082' (RFC 6238 Appendix B)
 */
export function totp(secret: Uint8Array, unixMs: number, options: TotpOptions = {}): string {
	return hotp(secret, totpStep(unixMs, options.stepSeconds ?? 30), options.digits ?? 6, options.algorithm ?? 'sha1');
}

/**
 * The step whose code `code` is, within ±`window` steps of `unixMs` (clock drift of the phone),
 * or null. The caller refuses a step at or before the last one accepted, so no code works twice.
 */
export function matchTotp(secretBase32: string, code: string, unixMs: number, window = 1): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const secret = base32Decode(secretBase32);
	const now = totpStep(unixMs);
	let found: number | null = null;
	for (let step = now - window; step <= now + window; step++) {
		// every candidate is compared, so the time taken does not tell which step matched
		if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code)) && found === null) found = step;
	}
	return found;
}

/**
 * The enrolment URI an authenticator app reads (as a QR code or pasted):
 * otpauth://totp/Issuer:account?secret=…&issuer=Issuer&algorithm=SHA1&digits=6&period=30
 */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Pelak'): string {
	const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
	const query = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
	return `otpauth://totp/${label}?${query.toString()}`;
}

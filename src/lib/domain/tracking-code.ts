import { toLatinDigits } from './text';

/**
 * Tracking codes (کد رهگیری) are 12 digits: the two last digits of the Jalali year the case was
 * filed, nine random digits, and a Luhn check digit so that a mistyped code on the public status
 * page is refused before any lookup. Shown grouped as `04-123456789-7`.
 */
export const TRACKING_CODE_LENGTH = 12;

export type RandomDigits = (count: number) => string;

/** Cryptographically random digits (Web Crypto exists in Node 20 and in browsers). */
export const cryptoRandomDigits: RandomDigits = (count) => {
	const bytes = new Uint32Array(count);
	globalThis.crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => String(b % 10)).join('');
};

/** Luhn check digit for a string of digits (the digit that makes the whole number pass). */
export function luhnCheckDigit(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		// Doubling starts at the rightmost payload digit, since the check digit will follow it.
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return (10 - (sum % 10)) % 10;
}

export function generateTrackingCode(jalaliYear: number, random: RandomDigits = cryptoRandomDigits): string {
	const payload = String(jalaliYear % 100).padStart(2, '0') + random(9);
	return payload + luhnCheckDigit(payload);
}

/**
 * Reads a code typed by a person (Persian digits, dashes, spaces allowed). Returns the 12 digits,
 * or null when the code cannot be one of ours.
 */
export function parseTrackingCode(input: string): string | null {
	const digits = toLatinDigits(input).replace(/[\s\-‌]/g, '');
	if (!/^\d{12}$/.test(digits)) return null;
	return luhnCheckDigit(digits.slice(0, 11)) === Number(digits[11]) ? digits : null;
}

export function formatTrackingCode(code: string): string {
	// a case imported from the previous system keeps that system's code (PLK-1405-000029) as it was written
	if (!/^\d{12}$/.test(code)) return code;
	return `${code.slice(0, 2)}-${code.slice(2, 11)}-${code.slice(11)}`;
}

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff passwords, hashed with scrypt (memory-hard: 128·N·r bytes = 32 MiB per hash at these
 * settings). The stored string names its own parameters — `scrypt$N$r$p$salt$hash`, base64url —
 * so the cost can be raised later and old hashes still verify.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Bounds on parameters read back from a stored hash, so a tampered row cannot make us burn memory. */
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
	// Node's default maxmem (32 MiB) is exactly 128·N·r at N=2^15, r=8, and scrypt needs a little more.
	const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

export async function hashPassword(password: string): Promise<string> {
	if (password.length === 0) throw new Error('A password cannot be empty');
	const salt = randomBytes(SALT_LENGTH);
	const key = await derive(password, salt, N, R, P);
	return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`. A malformed or unknown-format hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [n, r, p] = parts.slice(1, 4).map(Number);
	if (!Number.isInteger(n) || n < 2 || n > MAX_N || (n & (n - 1)) !== 0) return false;
	if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return false;
	const salt = Buffer.from(parts[4], 'base64url');
	const expected = Buffer.from(parts[5], 'base64url');
	if (salt.length < 8 || expected.length < 16) return false;
	const actual = await derive(password, salt, n, r, p);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of nothing anyone knows, verified when a username does not exist so that an unknown
 * username takes as long to refuse as a wrong password (no username probing by timing).
 */
let decoy: Promise<string> | null = null;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	await verifyPassword(password, await decoy);
	return false;
}

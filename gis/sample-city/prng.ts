/**
 * Seeded pseudo-random numbers. Every part of the sample city draws from its own stream, keyed by
 * what it is (a cell, a block), so the same seed always gives the same city and a bigger city only
 * adds parcels around a smaller one's.
 */
export interface Random {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [min, max). */
	range(min: number, max: number): number;
	/** Whole number in [min, max]. */
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for geometry jitter (not for anything secret). */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		range: (min, max) => min + (max - min) * next(),
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)]
	};
}

/** A stream for one named thing: the seed mixed with its keys (FNV-1a then a murmur finaliser). */
export function randomFor(seed: number, ...keys: (string | number)[]): Random {
	let h = 0x811c9dc5 ^ seed;
	for (const ch of keys.join('|')) {
		h ^= ch.charCodeAt(0);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	return createRandom(h >>> 0);
}

/**
 * The parts of `npm run bench`'s PostgreSQL run, by the names `BENCH_ONLY=part,…` takes (gis/bench.ts).
 */
export const BENCH_PARTS = [
	'tiles',
	'parcels',
	'search',
	'large-zone',
	'large-street-surface',
	'proposal',
	'fees',
	'planning',
	'legacy',
	'dashboard',
	'referrals',
	'closure',
	'excavation',
	'excavation-unmapped',
	'trust',
	'supervision',
	'audit'
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/**
 * Which parts run: every one when `only` is unset or blank, else the ones it names (commas, spaces allowed).
 * @throws Error naming each unknown part and the parts there are (a typo must not run an empty bench)
 */
export function benchParts(only: string | undefined): (part: BenchPart) => boolean {
	const named = (only ?? '').split(',').map((part) => part.trim()).filter(Boolean);
	if (!named.length) return () => true;
	const unknown = named.filter((part) => !(BENCH_PARTS as readonly string[]).includes(part));
	if (unknown.length) throw new Error(`BENCH_ONLY names no part of the bench: ${unknown.join(', ')} (the parts: ${BENCH_PARTS.join(', ')})`);
	const chosen = new Set(named);
	return (part) => chosen.has(part);
}

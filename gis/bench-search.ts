/**
 * The map's search box in `npm run bench` (registered in gis/bench.ts): street names typed as people type
 * them, the street search alone (`streetSearchQuery`, migrations/0160), the whole search (`searchParcels`:
 * the parcel search, then the streets) bare, and `GET /api/search` on the built server.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';
import { searchParcels } from '../src/lib/server/parcels/parcel.service';
import { streetSearchQuery } from '../src/lib/server/parcels/parcel.repository';
import { searchWords, toLatinDigits } from '../src/lib/domain/text';
import { SEARCH_DEFAULT_LIMIT } from '../src/lib/schemas/parcel-query';

type Measure = (what: string, variants: [via: string, fn: (i: number) => Promise<number>][], distinct: number, inFlight?: number, requests?: number) => Promise<unknown>;

export interface SearchBenchContext {
	measure: Measure;
	httpGet: (path: string) => Promise<number>;
	notes: string[];
}

/**
 * What people type for a street, from the city's own names, in turn: the name's own word («حافظ»), its first two
 * letters («حا»), the whole name («خیابان حافظ»), the English word («Hafez»), and now and then the commonest word
 * of all («خیابان»: every name has it; the query reads at most 200 segments for it).
 */
export async function streetQueries(db: Kysely<DB>, count = 40): Promise<string[]> {
	const { rows } = await sql<{ name_fa: string; name_en: string | null }>`
		select name_fa, min(name_en) as name_en from streets where name_fa is not null group by name_fa order by name_fa`.execute(db);
	const own = (name: string) => name.split(/\s+/).slice(1).join(' ') || name;
	const picked = rows.filter((_, i) => i % Math.max(1, Math.floor(rows.length / (count / 4))) === 0).slice(0, Math.ceil(count / 4));
	const queries: string[] = [];
	for (const [i, r] of picked.entries()) {
		queries.push(own(r.name_fa), own(r.name_fa).slice(0, 2), r.name_fa);
		const en = r.name_en?.split(/\s+/).find((w) => w.length >= 2 && !/^(st|ave|alley|blvd)$/i.test(w));
		queries.push(en ?? (i % 2 ? 'خیابان' : own(r.name_fa)));
	}
	return queries.filter((q) => q.trim().length >= 2);
}

/** The rows: the street query alone, the whole search bare, and the endpoint, one request at a time. */
export async function benchSearch(db: Kysely<DB>, ctx: SearchBenchContext): Promise<void> {
	const queries = await streetQueries(db);
	if (!queries.length) return void ctx.notes.push('street search skipped: the city has no named streets');
	const q = (i: number) => queries[i % queries.length];
	const limit = SEARCH_DEFAULT_LIMIT;
	let streets = 0;
	let asked = 0;
	await ctx.measure(
		`street search by name (${queries.length} texts typed in turn), 1 in flight`,
		[
			[
				'bare statement',
				async (i) => {
					const { rows } = await streetSearchQuery(searchWords(toLatinDigits(q(i))), limit).execute(db);
					streets += rows.length;
					asked++;
					return JSON.stringify(rows).length;
				}
			],
			['search, bare service', async (i) => JSON.stringify(await searchParcels(db, q(i), limit)).length],
			['HTTP', (i) => ctx.httpGet(`/api/search?q=${encodeURIComponent(q(i))}`)]
		],
		queries.length,
		1
	);
	const { rows } = await sql<{ names: number; segments: number }>`select count(distinct name_fa)::int as names, count(*)::int as segments from streets`.execute(db);
	ctx.notes.push(
		`street search: ${rows[0].segments} street segments under ${rows[0].names} names; ${(streets / Math.max(1, asked)).toFixed(1)} streets found per text on average ` +
			`(limit ${limit}); texts such as ${queries.slice(0, 4).map((t) => `«${t}»`).join(', ')}`
	);
}

/**
 * Rule books in PostGIS's database: the only module that touches rule_books and zone_rules.
 * "In force" is `pelak_rule_book_in_force(day)` (migrations/0020), the same function that
 * records a case's book at filing; zone codes from the zoning layer are compared through
 * `pelak_zone_key()`, the SQL twin of zoneCodeKey().
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { IsoDate } from '../../domain/working-days';
import type { ZoneRules } from '../../domain/rules';
import type { DB } from '../db/schema';
import { overlapsWith } from '../db/area-parts';
import type { NewRuleBook, RuleBookRow, ZoneRulesJson } from './zone-rules-row';

export type Queryable = Kysely<DB> | Transaction<DB>;

/** Rows per INSERT: a book has tens of zones, a national one a few thousand. */
const BATCH = 500;

const BOOK_COLUMNS = sql`b.id, b.title, b.title_en, b.effective_from::text as effective_from, b.source, b.clauses, b.is_sample, b.imported_at`;

export async function findBookInForce(db: Queryable, on: IsoDate): Promise<RuleBookRow | null> {
	const { rows } = await sql<RuleBookRow>`
		select ${BOOK_COLUMNS} from rule_books b where b.id = pelak_rule_book_in_force(${on}::date)`.execute(db);
	return rows[0] ?? null;
}

export async function findBook(db: Queryable, id: number): Promise<RuleBookRow | null> {
	const { rows } = await sql<RuleBookRow>`select ${BOOK_COLUMNS} from rule_books b where b.id = ${id}::int`.execute(db);
	return rows[0] ?? null;
}

/** Every book, the latest in force first. */
export async function listBooks(db: Queryable): Promise<RuleBookRow[]> {
	const { rows } = await sql<RuleBookRow>`select ${BOOK_COLUMNS} from rule_books b order by b.effective_from desc, b.id desc`.execute(db);
	return rows;
}

/**
 * The book in force on a day with its rows for the given zone keys (zoneCodeKey form), in one
 * round trip by primary key; null before the first book takes effect.
 */
export async function findRulesInForce(db: Queryable, on: IsoDate, keys: string[]): Promise<{ book: RuleBookRow; zones: ZoneRulesJson[] } | null> {
	const { rows } = await sql<RuleBookRow & { zones: ZoneRulesJson[] }>`
		select ${BOOK_COLUMNS},
			(select coalesce(json_agg(zr order by zr.zone_code), '[]') from zone_rules zr
			 where zr.book_id = b.id and zr.zone_code = any(${keys}::text[])) as zones
		from rule_books b where b.id = pelak_rule_book_in_force(${on}::date)`.execute(db);
	const row = rows[0];
	if (!row) return null;
	const { zones, ...book } = row;
	return { book, zones };
}

/** Stores a book and its rows; run it inside the caller's transaction. Returns the book's id. */
export async function insertRuleBook(db: Queryable, book: NewRuleBook, zones: ZoneRules[]): Promise<number> {
	const { id } = await db
		.insertInto('rule_books')
		.values({ ...book, clauses: JSON.stringify(book.clauses) })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (let i = 0; i < zones.length; i += BATCH) {
		// One JSON parameter per batch; jsonb_populate_recordset casts each value to its column's type.
		const batch = JSON.stringify(zones.slice(i, i + BATCH).map((z) => ({ ...z, book_id: id })));
		await sql`insert into zone_rules select * from jsonb_populate_recordset(null::zone_rules, ${batch}::jsonb)`.execute(db);
	}
	return id;
}

/** Zone codes of the zoning layer that a book has no row for, with how many polygons carry each. */
export async function findZoningCodesMissingFrom(db: Queryable, bookId: number): Promise<{ code: string; zones: number }[]> {
	const { rows } = await sql<{ code: string; zones: number }>`
		select z.code, count(*)::int as zones from zoning_zones z
		where not exists (select 1 from zone_rules r where r.book_id = ${bookId}::int and r.zone_code = pelak_zone_key(z.code))
		group by z.code order by z.code collate "C"`.execute(db);
	return rows;
}

/** Every zone code of the zoning layer, with how many polygons carry it. */
export async function findZoningCodes(db: Queryable): Promise<{ code: string; zones: number }[]> {
	const { rows } = await sql<{ code: string; zones: number }>`
		select code, count(*)::int as zones from zoning_zones group by code order by code collate "C"`.execute(db);
	return rows;
}

/**
 * The code of the zone covering most of a parcel; `found: false` when there is no such parcel,
 * `zone_code: null` when it lies outside the zoning.
 */
export async function findParcelZoneCode(db: Queryable, parcelId: number): Promise<{ found: boolean; zone_code: string | null }> {
	const { rows } = await sql<{ zone_code: string | null }>`
		select (select z.code from (${overlapsWith('zoning_zones', sql.ref('p.geom'))}) x join zoning_zones z on z.id = x.id
		        order by x.overlap_m2 desc, z.id limit 1) as zone_code
		from parcels p where p.id = ${parcelId}::int8`.execute(db);
	return rows[0] ? { found: true, zone_code: rows[0].zone_code } : { found: false, zone_code: null };
}

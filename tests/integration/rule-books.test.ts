/**
 * Rule books in the database: stored and read back unchanged, the book in force on a day, the
 * rules for a zone code and for a parcel, zoning codes the book lacks, and the book a case
 * records at filing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildParcelCity, type ParcelCity } from '../factories/parcel-city';
import { emptyZoneRules, SAMPLE_RULE_BOOK, zoneCodeKey } from '../../src/lib/domain/rules';
import {
	newRuleBookOf,
	ruleBookInForce,
	rulesForParcel,
	rulesForZone,
	saveRuleBook,
	zoneRulesInForce,
	zoningCodesWithoutRules
} from '../../src/lib/server/rules';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let f: ParcelCity;
let sampleId: number;
beforeAll(async () => {
	database = await openTestDatabase();
	f = await buildParcelCity(database.db);
	const { book, zones } = newRuleBookOf(SAMPLE_RULE_BOOK);
	sampleId = await database.db.transaction().execute((trx) => saveRuleBook(trx, book, zones));
});
afterAll(async () => {
	await database?.close();
});

const book = (title: string, effective_from: string) => ({ title, title_en: null, effective_from, source: 'test', clauses: {}, is_sample: false });

describe(`rule books (${backend})`, () => {
	it('reads a stored book back unchanged, nulls as nulls and "none" as none', async () => {
		const inForce = await zoneRulesInForce(database.db, SAMPLE_RULE_BOOK.zones.map((z) => z.zone_code), '2025-06-01');
		expect(inForce?.book).toMatchObject({ id: sampleId, effective_from: '2025-03-21', is_sample: true, title: SAMPLE_RULE_BOOK.title_fa });
		expect(inForce?.book.clauses).toEqual(SAMPLE_RULE_BOOK.clauses);
		expect([...inForce!.zones.values()]).toEqual([...SAMPLE_RULE_BOOK.zones].sort((a, b) => a.zone_code.localeCompare(b.zone_code)));
	});

	it('has no book in force before the first one takes effect', async () => {
		expect(await ruleBookInForce(database.db, '2025-03-20')).toBeNull();
		expect(await rulesForZone(database.db, 'R121', '2025-03-20')).toBeNull();
	});

	it('finds a zone by its code however the file wrote it, and a missing code as not defined', async () => {
		const r = await rulesForZone(database.db, ' r۱۲۱ ', '2025-06-01');
		expect(r?.zone).toMatchObject({ zone_code: 'R121', density_pct: 180, occupancy_pct: 60, max_floors: 3 });
		expect(r?.book).toMatchObject({ id: String(sampleId), sample: true });
		const missing = await rulesForZone(database.db, 'X999', '2025-06-01');
		expect(missing).toMatchObject({ zone_code: 'X999', zone: null });
	});

	it('takes the rules of the zone covering most of a parcel', async () => {
		// P3 lies 25 % in R121 and 75 % in C211
		expect((await rulesForParcel(database.db, f.p3, '2025-06-01'))?.zone?.zone_code).toBe('C211');
		await expect(rulesForParcel(database.db, 987654, '2025-06-01')).rejects.toMatchObject({ status: 404, code: 'parcel_not_found' });
	});

	it('agrees with zoneCodeKey when comparing codes in SQL', async () => {
		const codes = [' r-۱۲۱ ', 'كد ي‌1', 'R 1 2 1', 'm131', 'T١١١'];
		const { rows } = await sql<{ code: string; key: string }>`
			select c as code, pelak_zone_key(c) as key from unnest(${codes}::text[]) as c`.execute(database.db);
		expect(rows.map((r) => r.key)).toEqual(codes.map(zoneCodeKey));
	});

	it('reports the zoning codes a book has no rules for', async () => {
		const id = await database.db.transaction().execute((trx) => saveRuleBook(trx, book('only R121', '2031-01-01'), [{ ...emptyZoneRules('R121'), density_pct: 100 }]));
		expect(await zoningCodesWithoutRules(database.db, id)).toEqual([{ code: 'C211', zones: 1 }]);
		expect(await zoningCodesWithoutRules(database.db, sampleId)).toEqual([]);
	});

	it('puts the later book in force from its day on, and the later import on the same day', async () => {
		const later = await database.db.transaction().execute((trx) => saveRuleBook(trx, book('1405', '2026-03-21'), []));
		expect((await ruleBookInForce(database.db, '2026-03-20'))?.id).toBe(sampleId);
		expect((await ruleBookInForce(database.db, '2026-03-21'))?.id).toBe(later);
		const sameDay = await database.db.transaction().execute((trx) => saveRuleBook(trx, book('1405 corrected', '2026-03-21'), []));
		expect((await ruleBookInForce(database.db, '2026-04-01'))?.id).toBe(sameDay);
	});

	it('records on a case the book in force on its filing day in Tehran', async () => {
		const file = (tracking_code: string, opened_at: string) =>
			database.db
				.insertInto('cases')
				.values({ parcel_id: f.p2, tracking_code, kind: 'building_permit', title_fa: 'پروانه', opened_at })
				.returning('rule_book_id')
				.executeTakeFirstOrThrow();
		// 21:00 UTC on 20 March is 00:30 on 21 March in Tehran: the sample book's first day
		expect(await file('RB-1', '2025-03-20T21:00:00Z')).toEqual({ rule_book_id: sampleId });
		expect(await file('RB-2', '2025-03-20T20:00:00Z')).toEqual({ rule_book_id: null });
	});
});

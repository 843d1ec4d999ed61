/**
 * Tariff books in the database: publishing runs every item's worked samples and refuses a book
 * whose samples fail (listing the problems, changing nothing), a published book supersedes the
 * year's previous one, only drafts are edited, and a court ruling annuls an item from then on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildFeeWorld, feeTableCounts, type FeeWorld } from '../factories/fee-world';
import {
	annulItem,
	assessForParcel,
	bookInForce,
	createDraftBook,
	FeeError,
	getTariffBook,
	publishBook,
	saveDraftBook,
	setBookApproval
} from '../../src/lib/server/fees';

let database: TestDatabase;
let world: FeeWorld;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildFeeWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const statusOf = async (id: number) =>
	(await database.db.selectFrom('tariff_books').select(['status', 'superseded_by']).where('id', '=', id).executeTakeFirstOrThrow());

async function draftWith(change: (doc: Record<string, any>) => void): Promise<number> {
	const id = await createDraftBook(database.db, world.users.admin, { copyOf: world.bookId, jalali_year: 1404 });
	const { document } = await getTariffBook(database.db, world.users.admin, id);
	const doc = structuredClone(document) as Record<string, any>;
	change(doc);
	await saveDraftBook(database.db, world.users.admin, id, JSON.stringify(doc));
	return id;
}

describe(`tariff books (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('has the sample book published for the year, marked as sample data', async () => {
		const inForce = await bookInForce(database.db, 1404);
		expect(inForce.id).toBe(world.bookId);
		expect(inForce.is_sample).toBe(true);
		expect(inForce.book.title.fa).toContain('نمونه');
		expect(inForce.sha256).toMatch(/^[0-9a-f]{64}$/);
		// a later year without its own book is assessed under the latest one before it
		expect((await bookInForce(database.db, 1406)).id).toBe(world.bookId);
		await expect(bookInForce(database.db, 1403)).rejects.toMatchObject({ code: 'no_book_in_force' });
	});

	it('refuses to publish a book whose worked sample no longer gives its amount, naming it, and changes nothing', async () => {
		const id = await draftWith((doc) => {
			doc.items[0].samples[0].expected_rial = 54_001_000;
		});
		const before = await feeTableCounts(database.db);
		const error = await publishBook(database.db, world.users.admin, id).catch((e) => e);
		expect(error).toBeInstanceOf(FeeError);
		expect(error.code).toBe('book_invalid');
		expect(error.status).toBe(400);
		expect(error.problems).toContainEqual(expect.objectContaining({ code: 'sample_mismatch', item: '1-1', sample: 1 }));
		expect(error.messages.fa).toContain('ردیف 1-1');
		expect(error.messages.en).toMatch(/Item 1-1, sample 1: Expected 54,001,000 rials, but the calculation gave 54,000,000 rials/);
		expect(await feeTableCounts(database.db)).toEqual(before);
		expect((await statusOf(id)).status).toBe('draft');
		expect((await bookInForce(database.db, 1404)).id).toBe(world.bookId);
	});

	it('refuses to publish a book with a formula error or an item without samples', async () => {
		const id = await draftWith((doc) => {
			doc.items[1].formula = 'table(K_residential_multi, floor_area / units) * P *';
			doc.items[2].samples = [];
		});
		const error = await publishBook(database.db, world.users.admin, id).catch((e) => e);
		expect(error.code).toBe('book_invalid');
		const codes = error.problems.map((p: { code: string; item?: string }) => `${p.code}:${p.item}`);
		expect(codes).toEqual(expect.arrayContaining(['formula_error:1-2', 'no_samples:1-3']));
	});

	it('publishes a sound draft and supersedes the year’s previous book in the same step', async () => {
		const id = await draftWith((doc) => {
			doc.title.en += ' (amended)';
		});
		await setBookApproval(database.db, world.users.admin, id, true);
		expect((await statusOf(id)).status).toBe('approved');
		const { superseded } = await publishBook(database.db, world.users.admin, id, { now: world.now });
		expect(superseded).toBe(world.bookId);
		expect(await statusOf(world.bookId)).toEqual({ status: 'superseded', superseded_by: id });
		expect((await bookInForce(database.db, 1404)).id).toBe(id);
		const events = await database.db.selectFrom('tariff_book_events').select(['book_id', 'action', 'actor_user_id']).where('book_id', 'in', [id, world.bookId]).orderBy('id').execute();
		expect(events).toEqual(
			expect.arrayContaining([
				{ book_id: id, action: 'approved', actor_user_id: world.users.admin.id },
				{ book_id: id, action: 'published', actor_user_id: world.users.admin.id },
				{ book_id: world.bookId, action: 'superseded', actor_user_id: world.users.admin.id }
			])
		);
		world.bookId = id;
	});

	it('lets only a draft be edited or published again, in the service and in the database', async () => {
		await expect(saveDraftBook(database.db, world.users.admin, world.bookId, '{}')).rejects.toMatchObject({ code: 'book_document_invalid' });
		const published = await getTariffBook(database.db, world.users.admin, world.bookId);
		await expect(saveDraftBook(database.db, world.users.admin, world.bookId, JSON.stringify(published.document))).rejects.toMatchObject({ code: 'book_not_draft' });
		await expect(publishBook(database.db, world.users.admin, world.bookId)).rejects.toMatchObject({ code: 'book_not_draft' });
		await expect(sql`update tariff_books set document = '{}'::jsonb where id = ${world.bookId}`.execute(database.db)).rejects.toThrow(/only a draft can be edited/);
		await expect(sql`update tariff_books set status = 'draft' where id = ${world.bookId}`.execute(database.db)).rejects.toThrow(/is not allowed/);
		await expect(sql`delete from tariff_books where id = ${world.bookId}`.execute(database.db)).rejects.toThrow(/only a draft can be deleted/);
		await expect(sql`delete from tariff_book_events`.execute(database.db)).rejects.toThrow(/append-only/);
	});

	it('lets only an administrator change books', async () => {
		await expect(createDraftBook(database.db, world.users.planner, { copyOf: world.bookId, jalali_year: 1405 })).rejects.toMatchObject({ code: 'admin_only', status: 403 });
		await expect(annulItem(database.db, world.users.officer6, world.bookId, { item_code: '1-4', ruling_ref: 'x' })).rejects.toMatchObject({ code: 'admin_only' });
	});

	it('annuls an item by a court ruling: later assessments list it as not charged, with the ruling', async () => {
		const inputs = { use: 'residential', floor_area: 300, units: 1, net_land_area: 200, base_density_pct: 120, missing_parking_spaces: 1 } as const;
		const before = await assessForParcel(database.db, { parcel_id: world.parcel6b, request_kind: 'building_permit', inputs, now: world.now });
		expect(before.assessment.lines.map((l) => l.item_code)).toContain('1-4');

		await expect(annulItem(database.db, world.users.admin, world.bookId, { item_code: '1-4', ruling_ref: '  ' })).rejects.toMatchObject({ code: 'ruling_ref_required' });
		await expect(annulItem(database.db, world.users.admin, world.bookId, { item_code: '9-9', ruling_ref: 'دادنامهٔ ۵۷۳' })).rejects.toMatchObject({ code: 'item_not_found' });
		await expect(annulItem(database.db, world.users.admin, world.bookId, { item_code: '1-4', ruling_ref: 'دادنامهٔ ۵۷۳', ruling_date: '1396/13/40' })).rejects.toMatchObject({ code: 'ruling_date_invalid' });
		await annulItem(database.db, world.users.admin, world.bookId, { item_code: '1-4', ruling_ref: 'دادنامهٔ ۵۷۳', ruling_date: '۱۳۹۶/۰۶/۱۴' }, { now: world.now });
		await expect(annulItem(database.db, world.users.admin, world.bookId, { item_code: '1-4', ruling_ref: 'دادنامهٔ ۵۷۴' })).rejects.toMatchObject({ code: 'item_already_annulled' });
		await expect(annulItem(database.db, world.users.admin, world.bookId, { item_code: '1-7', ruling_ref: 'x' })).rejects.toMatchObject({ code: 'item_already_annulled' });

		const after = await assessForParcel(database.db, { parcel_id: world.parcel6b, request_kind: 'building_permit', inputs, now: world.now });
		expect(after.assessment.lines.map((l) => l.item_code)).not.toContain('1-4');
		expect(after.assessment.not_charged).toContainEqual(expect.objectContaining({ item_code: '1-4', reason: 'annulled', ruling: { fa: 'دادنامهٔ ۵۷۳', en: 'دادنامهٔ ۵۷۳' } }));
		// what was assessed before the ruling stays as it was frozen
		const frozen = await database.db.selectFrom('fee_assessments').select('lines').where('id', '=', before.id).executeTakeFirstOrThrow();
		expect((frozen.lines as { lines: { item_code: string }[] }).lines.map((l) => l.item_code)).toContain('1-4');

		const annulment = await database.db.selectFrom('tariff_item_annulments').select(['annulled_by', sql<string>`ruling_date::text`.as('date')]).executeTakeFirstOrThrow();
		expect(annulment).toEqual({ annulled_by: world.users.admin.id, date: '2017-09-05' });
		const event = await database.db.selectFrom('tariff_book_events').select(['actor_user_id', 'details']).where('action', '=', 'item_annulled').executeTakeFirstOrThrow();
		expect(event).toEqual({ actor_user_id: world.users.admin.id, details: { item_code: '1-4', ruling_ref: 'دادنامهٔ ۵۷۳', ruling_date: '2017-09-05' } });
	});
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { openDatabase } from '../../src/lib/server/db';
import { seedSampleData, type SampleCitySeeder } from '../../src/lib/server/sample-data';
import { sampleCitySeeder } from '../../gis/sample-city/seeder';
import { jalaliYearAt } from '../../src/lib/server/fees';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
	vi.restoreAllMocks();
	await database?.close();
});

const counts = async () =>
	(
		await sql<{ parcels: number; users: number }>`
			select (select count(*)::int from parcels) as parcels, (select count(*)::int from users) as users`.execute(database.db)
	).rows[0];

describe(`start-up seeding (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('fills an empty database with the sample city and the demo accounts', async () => {
		await seedSampleData(database.db, sampleCitySeeder, { parcels: 200, srid: TEST_SRID });
		expect((await counts()).parcels).toBe(200);
		const staff = await database.db.selectFrom('users').select('username').where('username', 'in', ['admin', 'officer.d6', 'planner']).execute();
		expect(staff.map((u) => u.username).sort()).toEqual(['admin', 'officer.d6', 'planner']);
		// the SAMPLE tariff book, published for this Jalali year, so fees can be assessed at once
		const books = await database.db.selectFrom('tariff_books').select(['status', 'is_sample', 'jalali_year']).execute();
		expect(books).toEqual([{ status: 'published', is_sample: true, jalali_year: jalaliYearAt(new Date()) }]);
		// every SAMPLE payment has its receipt, numbered in the order paid
		const { rows: receipts } = await sql<{ paid: number; numbered: number; in_order: boolean }>`
			select count(*)::int as paid, count(r.payment_id)::int as numbered,
			       array_agg(r.issued_document_id order by p.verified_at, p.id) = array_agg(r.issued_document_id order by r.issued_document_id) as in_order
			from payments p left join payment_receipts r on r.payment_id = p.id
			where p.status = 'paid'`.execute(database.db);
		expect(receipts[0].paid).toBeGreaterThan(0);
		expect(receipts[0]).toMatchObject({ numbered: receipts[0].paid, in_order: true });
		// registered without their PDF: the first download renders one and records its fingerprint, the next is the same
		const { findActiveUser } = await import('../../src/lib/server/auth/users.repository');
		const { receiptPdf } = await import('../../src/lib/server/permits/receipt-pdf.service');
		const first = await database.db
			.selectFrom('payment_receipts as r')
			.innerJoin('issued_documents as d', 'd.id', 'r.issued_document_id')
			.select(['r.payment_id', 'd.id', 'd.pdf_sha256'])
			.orderBy('r.payment_id')
			.executeTakeFirstOrThrow();
		expect(first.pdf_sha256).toBeNull();
		const admin = await database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
		const adminUser = (await findActiveUser(database.db, admin.id))!;
		const opened = await receiptPdf(database.db, adminUser, Number(first.payment_id));
		expect(opened.pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const recorded = await database.db.selectFrom('issued_documents').select('pdf_sha256').where('id', '=', first.id).executeTakeFirstOrThrow();
		expect(recorded.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
		expect((await receiptPdf(database.db, adminUser, Number(first.payment_id))).pdf.equals(opened.pdf)).toBe(true);
	});

	it('places the sample excavation works in their cartables, with a demo account waiting on each step', async () => {
		const { findActiveUser } = await import('../../src/lib/server/auth/users.repository');
		const { worksCartable } = await import('../../src/lib/server/excavation');
		const accounts = await database.db
			.selectFrom('users as u')
			.innerJoin('user_roles as r', 'r.user_id', 'u.id')
			.leftJoin('organisations as o', 'o.id', 'r.organisation_id')
			.select(['u.id', 'u.username', 'r.role', 'o.code'])
			.where('u.username', 'in', ['excavation.officer', 'excavation.inspector', 'water.applicant', 'gas.supervisor', 'power.applicant', 'telecom.supervisor'])
			.orderBy('u.username')
			.execute();
		expect(accounts.map((a) => [a.username, a.role, a.code])).toEqual([
			['excavation.inspector', 'excavation_inspector', null],
			['excavation.officer', 'excavation_officer', null],
			['gas.supervisor', 'utility_supervisor', 'sample-gas'],
			['power.applicant', 'utility_applicant', 'sample-power'],
			['telecom.supervisor', 'utility_supervisor', 'sample-telecom'],
			['water.applicant', 'utility_applicant', 'sample-abfa']
		]);
		for (const a of accounts) {
			const cartable = await worksCartable(database.db, (await findActiveUser(database.db, a.id))!, null);
			expect(cartable.items.length, a.username ?? undefined).toBeGreaterThan(0);
		}
		const officer = await worksCartable(database.db, (await findActiveUser(database.db, accounts[1].id))!, 'overdue');
		expect(officer.items.some((w) => w.emergency), 'an emergency not regularised in time').toBe(true);
		const { rows } = await sql<{ approved_open: number; permits: number; unplaced: number; checked: number }>`
			select (select count(*)::int from excavation_works w join fee_assessments a on a.id = w.assessment_id where w.status = 'approved' and a.status = 'open') as approved_open,
			       (select count(*)::int from excavation_works where status = 'permitted' and permit_document_id is not null) as permits,
			       (select count(*)::int from excavation_works where status in ('planned', 'approved', 'permitted', 'active', 'completed', 'remedial') and holder is null) as unplaced,
			       (select count(*)::int from excavation_works where status = 'planned' and check_result is not null) as checked`.execute(database.db);
		expect(rows[0]).toMatchObject({ approved_open: 6, permits: 6, unplaced: 0 });
		expect(rows[0].checked).toBeGreaterThan(0);
		// a dig awaiting review in the heritage area waits in Cultural Heritage's inbox
		const heritage = await database.db.selectFrom('users').select('id').where('username', '=', 'heritage').executeTakeFirstOrThrow();
		const referred = await worksCartable(database.db, (await findActiveUser(database.db, heritage.id))!, null);
		expect(referred.referrals.length, 'heritage').toBeGreaterThan(0);
	});

	it('leaves a database that already has a city as it was', async () => {
		const before = await counts();
		const loadNever: SampleCitySeeder = {
			hasCity: sampleCitySeeder.hasCity,
			load: () => Promise.reject(new Error('a city that has parcels must not be seeded again'))
		};
		await seedSampleData(database.db, loadNever, { parcels: 200, srid: TEST_SRID });
		expect(await counts()).toEqual(before);
	});

	it.runIf(process.env.DATABASE_URL)('loads the city once when two servers start together on one empty database', async () => {
		const empty = await openTestDatabase();
		const other = await openDatabase({ databaseUrl: empty.url, dataDir: '', poolSize: 2 });
		try {
			await Promise.all([empty.db, other.db].map((db) => seedSampleData(db, sampleCitySeeder, { parcels: 200, srid: TEST_SRID })));
			const { rows } = await sql<{ n: number }>`select count(*)::int as n from parcels`.execute(empty.db);
			expect(rows[0].n).toBe(200);
		} finally {
			await other.close();
			await empty.close();
		}
	});
});

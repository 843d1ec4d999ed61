import { sql, type Kysely } from 'kysely';
import type { DB } from './db/schema';
import { seedDemoAccounts } from './auth/demo-accounts';
import { jalaliYearAt, seedSampleTariffBook } from './fees';
import { seedSampleWorksLifecycle } from './excavation/sample-lifecycle';
import { seedSampleSupervision } from './supervision/sample';
import { refreshDashboard } from './dashboard';

/**
 * The SAMPLE city an empty database is filled with at start-up. The server owns this port and
 * decides when it is used; `gis/sample-city` implements it and the app's entry (`hooks.server.ts`)
 * hands that implementation to `startDatabase`, so gis/ depends on the server and never the reverse.
 */
export interface SampleCitySeeder {
	/** Whether the database already holds a city (parcels): then nothing is loaded. */
	hasCity(db: Kysely<DB>): Promise<boolean>;
	/** Loads the city into the storage CRS, all or nothing; returns the row count per layer. */
	load(db: Kysely<DB>, options: { parcels: number; srid: number }): Promise<Record<string, number>>;
}

/** Any number; one server at a time looks for a city and loads it (several may start together on one database). */
const SEEDING_LOCK = 746_352_001;

/** Fills a database that has no city yet with the sample city and the demo accounts that belong to it. */
export async function seedSampleData(
	db: Kysely<DB>,
	seeder: SampleCitySeeder,
	options: { parcels: number; srid: number }
): Promise<void> {
	await db.connection().execute(async (conn) => {
		await sql`select pg_advisory_lock(${SEEDING_LOCK})`.execute(conn);
		try {
			await seedUnlocked(conn, seeder, options);
		} finally {
			await sql`select pg_advisory_unlock(${SEEDING_LOCK})`.execute(conn);
		}
	});
}

async function seedUnlocked(db: Kysely<DB>, seeder: SampleCitySeeder, options: { parcels: number; srid: number }): Promise<void> {
	if (await seeder.hasCity(db)) return;
	const started = Date.now();
	console.log(`[pelak] empty database: loading the SAMPLE city (${options.parcels} parcels)…`);
	const counts = await seeder.load(db, options);
	console.log(`[pelak] sample city loaded in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
	// Demo accounts for every role belong to the sample city only (sandbox; see README).
	const accounts = await seedDemoAccounts(db);
	console.log(`[pelak] ${accounts.length} SAMPLE demo accounts ready (password in README)`);
	// The sample tariff book («نمونه — sample»), published for this Jalali year so fees can be assessed.
	const year = jalaliYearAt(new Date());
	if (await seedSampleTariffBook(db, year)) console.log(`[pelak] SAMPLE tariff book published for ${year}`);
	// The sample excavation works in their life-cycle inboxes, fees assessed under that book (issue 9).
	const placed = await seedSampleWorksLifecycle(db);
	if (placed) console.log(`[pelak] ${placed} SAMPLE excavation works placed in their cartables`);
	// Three SAMPLE building permits of the demo citizen Zahra, worked through the real services.
	const { seedSamplePermits } = await import('./permits/sample-permits');
	await seedSamplePermits(db).then(
		(n) => n && console.log(`[pelak] ${n} SAMPLE building permits seeded`),
		(err) => console.warn('[pelak] SAMPLE building permits not seeded:', err)
	);
	// Cases of the two other demo citizens (an answered inquiry, a task waiting, a referral, a refusal).
	const { seedSampleCitizenCases } = await import('./cases/sample-citizens');
	await seedSampleCitizenCases(db).then(
		(n) => n && console.log(`[pelak] ${n} SAMPLE cases of the demo citizens seeded`),
		(err) => console.warn('[pelak] SAMPLE cases of the demo citizens not seeded:', err)
	);
	// A few of each district's oldest imported cases closed by its officer over the last weeks (the backlog moving).
	const { seedSampleLegacyClosings } = await import('./cases/sample-legacy');
	await seedSampleLegacyClosings(db).then(
		(n) => n && console.log(`[pelak] ${n} SAMPLE imported cases closed by district officers`),
		(err) => console.warn('[pelak] SAMPLE imported-case closings not seeded:', err)
	);
	// Permits under supervision with stage reports («نمونه — sample») for the demo supervisor and district officer.
	if (await seedSampleSupervision(db)) console.log('[pelak] SAMPLE supervision works and reports ready');
	// Last, so that it moves every seeded deadline past it: an office closure the admin announced.
	const { seedSampleClosure } = await import('./admin/sample-closure');
	await seedSampleClosure(db).then(
		(c) => c && console.log(`[pelak] SAMPLE office closure on ${c.day} announced: ${c.moved} deadlines moved`),
		(err) => console.warn('[pelak] SAMPLE office closure not seeded:', err)
	);
	// The documents the history's open cases were filed with (SAMPLE PDFs), so that their officers can approve them.
	const { seedSampleFilings } = await import('./cases/sample-filings');
	await seedSampleFilings(db).then(
		(n) => n && console.log(`[pelak] ${n} SAMPLE documents attached to the history's open cases`),
		(err) => console.warn('[pelak] SAMPLE documents of the history not attached:', err)
	);
	// A receipt for every SAMPLE payment, numbered in the order paid and dated its payment (registered without its
	// PDF, which its first download renders): else old payments took their numbers in the order they were first opened.
	const { issueMissingReceipts } = await import('./permits/receipt-pdf.service');
	await issueMissingReceipts(db, { asOfPayment: true, env: { render: false } }).then(
		(n) => n && console.log(`[pelak] ${n} SAMPLE receipts registered`),
		(err) => console.warn('[pelak] SAMPLE receipts not registered:', err)
	);
	// The dashboards' views were built with the city's history, before the cases, payments and closings above: built
	// again now, so that the first visitor of /dashboard or /transparency reads the whole sample, not an older state.
	await refreshDashboard(db);
}

/**
 * The case world plus what fees need: the SAMPLE tariff book published for 1404 (the year of
 * SUNDAY_MORNING), a zone values layer measured by hand around the district 6 parcels, and maryam's
 * building-permit case on parcel6.
 *
 * parcel6 is x 0–20, y 0–30 (600 m²) and parcel6b x 40–60. Residential zone values: A covers
 * x −5…15 (450 m², 75 % of parcel6) at 3,000,000 rial/m²; B covers x 15…100 (25 % of parcel6, all
 * of parcel6b) at 5,000,000; C, dated 1405, covers all of parcel6 at 7,000,000. Commercial: one
 * polygon over everything at 9,000,000.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { seedSampleTariffBook } from '../../src/lib/server/fees';
import { buildCaseWorld, SUNDAY_MORNING, type CaseWorld } from './case-world';

const E0 = 560000;
const N0 = 3612000;
const SRID = 32639;
const box = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${E0 + x0}::float8, ${N0 + y0}::float8, ${E0 + x1}::float8, ${N0 + y1}::float8, ${SRID}::int))`;

export const P_A = 3_000_000;
export const P_B = 5_000_000;
export const P_C_1405 = 7_000_000;
export const P_COMMERCIAL = 9_000_000;

export interface FeeWorld extends CaseWorld {
	bookId: number;
	/** maryam's building permit case on parcel6 */
	caseId: number;
	now: Date;
}

export async function buildFeeWorld(db: Kysely<DB>): Promise<FeeWorld> {
	const world = await buildCaseWorld(db);
	const bookId = (await seedSampleTariffBook(db, 1404, { now: SUNDAY_MORNING }))!;
	const zone = (use_class: string, p: number, geom: ReturnType<typeof box>, jalali_year: number | null = null) =>
		db.insertInto('zone_values').values({ use_class, p_rial_per_m2: p, jalali_year, source_ref: 'test', geom }).execute();
	await zone('residential', P_A, box(-5, -10, 15, 40));
	await zone('residential', P_B, box(15, -10, 100, 40));
	await zone('residential', P_C_1405, box(-50, -50, 50, 50), 1405);
	await zone('commercial', P_COMMERCIAL, box(-1000, -1000, 3000, 1000));
	const { id: caseId } = await db
		.insertInto('cases')
		.values({
			parcel_id: world.parcel6,
			tracking_code: 'FEE-0001',
			kind: 'building_permit',
			title_fa: 'پروانهٔ ساختمانی',
			title_en: 'Building permit',
			request_type: 'building_permit_new',
			applicant_user_id: world.users.maryam.id,
			district_id: world.d6,
			workflow_status: 'in_progress',
			current_step: 'fee_payment',
			step_started_at: SUNDAY_MORNING
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { ...world, bookId, caseId, now: SUNDAY_MORNING };
}

/** Row counts of every table a fee or payment write touches: "nothing changed" is these staying equal. */
export async function feeTableCounts(db: Kysely<DB>): Promise<Record<string, number>> {
	const { rows } = await sql<Record<string, number>>`select
		(select count(*)::int from fee_assessments) as fee_assessments,
		(select count(*)::int from fee_assessments where status = 'paid') as paid_assessments,
		(select count(*)::int from fee_bills) as fee_bills,
		(select count(*)::int from payments) as payments,
		(select count(*)::int from payments where status = 'paid') as paid_payments,
		(select count(*)::int from sandbox_gateway_transactions where verified_at is not null) as verified_at_gateway,
		(select count(*)::int from tariff_books) as tariff_books,
		(select count(*)::int from tariff_book_events) as tariff_book_events,
		(select count(*)::int from tariff_item_annulments) as tariff_item_annulments`.execute(db);
	return rows[0];
}

/**
 * An excavation fee too large for one payment id (issue 8, §5; fee_bills, migration 0130), on both
 * backends: a dig whose measured bases (check_result.fee_bases, what the fee is assessed on) come
 * to ~20,000 m² of arterial asphalt is assessed at approval as instalment bills under one bill id,
 * each with its own payment id valid by the check digits and known to the bill check; paying one
 * leaves the work approved and unpermitted, and only the last bill issues the excavation permit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildExcavationWorld, fileTrenchAssessedOn, type ExcavationWorld } from '../factories/excavation-world';
import { staffUser } from '../factories/staff';
import { actOnWork } from '../../src/lib/server/excavation';
import { findWork } from '../../src/lib/server/excavation/lifecycle.repository';
import type { SessionUser } from '../../src/lib/server/auth';
import { checkBill, seedSampleTariffBook } from '../../src/lib/server/fees';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { MAX_BILL_AMOUNT_RIAL, validateBill } from '../../src/lib/domain/bills';

const NOW = new Date('2026-11-30T05:30:00Z'); // Monday 09:00 in Tehran, 9 Azar 1405
const CALLBACK = 'http://pelak.test/payments/callback';
/** 20,000 m² of arterial asphalt: 20,000 × 4,500,000 × 1.5 charge + 0.3 × 20,000 × 4,500,000 deposit = 162 billion rials. */
const HUGE_AREA_M2 = 20_000;
const HUGE_TOTAL = HUGE_AREA_M2 * 4_500_000 * 1.5 + 0.3 * HUGE_AREA_M2 * 4_500_000;

let database: TestDatabase;
let world: ExcavationWorld;
let gateway: SandboxGateway;
let applicant: SessionUser;
let officer: SessionUser;
let workId: number;
let assessmentId: number;
let bills: { seq: number; bill_id: string; payment_id: string; amount_rial: number }[];

async function pay(seq: number) {
	const started = await startPayment(database.db, gateway, applicant, assessmentId, { callbackUrl: CALLBACK, now: NOW, seq });
	expect(await gateway.transaction(started.authority)).toMatchObject({ amount_rial: bills[seq - 1].amount_rial, payment_id: bills[seq - 1].payment_id });
	const back = new URL(await gateway.settle(started.authority, true));
	return completePayment(database.db, gateway, back.searchParams, { now: NOW });
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
	await seedSampleTariffBook(database.db, 1405, { now: NOW });
	gateway = new SandboxGateway(database.db, () => NOW);
	applicant = await staffUser(database.db, 'water.applicant', { role: 'utility_applicant', organisationId: world.water });
	officer = await staffUser(database.db, 'excavation.officer', { role: 'excavation_officer' });
	// the measured bases of a far larger dig (the fee is assessed on these at approval)
	workId = await fileTrenchAssessedOn(database.db, applicant, [{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: HUGE_AREA_M2 }]);
});
afterAll(async () => {
	await database?.close();
});

describe(`an excavation fee split into instalments (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('is assessed at approval as instalment bills: one bill id, a valid payment id each, adding up to the fee', async () => {
		const work = await actOnWork(database.db, officer, workId, { action: 'approve' }, { now: NOW });
		expect(work).toMatchObject({ status: 'approved', holder: 'applicant' });
		assessmentId = work.assessment_id!;
		const a = await database.db.selectFrom('fee_assessments').selectAll().where('id', '=', assessmentId).executeTakeFirstOrThrow();
		expect(a).toMatchObject({ excavation_work_id: workId, status: 'open', total_rial: HUGE_TOTAL });
		bills = (await database.db.selectFrom('fee_bills').select(['seq', 'bill_id', 'payment_id', 'amount_rial']).where('assessment_id', '=', assessmentId).orderBy('seq').execute()).map((b) => ({ ...b, amount_rial: Number(b.amount_rial) }));
		expect(bills).toHaveLength(Math.ceil(HUGE_TOTAL / MAX_BILL_AMOUNT_RIAL));
		expect(bills.length).toBeGreaterThanOrEqual(2);
		expect(bills.reduce((s, b) => s + b.amount_rial, 0)).toBe(HUGE_TOTAL);
		expect(new Set(bills.map((b) => b.bill_id))).toEqual(new Set([a.bill_id]));
		expect(new Set(bills.map((b) => b.payment_id)).size).toBe(bills.length);
		expect(bills[0].payment_id).toBe(a.payment_id);
		for (const b of bills) {
			expect(b.amount_rial).toBeLessThanOrEqual(MAX_BILL_AMOUNT_RIAL);
			expect(validateBill(b.bill_id, b.payment_id, { amount_rial: b.amount_rial, service_type: 6 })).toMatchObject({ valid: true, problems: [] });
			expect(await checkBill(database.db, b.bill_id, b.payment_id, 'en', { now: NOW })).toMatchObject({ valid: true, issued_by_pelak: true, assessment_status: 'open', instalment: { seq: b.seq, of: bills.length } });
		}
	});

	it('paying a bill leaves the work approved without a permit; the last bill paid issues the permit', async () => {
		for (const b of bills) {
			expect(await pay(b.seq)).toMatchObject({ outcome: 'paid', assessmentId });
			const last = b.seq === bills.length;
			const work = (await findWork(database.db, workId))!;
			const status = (await database.db.selectFrom('fee_assessments').select('status').where('id', '=', assessmentId).executeTakeFirstOrThrow()).status;
			if (!last) {
				expect({ status: work.status, permit: work.permit_document_id, fee: status }).toEqual({ status: 'approved', permit: null, fee: 'open' });
				expect(await checkBill(database.db, b.bill_id, b.payment_id, 'en', { now: NOW })).toMatchObject({ assessment_status: 'paid' });
				expect(await checkBill(database.db, bills[b.seq].bill_id, bills[b.seq].payment_id, 'en', { now: NOW })).toMatchObject({ assessment_status: 'open' });
				// the work cannot be started before it is paid in full
				await expect(actOnWork(database.db, applicant, workId, { action: 'start' }, { now: NOW })).rejects.toMatchObject({ status: expect.any(Number) });
			} else {
				expect(work).toMatchObject({ status: 'permitted', holder: 'supervisor' });
				expect(work.permit_document_id).not.toBeNull();
				expect(status).toBe('paid');
			}
		}
	});
});

/**
 * Paying through the sandbox gateway: request → gateway page → callback → server-side verify.
 * A paid bill is paid once; a replayed, forged or tampered callback is refused with a named
 * reason and changes nothing (the row counts and statuses stay as they were).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildFeeWorld, feeTableCounts, type FeeWorld } from '../factories/fee-world';
import { assessForCase, type StoredAssessment } from '../../src/lib/server/fees';
import { DomainError } from '../../src/lib/server/errors';
import { completePayment, getReceipt, receiptSpec, SandboxGateway, startPayment } from '../../src/lib/server/payments';

let database: TestDatabase;
let world: FeeWorld;
let gateway: SandboxGateway;

const CALLBACK = 'http://pelak.test/payments/callback';
const PERMIT = { use: 'residential', floor_area: 180, units: 1, net_land_area: 200, base_density_pct: 120 } as const;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildFeeWorld(database.db);
	gateway = new SandboxGateway(database.db, () => world.now);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const assess = (floor_area = 180): Promise<StoredAssessment> =>
	assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: { ...PERMIT, floor_area }, now: world.now });

const start = (assessmentId: number, user = world.users.maryam) => startPayment(database.db, gateway, user, assessmentId, { callbackUrl: CALLBACK, now: world.now });

/** The payer's browser at the gateway page, then back at the callback. */
async function payAtGateway(authority: string, pay = true): Promise<URLSearchParams> {
	const back = new URL(await gateway.settle(authority, pay));
	expect(back.origin + back.pathname).toBe(CALLBACK);
	return back.searchParams;
}

const callback = (query: URLSearchParams | Record<string, string>) =>
	completePayment(database.db, gateway, query instanceof URLSearchParams ? query : new URLSearchParams(query), { now: world.now });

async function refusedWith(code: string, status: number, call: () => Promise<unknown>) {
	const before = await feeTableCounts(database.db);
	const statuses = await database.db.selectFrom('payments').select(['id', 'status']).orderBy('id').execute();
	const error = (await call().catch((e: unknown) => e)) as DomainError;
	expect(error).toBeInstanceOf(DomainError);
	expect({ code: error.code, status: error.status }).toEqual({ code, status });
	expect(error.messages.fa).toBeTruthy();
	expect(error.messages.en).toBeTruthy();
	expect(await feeTableCounts(database.db)).toEqual(before);
	expect(await database.db.selectFrom('payments').select(['id', 'status']).orderBy('id').execute()).toEqual(statuses);
}

describe(`payments through the sandbox gateway (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	let paid: StoredAssessment;
	let paidQuery: URLSearchParams;

	it('pays: request, the gateway page, the callback verified server-side, paid in one step', async () => {
		paid = await assess();
		const started = await start(paid.id);
		expect(started.redirect_url).toBe(`http://pelak.test/sandbox-gateway/${started.authority}`);
		const tx = await gateway.transaction(started.authority);
		expect(tx).toMatchObject({ amount_rial: paid.row.total_rial, bill_id: paid.row.bill_id, payment_id: paid.row.payment_id, status: 'requested' });

		paidQuery = await payAtGateway(started.authority);
		expect(Object.fromEntries(paidQuery)).toEqual({ Authority: started.authority, Status: 'OK' });
		const outcome = await callback(paidQuery);
		expect(outcome).toEqual({ outcome: 'paid', assessmentId: paid.id, paymentRowId: started.payment_row_id });

		const assessment = await database.db.selectFrom('fee_assessments').select(['status', 'paid_at']).where('id', '=', paid.id).executeTakeFirstOrThrow();
		expect(assessment).toEqual({ status: 'paid', paid_at: world.now });
		const payment = await database.db.selectFrom('payments').selectAll().where('id', '=', started.payment_row_id).executeTakeFirstOrThrow();
		expect(payment).toMatchObject({ status: 'paid', amount_rial: paid.row.total_rial, callback: { Authority: started.authority, Status: 'OK' } });
		expect(payment.ref_id).toMatch(/^\d{12}$/);
	});

	it('refuses a replayed callback, and a second payment of a paid bill, changing nothing', async () => {
		await refusedWith('payment_replayed', 409, () => callback(paidQuery));
		await refusedWith('assessment_not_open', 409, () => start(paid.id));
	});

	it('gives the payer a receipt, and its PDF data, marked as a sandbox payment with the sample book', async () => {
		const { paymentRowId } = (await database.db.selectFrom('payments').select('id as paymentRowId').where('status', '=', 'paid').executeTakeFirstOrThrow());
		const receipt = await getReceipt(database.db, world.users.maryam, paymentRowId);
		const spec = receiptSpec(receipt);
		expect(spec).toMatchObject({
			kind: 'fee_receipt',
			sandbox: true,
			sample: true,
			totalRial: paid.row.total_rial,
			billId: paid.row.bill_id,
			paymentId: paid.row.payment_id,
			caseTrackingCode: 'FEE-0001',
			paidAt: { jalali: '1404-02-14' },
			gateway: { fa: 'درگاه آزمایشی — sandbox' }
		});
		expect(spec.watermark?.fa).toContain('درگاه آزمایشی');
		expect(spec.lines).toEqual([expect.objectContaining({ itemCode: '1-1', amountRial: paid.row.total_rial })]);
		await expect(getReceipt(database.db, world.users.ali, paymentRowId)).rejects.toMatchObject({ code: 'receipt_not_found', status: 404 });
	});

	it('refuses a callback whose gateway was paid a tampered amount, changing nothing', async () => {
		const bill = await assess(190);
		const started = await start(bill.id);
		// a forged gateway page that took less than the bill
		await database.db.updateTable('sandbox_gateway_transactions').set({ amount_rial: 1_000 }).where('authority', '=', started.authority).execute();
		const query = await payAtGateway(started.authority);
		await refusedWith('amount_mismatch', 409, () => callback(query));
		expect((await database.db.selectFrom('fee_assessments').select('status').where('id', '=', bill.id).executeTakeFirstOrThrow()).status).toBe('open');
	});

	it('refuses Status=OK for a payment the gateway never took, an unknown authority, and a malformed callback', async () => {
		const bill = await assess(195);
		const started = await start(bill.id);
		await refusedWith('not_paid_at_gateway', 409, () => callback({ Authority: started.authority, Status: 'OK' }));
		await refusedWith('unknown_authority', 400, () => callback({ Authority: `S${'0'.repeat(32)}`, Status: 'OK' }));
		await refusedWith('callback_malformed', 400, () => callback({ Authority: started.authority, Status: 'MAYBE' }));
		await refusedWith('callback_malformed', 400, () => callback({ Status: 'OK' }));
	});

	it('refuses a callback for a bill replaced by a re-assessment meanwhile, though the gateway took the money', async () => {
		const bill = await assess(200);
		const started = await start(bill.id);
		const query = await payAtGateway(started.authority);
		await assess(205); // the officer re-assesses while the payer is at the gateway
		await refusedWith('assessment_not_open', 409, () => callback(query));
	});

	it('takes Status=NOK as the payer cancelling: the attempt is cancelled, the bill stays open to pay again', async () => {
		const bill = await assess(210);
		const first = await start(bill.id);
		const query = await payAtGateway(first.authority, false);
		expect(query.get('Status')).toBe('NOK');
		expect(await callback(query)).toMatchObject({ outcome: 'cancelled', assessmentId: bill.id });
		expect((await database.db.selectFrom('fee_assessments').select('status').where('id', '=', bill.id).executeTakeFirstOrThrow()).status).toBe('open');
		await refusedWith('payment_cancelled', 409, () => callback({ Authority: first.authority, Status: 'OK' }));

		const second = await start(bill.id);
		expect(await callback(await payAtGateway(second.authority))).toMatchObject({ outcome: 'paid' });
		// the gateway page cannot be used twice either
		await expect(gateway.settle(second.authority, true)).rejects.toMatchObject({ code: 'sandbox_transaction_settled' });
	});

	it('pays a bill once when callbacks race: the same one twice, or two attempts paid at the gateway', async () => {
		const bill = await assess(220);
		const [a, b] = [await start(bill.id), await start(bill.id)];
		const [qa, qb] = [await payAtGateway(a.authority), await payAtGateway(b.authority)];
		const results = await Promise.allSettled([callback(qa), callback(qa), callback(qb)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		// which loser sees what depends on who wins: its own attempt already paid, or the bill paid by the other
		const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as DomainError).code] : []));
		expect(reasons).toHaveLength(2);
		expect(reasons.every((c) => c === 'payment_replayed' || c === 'assessment_not_open')).toBe(true);
		const paid = await database.db.selectFrom('payments').select('id').where('assessment_id', '=', bill.id).where('status', '=', 'paid').execute();
		expect(paid).toHaveLength(1);
	});

	it('lets only those who may see the assessment start a payment', async () => {
		const bill = await assess(215);
		// the same 404 as for an id that does not exist
		for (const stranger of [world.users.ali, world.users.officer7]) await refusedWith('assessment_not_found', 404, () => start(bill.id, stranger));
		await refusedWith('assessment_not_found', 404, () => start(999_999));
	});
});

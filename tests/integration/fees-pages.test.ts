/**
 * The fee and payment pages at the edge, called directly with a minimal event: the bill check
 * API's contract, the assessment page for those who may see the case, the whole sandbox payment
 * through the pages (pay → gateway page → callback → receipt), refused callbacks answering 400/409
 * with a named reason and changing nothing, and the admin's tariff books.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildFeeWorld, feeTableCounts, type FeeWorld } from '../factories/fee-world';
import { assessForCase, type StoredAssessment } from '../../src/lib/server/fees';
import type { SessionUser } from '../../src/lib/server/auth';
import type { Lang } from '../../src/lib/i18n';
import { GET as checkBillRoute } from '../../src/routes/api/bills/check/+server';
import * as assessmentPage from '../../src/routes/assessments/[id=id]/+page.server';
import * as newAssessmentPage from '../../src/routes/assessments/new/+page.server';
import * as gatewayPage from '../../src/routes/sandbox-gateway/[authority]/+page.server';
import * as callbackPage from '../../src/routes/payments/callback/+page.server';
import * as receiptPage from '../../src/routes/receipts/[id=id]/+page.server';
import * as adminFeesPage from '../../src/routes/admin/fees/+page.server';

let database: TestDatabase;
let world: FeeWorld;
let bill: StoredAssessment;

interface EventInput {
	user?: SessionUser | null;
	params?: Record<string, string>;
	form?: Record<string, string>;
	lang?: Lang;
}

function event(pathAndQuery: string, input: EventInput = {}) {
	const url = new URL(pathAndQuery, 'http://pelak.test');
	const body = input.form ? new URLSearchParams(input.form) : undefined;
	const request = new Request(url, { method: body ? 'POST' : 'GET', body });
	return {
		url,
		params: input.params ?? {},
		request,
		locals: { db: database.db, backend: database.backend, lang: input.lang ?? 'fa', user: input.user ?? null },
		getClientAddress: () => '192.0.2.77',
		cookies: { get: () => undefined }
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
	} as any;
}

async function thrown(call: () => unknown): Promise<unknown> {
	try {
		await call();
	} catch (err) {
		return err;
	}
	throw new Error('expected the call to throw');
}

/** Where a load or action redirected to. */
async function redirectedTo(call: () => unknown): Promise<string> {
	const err = await thrown(call);
	if (!isRedirect(err)) throw err;
	expect(err.status).toBe(303);
	return err.location;
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildFeeWorld(database.db);
	bill = await assessForCase(database.db, {
		case_id: world.caseId,
		request_kind: 'building_permit',
		inputs: { use: 'residential', floor_area: 180, units: 1, net_land_area: 200, base_density_pct: 120 }
	});
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const check = async (bill_id: string, payment_id: string, lang: Lang = 'en') => {
	const response = await checkBillRoute(event(`/api/bills/check?bill_id=${encodeURIComponent(bill_id)}&payment_id=${encodeURIComponent(payment_id)}`, { lang }));
	expect(response.status).toBe(200);
	return response.json();
};

describe(`fee pages (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('checks any bill pair: one Pelak issued is valid and known, with its status', async () => {
		expect(await check(bill.row.bill_id!, bill.row.payment_id!)).toEqual({
			valid: true,
			amount_rial: bill.row.total_rial,
			service_type: 6,
			problems: [],
			issued_by_pelak: true,
			assessment_status: 'open',
			instalment: { seq: 1, of: 1 }
		});
	});

	it('names the problem of a forged pair, in the reader’s language, and says Pelak did not issue it', async () => {
		// the amount raised by 1,000 rials: both payment check digits no longer fit
		const payment = bill.row.payment_id!;
		const forged = String(Number(payment.slice(0, -5)) + 1) + payment.slice(-5);
		const answer = await check(bill.row.bill_id!, forged);
		expect(answer).toMatchObject({ valid: false, amount_rial: bill.row.total_rial + 1000, service_type: 6, issued_by_pelak: false });
		expect(answer.problems.map((p: { code: string }) => p.code)).toContain('payment_check_digit');
		expect(answer.problems[0].message).toMatch(/check digit/);
		expect(answer).not.toHaveProperty('assessment_status');
		const fa = await check(bill.row.bill_id!, forged, 'fa');
		expect(fa.problems[0].message).toContain('رقم کنترل');
		// well-formed digits Pelak never issued
		expect(await check('1234567812361', '15234040120')).toMatchObject({ valid: true, issued_by_pelak: false });
		expect((await check('', 'abc')).problems.map((p: { code: string }) => p.code)).toEqual(['wrong_length', 'not_digits']);
	});

	it('shows the assessment to its applicant and staff; others get 404, anonymous visitors the sign-in page', async () => {
		const page = (await assessmentPage.load(event(`/assessments/${bill.id}`, { user: world.users.maryam, params: { id: String(bill.id) } }))) as { view: { lines: unknown[]; canPay: boolean } };
		expect(page.view.lines).toHaveLength(1);
		expect(page.view.canPay).toBe(true);
		const stranger = await thrown(() => assessmentPage.load(event(`/assessments/${bill.id}`, { user: world.users.ali, params: { id: String(bill.id) } })));
		expect(isHttpError(stranger) && stranger.status).toBe(404);
		expect(await redirectedTo(() => assessmentPage.load(event(`/assessments/${bill.id}`, { params: { id: String(bill.id) } })))).toMatch(/^\/login\?redirect=/);
	});

	it('pays through the pages: pay → sandbox gateway page → callback → receipt; a replay answers 409 and changes nothing', async () => {
		const params = { id: String(bill.id) };
		const gateway = await redirectedTo(() => assessmentPage.actions.pay(event(`/assessments/${bill.id}?/pay`, { user: world.users.maryam, params, form: {} })));
		const authority = gateway.split('/').pop()!;
		expect(gateway).toBe(`http://pelak.test/sandbox-gateway/${authority}`);
		const shown = (await gatewayPage.load(event(`/sandbox-gateway/${authority}`, { params: { authority } }))) as { tx: { amountRial: number } };
		expect(shown.tx.amountRial).toBe(bill.row.total_rial);

		const back = await redirectedTo(() => gatewayPage.actions.pay(event(`/sandbox-gateway/${authority}?/pay`, { params: { authority }, form: {} })));
		expect(back).toBe(`http://pelak.test/payments/callback?Authority=${authority}&Status=OK`);
		const receipt = await redirectedTo(() => callbackPage.load(event(back)));
		expect(receipt).toMatch(/^\/receipts\/\d+$/);
		const id = receipt.split('/').pop()!;
		const page = (await receiptPage.load(event(receipt, { user: world.users.maryam, params: { id } }))) as { receipt: { sandbox: boolean; amountRial: number } };
		expect(page.receipt).toMatchObject({ sandbox: true, amountRial: bill.row.total_rial });
		expect(isHttpError(await thrown(() => receiptPage.load(event(receipt, { user: world.users.ali, params: { id } }))))).toBe(true);

		const before = await feeTableCounts(database.db);
		const replay = await thrown(() => callbackPage.load(event(back, { lang: 'en' })));
		expect(isHttpError(replay) && { status: replay.status, code: replay.body.code }).toEqual({ status: 409, code: 'payment_replayed' });
		expect(isHttpError(replay) && replay.body.message).toMatch(/already verified/);
		const unknown = await thrown(() => callbackPage.load(event(`/payments/callback?Authority=S${'A'.repeat(32)}&Status=OK`)));
		expect(isHttpError(unknown) && { status: unknown.status, code: unknown.body.code }).toEqual({ status: 400, code: 'unknown_authority' });
		expect(await feeTableCounts(database.db)).toEqual(before);
		// the bill now shows as paid, with its receipt
		const after = (await assessmentPage.load(event(`/assessments/${bill.id}`, { user: world.users.maryam, params }))) as { view: { status: string; canPay: boolean } };
		expect(after.view).toMatchObject({ status: 'paid', canPay: false });
	});

	it('lets district staff assess a case from the form, P read from the map', async () => {
		const url = `/assessments/new?case=${world.caseId}`;
		const spec = (await newAssessmentPage.load(event(url, { user: world.users.officer6 }))) as { spec: { kinds: { kind: string }[] } };
		expect(spec.spec.kinds.map((k) => k.kind).sort()).toEqual(['building_permit', 'completion_certificate', 'excavation', 'permit_amendment', 'permit_renewal', 'renovation']);
		const form = { kind: 'building_permit', 'in:use': 'residential', 'in:floor_area': '۱۸۰', 'in:units': '1', 'in:net_land_area': '200', 'in:base_density_pct': '120', 'in:P': '' };
		const created = await redirectedTo(() => newAssessmentPage.actions.default(event(url, { user: world.users.officer6, form })));
		const id = Number(created.split('/').pop());
		const row = await database.db.selectFrom('fee_assessments').select(['inputs', 'issued_by', 'total_rial']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ issued_by: world.users.officer6.id, inputs: { floor_area: 180, P: 3_000_000 }, total_rial: bill.row.total_rial });
		expect(isHttpError(await thrown(() => newAssessmentPage.load(event(url, { user: world.users.maryam }))))).toBe(true);
		expect(isHttpError(await thrown(() => newAssessmentPage.load(event(url, { user: world.users.officer7 }))))).toBe(true);
	});

	it('lets the admin see the books, refuses to publish a failing draft listing the problems, and annuls an item', async () => {
		const admin = world.users.admin;
		const list = (await adminFeesPage.load(event(`/admin/fees?book=${world.bookId}`, { user: admin }))) as { books: unknown[]; detail: { status: string; problems: unknown[] } };
		expect(list.books).toHaveLength(1);
		expect(list.detail).toMatchObject({ status: 'published', problems: [] });

		const draft = await redirectedTo(() => adminFeesPage.actions.newDraft(event('/admin/fees?/newDraft', { user: admin, form: { bookId: String(world.bookId), year: '۱۴۰۴' } })));
		const draftId = draft.split('=').pop()!;
		const opened = (await adminFeesPage.load(event(draft, { user: admin }))) as { detail: { text: string } };
		const doc = JSON.parse(opened.detail.text);
		doc.items[0].samples[0].expected_rial = 1_000;
		const saved = await adminFeesPage.actions.save(event('/admin/fees?/save', { user: admin, form: { bookId: draftId, document: JSON.stringify(doc) } }));
		expect(saved).toEqual({ done: 'save' });
		const refused = (await adminFeesPage.actions.publish(event('/admin/fees?/publish', { user: admin, form: { bookId: draftId }, lang: 'en' }))) as { status: number; data: { code: string; problems: string[] } };
		expect(refused.status).toBe(400);
		expect(refused.data.code).toBe('book_invalid');
		expect(refused.data.problems).toEqual([expect.stringMatching(/^Item 1-1, sample 1: Expected 1,000 rials/)]);

		const annulled = await adminFeesPage.actions.annul(event('/admin/fees?/annul', { user: admin, form: { bookId: String(world.bookId), itemCode: '1-6', rulingRef: 'دادنامهٔ ۱۰', rulingDate: '' } }));
		expect(annulled).toEqual({ done: 'annul' });
		const forbidden = await thrown(() => adminFeesPage.load(event('/admin/fees', { user: world.users.officer6 })));
		expect(isHttpError(forbidden) && forbidden.status).toBe(403);
	});
});

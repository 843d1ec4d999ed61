/**
 * The permit's routes (issue 8, §3–6): POST /api/cases/:id/proposal (the proposal-check JSON stored
 * on the case, 400 naming the field, 401, 404, 409), the case page's permit panel and forms (the
 * proposal form, drawings, the officer's override, suspend/revoke by the district officer only),
 * and the receipt PDF registered once with a verifying QR code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { openTestDatabase, type TestDatabase } from '../db';
import { fixture, FIXTURES } from '../factories/case-world';
import { buildPermitWorld, building, drawn, type PermitWorld } from '../factories/permit-world';
import { routeEvent, thrown } from '../route-event';
import { actOnCase, fileRequest, type CaseView } from '../../src/lib/server/cases';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { verifyDocument } from '../../src/lib/server/issued-documents';
import { footerQr, pdftotext, readable } from '../../src/lib/server/pdf/pdf-reading.test-support';
import { POST as proposalApi } from '../../src/routes/api/cases/[id]/proposal/+server';
import * as casePage from '../../src/routes/cases/[id=id]/+page.server';
import { load as proposalPageLoad } from '../../src/routes/parcels/[id=id]/proposal/+page.server';
import { GET as receiptPdfRoute } from '../../src/routes/receipts/[id=id].pdf/+server';
import { GET as issuedPdfRoute } from '../../src/routes/documents/issued/[id=id].pdf/+server';
import type { SessionUser } from '../../src/lib/server/auth';
import type { PermitPanel } from '../../src/lib/api/permit';
import type { ProposalFiling } from '../../src/lib/server/permits';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let world: PermitWorld;
let permit: CaseView;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildPermitWorld(database.db);
	process.env.PELAK_FILES_DIR = world.filesDir; // the form actions store uploads in the default file store
	const ctx = world.ctx({ sender: null });
	permit = await fileRequest(database.db, world.users.zahra, { parcelId: world.parcel6b, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')] }, ctx);
	await actOnCase(database.db, world.users.officer6, permit.id, { type: 'approve', stepId: 'district_review', to: 'zoning_statement' }, {}, ctx);
});
afterAll(async () => {
	delete process.env.PELAK_FILES_DIR;
	world?.cleanup();
	await database?.close();
});

async function api(id: string, body: unknown, user: SessionUser | null, lang: 'fa' | 'en' = 'en') {
	const url = new URL(`/api/cases/${id}/proposal`, 'http://pelak.test');
	const request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	const event = { url, params: { id }, request, locals: { db: database.db, backend: database.backend, lang, user }, getClientAddress: () => '192.0.2.1' };
	const res = await proposalApi(event as never);
	return { status: res.status, body: await res.json() };
}

const load = async (user: SessionUser) =>
	(await casePage.load(routeEvent(database, `/cases/${permit.id}`, { user, params: { id: String(permit.id) } }))) as unknown as { permit: PermitPanel };
/** The proposal page's load for `?case=`: whether the case takes this viewer's proposal now. */
const filing = async (user: SessionUser | null, parcelId = world.parcel6b, lang: 'fa' | 'en' = 'en') =>
	((await proposalPageLoad(routeEvent(database, `/parcels/${parcelId}/proposal?case=${permit.id}`, { user, lang, params: { id: String(parcelId) } }))) as unknown as { filing: ProposalFiling }).filing;
const action = (name: keyof typeof casePage.actions, user: SessionUser, form: Record<string, string | File | (string | File)[]>) =>
	casePage.actions[name](routeEvent(database, `/cases/${permit.id}?/${name}`, { user, params: { id: String(permit.id) }, form })) as Promise<{ done?: string; status?: number; data?: { code: string; error: string } }>;

describe(`POST /api/cases/:id/proposal (${backend})`, () => {
	it('refuses the unsigned (401), a bad id (400), a case the user may not see (404) and a bad body (400 naming the field)', async () => {
		expect((await api(String(permit.id), building(200, 200), null)).status).toBe(401);
		expect((await api('abc', building(200, 200), world.users.zahra)).status).toBe(400);
		expect((await api(String(permit.id), building(200, 200), world.users.maryam)).status).toBe(404);
		const bad = await api(String(permit.id), { ...building(200, 200), height_m: -3 }, world.users.zahra);
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('height_m');
		expect((await api(String(permit.id), '{not json', world.users.zahra)).body.error.code).toBe('invalid_json');
	});

	it('stores the proposal with the server’s own check and answers 201', async () => {
		const fp = await drawn(database.db, 42, 10, 58, 26);
		const res = await api(String(permit.id), building(256, fp), world.users.zahra);
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ ok: true, case_id: permit.id, zone_code: 'R121' });
		const row = await database.db.selectFrom('case_proposals').select(['id', 'check_ok', 'body']).where('id', '=', res.body.proposal_id).executeTakeFirstOrThrow();
		expect(row.check_ok).toBe(true);
		expect((row.body as { footprint_m2: unknown }).footprint_m2).toEqual(fp); // the JSON exactly as sent
	});
});

describe(`the case page's permit panel and forms (${backend})`, () => {
	it('shows the applicant the requirements and a link to the proposal page, with no second proposal form; the stored proposal is summarised', async () => {
		const panel = (await load(world.users.zahra)).permit;
		expect(panel.twoStage).toBe(true);
		expect(panel.mayPropose).toBe(true);
		expect(panel.requirements.find((r) => r.code === 'zoning_statement')?.met).toBe(true);
		expect(panel.issued.map((d) => d.kind)).toEqual(['zoning_statement']);
		// the proposal is filed from the parcel's proposal page (or POST /api/cases/:id/proposal), not a form action of the case page
		expect('proposal' in casePage.actions).toBe(false);
		// floors cut to two, the three 143 m² flats left: stored as failing, the permit does not follow them without an officer
		const cut = { ...building(140, 140, 2), units: [143, 143, 143].map((area_m2) => ({ area_m2 })) };
		const refused = await api(String(permit.id), cut, world.users.zahra, 'fa');
		expect(refused.status).toBe(201);
		expect(refused.body.ok).toBe(false);
		const units = (await load(world.users.zahra)).permit.proposal?.attention.find((r) => r.rule === 'unit_areas');
		expect(units).toMatchObject({ verdict: 'fail' });
		expect(units?.explanation.fa).toContain('۴۲۹٫۰۰ م² است و از زیربنای طبقات مسکونی (۲۸۰٫۰۰ م²)');
		const res = await api(String(permit.id), building(250, 250), world.users.zahra);
		expect(res.status).toBe(201);
		const after = (await load(world.users.zahra)).permit;
		expect(after.proposal?.ok).toBe(false);
		expect(after.proposal?.attention.map((r) => r.rule)).toContain('footprint_in_parcel'); // a number footprint needs an officer
		expect(after.proposal?.building).toEqual({ storeys: 3, pilotis: true, floor_area_m2: 1000, units: 3, units_m2: 255, height_m: 10.5, parking_spaces: 3 });
	});

	it('tells the proposal page up front whether the case takes a proposal now', async () => {
		expect(await filing(world.users.zahra)).toMatchObject({ caseId: permit.id, open: true, trackingCode: permit.trackingCode, parcelId: world.parcel6b, reason: null });
		expect(await filing(null)).toMatchObject({ open: false, trackingCode: null, reason: { en: 'Sign in to submit the proposal with your request.' } });
		// another citizen learns nothing of the case
		expect(await filing(world.users.maryam)).toMatchObject({ open: false, trackingCode: null, parcelId: null, reason: { en: 'No such case.' } });
		// staff see the case but do not file the applicant's proposal
		expect((await filing(world.users.officer6)).open).toBe(false);
	});

	it('the drawings form stores the files; the officer sees an override form only at the review of a failing proposal', async () => {
		const pdf = new File([fs.readFileSync(path.join(FIXTURES, 'deed.pdf'))], 'plans.pdf', { type: 'application/pdf' });
		expect(await action('drawings', world.users.zahra, { drawings: pdf })).toEqual({ done: 'drawings' });
		// streamed to disk and moved into the store: the drawing is a document of the case, nothing is left staged
		const drawings = await database.db.selectFrom('documents').select(['kind', 'size_bytes']).where('case_id', '=', permit.id).where('kind', '=', 'engineering_drawings').execute();
		expect(drawings).toEqual([{ kind: 'engineering_drawings', size_bytes: pdf.size }]);
		const staging = path.join(world.filesDir, 'incoming');
		expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([]);
		expect((await load(world.users.officer6)).permit.mayOverride).toBe(false); // not at the review yet
		await actOnCase(database.db, world.users.zahra, permit.id, { type: 'approve', stepId: 'drawings_submission' }, {}, world.ctx({ sender: null }));
		const past = await filing(world.users.zahra, world.parcel6b, 'fa');
		expect(past).toMatchObject({ open: false, trackingCode: permit.trackingCode });
		expect(past.reason?.fa).toMatch(/^درخواست اکنون در مرحلهٔ «.+» است؛ طرح پیشنهادی فقط در مرحلهٔ بارگذاری نقشه‌ها/);
		expect((await api(String(permit.id), building(250, 250), world.users.zahra)).status).toBe(409); // what the page now says before the form is filled
		expect((await load(world.users.officer6)).permit.mayOverride).toBe(true);
		expect((await load(world.users.inspector6)).permit.mayOverride).toBe(false);
		expect((await action('override', world.users.officer6, { reason: ' ' })).status).toBe(409);
		expect(await action('override', world.users.officer6, { reason: 'جانمایی در بازدید محلی تأیید شد.' })).toEqual({ done: 'override' });
		expect((await load(world.users.zahra)).permit.override?.reason).toBe('جانمایی در بازدید محلی تأیید شد.');
		await actOnCase(database.db, world.users.officer6, permit.id, { type: 'approve', stepId: 'technical_review' }, {}, world.ctx({ sender: null }));
		const panel = (await load(world.users.zahra)).permit;
		expect(panel.fees?.side).toBe('payer');
		expect(panel.fees?.assessments).toHaveLength(1);
	});

	it('after payment: the receipt PDF (registered once, with a QR code) and the permit; only the district officer suspends or revokes', async () => {
		const gateway = new SandboxGateway(database.db, () => world.now);
		const a = (await load(world.users.zahra)).permit.fees!.assessments[0];
		const started = await startPayment(database.db, gateway, world.users.zahra, a.id, { callbackUrl: 'https://pelak.example.ir/payments/callback', now: world.now });
		await completePayment(database.db, gateway, new URL(await gateway.settle(started.authority, true)).searchParams, { now: world.now });
		const panel = (await load(world.users.zahra)).permit;
		expect(panel.receipts).toHaveLength(1);
		const permitDoc = panel.issued.find((d) => d.kind === 'building_permit')!;
		expect(permitDoc.status).toBe('valid');
		// the permit issued, the case is closed: the proposal page says so before anything is typed
		const closed = await filing(world.users.zahra);
		expect(closed).toMatchObject({ open: false, trackingCode: permit.trackingCode });
		expect(closed.reason?.en).toBe('This request is no longer open. A proposal is accepted only at the drawings step, or when the officer has asked for a correction.');

		const receiptEvent = (user: SessionUser) => routeEvent(database, `/receipts/${panel.receipts[0].id}.pdf`, { user, params: { id: String(panel.receipts[0].id) } });
		const first = await receiptPdfRoute(receiptEvent(world.users.zahra));
		expect(first.headers.get('content-type')).toBe('application/pdf');
		const bytes = Buffer.from(await first.arrayBuffer());
		const text = readable(pdftotext(bytes));
		expect(text).toContain('رسید پرداخت عوارض');
		const url = footerQr(bytes)!;
		expect(url).toMatch(/\/verify\//);
		expect(await verifyDocument(database.db, url.split('/verify/')[1])).toMatchObject({ kind: 'receipt', valid: true });
		const again = Buffer.from(await (await receiptPdfRoute(receiptEvent(world.users.zahra))).arrayBuffer());
		expect(again.equals(bytes)).toBe(true); // registered once, served the same
		const err = await thrown(() => receiptPdfRoute(receiptEvent(world.users.maryam)));
		expect(isHttpError(err) && err.status).toBe(404);

		const change = (user: SessionUser, to: string, reason: string) => action('documentStatus', user, { documentId: String(permitDoc.id), to, reason });
		expect((await change(world.users.inspector6, 'revoked', 'x')).status).toBe(403);
		expect((await change(world.users.zahra, 'revoked', 'x')).status).toBe(403);
		expect((await change(world.users.officer6, 'deleted', 'x')).status).toBe(409);
		expect(await change(world.users.officer6, 'suspended', 'توقف عملیات تا رفع تخلف')).toEqual({ done: 'documentStatus' });
		const suspended = (await load(world.users.zahra)).permit.issued.find((d) => d.id === permitDoc.id)!;
		expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'توقف عملیات تا رفع تخلف' });
		const download = await issuedPdfRoute(routeEvent(database, permitDoc.pdfUrl, { user: world.users.zahra, params: { id: String(permitDoc.id) } }));
		expect(download.headers.get('x-document-status')).toBe('suspended');
		// the status stamped across every page (read in content order: the stamp is drawn rotated)
		expect(pdftotext(Buffer.from(await download.arrayBuffer()), '-raw').replace(/\s/g, '')).toContain('SUSPENDED');
	});
});

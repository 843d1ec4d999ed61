/**
 * The life of an excavation permit on both backends: filing (POST /api/excavations, the check
 * re-run in the same transaction), review, the fee through the tariff engine, payment through the
 * sandbox gateway, the permit PDF with its verifying QR, start, completion, the reinstatement
 * inspection (fail with a remedial order, then pass with the deposit released), emergency
 * regularisation, referrals, and every refusal (wrong role, wrong organisation, forged id) leaving
 * the row counts as they were.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildExcavationWorld, pit, trench, type ExcavationWorld } from '../factories/excavation-world';
import { staffUser } from '../factories/staff';
import { POST as fileRoute } from '../../src/routes/api/excavations/+server';
import { actions as workActions, load as workLoad } from '../../src/routes/excavations/[id=id]/+page.server';
import { GET as permitRoute } from '../../src/routes/excavations/[id=id]/permit.pdf/+server';
import { load as cartableLoad } from '../../src/routes/excavations/+page.server';
import { actOnWork, answerWorkReferral, checkExcavation, getWorkPage, workPermitPdf, worksCartable } from '../../src/lib/server/excavation';
import { findWork } from '../../src/lib/server/excavation/lifecycle.repository';
import { toPersianDigits } from '../../src/lib/domain/text';
import { findActiveUser, grantRole } from '../../src/lib/server/auth/users.repository';
import type { SessionUser } from '../../src/lib/server/auth';
import { seedSampleTariffBook } from '../../src/lib/server/fees';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { verifyDocument } from '../../src/lib/server/issued-documents';
import { FileStore, STAGING_DIR, type StagedFile } from '../../src/lib/server/documents';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../src/lib/server/errors';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { dueDate } from '../../src/lib/domain/working-days';
import { footerQr, pdftotext, readable } from '../../src/lib/server/pdf/pdf-reading.test-support';

const NOW = new Date('2026-11-30T05:30:00Z'); // Monday 09:00 in Tehran, 9 Azar 1405
const CALLBACK = 'http://pelak.test/payments/callback';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const calendar = municipalCalendar();

let database: TestDatabase;
let world: ExcavationWorld;
let gateway: SandboxGateway;
let files: FileStore;
let filesDir: string;
const u = {} as Record<'waterApplicant' | 'waterSupervisor' | 'gasApplicant' | 'officer' | 'inspector' | 'citizen', SessionUser>;

beforeAll(async () => {
	// the routes read the app's clock: these tests run on the day they were written (a planned dig may not start before today)
	vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
	await seedSampleTariffBook(database.db, 1405, { now: NOW });
	gateway = new SandboxGateway(database.db, () => NOW);
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-exc-files-'));
	files = new FileStore(filesDir);
	process.env.PELAK_FILES_DIR = filesDir; // the page's form action streams uploads into the default file store
	u.waterApplicant = await staffUser(database.db, 'water.applicant', { role: 'utility_applicant', organisationId: world.water });
	u.waterSupervisor = await staffUser(database.db, 'water.supervisor', { role: 'utility_supervisor', organisationId: world.water });
	u.gasApplicant = await staffUser(database.db, 'gas.applicant', { role: 'utility_applicant', organisationId: world.gas });
	u.officer = await staffUser(database.db, 'excavation.officer', { role: 'excavation_officer' });
	u.inspector = await staffUser(database.db, 'excavation.inspector', { role: 'excavation_inspector' });
	await grantRole(database.db, world.applicant, { role: 'citizen' });
	u.citizen = (await findActiveUser(database.db, world.applicant))!;
});
afterAll(async () => {
	vi.useRealTimers();
	delete process.env.PELAK_FILES_DIR;
	await database?.close();
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

const body = (over: Record<string, unknown> = {}) => ({
	features: [trench([[-90, 3], [-60, 3]], 0.6)],
	start: '2026-12-05',
	end: '2026-12-10',
	emergency: false,
	purpose: 'repair',
	description: 'نشت لوله',
	...over
});

async function file(user: SessionUser | null, payload: unknown, lang: 'en' | 'fa' = 'en') {
	const request = new Request('http://pelak.test/api/excavations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
	const response = await fileRoute({ request, locals: { db: database.db, lang, user } } as never);
	return { status: response.status, json: await response.json() };
}

/** Rows in every table a step writes. */
async function counts() {
	const { rows } = await sql<Record<string, number>>`
		select (select count(*)::int from excavation_works) as works, (select count(*)::int from excavation_work_events) as events,
			(select count(*)::int from fee_assessments) as assessments, (select count(*)::int from excavation_inspections) as inspections,
			(select count(*)::int from issued_documents) as documents, (select count(*)::int from excavation_referrals) as referrals`.execute(database.db);
	return rows[0];
}

async function refused(code: string, status: number, call: () => Promise<unknown>) {
	const before = await counts();
	const err = (await call().catch((e: unknown) => e)) as DomainError;
	expect(err, code).toBeInstanceOf(DomainError);
	expect({ code: err.code, status: err.status }).toEqual({ code, status });
	expect(err.messages.fa).toBeTruthy();
	expect(err.messages.en).toBeTruthy();
	expect(await counts()).toEqual(before);
}

/** A photo as the page streams it (readStreamedForm): written to `incoming/`, its size, SHA-256 and head counted. */
function staged(name: string, bytes: Uint8Array): { name: string; staged: StagedFile } {
	const dir = path.join(filesDir, STAGING_DIR);
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${randomBytes(8).toString('hex')}.part`);
	fs.writeFileSync(file, bytes);
	return { name, staged: { field: 'photos', name, path: file, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), head: bytes.slice(0, 512) } };
}

/** Every file in the store (`sha256/…`) and every upload still staged (`incoming/`). */
function storeFiles(): { stored: string[]; incoming: string[] } {
	const list = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []);
	return { stored: list(path.join(filesDir, 'sha256')).sort(), incoming: list(path.join(filesDir, STAGING_DIR)) };
}

const act = (user: SessionUser, id: number, input: Parameters<typeof actOnWork>[3], now = NOW) => actOnWork(database.db, user, id, input, { now, files });

/** Pays an approved work's fee through the sandbox gateway, as its applicant (water), and returns the work after. */
async function pay(work: { id: number; assessment_id: number | null }) {
	const started = await startPayment(database.db, gateway, u.waterApplicant, work.assessment_id!, { callbackUrl: CALLBACK, now: NOW });
	const back = new URL(await gateway.settle(started.authority, true));
	expect(await completePayment(database.db, gateway, back.searchParams, { now: NOW })).toMatchObject({ outcome: 'paid' });
	return (await findWork(database.db, work.id))!;
}

describe(`filing an excavation (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('files for the applicant’s company, re-running the check: clashes recorded, in the officer’s inbox with the review deadline', async () => {
		const res = await file(u.waterApplicant, body());
		expect(res.status).toBe(201);
		expect(res.json).toEqual({ id: expect.any(Number), reference: `EXC-1405-${String(res.json.id).padStart(6, '0')}`, status: 'planned', url: `/excavations/${res.json.id}` });
		const work = (await findWork(database.db, res.json.id))!;
		expect(work).toMatchObject({ organisation_id: world.water, applicant_user_id: u.waterApplicant.id, holder: 'officer', category: 'standard' });
		expect(work.due_on).toBe(dueDate(new Date(), 5, calendar));
		const check = work.check_result as { clashes: { id: number }[]; fee_bases: unknown[] };
		expect(check.clashes.map((c) => c.id)).toEqual([world.w1]);
		expect(check.fee_bases).toEqual([{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 18 }]);
	});

	it('refuses, naming the problem and writing nothing: no sign-in, not an applicant, a moratorium, bad geometry, a citizen’s non-connection', async () => {
		for (const [user, payload, status, code] of [
			[null, body(), 401, 'sign_in_required'],
			[u.officer, body(), 403, 'not_an_applicant'],
			[u.waterSupervisor, body(), 403, 'not_an_applicant'],
			[u.waterApplicant, body({ features: [trench([[90, 50], [110, 50]], 0.6)] }), 409, 'moratorium'],
			[u.waterApplicant, body({ start: '2027-03-10', end: '2027-03-12' }), 409, 'blackout'],
			[u.waterApplicant, body({ start: '2026-11-29', end: '2026-12-02' }), 400, 'start_in_past'],
			[u.waterApplicant, body({ emergency: true, start: '2026-11-26', end: '2026-12-02' }), 400, 'start_in_past'],
			[u.officer, body({ start: '2026-11-29' }), 403, 'not_an_applicant'],
			[u.waterApplicant, body({ features: [{ geometry: { type: 'Polygon', coordinates: [[[51.6, 32.6], [51.602, 32.602], [51.602, 32.6], [51.6, 32.601], [51.6, 32.6]]] } }] }), 400, 'self_intersecting_polygon'],
			[u.waterApplicant, body({ purpose: 'digging' }), 400, 'invalid_purpose'],
			[u.waterApplicant, body({ shared_trench_of: world.w3 }), 400, 'shared_trench_not_found'],
			[u.citizen, body(), 400, 'citizen_new_connection_only']
		] as const) {
			const before = await counts();
			const res = await file(user, payload);
			expect({ status: res.status, code: res.json.error?.code }, code).toEqual({ status, code });
			expect(res.json.error.message).toBeTruthy();
			expect(await counts()).toEqual(before);
		}
		const moratorium = await file(u.waterApplicant, body({ features: [trench([[90, 50], [110, 50]], 0.6)] }));
		expect(moratorium.json.error.message).toContain('Golestan Alley');
		// a planned dig starting yesterday: the error names the date and today, in English and in Persian
		const past = await file(u.waterApplicant, body({ start: '2026-11-29', end: '2026-12-02' }));
		expect(past.json.error.message).toMatch(/start date, 29 Nov 2026 \(2026-11-29\), is in the past: today is 30 Nov 2026 \(2026-11-30\)/);
		const pastFa = await file(u.waterApplicant, body({ start: '2026-11-29', end: '2026-12-02' }), 'fa');
		expect(pastFa.json.error.message).toContain('تاریخ شروع (۸ آذر ۱۴۰۵) گذشته است؛ امروز ۹ آذر ۱۴۰۵ است');
		const emergency = await file(u.waterApplicant, body({ emergency: true, start: '2026-11-26', end: '2026-12-02' }));
		expect(emergency.json.error.message).toContain('more than 3 days before today');
	});

	it('takes an emergency that began up to 3 days ago, and a planned dig starting today', async () => {
		const emergency = await file(u.waterApplicant, body({ emergency: true, start: '2026-11-27', end: '2026-12-01', features: [trench([[-40, 3], [-30, 3]], 0.6)] }));
		expect(emergency.status).toBe(201);
		expect(emergency.json.status).toBe('active');
		const today = await file(u.waterApplicant, body({ start: '2026-11-30', end: '2026-12-01', features: [trench([[-20, 3], [-10, 3]], 0.6)] }));
		expect(today.status).toBe(201);
	});

	it('lets a citizen file their own house connection, under the citizens’ organisation', async () => {
		const res = await file(u.citizen, body({ purpose: 'new_connection', features: [trench([[-200, 8.5], [-195, 8.5]], 0.4)] }));
		expect(res.status).toBe(201);
		const work = (await findWork(database.db, res.json.id))!;
		expect(work.organisation_code).toBe('citizens');
		await expect(getWorkPage(database.db, u.citizen, res.json.id)).resolves.toMatchObject({ actors: ['applicant', 'supervisor'], actions: ['cancel'] });
		await expect(getWorkPage(database.db, u.waterApplicant, res.json.id)).rejects.toMatchObject({ status: 404 });
	});

	it('states the same area and length on the work page as the check did before filing', async () => {
		// a bent trench whose measures have many decimals: one rounding, to the centimetre, on both sides of filing
		const features = [trench([[-95.137, 2.71], [-77.589, 4.93], [-61.203, 2.19]], 0.6)];
		const before = await checkExcavation(database.db, { features: features.map((f) => ({ kind: 'trench' as const, ...f })), start: '2026-12-05', end: '2026-12-10', emergency: false }, undefined, { now: NOW });
		const res = await file(u.waterApplicant, body({ features }));
		expect(res.status).toBe(201);
		const raw = (await findWork(database.db, res.json.id))!;
		expect(raw.area_m2).not.toBe(before.area_m2); // what the database holds, to the float
		const page = await getWorkPage(database.db, u.waterApplicant, res.json.id);
		expect(page.work.area_m2).toBe(before.area_m2);
		expect(page.work.length_m).toBe(before.length_m);
		expect(before.area_m2).toBe(Math.round(raw.area_m2 * 100) / 100);
		expect(before.length_m).toBeCloseTo(34.5, 0);
	});
});

describe(`the permit's life (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	let id: number;
	beforeAll(async () => {
		id = (await file(u.waterApplicant, body({ features: [trench([[-250, -3], [-220, -3]], 0.6)] }))).json.id;
	});

	it('refuses the wrong role (403), the wrong organisation and a forged id (404), the wrong state (409), writing nothing', async () => {
		await refused('excavation_not_found', 404, () => act(u.gasApplicant, id, { action: 'approve' }));
		await refused('excavation_not_found', 404, () => act(u.officer, 999_999, { action: 'approve' }));
		await refused('not_your_step', 403, () => act(u.waterApplicant, id, { action: 'approve' }));
		await refused('not_your_step', 403, () => act(u.inspector, id, { action: 'approve' }));
		await refused('wrong_status', 409, () => act(u.waterSupervisor, id, { action: 'start' }));
		await refused('reason_required', 400, () => act(u.officer, id, { action: 'refuse' }));
	});

	it('approves with conditions: the fee assessed by the engine (area × surface rate × road coefficient + deposit), in the applicant’s inbox', async () => {
		const work = await act(u.officer, id, { action: 'approve', conditions: ['کار فقط شبانه', ''] });
		expect(work).toMatchObject({ status: 'approved', holder: 'applicant', conditions: ['کار فقط شبانه'], deposit_rial: 24_300_000 });
		const a = await database.db.selectFrom('fee_assessments').selectAll().where('id', '=', work.assessment_id!).executeTakeFirstOrThrow();
		// 18 m² of arterial asphalt: 2-1 = 18 × 4,500,000 × 1.5; 2-2 (deposit) = 0.3 × 18 × 4,500,000
		expect(a).toMatchObject({ excavation_work_id: id, parcel_id: null, request_kind: 'excavation', status: 'open', total_rial: 121_500_000 + 24_300_000 });
		expect(a.bill_id).toMatch(/^\d+$/);
		// the work page: open, not paid, no receipt yet
		expect((await getWorkPage(database.db, u.waterApplicant, id)).assessment).toEqual({ id: a.id, status: 'open', total_rial: 145_800_000, paid_at: null, receipts: [] });
		await refused('wrong_status', 409, () => act(u.officer, id, { action: 'approve' }));
		const inbox = await worksCartable(database.db, u.waterApplicant, null, { now: NOW });
		expect(inbox.items.map((i) => i.id)).toContain(id);
		expect((await worksCartable(database.db, u.gasApplicant, null, { now: NOW })).items.map((i) => i.id)).not.toContain(id);
	});

	it('is paid through the sandbox gateway, which issues the permit: its PDF names the works and its QR code verifies', async () => {
		const work = (await findWork(database.db, id))!;
		await expect(startPayment(database.db, gateway, u.gasApplicant, work.assessment_id!, { callbackUrl: CALLBACK, now: NOW })).rejects.toMatchObject({ status: 404 });
		const started = await startPayment(database.db, gateway, u.waterApplicant, work.assessment_id!, { callbackUrl: CALLBACK, now: NOW });
		const back = new URL(await gateway.settle(started.authority, true));
		expect(await completePayment(database.db, gateway, back.searchParams, { now: NOW })).toMatchObject({ outcome: 'paid' });
		const permitted = (await findWork(database.db, id))!;
		expect(permitted).toMatchObject({ status: 'permitted', holder: 'supervisor' });
		expect(permitted.permit_document_id).not.toBeNull();
		// the work page says it was paid, when, and links the receipt of the payment just made
		const payment = await database.db.selectFrom('payments').select(['id']).where('assessment_id', '=', work.assessment_id!).where('status', '=', 'paid').executeTakeFirstOrThrow();
		const fee = (await getWorkPage(database.db, u.waterApplicant, id)).assessment!;
		expect(fee).toMatchObject({ status: 'paid', receipts: [{ seq: 1, payment_row_id: payment.id }] });
		expect(fee.paid_at).not.toBeNull();

		const { pdf, number } = await workPermitPdf(database.db, u.waterSupervisor, id);
		const text = readable(pdftotext(pdf));
		expect(text).toContain('مجوز حفاری معابر');
		// the works' reference in Persian digits (EXC-۱۴۰۵-۰۰۰۰۰۸; pdftotext reads the Latin prefix out of place)
		const [prefix, year, serial] = toPersianDigits(permitted.reference).split('-');
		expect(text).toMatch(new RegExp(`${prefix}-?\\s*${year}-${serial}|${year}-${serial}\\s*${prefix}`));
		expect(text).not.toContain(permitted.reference.split('-').slice(1).join('-'));
		expect(text).toContain('کار فقط شبانه');
		// the fee rows read in words: no formula syntax of the tariff book (`? :`, `*`, table(…))
		expect(text).not.toMatch(/[?*]|table\(/);
		expect(text).toContain(number);
		const url = footerQr(pdf)!;
		expect(url).toMatch(/\/verify\/[0-9A-Z-]+$/);
		const verified = await verifyDocument(database.db, url.split('/verify/')[1]);
		expect(verified).toMatchObject({ number, status: 'valid' });
		await expect(workPermitPdf(database.db, u.gasApplicant, id)).rejects.toMatchObject({ status: 404 });
	});

	it('starts, completes, fails the inspection with a remedial order, is remedied, passes, and releases the deposit', async () => {
		await refused('not_your_step', 403, () => act(u.officer, id, { action: 'start' }));
		expect(await act(u.waterSupervisor, id, { action: 'start' })).toMatchObject({ status: 'active', holder: 'supervisor', due_on: '2026-12-10' });
		expect(await act(u.waterSupervisor, id, { action: 'complete' })).toMatchObject({ status: 'completed', holder: 'inspector' });
		await refused('photos_required', 400, () => act(u.inspector, id, { action: 'fail', note: 'نشست' }));
		await refused('photo_not_image', 400, () => act(u.inspector, id, { action: 'fail', note: 'نشست', photos: [staged('x.png', new Uint8Array([1, 2, 3]))] }));
		await refused('not_your_step', 403, () => act(u.waterSupervisor, id, { action: 'pass', photos: [staged('a.png', PNG)] }));
		const failed = await act(u.inspector, id, { action: 'fail', note: 'نشست آسفالت', remedialDays: 5, photos: [staged('a.png', PNG)] });
		expect(failed).toMatchObject({ status: 'remedial', holder: 'supervisor', remedial_due_on: dueDate(NOW, 5, calendar), due_on: dueDate(NOW, 5, calendar) });
		expect(await act(u.waterSupervisor, id, { action: 'remedy' })).toMatchObject({ status: 'completed', holder: 'inspector', remedial_due_on: null });
		const closed = await act(u.inspector, id, { action: 'pass', photos: [staged('b.png', PNG)] });
		expect(closed).toMatchObject({ status: 'closed', holder: null, due_on: null });
		expect(closed.deposit_released_at).not.toBeNull();
		const page = await getWorkPage(database.db, u.officer, id);
		expect(page.events.map((e) => e.action)).toEqual(['filed', 'approve', 'paid', 'start', 'complete', 'fail', 'remedy', 'pass']);
		expect(page.inspections.map((i) => [i.outcome, i.photos.length])).toEqual([['failed', 1], ['passed', 1]]);
		expect(page.events.at(-1)!.details).toMatchObject({ deposit_released_rial: 24_300_000 });
		await expect(sql`update excavation_work_events set note = 'x'`.execute(database.db)).rejects.toThrow();
	});

	it('lets the applicant cancel a work not yet paid, closing its bill', async () => {
		const other = (await file(u.waterApplicant, body({ features: [trench([[-280, 3], [-270, 3]], 0.6)] }))).json.id;
		const approved = await act(u.officer, other, { action: 'approve' });
		expect(await act(u.waterApplicant, other, { action: 'cancel' })).toMatchObject({ status: 'cancelled', holder: null });
		expect((await database.db.selectFrom('fee_assessments').select('status').where('id', '=', approved.assessment_id!).executeTakeFirstOrThrow()).status).toBe('cancelled');
	});
});

describe(`emergencies and referrals (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('starts an emergency at once across a moratorium, to be regularised within two working days; overdue after that in the officer’s cartable', async () => {
		const res = await file(u.waterApplicant, body({ emergency: true, features: [trench([[90, -50], [110, -50]], 0.6)], start: '2026-11-30', end: '2026-12-01' }));
		expect(res.status).toBe(201);
		expect(res.json.status).toBe('active');
		const work = (await findWork(database.db, res.json.id))!;
		const due = dueDate(new Date(), 2, calendar);
		expect(work).toMatchObject({ emergency: true, category: 'immediate', holder: 'officer', regularise_by: due, due_on: due });
		const later = new Date(Date.parse(`${due}T06:00:00Z`) + 86_400_000);
		const overdue = await worksCartable(database.db, u.officer, 'overdue', { now: later });
		expect(overdue.items.find((i) => i.id === res.json.id)).toMatchObject({ overdue: true });
		expect((await worksCartable(database.db, u.officer, 'overdue', { now: NOW })).items.map((i) => i.id)).not.toContain(res.json.id);
		await refused('wrong_status', 409, () => act(u.officer, res.json.id, { action: 'approve' }));
		await refused('guard_permit_issued', 409, () => act(u.waterSupervisor, res.json.id, { action: 'complete' }));
		const regularised = await act(u.officer, res.json.id, { action: 'regularise' });
		expect(regularised).toMatchObject({ status: 'active', holder: 'applicant' });
		expect(regularised.assessment_id).not.toBeNull();
		await refused('guard_unreviewed', 409, () => act(u.officer, res.json.id, { action: 'regularise' }));
	});

	it('refers a dig in a protected area to the agency; the officer decides only once it is answered', async () => {
		const res = await file(u.waterApplicant, body({ features: [pit(250, 50, 254, 53)] }));
		expect(res.status).toBe(201);
		const page = await getWorkPage(database.db, u.officer, res.json.id);
		expect(page.referrals).toMatchObject([{ agency_kind: 'cultural_heritage', status: 'pending' }]);
		expect(page.actions).toEqual(['refuse']);
		await refused('guard_referrals_answered', 409, () => act(u.officer, res.json.id, { action: 'approve' }));
		await expect(answerWorkReferral(database.db, u.waterApplicant, res.json.id, { referralId: page.referrals[0].id, answer: 'consented' })).rejects.toMatchObject({ status: 403 });
		await answerWorkReferral(database.db, u.officer, res.json.id, { referralId: page.referrals[0].id, answer: 'consented', note: 'بدون مانع' });
		// the pit lies off the street-surface layer, far from any surface: still charged (at the default ground), so paid before the permit
		const approved = await act(u.officer, res.json.id, { action: 'approve' });
		expect(approved).toMatchObject({ status: 'approved', holder: 'applicant' });
		expect(approved.assessment_id).not.toBeNull();
		const permitted = await pay(approved);
		expect(permitted).toMatchObject({ status: 'permitted', holder: 'supervisor' });
		expect(permitted.permit_document_id).not.toBeNull();
	});

	it('lands each step in the right cartable', async () => {
		const ids = async (user: SessionUser) => (await worksCartable(database.db, user, null, { now: NOW })).items.map((i) => i.holder);
		expect(new Set(await ids(u.officer))).toEqual(new Set(['officer']));
		expect(new Set(await ids(u.waterApplicant))).toEqual(new Set(['applicant']));
		expect(new Set(await ids(u.waterSupervisor))).toEqual(new Set(['supervisor']));
		expect(await ids(u.inspector)).toEqual([]);
		expect(await ids(u.gasApplicant)).toEqual([]);
	});
});

describe(`the pages (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	const event = (user: SessionUser, id: number, form?: FormData) => {
		const url = new URL(`http://pelak.test/excavations/${id}`);
		return { url, params: { id: String(id) }, locals: { db: database.db, lang: 'en', user }, request: new Request(url, { method: 'POST', body: form }) } as never;
	};

	it('shows a work to its organisation and the officer, takes a step from the form, and 404s for another organisation', async () => {
		const id = (await file(u.waterApplicant, body({ features: [trench([[-150, 3], [-140, 3]], 0.6)] }))).json.id;
		const page = (await workLoad(event(u.officer, id))) as { page: { actions: string[]; work: { reference: string } } };
		expect(page.page.actions).toEqual(['approve', 'refuse']);
		await expect(workLoad(event(u.gasApplicant, id))).rejects.toMatchObject({ status: 404 });
		const form = new FormData();
		form.set('action', 'approve');
		form.set('conditions', 'حصارکشی\nکار شبانه');
		expect(await workActions.act(event(u.officer, id, form))).toEqual({ done: 'approve' });
		expect((await findWork(database.db, id))!.conditions).toEqual(['حصارکشی', 'کار شبانه']);
		const again = (await workActions.act(event(u.officer, id, form))) as { status: number; data: { code: string; error: string } };
		expect(again.status).toBe(409);
		expect(again.data.code).toBe('wrong_status');
		const cartable = (await cartableLoad({ url: new URL('http://pelak.test/excavations'), locals: { db: database.db, lang: 'en', user: u.waterApplicant } } as never)) as {
			cartable: { items: { id: number }[] };
		};
		expect(cartable.cartable.items.map((i) => i.id)).toContain(id);
		await expect(cartableLoad({ url: new URL('http://pelak.test/excavations'), locals: { db: database.db, lang: 'en', user: { ...u.officer, roles: [], kind: 'staff' } } } as never)).rejects.toMatchObject({ status: 403 });
	});

	it('shows the officer the trench an application shares, with a link, and offers the works export to excavation staff and the utilities, not to a citizen', async () => {
		// the gas company files beside the water company's approved trench (w1), naming it as its shared trench
		const res = await file(u.gasApplicant, body({ features: [trench([[-100, -2], [-50, -2]], 0.4)], shared_trench_of: world.w1 }));
		expect(res.status).toBe(201);
		expect((await findWork(database.db, res.json.id))!.shared_trench_of).toBe(world.w1);
		const page = (await workLoad(event(u.officer, res.json.id))) as { page: { sharedTrench: unknown } };
		expect(page.page.sharedTrench).toEqual({ id: world.w1, reference: 'EXC-1405-00001', organisation_name_fa: expect.any(String), organisation_name_en: expect.any(String), status: 'approved' });
		const unshared = (await workLoad(event(u.officer, (await file(u.gasApplicant, body({ features: [trench([[-130, 3], [-120, 3]], 0.6)] }))).json.id))) as { page: { sharedTrench: unknown } };
		expect(unshared.page.sharedTrench).toBeNull();
		const cartable = async (user: SessionUser) =>
			((await cartableLoad({ url: new URL('http://pelak.test/excavations'), locals: { db: database.db, lang: 'en', user } } as never)) as { mayExport: boolean }).mayExport;
		expect(await cartable(u.officer)).toBe(true);
		expect(await cartable(u.inspector)).toBe(true);
		expect(await cartable(u.waterSupervisor)).toBe(true);
		// a citizen with a house connection is not a utility: the whole city's trenches are not theirs to take
		expect(await cartable(u.citizen)).toBe(false);
	});

	it('streams the inspection photos to disk: one over 10 MB is refused by name leaving nothing staged or stored; a photo sent twice is stored once under its SHA-256', async () => {
		// a pit off the street surfaces and outside protected areas: charged at the default ground, paid, permitted
		const id = (await file(u.waterApplicant, body({ features: [pit(-250, 50, -246, 53)] }))).json.id;
		expect(await pay(await act(u.officer, id, { action: 'approve' }))).toMatchObject({ status: 'permitted' });
		await act(u.waterSupervisor, id, { action: 'start' });
		await act(u.waterSupervisor, id, { action: 'complete' });
		const before = storeFiles();
		const rows = await counts();
		const png = (n: number) => {
			const bytes = randomBytes(n);
			PNG.slice(0, 8).forEach((b, i) => (bytes[i] = b));
			return bytes;
		};

		const tooBig = new FormData();
		tooBig.set('action', 'fail');
		tooBig.set('note', 'نشست آسفالت');
		tooBig.append('photos', new File([png(20_000)], 'ok.png', { type: 'image/png' }));
		tooBig.append('photos', new File([png(10 * 1024 * 1024 + 1)], 'بزرگ.png', { type: 'image/png' }));
		const refusedBig = (await workActions.act(event(u.inspector, id, tooBig))) as { status: number; data: { code: string; error: string } };
		expect(refusedBig.status).toBe(400);
		expect(refusedBig.data.code).toBe('document_too_large');
		expect(refusedBig.data.error).toContain('"بزرگ.png"');
		expect(refusedBig.data.error).toContain('10 MB');
		expect(storeFiles()).toEqual(before); // nothing new in the store nor left in incoming/
		expect(await counts()).toEqual(rows);

		const notImage = new FormData();
		notImage.set('action', 'pass');
		notImage.append('photos', new File([new TextEncoder().encode('not a picture at all')], 'note.png', { type: 'image/png' }));
		const refusedType = (await workActions.act(event(u.inspector, id, notImage))) as { status: number; data: { code: string; error: string } };
		expect([refusedType.status, refusedType.data.code]).toEqual([400, 'photo_not_image']);
		expect(refusedType.data.error).toContain('"note.png"');
		expect(storeFiles()).toEqual(before); // nothing new in the store nor left in incoming/

		const photo = png(300_000);
		const sha256 = createHash('sha256').update(photo).digest('hex');
		const ok = new FormData();
		ok.set('action', 'fail');
		ok.set('note', 'نشست آسفالت');
		ok.set('remedialDays', '5');
		ok.append('photos', new File([photo], 'ترمیم ۱.png', { type: 'image/png' }));
		ok.append('photos', new File([photo], 'ترمیم ۲.png', { type: 'image/png' }));
		expect(await workActions.act(event(u.inspector, id, ok))).toEqual({ done: 'fail' });
		const after = storeFiles();
		const key = FileStore.keyFor(sha256);
		expect(after).toEqual({ stored: [...before.stored, path.join(filesDir, key)].sort(), incoming: before.incoming });
		expect(createHash('sha256').update(fs.readFileSync(path.join(filesDir, key))).digest('hex')).toBe(sha256);
		const stored = await database.db
			.selectFrom('excavation_inspection_photos as p')
			.innerJoin('excavation_inspections as i', 'i.id', 'p.inspection_id')
			.select(['p.original_name', 'p.media_type', 'p.size_bytes', 'p.sha256', 'p.storage_key'])
			.where('i.work_id', '=', id)
			.orderBy('p.id')
			.execute();
		expect(stored).toEqual(['ترمیم ۱.png', 'ترمیم ۲.png'].map((original_name) => ({ original_name, media_type: 'image/png', size_bytes: photo.byteLength, sha256, storage_key: key })));
	});

	it('serves the permit PDF to those who may see the work, 404 to others', async () => {
		const withPermit = await database.db.selectFrom('excavation_works').select('id').where('permit_document_id', 'is not', null).where('organisation_id', '=', world.water).executeTakeFirstOrThrow();
		const ok = await permitRoute(event(u.inspector, withPermit.id));
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('application/pdf');
		expect((await permitRoute(event(u.gasApplicant, withPermit.id))).status).toBe(404);
	});
});

/**
 * The case pages at the edge: load functions and form actions called directly with a minimal
 * event. Anonymous visitors are sent to /login, other people's cases answer 404, acts one may not
 * do answer 403/404 and change nothing, and uploads are refused with a message naming the problem.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, caseSnapshot, caseTableCounts, FIXTURES, type CaseWorld } from '../factories/case-world';
import { fileRequest, type CaseView } from '../../src/lib/server/cases';
import { DEMO_CITIZENS } from '../../src/lib/server/auth';
import * as casesPage from '../../src/routes/cases/+page.server';
import * as casePage from '../../src/routes/cases/[id=id]/+page.server';
import * as cartablePage from '../../src/routes/cartable/+page.server';
import * as requestPage from '../../src/routes/requests/new/+page.server';
import * as trackPage from '../../src/routes/track/+page.server';
import * as adminPage from '../../src/routes/admin/+page.server';
import { GET as downloadDocument } from '../../src/routes/documents/[id=id]/+server';
import { routeEvent, thrown, type EventInput } from '../route-event';

let database: TestDatabase;
let world: CaseWorld;
let permit: CaseView; // maryam's building permit on parcel6 (district 6), at district review
let filesDir: string;

const pdf = (name = 'deed.pdf') => new File([fs.readFileSync(path.join(FIXTURES, name))], name, { type: 'application/pdf' });

function event(pathAndQuery: string, input: EventInput = {}) {
	return routeEvent(database, pathAndQuery, input);
}

beforeAll(async () => {
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-pages-'));
	process.env.PELAK_FILES_DIR = filesDir; // the pages use the server's default file store
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	permit = await fileRequest(
		database.db,
		world.users.maryam,
		{
			parcelId: world.parcel6,
			requestType: 'building_permit_new',
			documents: [
				{ kind: 'deed', name: 'deed.pdf', bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'deed.pdf'))) },
				{ kind: 'national_card', name: 'card.jpg', bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'jpeg-photo.jpg'))) }
			]
		},
		{ sender: null, deeds: world.deeds } // the world's sandbox deeds registry: Maryam co-owns parcel 6
	);
});

afterAll(async () => {
	world?.cleanup();
	await database?.close();
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
	delete process.env.PELAK_FILES_DIR;
});

describe('anonymous visitors', () => {
	it('are sent to /login with the page to come back to', async () => {
		for (const [load, where] of [
			[casesPage.load, '/cases'],
			[casePage.load, `/cases/${permit.id}`],
			[cartablePage.load, '/cartable?tab=overdue'],
			[adminPage.load, '/admin'],
			[requestPage.load, `/requests/new?parcel=${world.parcel6}`]
		] as const) {
			const err = await thrown(() => (load as (e: unknown) => unknown)(event(where, { params: { id: String(permit.id) } })));
			expect(isRedirect(err), where).toBe(true);
			expect((err as { location: string }).location).toBe(`/login?redirect=${encodeURIComponent(where)}`);
		}
	});

	it('cannot download a case document', async () => {
		const err = await thrown(() => downloadDocument(event(`/documents/${permit.documents[0].id}`, { params: { id: String(permit.documents[0].id) } })));
		expect(isRedirect(err)).toBe(true);
	});
});

describe('the case page', () => {
	it('shows the owner their case with its step, deadline, documents and timeline', async () => {
		const data = (await casePage.load(event(`/cases/${permit.id}`, { user: world.users.maryam, params: { id: String(permit.id) } }))) as any;
		expect(data.view.trackingCode).toBe(permit.trackingCode);
		expect(data.view.step.id).toBe(permit.step.id);
		expect(data.view.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(data.view.documents.length).toBe(2);
		expect(data.view.timeline.map((e: { action: string }) => e.action)).toContain('file');
		// the owner gets no staff actions, only withdrawing
		expect(data.actionOptions.map((a: { type: string }) => a.type)).toEqual(['withdraw']);
	});

	it('answers 404 to an officer of another district and to another citizen, and to a malformed id', async () => {
		for (const user of [world.users.officer7, world.users.ali, world.users.heritage]) {
			const err = await thrown(() => casePage.load(event(`/cases/${permit.id}`, { user, params: { id: String(permit.id) } })));
			expect(isHttpError(err) && err.status, user.username ?? user.nationalId ?? '').toBe(404);
		}
		const bad = await thrown(() => casePage.load(event('/cases/1x', { user: world.users.officer6, params: { id: '1x' } })));
		expect(isHttpError(bad) && bad.status).toBe(404);
	});

	it('gives the district officer the step’s actions, with the names of the agencies to refer to', async () => {
		const data = (await casePage.load(event(`/cases/${permit.id}`, { user: world.users.officer6, params: { id: String(permit.id) } }))) as any;
		const types = data.actionOptions.map((a: { type: string }) => a.type);
		expect(types).toEqual(expect.arrayContaining(['approve', 'request_document', 'refer_to_agency', 'reject']));
		const refer = data.actionOptions.find((a: { type: string }) => a.type === 'refer_to_agency');
		expect(refer.agencies.map((g: { id: string }) => g.id)).toContain('cultural_heritage');
		expect(refer.agencies.find((g: { id: string }) => g.id === 'cultural_heritage').name.fa).toBe('میراث فرهنگی');
	});

	it('refuses an act by an officer of another district with 404 and changes nothing', async () => {
		const before = await caseTableCounts(database.db);
		const snapshot = await caseSnapshot(database.db, permit.id);
		const result = (await casePage.actions.act(
			event(`/cases/${permit.id}?/act`, { user: world.users.officer7, params: { id: String(permit.id) }, form: { type: 'approve', stepId: permit.step.id } })
		)) as any;
		expect(result.status).toBe(404);
		expect(result.data.error).toBe('پرونده‌ای با این شناسه پیدا نشد.');
		expect(await caseTableCounts(database.db)).toEqual(before);
		expect(await caseSnapshot(database.db, permit.id)).toEqual(snapshot);
	});

	it('refuses the owner approving the officer’s step with 403 and changes nothing', async () => {
		const snapshot = await caseSnapshot(database.db, permit.id);
		const result = (await casePage.actions.act(
			event(`/cases/${permit.id}?/act`, { user: world.users.maryam, params: { id: String(permit.id) }, form: { type: 'approve', stepId: permit.step.id }, lang: 'en' })
		)) as any;
		expect(result.status).toBe(403);
		expect(result.data.error).toMatch(/[A-Za-z]/);
		expect(await caseSnapshot(database.db, permit.id)).toEqual(snapshot);
	});

	it('lets the officer ask for a document with a reason, which becomes the owner’s task', async () => {
		const missingReason = (await casePage.actions.act(
			event(`/cases/${permit.id}?/act`, {
				user: world.users.officer6,
				params: { id: String(permit.id) },
				form: { type: 'request_document', stepId: permit.step.id, kinds: 'engineering_drawings', reason: '' }
			})
		)) as any;
		expect(missingReason.status).toBe(400);

		const done = (await casePage.actions.act(
			event(`/cases/${permit.id}?/act`, {
				user: world.users.officer6,
				params: { id: String(permit.id) },
				form: { type: 'request_document', stepId: permit.step.id, kinds: 'engineering_drawings', reason: 'نقشه معماری را بارگذاری کنید.' }
			})
		)) as any;
		expect(done).toEqual({ done: 'act', acted: 'request_document' }); // the page says what was done from it
		const data = (await casePage.load(event(`/cases/${permit.id}`, { user: world.users.maryam, params: { id: String(permit.id) } }))) as any;
		const task = data.view.tasks.find((t: { status: string }) => t.status === 'open');
		expect(task.prompt).toBe('نقشه معماری را بارگذاری کنید.');
		expect(data.view.waitingOn).toBe('applicant');

		// a PNG under a .pdf name is refused for drawings: checked by content
		const forged = (await casePage.actions.answerTask(
			event(`/cases/${permit.id}?/answerTask`, {
				user: world.users.maryam,
				params: { id: String(permit.id) },
				form: { taskId: String(task.id), 'doc:engineering_drawings': new File([fs.readFileSync(path.join(FIXTURES, 'site-photo.png'))], 'drawings.pdf') }
			})
		)) as any;
		expect(forged.status).toBe(400);
		expect(forged.data.code).toBe('document_type_not_accepted');

		const answered = (await casePage.actions.answerTask(
			event(`/cases/${permit.id}?/answerTask`, {
				user: world.users.maryam,
				params: { id: String(permit.id) },
				form: { taskId: String(task.id), 'doc:engineering_drawings': new File([fs.readFileSync(path.join(FIXTURES, 'site-plan.dxf'))], 'site-plan.dxf') }
			})
		)) as any;
		expect(answered).toEqual({ done: 'answerTask' });
		const after = (await casePage.load(event(`/cases/${permit.id}`, { user: world.users.officer6, params: { id: String(permit.id) } }))) as any;
		expect(after.view.waitingOn).toBe(null);
		expect(after.view.documents.map((d: { kind: string }) => d.kind)).toContain('engineering_drawings');
	});
});

describe('document downloads', () => {
	it('serve the stored media type and an attachment name to the owner, and 404 to others', async () => {
		const doc = permit.documents.find((d) => d.kind === 'deed')!;
		const response = await downloadDocument(event(`/documents/${doc.id}`, { user: world.users.maryam, params: { id: String(doc.id) } }));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="deed\.pdf"/);
		expect(new Uint8Array(await response.arrayBuffer()).subarray(0, 5)).toEqual(new TextEncoder().encode('%PDF-'));

		const err = await thrown(() => downloadDocument(event(`/documents/${doc.id}`, { user: world.users.officer7, params: { id: String(doc.id) } })));
		expect(isHttpError(err) && err.status).toBe(404);
	});
});

describe('the cartable', () => {
	it('is for staff: a citizen gets 403', async () => {
		const err = await thrown(() => cartablePage.load(event('/cartable', { user: world.users.maryam })));
		expect(isHttpError(err) && err.status).toBe(403);
	});

	it('lists the district’s unassigned case for its officer and not for another district’s', async () => {
		const mine = (await cartablePage.load(event('/cartable?tab=unassigned', { user: world.users.officer6 }))) as any;
		expect(mine.tab).toBe('unassigned');
		expect(mine.cases.map((c: { id: number }) => c.id)).toContain(permit.id);
		const other = (await cartablePage.load(event('/cartable?tab=unassigned', { user: world.users.officer7 }))) as any;
		expect(other.cases.map((c: { id: number }) => c.id)).not.toContain(permit.id);
	});

	it('opens on the cases waiting to be taken while the officer holds none, on their own once they do', async () => {
		const held = (await cartablePage.load(event('/cartable?tab=mine', { user: world.users.officer6 }))) as any;
		expect(held.cases).toEqual([]);
		const opened = (await cartablePage.load(event('/cartable', { user: world.users.officer6 }))) as any;
		expect(opened.tab).toBe('unassigned');
		expect(opened.cases.map((c: { id: number }) => c.id)).toContain(permit.id);
	});

	it('refuses a claim from another district with 404 and lets the district officer claim', async () => {
		const refusedClaim = (await cartablePage.actions.claim(event('/cartable?/claim', { user: world.users.officer7, form: { caseId: String(permit.id) } }))) as any;
		expect(refusedClaim.status).toBe(404);
		expect((await caseSnapshot(database.db, permit.id)).assigned_user_id).toBe(null);
		const claimed = (await cartablePage.actions.claim(event('/cartable?/claim', { user: world.users.officer6, form: { caseId: String(permit.id) } }))) as any;
		expect(claimed).toEqual({ claimed: permit.id });
		const mine = (await cartablePage.load(event('/cartable?tab=mine', { user: world.users.officer6 }))) as any;
		expect(mine.cases.map((c: { id: number }) => c.id)).toContain(permit.id);
		const opened = (await cartablePage.load(event('/cartable', { user: world.users.officer6 }))) as any;
		expect(opened.tab).toBe('mine');
	});
});

describe('filing a request from a parcel', () => {
	it('offers the request types with the reasons some are not possible', async () => {
		const data = (await requestPage.load(event(`/requests/new?parcel=${world.parcel6}`, { user: world.users.maryam }))) as any;
		expect(data.parcel.id).toBe(world.parcel6);
		const types = new Map(data.requestTypes.map((r: { id: string }) => [r.id, r]));
		// maryam already has an open permit on this parcel: no second one
		expect((types.get('building_permit_new') as any).eligible).toBe(false);
		expect((types.get('building_permit_new') as any).reasons.length).toBeGreaterThan(0);
		// completion needs a permit first
		expect((types.get('completion_certificate') as any)?.eligible ?? false).toBe(false);
		const other = (await requestPage.load(event(`/requests/new?parcel=${world.parcel6b}`, { user: world.users.ali }))) as any;
		const permitType = other.requestTypes.find((r: { id: string }) => r.id === 'building_permit_new');
		expect(permitType.eligible).toBe(true);
		expect(permitType.documents.filter((d: { required: boolean }) => d.required).map((d: { kind: string }) => d.kind)).toContain('deed');
	});

	it('answers 404 for a parcel that does not exist', async () => {
		const err = await thrown(() => requestPage.load(event('/requests/new?parcel=99999999', { user: world.users.ali })));
		expect(isHttpError(err) && err.status).toBe(404);
	});

	it('refuses an upload over 30 MB, naming its size and the limit, and files nothing', async () => {
		const before = await caseTableCounts(database.db);
		const big = new Uint8Array(31 * 1024 * 1024);
		big.set(new TextEncoder().encode('%PDF-1.4\n'));
		const result = (await requestPage.actions.default(
			event(`/requests/new?parcel=${world.parcel6b}`, {
				user: world.users.ali,
				form: { requestType: 'building_permit_new', 'doc:deed': new File([big], 'deed-scan.pdf'), 'doc:national_card': pdf() }
			})
		)) as any;
		expect(result.status).toBe(400);
		expect(result.data.code).toBe('document_too_large');
		expect(result.data.error).toContain('۳۰');
		expect(result.data.error).toContain('deed-scan.pdf');
		expect(await caseTableCounts(database.db)).toEqual(before);
	});

	it('files with the documents and returns the tracking code', async () => {
		const result = (await requestPage.actions.default(
			event(`/requests/new?parcel=${world.parcel6b}`, {
				user: world.users.ali,
				form: { requestType: 'building_permit_new', 'doc:deed': pdf(), 'doc:national_card': pdf('deed.pdf') }
			})
		)) as any;
		expect(result.filed.trackingCode).toMatch(/^\d{12}$/);
		const mine = (await casesPage.load(event('/cases', { user: world.users.ali }))) as any;
		expect(mine.cases.map((c: { trackingCode: string }) => c.trackingCode)).toContain(result.filed.trackingCode);
	});

	it('refuses a representative filing for an owner without a power of attorney', async () => {
		const result = (await requestPage.actions.default(
			event(`/requests/new?parcel=${world.parcel7}`, {
				user: world.users.engineer,
				form: { requestType: 'building_permit_new', ownerNationalId: DEMO_CITIZENS[2].nationalId, 'doc:deed': pdf(), 'doc:national_card': pdf() }
			})
		)) as any;
		expect(result.status).toBe(400);
		expect(result.data.code).toBe('power_of_attorney_required');
	});
});

describe('public tracking', () => {
	it('shows status, step and deadline for the right pair and nothing personal', async () => {
		const ok = (await trackPage.actions.default(
			event('/track', { form: { trackingCode: permit.trackingCode, nationalId: DEMO_CITIZENS[0].nationalId } })
		)) as any;
		expect(ok.status.trackingCode).toBe(permit.trackingCode);
		expect(ok.status.step.fa).toBeTruthy();
		expect(JSON.stringify(ok)).not.toContain(DEMO_CITIZENS[0].nationalId);
		expect(JSON.stringify(ok)).not.toContain('مریم');
		const wrong = (await trackPage.actions.default(event('/track', { form: { trackingCode: permit.trackingCode, nationalId: DEMO_CITIZENS[1].nationalId } }))) as any;
		expect(wrong.status).toBe(404);
	});

	it('is rate limited per tracking code: ten answers in a window, the eleventh refused, answered again in the next', async () => {
		// The limit counts per fixed 10-minute window; the clock is pinned mid-window so that a window
		// boundary cannot fall between the requests (a real clock once split them 6 + 6 and no 429 came).
		const WINDOW = 10 * 60_000;
		const midWindow = Math.floor(Date.now() / WINDOW) * WINDOW + 100 * WINDOW + WINDOW / 2; // a window nothing else used
		const track = () => trackPage.actions.default(event('/track', { form: { trackingCode: permit.trackingCode, nationalId: DEMO_CITIZENS[2].nationalId } })) as Promise<any>;
		vi.useFakeTimers({ toFake: ['Date'], now: midWindow });
		try {
			for (let i = 0; i < 10; i++) expect((await track()).status).toBe(404); // the wrong national id, answered
			const refused = await track();
			expect(refused.status).toBe(429);
			expect(refused.data.code).toBe('rate_limited');
			expect(refused.data.error).toContain('دقیقه'); // names the wait, in Persian by default
			vi.setSystemTime(midWindow + WINDOW);
			expect((await track()).status).toBe(404);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('the admin page', () => {
	it('is for admins only', async () => {
		const err = await thrown(() => adminPage.load(event('/admin', { user: world.users.officer6 })));
		expect(isHttpError(err) && err.status).toBe(403);
		const refusedCreate = await thrown(() => adminPage.actions.createStaff(event('/admin?/createStaff', { user: world.users.officer6, form: { username: 'x.y' } })));
		expect(isHttpError(refusedCreate) && refusedCreate.status).toBe(403);
	});

	it('shows the sandbox outbox newest first and creates, grants and deactivates staff', async () => {
		const data = (await adminPage.load(event('/admin', { user: world.users.admin }))) as any;
		expect(data.sandbox).toBe(true);
		const ids = data.outbox.map((m: { id: number }) => m.id);
		expect(ids.length).toBeGreaterThan(0); // filing sent the applicant a message
		expect([...ids].sort((a, b) => b - a)).toEqual(ids);

		const short = (await adminPage.actions.createStaff(
			event('/admin?/createStaff', { user: world.users.admin, form: { username: 'officer3.d6', displayName: 'کارشناس سوم', password: 'short' } })
		)) as any;
		expect(short.status).toBe(400);
		expect(short.data.code).toBe('password_too_short');

		expect(
			await adminPage.actions.createStaff(
				event('/admin?/createStaff', { user: world.users.admin, form: { username: 'officer3.d6', displayName: 'کارشناس سوم', password: 'a-long-password' } })
			)
		).toEqual({ done: 'createStaff' });
		let staff = ((await adminPage.load(event('/admin', { user: world.users.admin }))) as any).staff;
		const created = staff.find((s: { username: string }) => s.username === 'officer3.d6');
		expect(await adminPage.actions.grant(
			event('/admin?/grant', { user: world.users.admin, form: { userId: String(created.id), role: 'district_officer', districtId: String(world.d6) } })
		)).toEqual({ done: 'grant' });
		const agencyWithout = (await adminPage.actions.grant(event('/admin?/grant', { user: world.users.admin, form: { userId: String(created.id), role: 'agency' } }))) as any;
		expect(agencyWithout.status).toBe(400);
		expect(await adminPage.actions.setActive(event('/admin?/setActive', { user: world.users.admin, form: { userId: String(created.id), active: 'false' } }))).toEqual({ done: 'setActive' });
		staff = ((await adminPage.load(event('/admin', { user: world.users.admin }))) as any).staff;
		const after = staff.find((s: { username: string }) => s.username === 'officer3.d6');
		expect(after.active).toBe(false);
		expect(after.grants).toEqual([expect.objectContaining({ role: 'district_officer', district_id: world.d6 })]);
	});
});

/**
 * Trust (issue 7): ownership from the deeds registry, powers of attorney an officer decides, one
 * applicant cannot block a parcel for its owners, daily quotas, bulk spam rejection, agencies see
 * only their open referral, applicants upload only the kinds their request asks for. Every refusal
 * leaves every row count (cases, events, documents, users, quotas, audit) as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, refusedWithoutChange, type CaseWorld } from '../factories/case-world';
import {
	actOnCase,
	answerTask,
	cartablePage,
	decidePowerOfAttorney,
	fileRequest,
	filingPage,
	getCase,
	listCartable,
	listMyCases,
	rejectAsSpam,
	type CaseContext,
	type CaseView
} from '../../src/lib/server/cases';
import { readDocument } from '../../src/lib/server/documents';
import { answeredReferralsQuery } from '../../src/lib/server/cases/case-referrals.repository';
import { DEMO_CITIZENS } from '../../src/lib/server/auth';
import type { DeedsRegistry } from '../../src/lib/server/registries';
import { assignSupervisingEngineer, fileSupervisionReport } from '../../src/lib/server/supervision';
import { ROUGH_CONSTRUCTION_STAGES } from '../../src/lib/domain/supervision';
import { pointOn, poolEngineer } from '../factories/supervision';

let database: TestDatabase;
let world: CaseWorld;
const [MARYAM, ALI, ZAHRA] = DEMO_CITIZENS.map((c) => c.nationalId);
const owner = { deed: fixture('deed.pdf', 'deed'), card: fixture('jpeg-photo.jpg', 'national_card') };
const attorney = () => fixture('deed.pdf', 'power_of_attorney', 'vekalat.pdf');
const sent: { to: string; body: string }[] = [];
const sender = { name: 'test-recorder', send: async (to: string, body: string) => void sent.push({ to, body }) };
let n = 0;

/** A new parcel in district 6 with its own plate, owned (in the world's sandbox registry) by `owners`. */
async function parcelOwnedBy(owners: string[] | null): Promise<number> {
	const i = ++n;
	const x = 100 + i * 30;
	const plate = owners === null ? null : `T-${i}`;
	const { rows } = await sql<{ id: number }>`insert into parcels (renovation_code, registration_plate, district_id, address, geom)
		values (${`6-900-${i}`}, ${plate}, ${world.d6}, ${`نشانی ${i}`},
		ST_Multi(ST_MakeEnvelope(${560000 + x}::float8, 3612000::float8, ${560000 + x + 20}::float8, 3612030::float8, 32639)))
		returning id`.execute(database.db);
	if (plate && owners) world.deeds.add(plate, owners);
	return rows[0].id;
}

/** Asserts the call is refused with `status`/`code` and that no row anywhere changed. */
const refused = (call: () => Promise<unknown>, status: number, code?: string) => refusedWithoutChange(database.db, call, status, code);

const permitOn = (parcelId: number, extra: object = {}) => ({ parcelId, requestType: 'building_permit_new', documents: [owner.deed, owner.card], ...extra });
const ctx = (extra: CaseContext = {}) => world.ctx({ sender, ...extra });

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('ownership from the deeds registry', () => {
	it('lets a registered owner file and refuses anyone else, naming the plate', async () => {
		const parcel = await parcelOwnedBy([MARYAM]);
		const error = await refused(() => fileRequest(database.db, world.users.ali, permitOn(parcel), ctx()), 403, 'not_an_owner');
		expect(error.message).toContain('T-');
		const filed = await fileRequest(database.db, world.users.maryam, permitOn(parcel), ctx());
		expect(filed.step.id).toBe('district_review');
		const row = await database.db.selectFrom('cases').select(['owner_verified', 'poa_status']).where('id', '=', filed.id).executeTakeFirstOrThrow();
		expect(row).toEqual({ owner_verified: true, poa_status: null });
	});

	it('says on the filing form, before anything is filled, that a citizen who is not an owner cannot file the ownership types', async () => {
		const parcel = await parcelOwnedBy([MARYAM]);
		const ownershipTypes = ['building_permit_new', 'transfer_request'];
		const ali = await filingPage(database.db, world.users.ali, parcel, world.deeds);
		expect(ali.ownership).toMatchObject({ status: 'not_owner' });
		expect(ali.ownership!.message!.fa).toContain('مالک پلاک ثبتی');
		expect(ali.ownership!.message!.fa).toContain('وکالت');
		for (const id of ownershipTypes) expect(ali.requestTypes.find((r) => r.id === id)).toMatchObject({ eligible: false });
		expect(ali.requestTypes.find((r) => r.id === 'bank_inquiry')).toMatchObject({ eligible: true, reasons: [] }); // an inquiry needs no ownership

		const maryam = await filingPage(database.db, world.users.maryam, parcel, world.deeds);
		expect(maryam.ownership).toEqual({ status: 'owner', message: null });
		for (const id of ownershipTypes) expect(maryam.requestTypes.find((r) => r.id === id)).toMatchObject({ eligible: true });

		// staff at the counter name the owner in the form: nothing to ask yet
		expect((await filingPage(database.db, world.users.officer6, parcel, world.deeds)).ownership).toBeNull();
		// the registry down closes nothing (the filing asks again), but says so
		const down: DeedsRegistry = { name: 'down', sandbox: false, ownersOf: async () => Promise.reject(new Error('ECONNREFUSED')) };
		const unsure = await filingPage(database.db, world.users.ali, parcel, down);
		expect(unsure.ownership).toMatchObject({ status: 'unknown', message: { fa: expect.stringContaining('ثبت اسناد') } });
		expect(unsure.requestTypes.find((r) => r.id === 'building_permit_new')).toMatchObject({ eligible: true });
		// a parcel without a plate: no ownership type can be filed online
		const noPlate = await filingPage(database.db, world.users.maryam, await parcelOwnedBy(null), world.deeds);
		expect(noPlate.ownership).toMatchObject({ status: 'unknown' });
		expect(noPlate.requestTypes.find((r) => r.id === 'building_permit_new')).toMatchObject({ eligible: false });
	});

	it('refuses when the registry is down or slow, the plate is unknown, or the parcel has no plate', async () => {
		const parcel = await parcelOwnedBy([MARYAM]);
		const down: DeedsRegistry = { name: 'down', sandbox: false, ownersOf: async () => Promise.reject(new Error('ECONNREFUSED')) };
		await refused(() => fileRequest(database.db, world.users.maryam, permitOn(parcel), ctx({ deeds: down })), 503, 'deeds_registry_unavailable');
		const unknown = await parcelOwnedBy([]);
		await refused(() => fileRequest(database.db, world.users.maryam, permitOn(unknown), ctx()), 409, 'plate_not_registered');
		const noPlate = await parcelOwnedBy(null);
		await refused(() => fileRequest(database.db, world.users.maryam, permitOn(noPlate), ctx()), 400, 'parcel_without_plate');
	});

	it('needs no ownership for an inquiry', async () => {
		const parcel = await parcelOwnedBy([MARYAM]);
		const inquiry = { parcelId: parcel, requestType: 'bank_inquiry', documents: [owner.deed, owner.card, fixture('deed.pdf', 'bank_letter', 'bank.pdf')] };
		const filed = await fileRequest(database.db, world.users.ali, inquiry, ctx());
		expect(filed.requestType.id).toBe('bank_inquiry');
	});

	it('lets a representative or the counter file only for a registered owner, and makes an owner account only for a Shahkar-confirmed mobile', async () => {
		const parcel = await parcelOwnedBy([ZAHRA]);
		await refused(
			() => fileRequest(database.db, world.users.engineer, permitOn(parcel, { onBehalfOf: { nationalId: ALI }, documents: [owner.deed, owner.card, attorney()] }), ctx()),
			403,
			'named_owner_not_an_owner'
		);
		await refused(() => fileRequest(database.db, world.users.officer6, permitOn(parcel, { onBehalfOf: { nationalId: MARYAM } }), ctx()), 403, 'named_owner_not_an_owner');
		// 0010000046 is in the sandbox Shahkar with 09120000004 and has no account yet.
		const newOwner = await parcelOwnedBy(['0010000046']);
		await refused(
			() => fileRequest(database.db, world.users.officer6, permitOn(newOwner, { onBehalfOf: { nationalId: '0010000046', mobile: '09120000009' } }), ctx()),
			403,
			'owner_mobile_not_matched'
		);
		const filed = await fileRequest(database.db, world.users.officer6, permitOn(newOwner, { onBehalfOf: { nationalId: '0010000046', mobile: '09120000004' } }), ctx());
		expect(filed.filedOnline).toBe(false);
	});
});

describe('a representative’s power of attorney', () => {
	let parcel: number;
	let filed: CaseView;

	beforeAll(async () => {
		parcel = await parcelOwnedBy([ZAHRA]);
		filed = await fileRequest(database.db, world.users.engineer, permitOn(parcel, { onBehalfOf: { nationalId: ZAHRA }, documents: [owner.deed, owner.card, attorney()] }), ctx());
	});

	it('gives the representative no applicant rights while it is pending', async () => {
		const { db } = database;
		expect(filed.actions).toEqual([]);
		await expect(getCase(db, world.users.engineer, filed.id)).rejects.toMatchObject({ status: 404 });
		expect((await listMyCases(db, world.users.engineer)).map((c) => c.id)).not.toContain(filed.id);
		await refused(() => actOnCase(db, world.users.engineer, filed.id, { type: 'withdraw', stepId: 'district_review' }, {}, ctx()), 404);
		// the officer decides it before approving the step
		await refused(() => actOnCase(db, world.users.officer6, filed.id, { type: 'approve', stepId: 'district_review' }, {}, ctx()), 409, 'power_of_attorney_pending');
	});

	it('is decided only by an officer of the district or an admin, once', async () => {
		const { db } = database;
		await refused(() => decidePowerOfAttorney(db, world.users.officer7, filed.id, { accept: true }, ctx()), 404);
		await refused(() => decidePowerOfAttorney(db, world.users.inspector6, filed.id, { accept: true }, ctx()), 403, 'officers_only');
		await refused(() => decidePowerOfAttorney(db, world.users.zahra, filed.id, { accept: true }, ctx()), 403, 'officers_only');
		await refused(() => decidePowerOfAttorney(db, world.users.officer6, filed.id, { accept: false, reason: ' ' }, ctx()), 400, 'reason_required');
		const accepted = await decidePowerOfAttorney(db, world.users.officer6, filed.id, { accept: true }, ctx());
		expect(accepted.timeline.at(-1)).toMatchObject({ action: 'power_of_attorney', details: expect.objectContaining({ decision: 'accepted' }) });
		const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'case.power_of_attorney_accepted').execute();
		expect(audit.map((a) => [a.actor_user_id, a.target_user_id])).toEqual([[world.users.officer6.id, world.users.engineer.id]]);
		expect((await getCase(db, world.users.engineer, filed.id)).side).toBe('representative');
		await refused(() => decidePowerOfAttorney(db, world.users.officer6, filed.id, { accept: false, reason: 'x' }, ctx()), 409, 'no_pending_power_of_attorney');
	});

	it('refused, rejects the case with the reason and tells the owner', async () => {
		const { db } = database;
		const other = await parcelOwnedBy([ZAHRA]);
		const forged = await fileRequest(db, world.users.engineer, permitOn(other, { onBehalfOf: { nationalId: ZAHRA }, documents: [owner.deed, owner.card, attorney()] }), ctx());
		sent.length = 0;
		const refusedCase = await decidePowerOfAttorney(db, world.users.officer6, forged.id, { accept: false, reason: 'وکالت‌نامه جعلی است' }, ctx());
		// a person's reason, shown as written (closedBySystem: not split by language)
		expect(refusedCase).toMatchObject({ status: 'rejected', closedReason: 'وکالت‌نامه جعلی است', closedBySystem: false });
		const toOwner = sent.find((s) => s.to === DEMO_CITIZENS[2].mobile);
		expect(toOwner?.body).toContain('وکالت‌نامه جعلی است');
		await expect(getCase(db, world.users.engineer, forged.id)).rejects.toMatchObject({ status: 404 });
	});
});

describe('one applicant cannot block a parcel for its owners', () => {
	it('a representative’s filing awaiting its power of attorney does not block the owner', async () => {
		const { db } = database;
		const parcel = await parcelOwnedBy([ALI]);
		await fileRequest(db, world.users.engineer, permitOn(parcel, { onBehalfOf: { nationalId: ALI }, documents: [owner.deed, owner.card, attorney()] }), ctx());
		const own = await fileRequest(db, world.users.ali, permitOn(parcel), ctx());
		expect(own.applicant.id).toBe(world.users.ali.id);
		// the owner's own open permit does block a second one
		await refused(() => fileRequest(db, world.users.ali, permitOn(parcel), ctx()), 409, 'not_eligible_no_open_case_of_kind');
	});

	it('a stranger’s inquiry does not block the owner’s, but blocks the stranger repeating it', async () => {
		const { db } = database;
		const parcel = await parcelOwnedBy([MARYAM]);
		const inquiry = { parcelId: parcel, requestType: 'bank_inquiry', documents: [owner.deed, owner.card, fixture('deed.pdf', 'bank_letter', 'bank.pdf')] };
		await fileRequest(db, world.users.zahra, inquiry, ctx());
		await fileRequest(db, world.users.maryam, inquiry, ctx());
		await refused(() => fileRequest(db, world.users.zahra, inquiry, ctx()), 409, 'not_eligible_no_open_case_of_kind');
	});
});

describe('daily quotas per user', () => {
	it('refuses the filing over the daily limit, naming it, and counts nothing for it', async () => {
		const { db } = database;
		const tight = { filingsPerDay: 1, uploadBytesPerDay: 10 * 1024 * 1024 };
		const today = new Date('2025-05-05T06:00:00Z'); // a fresh day for the quota
		const inquiry = (parcelId: number) => ({ parcelId, requestType: 'bank_inquiry', documents: [owner.deed, owner.card, fixture('deed.pdf', 'bank_letter', 'bank.pdf')] });
		await fileRequest(db, world.users.zahra, inquiry(await parcelOwnedBy([MARYAM])), ctx({ quotas: tight, now: today }));
		const second = await parcelOwnedBy([MARYAM]);
		const error = await refused(() => fileRequest(db, world.users.zahra, inquiry(second), ctx({ quotas: tight, now: today })), 429, 'daily_filings_exceeded');
		expect(error.message).toMatch(/1 requests per user per day/);
		expect(error.messages.fa).toMatch(/۱ درخواست/);
		// another user, and the same user the next day, are not affected
		await fileRequest(db, world.users.ali, inquiry(await parcelOwnedBy([MARYAM])), ctx({ quotas: tight, now: today }));
		await fileRequest(db, world.users.zahra, inquiry(await parcelOwnedBy([MARYAM])), ctx({ quotas: tight, now: new Date('2025-05-06T06:00:00Z') }));
	});

	it('refuses uploads over the daily byte limit, in filings and in answers to tasks', async () => {
		const { db } = database;
		const day = new Date('2025-05-07T06:00:00Z');
		const bytes = owner.deed.bytes.byteLength + owner.card.bytes.byteLength + fixture('deed.pdf', 'bank_letter').bytes.byteLength;
		const small = { filingsPerDay: 50, uploadBytesPerDay: Math.floor(bytes * 1.5) };
		const inquiry = (parcelId: number) => ({ parcelId, requestType: 'bank_inquiry', documents: [owner.deed, owner.card, fixture('deed.pdf', 'bank_letter', 'bank.pdf')] });
		await fileRequest(db, world.users.maryam, inquiry(await parcelOwnedBy([MARYAM])), ctx({ quotas: small, now: day }));
		const next = await parcelOwnedBy([MARYAM]);
		const error = await refused(() => fileRequest(db, world.users.maryam, inquiry(next), ctx({ quotas: small, now: day })), 429, 'daily_upload_bytes_exceeded');
		expect(error.message).toMatch(/daily upload limit .* MB per user per day/);
		const usage = await db.selectFrom('user_daily_usage').selectAll().where('user_id', '=', world.users.maryam.id).where('day', '=', '2025-05-07').executeTakeFirstOrThrow();
		expect([usage.filings, Number(usage.upload_bytes)]).toEqual([1, bytes]);
		// an answer to a task counts its bytes too
		const permit = await fileRequest(db, world.users.maryam, permitOn(await parcelOwnedBy([MARYAM])), ctx({ now: day }));
		await actOnCase(db, world.users.officer6, permit.id, { type: 'return_to_applicant', stepId: 'district_review', reason: 'اصلاح' }, {}, ctx({ now: day }));
		const task = (await getCase(db, world.users.maryam, permit.id)).tasks[0];
		const big = { filingsPerDay: 50, uploadBytesPerDay: bytes * 2 + 10 };
		await refused(() => answerTask(db, world.users.maryam, task.id, { documents: [fixture('deed.pdf', 'deed', 'again.pdf'), fixture('site-photo.png', 'site_photos')] }, ctx({ quotas: big, now: day })), 429, 'daily_upload_bytes_exceeded');
	});
});

describe('bulk spam rejection', () => {
	it('rejects the chosen cases in one transaction, audited, and notifies each filer', async () => {
		const { db } = database;
		const inquiry = (parcelId: number) => ({ parcelId, requestType: 'bank_inquiry', documents: [owner.deed, owner.card, fixture('deed.pdf', 'bank_letter', 'bank.pdf')] });
		const day = ctx({ now: new Date('2025-05-10T06:00:00Z') });
		const a = await fileRequest(db, world.users.ali, inquiry(await parcelOwnedBy([MARYAM])), day);
		const b = await fileRequest(db, world.users.ali, inquiry(await parcelOwnedBy([MARYAM])), day);
		const elsewhere = await fileRequest(db, world.users.ali, { ...inquiry(world.parcel7) }, day);
		// all or nothing: a case in another district, a citizen, an empty choice, no reason
		await refused(() => rejectAsSpam(db, world.users.officer6, [a.id, elsewhere.id], 'هرزنامه', day), 404);
		await refused(() => rejectAsSpam(db, world.users.ali, [a.id], 'هرزنامه', day), 403, 'officers_only');
		await refused(() => rejectAsSpam(db, world.users.inspector6, [a.id], 'هرزنامه', day), 403, 'officers_only');
		await refused(() => rejectAsSpam(db, world.users.officer6, [], 'هرزنامه', day), 400, 'no_cases_chosen');
		await refused(() => rejectAsSpam(db, world.users.officer6, [a.id, b.id], '  ', day), 400, 'reason_required');
		sent.length = 0;
		expect(await rejectAsSpam(db, world.users.officer6, [b.id, a.id], 'درخواست تکراری و بی‌محتوا', day)).toEqual([a.id, b.id]);
		for (const id of [a.id, b.id]) {
			const view = await getCase(db, world.users.ali, id);
			expect(view).toMatchObject({ status: 'rejected', closedReason: 'درخواست تکراری و بی‌محتوا' });
			expect(view.timeline.at(-1)).toMatchObject({ action: 'reject', details: expect.objectContaining({ spam: true }) });
		}
		expect(sent.length).toBe(2);
		const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'case.spam_rejected').execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].details).toMatchObject({ caseIds: [a.id, b.id] });
		// a closed case in the batch refuses the whole batch
		const c = await fileRequest(db, world.users.ali, inquiry(await parcelOwnedBy([MARYAM])), day);
		await refused(() => rejectAsSpam(db, world.users.admin, [c.id, a.id], 'هرزنامه', day), 409, 'case_closed');
		expect((await getCase(db, world.users.ali, c.id)).status).toBe('in_progress');
		expect(await rejectAsSpam(db, world.users.admin, [c.id, elsewhere.id], 'هرزنامه', day)).toEqual([Math.min(c.id, elsewhere.id), Math.max(c.id, elsewhere.id)]);
	});
});

describe('staff approve only a complete file', () => {
	it('refuses to approve a case that lacks the documents its request type requires, naming them, and changes nothing', async () => {
		const { db } = database;
		const original = await fileRequest(db, world.users.maryam, permitOn(await parcelOwnedBy([MARYAM])), ctx());
		// a case brought in without its file (documents are never deleted: a copy of the case row, without them)
		const { rows: columns } = await sql<{ name: string }>`select column_name as name from information_schema.columns
			where table_schema = current_schema() and table_name = 'cases' and column_name not in ('id', 'tracking_code') and is_generated = 'NEVER'`.execute(db);
		const list = sql.join(columns.map((c) => sql.ref(c.name)));
		const { rows } = await sql<{ id: number }>`insert into cases (tracking_code, ${list}) select ${'NODOCS-1'}, ${list} from cases where id = ${original.id} returning id`.execute(db);
		const filed = { id: rows[0].id };
		await actOnCase(db, world.users.maryam, original.id, { type: 'withdraw', stepId: 'district_review' }, {}, ctx());
		const approve = { type: 'approve' as const, stepId: 'district_review', to: 'zoning_statement' };
		const error = await refused(() => actOnCase(db, world.users.officer6, filed.id, approve, {}, ctx()), 409, 'case_documents_missing');
		expect(error.message).toMatch(/deed/i);
		expect((error as unknown as { messages: { fa: string } }).messages.fa).toContain('درخواست مدرک');
		// asking for them stays open to the officer
		const asked = await actOnCase(db, world.users.officer6, filed.id, { type: 'request_document', stepId: 'district_review', kinds: ['deed', 'national_card'], reason: 'سند و کارت ملی' }, {}, ctx());
		expect(asked.tasks.map((t) => t.status)).toEqual(['open']);
	});
});

describe('an agency sees only its referral, while it is open', () => {
	it('sees the question, the attached documents and the parcel — nothing else — and loses access once it answers', async () => {
		const { db } = database;
		const { officer6, heritage, maryam } = world.users;
		const filed = await fileRequest(db, maryam, permitOn(await parcelOwnedBy([MARYAM])), ctx());
		const deed = filed.documents.find((d) => d.kind === 'deed')!;
		const card = filed.documents.find((d) => d.kind === 'national_card')!;
		await actOnCase(db, officer6, filed.id, { type: 'request_document', stepId: 'district_review', kinds: ['site_photos'], reason: 'عکس ملک' }, {}, ctx());
		await answerTask(db, maryam, (await getCase(db, maryam, filed.id)).tasks[0].id, { documents: [fixture('jpeg-photo.jpg', 'site_photos')] }, ctx());
		const refer = { type: 'refer_to_agency' as const, stepId: 'district_review', agency: 'cultural_heritage' as const, question: 'آیا در حریم است؟' };
		// a document of another case cannot be attached
		const other = await fileRequest(db, world.users.ali, permitOn(await parcelOwnedBy([ALI])), ctx());
		await refused(() => actOnCase(db, officer6, filed.id, refer, { attachDocumentIds: [other.documents[0].id] }, ctx()), 400, 'attachment_not_on_case');
		await actOnCase(db, officer6, filed.id, refer, { attachDocumentIds: [deed.id] }, ctx());

		const seen = await getCase(db, heritage, filed.id);
		expect(seen.referrals.map((r) => [r.question, r.status])).toEqual([['آیا در حریم است؟', 'open']]);
		expect(seen.documents.map((d) => d.id)).toEqual([deed.id]);
		expect(seen).toMatchObject({ timeline: [], tasks: [], messages: [], siteVisits: [], applicant: { displayName: '' }, readOnly: true });
		expect(seen.actions.map((a) => a.type)).toEqual(['agency_reply']);
		expect((await readDocument(db, heritage, deed.id, { files: world.files })).document.id).toBe(deed.id);
		await expect(readDocument(db, heritage, card.id, { files: world.files })).rejects.toMatchObject({ status: 404 });

		const receipt = await actOnCase(db, heritage, filed.id, { type: 'agency_reply', stepId: 'district_review', reply: 'منعی ندارد', verdict: 'agree' }, { documents: [fixture('deed.pdf', 'x', 'answer.pdf')] }, ctx());
		expect(receipt.referrals.map((r) => r.status)).toEqual(['answered']);
		await expect(getCase(db, heritage, filed.id)).rejects.toMatchObject({ status: 404 });
		await expect(readDocument(db, heritage, deed.id, { files: world.files })).rejects.toMatchObject({ status: 404 });
		await refused(() => actOnCase(db, heritage, filed.id, { type: 'agency_reply', stepId: 'district_review', reply: 'دوباره', verdict: 'agree' }, {}, ctx()), 404);
		// the agency keeps its own record of what it answered: the case's code, the question, its reply and when — nothing of the case beyond
		const closed = await cartablePage(db, heritage, 'closed');
		expect(closed).toMatchObject({ tab: 'closed', agency: true, cases: [] });
		expect(closed.answered!.find((a) => a.trackingCode === filed.trackingCode)).toEqual({
			id: receipt.referrals[0].id,
			trackingCode: filed.trackingCode,
			requestType: { id: 'building_permit_new', name: expect.objectContaining({ fa: expect.any(String) }) },
			agency: 'cultural_heritage',
			question: 'آیا در حریم است؟',
			referredAt: expect.any(String),
			replyText: 'منعی ندارد',
			repliedAt: receipt.referrals[0].repliedAt
		});
		// another agency does not see it, and an officer's closed tab is the cases, as before
		expect((await cartablePage(db, world.users.experts, 'closed')).answered!.map((a) => a.trackingCode)).not.toContain(filed.trackingCode);
		expect((await cartablePage(db, officer6, 'closed')).answered).toBeNull();
		// read newest first from the answered referrals' own index, not every referral of the agency sorted
		const plan = await db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			return (await answeredReferralsQuery(trx, ['cultural_heritage'], 100).explain()).map((r) => String(r['QUERY PLAN'])).join('\n');
		});
		expect(plan).toContain('case_referrals_answered_idx');
		expect(plan).not.toMatch(/Sort/);
		// the officer sees the whole case, the reply and what the agency was shown
		const officerView = await getCase(db, officer6, filed.id);
		expect(officerView.timeline.at(-2)?.details).toMatchObject({ attachedDocumentIds: [deed.id] });
	});

	it('loses access when the referral is withdrawn', async () => {
		const { db } = database;
		const filed = await fileRequest(db, world.users.maryam, permitOn(await parcelOwnedBy([MARYAM])), ctx());
		await actOnCase(db, world.users.officer6, filed.id, { type: 'refer_to_agency', stepId: 'district_review', agency: 'official_experts', question: 'ارزش؟' }, {}, ctx());
		expect((await getCase(db, world.users.experts, filed.id)).referrals).toHaveLength(1);
		expect((await listCartable(db, world.users.experts, 'mine', ctx())).map((c) => c.id)).toContain(filed.id);
		await actOnCase(db, world.users.maryam, filed.id, { type: 'withdraw', stepId: 'district_review' }, {}, ctx());
		await expect(getCase(db, world.users.experts, filed.id)).rejects.toMatchObject({ status: 404 });
		for (const tab of ['mine', 'closed'] as const) expect((await listCartable(db, world.users.experts, tab, ctx())).map((c) => c.id)).not.toContain(filed.id);
	});
});

describe('applicants upload only the kinds their request asks for', () => {
	it('refuses staff-only kinds and unasked kinds in a filing and in an answer to a task, writing nothing', async () => {
		const { db } = database;
		const parcel = await parcelOwnedBy([MARYAM]);
		const asStaff = (kind: string) => permitOn(parcel, { documents: [owner.deed, owner.card, fixture('deed.pdf', kind, 'x.pdf')] });
		await refused(() => fileRequest(db, world.users.maryam, asStaff('agency_reply'), ctx()), 403, 'document_kind_staff_only');
		await refused(() => fileRequest(db, world.users.maryam, permitOn(parcel, { documents: [owner.deed, owner.card, fixture('jpeg-photo.jpg', 'site_visit_photo')] }), ctx()), 403, 'document_kind_staff_only');
		await refused(() => fileRequest(db, world.users.maryam, asStaff('bank_letter'), ctx()), 400, 'document_kind_not_asked');
		const filed = await fileRequest(db, world.users.maryam, permitOn(parcel), ctx());
		await actOnCase(db, world.users.officer6, filed.id, { type: 'return_to_applicant', stepId: 'district_review', reason: 'اصلاح' }, {}, ctx());
		const task = (await getCase(db, world.users.maryam, filed.id)).tasks[0];
		await refused(() => answerTask(db, world.users.maryam, task.id, { documents: [fixture('deed.pdf', 'agency_reply')] }, ctx()), 403, 'document_kind_staff_only');
		await answerTask(db, world.users.maryam, task.id, { note: 'اصلاح شد', documents: [fixture('deed.pdf', 'deed', 'deed-2.pdf')] }, ctx());
	});
});

describe('the supervising engineer acts on their own steps only', () => {
	it('returns a certificate at the supervisor-report step to the applicant, and cannot touch the district review', async () => {
		const { db } = database;
		const { rows } = await sql<{ id: number }>`select id from users where username = 'supervisor'`.execute(db);
		const { findActiveUser } = await import('../../src/lib/server/auth/users.repository');
		const supervisor = (await findActiveUser(db, rows[0].id))!;
		const parcel = await parcelOwnedBy([ZAHRA]);
		const { rows: permits } = await sql<{ id: number }>`insert into cases (parcel_id, tracking_code, kind, status, title_fa, issued, closed_at)
			values (${parcel}, '90000000077', 'building_permit', 'closed', 'پروانه', 'building_permit', now()) returning id`.execute(db);
		// the certificate needs the supervisor's reports of the stages up to rough construction
		await poolEngineer(db, supervisor);
		await assignSupervisingEngineer(db, permits[0].id, { floorAreaM2: 400, now: new Date('2025-05-01T06:00:00Z') });
		const location = await pointOn(db, parcel);
		for (const stage of ROUGH_CONSTRUCTION_STAGES) {
			const report = { permitCaseId: permits[0].id, stage, reportedOn: '2025-05-03', body: 'گزارش مرحله', progressPct: 50, location, photos: [fixture('jpeg-photo.jpg', 'supervision_photo')] };
			await fileSupervisionReport(db, supervisor, report, world.ctx({ sender: null }));
		}
		const docs = [owner.deed, owner.card, fixture('deed.pdf', 'earlier_permit')];
		const cert = await fileRequest(db, world.users.zahra, { parcelId: parcel, requestType: 'rough_construction_certificate', documents: docs }, ctx());
		expect(cert.step.id).toBe('supervisor_report');
		const returned = await actOnCase(db, supervisor, cert.id, { type: 'return_to_applicant', stepId: 'supervisor_report', reason: 'امضا ندارد' }, {}, ctx());
		expect(returned.waitingOn).toBe('applicant');
		const permit = await fileRequest(db, world.users.zahra, permitOn(await parcelOwnedBy([ZAHRA])), ctx());
		await refused(() => actOnCase(db, supervisor, permit.id, { type: 'approve', stepId: 'district_review' }, {}, ctx()), 404);
	});
});

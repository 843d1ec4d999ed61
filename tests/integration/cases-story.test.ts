import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import {
	actOnCase,
	answerTask,
	claimCase,
	fileRequest,
	getCase,
	listCartable,
	listMyCases,
	postMessage,
	recordSiteVisit,
	trackPublic
} from '../../src/lib/server/cases';
import { readDocument } from '../../src/lib/server/documents';
import { OutboxSandboxSender, listOutbox } from '../../src/lib/server/notify';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { dueDate, addWorkingDays, receivedOn } from '../../src/lib/domain/working-days';
import { parseTrackingCode } from '../../src/lib/domain/tracking-code';
import { DEMO_CITIZENS } from '../../src/lib/server/auth';

let database: TestDatabase;
let world: CaseWorld;
const calendar = municipalCalendar();
const at = (hours: number) => new Date(SUNDAY_MORNING.getTime() + hours * 3_600_000);

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('the whole story: a building permit from filing to approval', () => {
	it('files, asks for a document, gets it, refers to cultural heritage, gets the reply, approves — and the citizen sees every step and deadline', async () => {
		const { db } = database;
		const { maryam, officer6, heritage } = world.users;
		const sender = new OutboxSandboxSender(db);
		const ctx = (hours: number) => world.ctx({ now: at(hours), sender });

		// 1. The citizen files from her parcel with the documents the type needs.
		const filed = await fileRequest(
			db,
			maryam,
			{
				parcelId: world.parcel6,
				requestType: 'building_permit_new',
				documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card', 'card.jpg')],
				note: 'ساخت بنای چهار طبقه'
			},
			ctx(0)
		);
		expect(parseTrackingCode(filed.trackingCode)).toBe(filed.trackingCode);
		expect(filed.status).toBe('in_progress');
		expect(filed.step.id).toBe('district_review');
		expect(filed.dueOn).toBe(dueDate(at(0), 3, calendar));
		expect(filed.timeline.map((e) => e.action)).toEqual(['file', 'approve']);
		// her submitting the filing step reads as a submission, not as approving a step; the filing
		// step's deadline (10 working days) never ran and is not shown beside the review's 3
		expect(filed.timeline.map((e) => e.shownAs)).toEqual(['file', 'submit']);
		expect(filed.timeline.map((e) => e.dueOn)).toEqual([null, filed.dueOn]);
		expect(filed.documents.map((d) => d.kind).sort()).toEqual(['deed', 'national_card']);
		expect((await listOutbox(db, { recipient: maryam.mobile! }))[0].body).toContain('کد رهگیری');

		// The parcel panel's columns stay meaningful: open, the step's name, its due date.
		const panel = await db
			.selectFrom('cases')
			.select(['status', 'step_fa', 'step_en', sql<string>`due_on::text`.as('due_on')])
			.where('id', '=', filed.id)
			.executeTakeFirstOrThrow();
		expect(panel).toEqual({ status: 'open', step_fa: 'بررسی کارشناس منطقه', step_en: 'District officer review', due_on: filed.dueOn });

		// 2. The district officer finds it unassigned, claims it, and asks for one more document.
		expect((await listCartable(db, officer6, 'unassigned', ctx(1))).map((c) => c.id)).toContain(filed.id);
		await claimCase(db, officer6, filed.id, ctx(1));
		expect((await listCartable(db, officer6, 'mine', ctx(1))).map((c) => c.id)).toEqual([filed.id]);
		const asked = await actOnCase(
			db,
			officer6,
			filed.id,
			{ type: 'request_document', stepId: 'district_review', kinds: ['sale_agreement'], reason: 'مبایعه‌نامه را بارگذاری کنید.' },
			{},
			ctx(2)
		);
		expect(asked.waiting).toEqual({ on: 'applicant', reason: 'مبایعه‌نامه را بارگذاری کنید.', documents: ['sale_agreement'] });
		expect(asked.dueOn).toBe(addWorkingDays(receivedOn(at(2), calendar), 15, calendar));

		// 3. The citizen sees the task and its deadline, and uploads the document.
		const mine = await getCase(db, maryam, filed.id, ctx(3));
		expect(mine.statusText.fa).toContain('منتظر پاسخ شما');
		const task = mine.tasks.find((t) => t.status === 'open')!;
		expect(task).toMatchObject({ kind: 'document', dueOn: asked.dueOn, documentKinds: [{ kind: 'sale_agreement' }] });
		expect(mine.actions.map((a) => a.type)).toContain('applicant_reply');
		const answered = await answerTask(db, maryam, task.id, { note: 'بارگذاری شد', documents: [fixture('deed.pdf', 'sale_agreement', 'mobayee.pdf')] }, ctx(3));
		expect(answered.waiting).toBeNull();
		expect(answered.tasks[0].status).toBe('answered');
		expect(answered.documents.find((d) => d.kind === 'sale_agreement')?.taskId).toBe(task.id);

		// 4. The officer refers the case to cultural heritage with a due date.
		const referred = await actOnCase(
			db,
			officer6,
			filed.id,
			{ type: 'refer_to_agency', stepId: 'district_review', agency: 'cultural_heritage', question: 'آیا پلاک در حریم بنای تاریخی است؟', dueInWorkingDays: 5 },
			{},
			ctx(4)
		);
		expect(referred.holderRole).toBe('agency');
		expect(referred.dueOn).toBe(addWorkingDays(receivedOn(at(4), calendar), 5, calendar));

		// 5. The agency sees it read-only and replies with a document.
		expect((await listCartable(db, heritage, 'mine', ctx(5))).map((c) => c.id)).toEqual([filed.id]);
		const agencyView = await getCase(db, heritage, filed.id, ctx(5));
		expect(agencyView.readOnly).toBe(true);
		expect(agencyView.actions.map((a) => a.type)).toEqual(['agency_reply']);
		const replied = await actOnCase(
			db,
			heritage,
			filed.id,
			{ type: 'agency_reply', stepId: 'district_review', reply: 'پلاک خارج از حریم است؛ منعی ندارد.', verdict: 'agree' },
			{ documents: [fixture('deed.pdf', 'anything', 'heritage-answer.pdf')] },
			ctx(6)
		);
		expect(replied.referrals[0]).toMatchObject({ agency: 'cultural_heritage', status: 'answered', replyText: 'پلاک خارج از حریم است؛ منعی ندارد.', verdict: 'agree' });
		expect(replied.referrals[0].documents.map((d) => d.kind)).toEqual(['agency_reply']);
		expect(replied.holderRole).toBe('district_officer');

		// A message on the thread, and a site visit is the inspector's, not yet.
		await postMessage(db, officer6, filed.id, 'پاسخ میراث رسید؛ پرونده به بازدید می‌رود.', ctx(6));

		// 6. The officer approves: the case moves on to the site inspection with its own clock.
		const approved = await actOnCase(db, officer6, filed.id, { type: 'approve', stepId: 'district_review' }, {}, ctx(7));
		expect(approved.step.id).toBe('site_inspection');
		expect(approved.assignedUserId).toBeNull();
		expect(approved.dueOn).toBe(dueDate(at(7), 5, calendar));

		// 7. The citizen sees each step and its deadline on the timeline, the messages, and "my cases".
		const finalView = await getCase(db, maryam, filed.id, ctx(8));
		expect(finalView.timeline.map((e) => e.action)).toEqual([
			'file',
			'approve',
			'claim',
			'request_document',
			'applicant_reply',
			'refer_to_agency',
			'agency_reply',
			'message',
			'approve'
		]);
		expect(finalView.timeline.slice(1).every((e) => e.dueOn !== null)).toBe(true);
		expect(finalView.timeline.at(-1)!.shownAs).toBe('approve'); // the officer's approval stays one
		expect(finalView.timeline.at(-1)).toMatchObject({ toStep: { id: 'site_inspection' }, dueOn: approved.dueOn, actorRole: 'district_officer' });
		expect(finalView.messages.map((m) => m.side)).toEqual(['staff']);
		expect(finalView.citizenView.fa.length).toBeGreaterThan(0);
		const myCases = await listMyCases(db, maryam, ctx(8));
		expect(myCases).toHaveLength(1);
		expect(myCases[0]).toMatchObject({ id: filed.id, step: { id: 'site_inspection' }, dueOn: approved.dueOn, overdue: false });

		// Every event says who, as which role, from where.
		const events = await db.selectFrom('case_events').select(['actor_user_id', 'actor_role', 'ip']).where('case_id', '=', filed.id).execute();
		expect(events.every((e) => e.actor_user_id !== null && e.ip === '192.0.2.10')).toBe(true);
		expect(new Set(events.map((e) => e.actor_role))).toEqual(new Set(['citizen', 'district_officer', 'agency']));

		// Notifications reached the citizen at each step.
		expect((await listOutbox(db, { recipient: maryam.mobile! })).length).toBeGreaterThanOrEqual(6);

		// The public page answers status, step and deadline — nothing personal.
		const status = await trackPublic(db, filed.trackingCode, DEMO_CITIZENS[0].nationalId, { now: at(8) });
		expect(status).toEqual({
			trackingCode: filed.trackingCode,
			requestType: { fa: 'پروانه ساختمانی (احداث)', en: 'Building permit — new construction' },
			status: 'in_progress',
			statusText: finalView.statusText,
			step: { fa: 'بازدید از ملک', en: 'Site inspection' },
			dueOn: approved.dueOn,
			overdue: false,
			filedOn: '2025-05-04'
		});
		expect(JSON.stringify(status)).not.toContain(maryam.displayName);
	});

	it('lets the inspector holding the step record a site visit with a point and photos', async () => {
		const { db } = database;
		const [mine] = await listMyCases(db, world.users.maryam, world.ctx());
		const { inspector6 } = world.users;
		const view = await recordSiteVisit(
			db,
			inspector6,
			mine.id,
			{ stepId: 'site_inspection', notes: 'زمین خالی، بدون بنا.', location: { lon: 51.64, lat: 32.65 }, photos: [fixture('site-photo.png', 'x', 'IMG_1.png')] },
			world.ctx({ now: at(30), sender: null })
		);
		const visit = view.siteVisits[0];
		expect(visit.notes).toBe('زمین خالی، بدون بنا.');
		expect(visit.location![0]).toBeCloseTo(51.64, 6);
		expect(visit.location![1]).toBeCloseTo(32.65, 6);
		expect(visit.photos.map((p) => [p.kind, p.mediaType])).toEqual([['site_visit_photo', 'image/png']]);
		expect(view.timeline.at(-1)?.action).toBe('site_visit');
		// The stored point is in the storage CRS (UTM 39N), not degrees.
		const { rows } = await sql<{ srid: number }>`select ST_SRID(location) as srid from site_visits`.execute(db);
		expect(rows[0].srid).toBe(32639);
		// The citizen may download the photo; the bytes are the uploaded ones.
		const photo = await readDocument(db, world.users.maryam, visit.photos[0].id, { files: world.files });
		expect(photo.bytes.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
	});
});

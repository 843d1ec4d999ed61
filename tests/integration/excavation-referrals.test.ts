/**
 * Protected-area referrals of excavation works, answered by the agency in its own inbox, on both
 * backends: a dig inside the heritage overlay is referred to Cultural Heritage; that agency (and no
 * other) finds it in its works cartable, sees only its referral on the work's page (no history,
 * fee, permit or applicant), answers, and loses access with the answer, as agencies do for cases.
 * The officer may still answer on its behalf; a referral that does not exist is a 404 naming it.
 */
import { sql } from 'kysely';
import { isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildExcavationWorld, pit, trench, type ExcavationWorld } from '../factories/excavation-world';
import { staffUser } from '../factories/staff';
import { POST as fileRoute } from '../../src/routes/api/excavations/+server';
import { actions as workActions, load as workLoad } from '../../src/routes/excavations/[id=id]/+page.server';
import { load as cartableLoad } from '../../src/routes/excavations/+page.server';
import { GET as permitRoute } from '../../src/routes/excavations/[id=id]/permit.pdf/+server';
import { actOnWork, answerWorkReferral, worksCartable, type WorkPage, type WorksCartable } from '../../src/lib/server/excavation';
import type { SessionUser } from '../../src/lib/server/auth';
import { seedSampleTariffBook } from '../../src/lib/server/fees';
import { DomainError } from '../../src/lib/server/errors';

const NOW = new Date('2026-11-30T05:30:00Z'); // Monday 09:00 in Tehran
const BACKEND = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let world: ExcavationWorld;
const u = {} as Record<'waterApplicant' | 'officer' | 'heritage' | 'heritage2' | 'experts', SessionUser>;

beforeAll(async () => {
	// the filing route reads the app's clock: these tests run on the day they were written (a planned dig may not start before today)
	vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
	await seedSampleTariffBook(database.db, 1405, { now: NOW });
	u.waterApplicant = await staffUser(database.db, 'water.applicant', { role: 'utility_applicant', organisationId: world.water });
	u.officer = await staffUser(database.db, 'excavation.officer', { role: 'excavation_officer' });
	u.heritage = await staffUser(database.db, 'heritage.expert', { role: 'agency', agencyKind: 'cultural_heritage' });
	u.heritage2 = await staffUser(database.db, 'heritage.expert2', { role: 'agency', agencyKind: 'cultural_heritage' });
	u.experts = await staffUser(database.db, 'official.expert', { role: 'agency', agencyKind: 'official_experts' });
});
afterAll(async () => {
	vi.useRealTimers();
	await database?.close();
});

async function file(user: SessionUser, features: unknown[]): Promise<number> {
	const body = { features, start: '2026-12-05', end: '2026-12-10', emergency: false, purpose: 'repair', description: 'لوله‌کشی' };
	const request = new Request('http://pelak.test/api/excavations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const response = await fileRoute({ request, locals: { db: database.db, lang: 'en', user } } as never);
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: number }).id;
}

/** A dig inside the heritage overlay (x 200…400, y 20…200). */
const inHeritage = (n: number) => file(u.waterApplicant, [pit(250 + n * 10, 50, 254 + n * 10, 53)]);

const event = (user: SessionUser, id: number, form?: FormData, path = `/excavations/${id}`) => {
	const url = new URL(`http://pelak.test${path}`);
	return { url, params: { id: String(id) }, locals: { db: database.db, lang: 'en', user }, request: new Request(url, { method: 'POST', body: form }) } as never;
};
const answerForm = (referralId: number | string, answer: 'consented' | 'objected', note = '') => {
	const form = new FormData();
	form.set('referralId', String(referralId));
	form.set('answer', answer);
	form.set('note', note);
	return form;
};
const pageOf = async (user: SessionUser, id: number) => ((await workLoad(event(user, id))) as { page: WorkPage }).page;
const cartableOf = async (user: SessionUser, path = '/excavations') =>
	(await cartableLoad({ url: new URL(`http://pelak.test${path}`), locals: { db: database.db, lang: 'en', user } } as never)) as { cartable: WorksCartable; replied: boolean };

async function counts() {
	const { rows } = await sql<Record<string, number>>`
		select (select count(*)::int from excavation_works) as works, (select count(*)::int from excavation_work_events) as events,
			(select count(*)::int from excavation_referrals where status = 'pending') as pending`.execute(database.db);
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
	return err;
}

describe(`an agency's inbox of excavation referrals (${BACKEND})`, () => {
	let workId: number;
	let referralId: number;

	it('puts a dig in the heritage overlay in Cultural Heritage’s works cartable, and in no other agency’s', async () => {
		workId = await inHeritage(0);
		const mine = await cartableOf(u.heritage);
		expect(mine.cartable.showsWorks).toBe(false);
		expect(mine.cartable.items).toEqual([]);
		const row = mine.cartable.referrals.find((r) => r.work_id === workId);
		expect(row).toMatchObject({ agency_kind: 'cultural_heritage', organisation_name_en: 'Water and Sewerage Company', purpose: 'repair', start: '2026-12-05', end: '2026-12-10' });
		expect(row!.reason.en).toContain('Jameh Mosque buffer');
		expect(row!.reason.fa).toContain('حریم مسجد جامع');
		referralId = row!.referral_id;
		// any expert of the agency sees it; another agency has an inbox but nothing in it
		expect((await worksCartable(database.db, u.heritage2, null)).referrals.map((r) => r.referral_id)).toContain(referralId);
		expect((await cartableOf(u.experts)).cartable.referrals).toEqual([]);
		// a dig outside every protected area is referred to no one
		const plain = await file(u.waterApplicant, [trench([[-250, 3], [-240, 3]], 0.6)]);
		expect((await worksCartable(database.db, u.heritage, null)).referrals.map((r) => r.work_id)).not.toContain(plain);
		// the utility and the officer do not get the agency's list
		expect((await worksCartable(database.db, u.officer, null)).referrals).toEqual([]);
		expect((await worksCartable(database.db, u.waterApplicant, null)).referrals).toEqual([]);
	});

	it('shows the agency its referral and the work’s outline only: no history, fee, permit, applicant or actions', async () => {
		const page = await pageOf(u.heritage, workId);
		expect(page.side).toBe('agency');
		expect(page.referrals.map((r) => r.id)).toEqual([referralId]);
		expect(page.mayAnswerReferrals).toBe(true);
		expect(page).toMatchObject({ actions: [], actors: [], events: [], inspections: [], assessment: null, permit: null });
		expect(page.work).toMatchObject({ id: workId, applicant_user_id: null, status: 'planned', organisation_name_en: 'Water and Sewerage Company' });
		expect(JSON.stringify(page)).not.toContain('clashes');
		// the officer's page is the full one, and says the referral waits
		const officer = await pageOf(u.officer, workId);
		expect(officer.side).toBe('full');
		expect(officer.referrals).toMatchObject([{ id: referralId, status: 'pending' }]);
		expect(officer.actions).toEqual(['refuse']);
		// another agency, and a photo or the permit of the work, stay 404 for the agency
		await expect(workLoad(event(u.experts, workId))).rejects.toMatchObject({ status: 404 });
		expect((await permitRoute(event(u.heritage, workId))).status).toBe(404);
	});

	it('refuses answers from those not asked, writing nothing: another agency 404, the utility 403', async () => {
		await refused('excavation_not_found', 404, () => answerWorkReferral(database.db, u.experts, workId, { referralId, answer: 'objected' }));
		await refused('not_your_step', 403, () => answerWorkReferral(database.db, u.waterApplicant, workId, { referralId, answer: 'consented' }));
		// the agency's referral id on another work is not a door into that work
		const other = await file(u.waterApplicant, [trench([[-230, 3], [-220, 3]], 0.6)]);
		await refused('excavation_not_found', 404, () => answerWorkReferral(database.db, u.heritage, other, { referralId, answer: 'consented' }));
	});

	it('refuses an objection without its reason, writing nothing: the agency keeps its referral and its access', async () => {
		const err = await refused('reason_required', 400, () => answerWorkReferral(database.db, u.heritage, workId, { referralId, answer: 'objected', note: '   ' }));
		expect(err.messages.fa).toBe('دلیل مخالفت را بنویسید.');
		// through the page's form: the reason in words, no redirect
		const failed = (await workActions.referral(event(u.heritage, workId, answerForm(referralId, 'objected', '')))) as { status: number; data: { code: string } };
		expect(failed).toMatchObject({ status: 400, data: { code: 'reason_required' } });
		const still = await database.db.selectFrom('excavation_referrals').select(['status']).where('id', '=', referralId).executeTakeFirstOrThrow();
		expect(still.status).toBe('pending');
		expect((await workLoad(event(u.heritage, workId))) as unknown).toBeTruthy();
	});

	it('takes the agency’s answer from its page, sends it back to its inbox, and ends its access', async () => {
		const redirect = await Promise.resolve(workActions.referral(event(u.heritage, workId, answerForm(referralId, 'consented', 'با نظارت باستان‌شناس')))).catch((e: unknown) => e);
		expect(isRedirect(redirect)).toBe(true);
		expect(redirect).toMatchObject({ status: 303, location: `/excavations?replied=${workId}` });
		const answered = await database.db.selectFrom('excavation_referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
		expect(answered).toMatchObject({ status: 'consented', answered_by: u.heritage.id, answer_note: 'با نظارت باستان‌شناس' });
		const history = await database.db.selectFrom('excavation_work_events').selectAll().where('work_id', '=', workId).where('action', '=', 'answer_referral').execute();
		expect(history).toMatchObject([{ actor: 'agency', actor_user_id: u.heritage.id, to_status: 'planned' }]);
		// the inbox says so, and the work has left it
		const back = await cartableOf(u.heritage, `/excavations?replied=${workId}`);
		expect(back.replied).toBe(true);
		expect(back.cartable.referrals.map((r) => r.referral_id)).not.toContain(referralId);
		// access ended: the page is a 404, a second answer too (nothing written), for every expert of the agency
		await expect(workLoad(event(u.heritage, workId))).rejects.toMatchObject({ status: 404 });
		await expect(workLoad(event(u.heritage2, workId))).rejects.toMatchObject({ status: 404 });
		await refused('excavation_not_found', 404, () => answerWorkReferral(database.db, u.heritage2, workId, { referralId, answer: 'objected' }));
		// the officer sees the answer and may now decide
		const officer = await pageOf(u.officer, workId);
		expect(officer.referrals).toMatchObject([{ id: referralId, status: 'consented', answer_note: 'با نظارت باستان‌شناس' }]);
		expect(officer.actions).toEqual(['approve', 'refuse']);
		const approved = await actOnWork(database.db, u.officer, workId, { action: 'approve', conditions: ['حضور ناظر میراث'] });
		expect(approved.status).not.toBe('planned');
	});

	it('lets the officer answer on the agency’s behalf, which takes the referral out of the agency’s inbox', async () => {
		const id = await inHeritage(1);
		const { referrals } = await worksCartable(database.db, u.heritage, null);
		const mine = referrals.find((r) => r.work_id === id)!;
		expect(await workActions.referral(event(u.officer, id, answerForm(mine.referral_id, 'objected', 'پاسخ تلفنی میراث: مخالف')))).toEqual({ done: 'answer_referral' });
		expect((await worksCartable(database.db, u.heritage, null)).referrals.map((r) => r.work_id)).not.toContain(id);
		const history = await database.db.selectFrom('excavation_work_events').select(['actor']).where('work_id', '=', id).where('action', '=', 'answer_referral').execute();
		expect(history).toEqual([{ actor: 'officer' }]);
	});
});

describe(`answering a referral that is not there (${BACKEND})`, () => {
	it('is a 404 naming the referral and the work, not a conflict; an answered one stays a 409', async () => {
		const id = await inHeritage(2);
		const reference = (await database.db.selectFrom('excavation_works').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
		const err = await refused('referral_not_found', 404, () => answerWorkReferral(database.db, u.officer, id, { referralId: 999999, answer: 'consented' }));
		expect(err.messages.en).toBe(`Works ${reference} has no referral with id 999999.`);
		expect(err.messages.fa).toContain('۹۹۹۹۹۹');
		// through the page's form: the officer gets the 404 in words
		const failed = (await workActions.referral(event(u.officer, id, answerForm('999999', 'consented')))) as { status: number; data: { code: string; error: string } };
		expect(failed.status).toBe(404);
		expect(failed.data).toMatchObject({ code: 'referral_not_found', error: `Works ${reference} has no referral with id 999999.` });
		// a malformed id is no referral either
		expect(((await workActions.referral(event(u.officer, id, answerForm('abc', 'consented')))) as { status: number }).status).toBe(404);
		// a referral of ANOTHER work is not this work's
		const other = await inHeritage(3);
		const otherReferral = (await worksCartable(database.db, u.heritage, null)).referrals.find((r) => r.work_id === other)!.referral_id;
		await refused('referral_not_found', 404, () => answerWorkReferral(database.db, u.officer, id, { referralId: otherReferral, answer: 'consented' }));
		// once answered, answering again is a conflict, named as such
		const own = (await worksCartable(database.db, u.heritage, null)).referrals.find((r) => r.work_id === id)!.referral_id;
		await answerWorkReferral(database.db, u.officer, id, { referralId: own, answer: 'consented' });
		await refused('referral_not_pending', 409, () => answerWorkReferral(database.db, u.officer, id, { referralId: own, answer: 'objected' }));
	});
});

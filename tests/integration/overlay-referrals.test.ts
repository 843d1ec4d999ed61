import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, refusedWithoutChange, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { actOnCase, casePage, claimCase, fileRequest, getCase } from '../../src/lib/server/cases';

/**
 * A construction request on a parcel in an overlay whose rule asks an agency's referral (the heritage buffer's «any
 * construction needs a Cultural Heritage referral») passes the district review only once that agency has answered.
 */
let database: TestDatabase;
let world: CaseWorld;
const at = (hours: number) => new Date(SUNDAY_MORNING.getTime() + hours * 3_600_000);

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	// the heritage buffer covers parcel 6b (x 40…60) and not parcel 6 (x 0…20)
	await sql`insert into overlays (kind, name_fa, name_en, max_height_m, max_floors, rule_fa, rule_en, geom)
		select 'heritage_buffer', 'حریم میراث فرهنگی میدان نقش جهان', 'Naqsh-e Jahan Square heritage buffer', 9, 2,
			'حداکثر ارتفاع ۹ متر (دو طبقه)؛ هر ساخت‌وساز نیازمند استعلام از اداره کل میراث فرهنگی است.',
			'Height at most 9 m (two floors); any construction needs a Cultural Heritage referral.',
			ST_Multi(ST_Buffer(geom, 5)) from parcels where id = ${world.parcel6b}`.execute(database.db);
	// a river buffer over both, whose rule forbids building near the bed but asks no one
	await sql`insert into overlays (kind, name_fa, name_en, max_height_m, max_floors, rule_fa, rule_en, geom)
		select 'river_buffer', 'حریم رودخانه', 'River buffer', 12, 3, 'ساخت‌وساز در بستر رودخانه ممنوع است.', 'No construction in the river bed.',
			ST_Multi(ST_Buffer(ST_Collect(geom), 30)) from parcels where id in (${world.parcel6}, ${world.parcel6b})`.execute(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const documents = () => [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card', 'card.jpg')];

describe('a heritage buffer’s referral holds the district review', () => {
	it('refuses the approval (409, naming Cultural Heritage) until Cultural Heritage has answered, and the page says why with the referral ready', async () => {
		const { db } = database;
		const { maryam, officer6, heritage } = world.users;
		const ctx = (hours: number) => world.ctx({ now: at(hours), sender: null });
		const filed = await fileRequest(db, maryam, { parcelId: world.parcel6b, requestType: 'building_permit_new', documents: documents() }, ctx(0));
		await claimCase(db, officer6, filed.id, ctx(1));
		const approve = () => actOnCase(db, officer6, filed.id, { type: 'approve', stepId: 'district_review', to: 'zoning_statement' }, {}, ctx(2));

		const refused = await refusedWithoutChange(db, approve, 409, 'overlay_referral_required');
		expect(refused.messages.fa).toContain('میراث فرهنگی');
		expect(refused.messages.fa).toContain('حریم میراث فرهنگی میدان نقش جهان');
		expect(refused.messages.en).toContain('Cultural Heritage');

		const page = await casePage(db, officer6, filed.id);
		expect(page.heldReferrals).toEqual([
			expect.objectContaining({ agency: 'cultural_heritage', open: false, agencyName: { fa: 'میراث فرهنگی', en: 'Cultural Heritage' } })
		]);
		// the page's one-click referral sends the question it prepared
		await actOnCase(db, officer6, filed.id, { type: 'refer_to_agency', stepId: 'district_review', agency: 'cultural_heritage', question: page.heldReferrals[0].question.fa }, {}, ctx(3));
		const reply = { type: 'agency_reply' as const, stepId: 'district_review', reply: 'با رعایت ارتفاع ۹ متر موافقت می‌شود.' };
		// the agency answers with its verdict as well as its words; without one it is asked to choose (nothing changes)
		await refusedWithoutChange(db, () => actOnCase(db, heritage, filed.id, reply, {}, ctx(4)), 400, 'verdict_required');
		await actOnCase(db, heritage, filed.id, { ...reply, verdict: 'agree_with_conditions' }, {}, ctx(4));
		const answered = await getCase(db, officer6, filed.id, ctx(4));
		expect(answered.referrals[0]).toMatchObject({ status: 'answered', verdict: 'agree_with_conditions' });
		expect(answered.timeline.find((e) => e.action === 'agency_reply')?.details).toMatchObject({ verdict: 'agree_with_conditions' });

		expect((await casePage(db, officer6, filed.id)).heldReferrals).toEqual([]);
		const approved = await approve();
		expect(approved.step.id).not.toBe('district_review');
	});

	it('holds nothing on a parcel whose overlays ask no referral', async () => {
		const { db } = database;
		const { zahra, officer6 } = world.users;
		const ctx = (hours: number) => world.ctx({ now: at(hours), sender: null });
		const filed = await fileRequest(db, zahra, { parcelId: world.parcel6, requestType: 'building_permit_new', documents: documents() }, ctx(10));
		await claimCase(db, officer6, filed.id, ctx(11));
		// a claimed step names the colleague holding it to staff; the applicant side reads the role
		expect((await getCase(db, officer6, filed.id, ctx(11))).assigneeName).toBe(officer6.displayName);
		expect((await getCase(db, zahra, filed.id, ctx(11))).assigneeName).toBeNull();
		expect((await casePage(db, officer6, filed.id)).heldReferrals).toEqual([]);
		const approved = await actOnCase(db, officer6, filed.id, { type: 'approve', stepId: 'district_review', to: 'site_inspection' }, {}, ctx(12));
		expect(approved.step.id).toBe('site_inspection');
	});
});

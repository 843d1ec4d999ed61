/**
 * SAMPLE cases for demo mode («نمونه — sample») of the two demo citizens the SAMPLE permits leave
 * without any (مریم احمدی and علی رضایی; زهرا کریمی has the permits of ../permits/sample-permits.ts),
 * filed on parcels they own in the deeds registry in use and worked through the real services, so
 * that each finds something after signing in:
 * - Maryam: a bank inquiry answered twelve days ago (closed, its answer issued), and a notary
 *   inquiry on which the district officer asked her two days ago for a legible copy of her deed: a task
 *   waiting for her, with its deadline;
 * - Ali: a transfer request the district officer referred to the official experts (waiting on the
 *   agency, which finds it in its cartable), and a bank inquiry refused with its reason.
 * Each case is dated in the last three weeks, so the timelines read as lived.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { DEMO_CITIZENS } from '../auth/demo-accounts';
import { findActiveUser } from '../auth/users.repository';
import { askDeedsRegistry, serverDeedsRegistry } from '../registries';
import { DomainError } from '../errors';
import { sampleDocument } from '../documents/sample-pdf';
import { fileRequest } from './file-request.service';
import { actOnCase } from './workflow-action.service';

const DAY_MS = 86_400_000;

/** The demo citizen `index` of DEMO_CITIZENS as signed in, or null where the accounts were not seeded. */
export async function demoCitizen(db: Kysely<DB>, index: number): Promise<SessionUser | null> {
	const row = await db.selectFrom('users').select('id').where('national_id', '=', DEMO_CITIZENS[index].nationalId).executeTakeFirst();
	return row ? findActiveUser(db, row.id) : null;
}

/** The first district officer of a district (the demo accounts have one each), or null. */
export async function districtOfficerOf(db: Kysely<DB>, districtId: number): Promise<SessionUser | null> {
	const row = await db
		.selectFrom('user_roles')
		.select('user_id')
		.where('role', '=', 'district_officer')
		.where('district_id', '=', districtId)
		.orderBy('user_id')
		.limit(1)
		.executeTakeFirst();
	return row ? findActiveUser(db, row.user_id) : null;
}

interface Owned {
	parcelId: number;
	officer: SessionUser;
}

/**
 * Parcels `citizen` owns (the registry in use says so), with their district's officer: parcels
 * with buildings first, so that the empty ones stay free for the citizen to try a building permit on.
 */
async function ownedParcels(db: Kysely<DB>, citizen: SessionUser, wanted: number): Promise<Owned[]> {
	const { rows } = await sql<{ id: number; district_id: number; registration_plate: string; registry_section: string | null }>`
		select p.id, p.district_id, p.registration_plate, p.registry_section
		from parcels p
		where p.district_id is not null and p.open_cases = 0 and p.registration_plate is not null
		order by exists (select 1 from buildings b where b.parcel_id = p.id) desc, p.id
		limit 1500`.execute(db);
	const deeds = serverDeedsRegistry();
	const owned: Owned[] = [];
	for (const p of rows) {
		if (owned.length === wanted) break;
		const deed = await askDeedsRegistry(deeds, { plate: p.registration_plate, section: p.registry_section });
		if (deed.status !== 'found' || !deed.owners.includes(citizen.nationalId ?? '')) continue;
		const officer = await districtOfficerOf(db, p.district_id);
		if (officer) owned.push({ parcelId: Number(p.id), officer });
	}
	return owned;
}

const ownerDocuments = (...more: [kind: string, title: string][]) => [
	sampleDocument('deed', 'Deed'),
	sampleDocument('national_card', 'National card'),
	...more.map(([kind, title]) => sampleDocument(kind, title))
];

/** A sample case of one citizen on one of their parcels, acted on `at(n)`: n days before the seeding. */
type Story = (db: Kysely<DB>, citizen: SessionUser, on: Owned, at: (daysAgo: number) => { sender: null; now: Date }) => Promise<void>;

const STORIES: Record<0 | 1, Story[]> = {
	// Maryam: an answered bank inquiry; a notary inquiry waiting for a legible deed from her
	0: [
		async (db, citizen, { parcelId, officer }, at) => {
			const filed = await fileRequest(db, citizen, { parcelId, requestType: 'bank_inquiry', documents: ownerDocuments(['bank_letter', 'Bank letter']) }, at(15));
			await actOnCase(db, officer, filed.id, { type: 'approve', stepId: 'district_review', to: 'issue' }, {}, at(13));
			await actOnCase(db, officer, filed.id, { type: 'complete', stepId: 'issue', note: 'پاسخ استعلام برای بانک فرستاده شد (نمونه).' }, {}, at(12));
		},
		async (db, citizen, { parcelId, officer }, at) => {
			const filed = await fileRequest(db, citizen, { parcelId, requestType: 'notary_inquiry', documents: ownerDocuments(['notary_letter', 'Notary letter']) }, at(4));
			const reason = 'صفحهٔ دوم سند مالکیت (حدود و مشخصات ملک) خوانا نیست؛ تصویر خوانای آن را بارگذاری کنید (نمونه).';
			await actOnCase(db, officer, filed.id, { type: 'request_document', stepId: 'district_review', kinds: ['deed'], reason }, {}, at(2));
		}
	],
	// Ali: a transfer waiting on the official experts; a bank inquiry refused with its reason
	1: [
		async (db, citizen, { parcelId, officer }, at) => {
			const filed = await fileRequest(db, citizen, { parcelId, requestType: 'transfer_request', documents: ownerDocuments(['sale_agreement', 'Sale agreement']) }, at(6));
			const question = 'ارزش روز ملک برای محاسبهٔ عوارض نقل و انتقال چقدر است؟ (نمونه)';
			await actOnCase(db, officer, filed.id, { type: 'refer_to_agency', stepId: 'district_review', agency: 'official_experts', question }, {}, at(3));
		},
		async (db, citizen, { parcelId, officer }, at) => {
			const filed = await fileRequest(db, citizen, { parcelId, requestType: 'bank_inquiry', documents: ownerDocuments(['bank_letter', 'Bank letter']) }, at(20));
			const reason = 'نامهٔ بانک برای پلاک دیگری است؛ با نامهٔ این پلاک دوباره درخواست دهید (نمونه).';
			await actOnCase(db, officer, filed.id, { type: 'reject', stepId: 'district_review', reason }, {}, at(18));
		}
	]
};

/** Seeds the two citizens' sample cases; returns how many were filed (0 where the accounts or their parcels are missing). */
export async function seedSampleCitizenCases(db: Kysely<DB>, { now = new Date() } = {}): Promise<number> {
	const at = (daysAgo: number) => ({ sender: null, now: new Date(now.getTime() - daysAgo * DAY_MS) });
	let filed = 0;
	for (const index of [0, 1] as const) {
		const citizen = await demoCitizen(db, index);
		if (!citizen) continue;
		const stories = STORIES[index];
		const parcels = await ownedParcels(db, citizen, stories.length);
		for (const [i, story] of stories.entries()) {
			if (!parcels.length) break;
			try {
				await story(db, citizen, parcels[i % parcels.length], at);
				filed++;
			} catch (err) {
				// a city whose rules refuse this story on that parcel: the others still go in, and the log says which
				if (!(err instanceof DomainError)) throw err;
				console.warn(`[pelak] a SAMPLE case of ${citizen.displayName} not filed: ${err.message}`);
			}
		}
	}
	return filed;
}

import { sql } from 'kysely';
import type { Bilingual } from '../errors';
import { overlaysOfParcel } from '../parcels/parcel.repository';
import { referralAgenciesOf, type AgencyNames } from '../workflows/overlay-referrals';
import { stepOf, type RequestTypeDefinition } from '../workflows';
import type { Executor } from './cases.repository';
import type { HeldReferral } from './types';

/**
 * The referrals a construction request's review is held for (issue: a heritage buffer's «any construction needs a
 * Cultural Heritage referral» was display text only). The parcel's overlays name, in their rule, the agencies a
 * construction request must be referred to (workflows/overlay-referrals.ts); the request type's
 * `overlayReferralsAt` step is not approved until each of those agencies has answered a referral on the case.
 * Agencies the step cannot refer to are not asked (the definition decides where referrals go).
 *
 * @returns the agencies still to answer, one line per agency (the first overlay naming it); empty when none is
 *   required or all have answered, or when the case is not at its request type's held step
 */
export async function heldReferrals(
	db: Executor,
	definition: RequestTypeDefinition,
	record: { id: number; parcel_id: number; current_step: string }
): Promise<HeldReferral[]> {
	if (!definition.overlayReferralsAt || record.current_step !== definition.overlayReferralsAt) return [];
	const offered = new Set(stepOf(definition, record.current_step).transitions.flatMap((t) => (t.action === 'refer_to_agency' ? t.agencies : [])));
	if (offered.size === 0) return [];
	const { rows: overlays } = await sql<{ name_fa: string; name_en: string | null; rule_fa: string | null; rule_en: string | null }>`
		with p as (select geom from parcels where id = ${record.parcel_id})
		select o.name_fa, o.name_en, o.rule_fa, o.rule_en from (${overlaysOfParcel()}) o
		where o.rule_fa is not null or o.rule_en is not null
		order by o.id`.execute(db);
	if (overlays.length === 0) return [];
	const agencies = (await db.selectFrom('agencies').select(['kind', 'name_fa', 'name_en']).where('active', '=', true).orderBy('id').execute()) as AgencyNames[];
	const referrals = await db.selectFrom('case_referrals').select(['agency_kind', 'status']).where('case_id', '=', record.id).execute();
	const held = new Map<string, HeldReferral>();
	for (const o of overlays) {
		for (const kind of referralAgenciesOf(o, agencies)) {
			if (!offered.has(kind) || held.has(kind)) continue;
			if (referrals.some((r) => r.agency_kind === kind && r.status === 'answered')) continue;
			const agency = agencies.find((a) => a.kind === kind)!;
			const agencyName: Bilingual = { fa: agency.name_fa, en: agency.name_en ?? agency.name_fa };
			const overlay: Bilingual = { fa: o.name_fa, en: o.name_en ?? o.name_fa };
			held.set(kind, {
				agency: kind,
				agencyName,
				overlay,
				open: referrals.some((r) => r.agency_kind === kind && r.status === 'open'),
				question: {
					fa: `این پلاک در «${overlay.fa}» است: ${o.rule_fa ?? o.rule_en}. لطفاً نظر خود را دربارهٔ این درخواست اعلام کنید.`,
					en: `This parcel lies in the ${overlay.en}: ${o.rule_en ?? o.rule_fa} Please give your opinion on this request.`
				}
			});
		}
	}
	return [...held.values()];
}

/** The refusal's words: the step waits for these agencies' answers (they are named), and what to do. */
export function heldMessage(held: readonly HeldReferral[]): Bilingual {
	const fa = held.map((h) =>
		h.open
			? `پلاک در «${h.overlay.fa}» است و پاسخ استعلام ${h.agencyName.fa} هنوز نیامده است.`
			: `پلاک در «${h.overlay.fa}» است و ضابطهٔ آن استعلام از ${h.agencyName.fa} را لازم می‌داند؛ پرونده را به ${h.agencyName.fa} ارجاع دهید.`
	);
	const en = held.map((h) =>
		h.open
			? `The parcel lies in the ${h.overlay.en} and ${h.agencyName.en} has not answered its referral yet.`
			: `The parcel lies in the ${h.overlay.en}, whose rule requires a ${h.agencyName.en} referral; refer the case to ${h.agencyName.en}.`
	);
	return {
		fa: `این مرحله تا پاسخ استعلام تأیید نمی‌شود. ${fa.join(' ')}`,
		en: `This step cannot be approved before the referral is answered. ${en.join(' ')}`
	};
}

/**
 * The check's answer put together from the database rows: streets with what the dig breaks of
 * them, the bilingual sentences for refusals, referrals, the fee. Pure (no database).
 */
import type { BlackoutHit, Clash, MoratoriumHit, Referral, StreetCrossed } from '../../api/excavation';
import type { Bilingual } from '../../i18n/lang';
import { formatJalali } from '../../domain/jalali';
import { toPersianDigits } from '../../domain/text';
import { referralFor } from '../../domain/excavation/referrals';
import type { BlackoutRow, ClashRow, MoratoriumRow, OverlayRow, SurfacePieceRow } from './check.repository';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The pieces grouped by street, in the order met (the busiest street first). */
export function streetsCrossed(pieces: readonly SurfacePieceRow[]): StreetCrossed[] {
	const streets = new Map<string, StreetCrossed>();
	for (const p of pieces) {
		const key = p.street_id === null ? `none:${p.road_class}` : String(p.street_id);
		let street = streets.get(key);
		if (!street) {
			street = { id: p.street_id, name_fa: p.street_name_fa, name_en: p.street_name_en, class: p.road_class, area_m2: 0, surfaces: [] };
			streets.set(key, street);
		}
		street.area_m2 += p.area_m2;
		const same = street.surfaces.find((s) => s.surface === p.surface && s.location === p.location);
		if (same) same.area_m2 += p.area_m2;
		else street.surfaces.push({ surface: p.surface, location: p.location, area_m2: p.area_m2 });
	}
	return [...streets.values()].map((s) => ({
		...s,
		area_m2: round2(s.area_m2),
		surfaces: s.surfaces.map((x) => ({ ...x, area_m2: round2(x.area_m2) }))
	}));
}

export function clashList(rows: readonly ClashRow[]): Clash[] {
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		organisation: { code: r.organisation_code, kind: r.organisation_kind, name_fa: r.organisation_name_fa, name_en: r.organisation_name_en },
		purpose: r.purpose,
		status: r.status,
		start: r.start,
		end: r.end,
		distance_m: Math.round(r.distance_m * 10) / 10,
		share_url: `/api/excavations/${r.id}`
	}));
}

const streetLabel = (r: MoratoriumRow): Bilingual =>
	r.street_id === null
		? { fa: 'این محدوده', en: 'this area' }
		: { fa: `«${r.street_name_fa ?? r.street_name_en ?? r.street_id}»`, en: `"${r.street_name_en ?? r.street_name_fa ?? r.street_id}"` };

/** Moratoriums in force during the dig: each refuses it, unless it is an emergency. */
export function moratoriumHits(rows: readonly MoratoriumRow[], emergency: boolean): MoratoriumHit[] {
	return rows.map((r) => {
		const street = streetLabel(r);
		const untilFa = r.until ? `تا ${formatJalali(r.until, 'fa')}` : 'تا اطلاع ثانوی';
		const untilEn = r.until ? `until ${r.until}` : 'until further notice';
		const message: Bilingual = emergency
			? {
					fa: `حفاری در ${street.fa} ${untilFa} ممنوع است (${r.reason})؛ کار اضطراری از این ممنوعیت معاف است.`,
					en: `Digging in ${street.en} is under a moratorium ${untilEn} (${r.reason}); emergency works are exempt.`
				}
			: {
					fa: `حفاری در ${street.fa} ${untilFa} ممنوع است (${r.reason})؛ تاریخ کار را به پس از آن ببرید یا مسیر دیگری بکشید.`,
					en: `Digging in ${street.en} is under a moratorium ${untilEn} (${r.reason}); move the works after it or draw another route.`
				};
		return {
			id: r.id,
			reason: r.reason,
			source: r.source,
			street: r.street_id === null ? null : { id: r.street_id, name_fa: r.street_name_fa, name_en: r.street_name_en },
			from: r.from,
			until: r.until,
			refuses: !emergency,
			message: { fa: toPersianDigits(message.fa), en: message.en }
		};
	});
}

/** City-wide bans overlapping the dates: the works must move, unless it is an emergency. */
export function blackoutHits(rows: readonly BlackoutRow[], emergency: boolean): BlackoutHit[] {
	return rows.map((r) => {
		const name = { fa: r.name_fa, en: r.name_en ?? r.name_fa };
		const span = { fa: `${formatJalali(r.from, 'fa')} تا ${formatJalali(r.until, 'fa')}`, en: `${r.from} to ${r.until}` };
		const message: Bilingual = emergency
			? { fa: `کار در ${name.fa} (${span.fa}) است؛ کار اضطراری معاف است.`, en: `The works fall in the ${name.en} (${span.en}); emergency works are exempt.` }
			: {
					fa: `در ${name.fa} (${span.fa}) حفاری ممنوع است؛ تاریخ‌های کار را جابه‌جا کنید.`,
					en: `No digging during the ${name.en} (${span.en}); move the dates of the works.`
				};
		return { ...r, refuses: !emergency, message: { fa: toPersianDigits(message.fa), en: message.en } };
	});
}

/** Protected areas touched → the agencies to ask, one referral per agency and overlay. */
export function referrals(rows: readonly OverlayRow[]): Referral[] {
	return rows.flatMap((o) => {
		const rule = referralFor(o.kind);
		if (!rule) return [];
		const reason: Bilingual = {
			fa: `محدودهٔ حفاری در «${o.name_fa}» است: ${rule.why.fa}.`,
			en: `The dig lies in "${o.name_en ?? o.name_fa}": ${rule.why.en}.`
		};
		return [{ agency_kind: rule.agency, reason, overlay: { id: o.id, kind: o.kind, name_fa: o.name_fa, name_en: o.name_en } }];
	});
}

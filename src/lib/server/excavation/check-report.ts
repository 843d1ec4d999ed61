/**
 * The check's answer put together from the database rows: streets with what the dig breaks of
 * them, the bilingual sentences for refusals, referrals, the fee. Pure (no database).
 */
import type { BlackoutHit, Clash, MoratoriumHit, Referral, ReviewTiming, StreetCrossed } from '../../api/excavation';
import type { ExcavationCategory } from '../../domain/excavation/works';
import { STEP_WORKING_DAYS } from '../../domain/excavation/lifecycle';
import { addCalendarDays, addWorkingDays, dueDate, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
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

/** The review's working days and due date for a dig of `category` filed at `now`, and the first day it can start (the working day after). */
function reviewClock(category: ExcavationCategory, now: Date, calendar: WorkingCalendar): { days: number; due: IsoDate; earliest: IsoDate } {
	const days = STEP_WORKING_DAYS.review[category];
	const due = dueDate(now, days, calendar);
	return { days, due, earliest: addWorkingDays(due, 1, calendar) };
}

/** Days of the application form's default works, first and last included: a week, which makes them standard works (`worksCategory`). */
const DEFAULT_WORK_DAYS = 7;
const DEFAULT_WORK_CATEGORY: ExcavationCategory = 'standard';

/**
 * The application form's dates before the applicant picks any: a week's works starting on the first
 * day their review allows, by the same clock `reviewTiming` warns with, so the form does not open
 * on a start its own check calls too early.
 *
 * @example defaultWorkDates(new Date('2026-12-05T04:30:00Z'), calendar) // { start: '2026-12-13', end: '2026-12-19' }
 */
export function defaultWorkDates(now: Date, calendar: WorkingCalendar): { start: IsoDate; end: IsoDate } {
	const start = reviewClock(DEFAULT_WORK_CATEGORY, now, calendar).earliest;
	return { start, end: addCalendarDays(start, DEFAULT_WORK_DAYS - 1) };
}

/**
 * The officer's review clock for a planned dig filed at `now`, against its start date: the review is
 * due in the category's working days, and the dig can start the working day after (the fee is
 * paid online and the permit issued at once). A start before that is warned of, naming the date
 * from which it is realistic (and any referral, which can take longer); an emergency starts at once.
 *
 * @example reviewTiming({ start: '2026-12-10', emergency: false }, 'standard', 1, now, calendar)
 * // { due_on: '2026-12-13', earliest_start: '2026-12-14', late: true, pending_referrals: 1, message: { fa: '…', en: '…' } }
 */
export function reviewTiming(
	input: { start: IsoDate; emergency: boolean },
	category: ExcavationCategory,
	pendingReferrals: number,
	now: Date,
	calendar: WorkingCalendar
): ReviewTiming | null {
	if (input.emergency) return null;
	const { days, due, earliest } = reviewClock(category, now, calendar);
	const late = input.start < earliest;
	const referral = pendingReferrals > 0;
	const message = late
		? {
				fa: toPersianDigits(
					`بررسی کارشناس حفاری تا ${formatJalali(due, 'fa')} (${days} روز کاری) مهلت دارد${referral ? ' و استعلام محدودهٔ حفاظت‌شده هم باید پاسخ داده شود که ممکن است بیشتر طول بکشد' : ''}؛ ` +
						`شروع در ${formatJalali(input.start, 'fa')} پیش از صدور مجوز است. شروع از ${formatJalali(earliest, 'fa')} یا پس از آن واقع‌بینانه است. اگر کار اضطراری است، «اضطراری» را بزنید.`
				),
				en:
					`The excavation officer's review is due by ${formatJalali(due, 'en')} (${due}, ${days} working days)${referral ? ', and a protected-area referral must be answered first, which can take longer' : ''}; ` +
					`a start on ${formatJalali(input.start, 'en')} (${input.start}) comes before the permit. A start from ${formatJalali(earliest, 'en')} (${earliest}) on is realistic. If the works are an emergency, mark them as one.`
			}
		: null;
	return { due_on: due, working_days: days, earliest_start: earliest, late, pending_referrals: pendingReferrals, message };
}

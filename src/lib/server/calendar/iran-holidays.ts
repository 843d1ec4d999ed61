import type { Bilingual } from '../../i18n/lang';
import type { IsoDate } from '../../domain/working-days';

/**
 * Iran's official holidays (تعطیلات رسمی), as DATA to be updated every year.
 *
 * - `basis: 'solar'` holidays sit on fixed Jalali days (Nowruz 1–4 Farvardin, 12–13 Farvardin,
 *   14–15 Khordad, 22 Bahman, 29 Esfand).
 * - `basis: 'lunar'` holidays follow the Hijri calendar and move about eleven days earlier each
 *   solar year; their final day depends on the moon sighting, so the government can move one by a
 *   day after the calendar is printed (as with Eid al-Fitr 1404). Correct such a row when it happens.
 * - `status: 'published'` rows follow the official calendar (approved by the Public Culture Council,
 *   computed by the University of Tehran Geophysics Institute) as reported in the press.
 *   `status: 'estimated'` rows were derived from the lunar calendar, anchored on the published
 *   Tasua/Ashura of 1405; replace them with the official list when it is at hand.
 * - Several occasions on one day make one row (one day off).
 *
 * Sources: 1404 — press reports of the official calendar (26 days, 4 of them on Friday).
 * 1405 — ILNA, 2025-10-30 (25 days; Farvardin to Tir as listed there; the report lists no
 * holiday for 25 Shawwal in Farvardin, so none is added here).
 */
export interface OfficialHoliday {
	date: IsoDate;
	/** The same day in the Jalali calendar, YYYY-MM-DD. */
	jalali: string;
	name: Bilingual;
	basis: 'solar' | 'lunar';
	/**
	 * `published`: on the official calendar; `estimated`: worked out ahead of it (a lunar day may move);
	 * `fixed`: a solar holiday on its fixed Jalali day in a year the list does not hold yet (holiday-rules.ts).
	 */
	status: 'published' | 'estimated' | 'fixed';
}

const NOWRUZ: Bilingual = { fa: 'عید نوروز', en: 'Nowruz' };

export const IRAN_OFFICIAL_HOLIDAYS: readonly OfficialHoliday[] = [
	// ── 1404 (2025-03-21 … 2026-03-20) ──
	{ date: '2025-03-21', jalali: '1404-01-01', name: { fa: 'آغاز نوروز', en: 'Nowruz (New Year)' }, basis: 'solar', status: 'published' },
	{ date: '2025-03-22', jalali: '1404-01-02', name: { fa: 'عید نوروز؛ شهادت حضرت علی (ع)', en: 'Nowruz; martyrdom of Imam Ali' }, basis: 'solar', status: 'published' },
	{ date: '2025-03-23', jalali: '1404-01-03', name: NOWRUZ, basis: 'solar', status: 'published' },
	{ date: '2025-03-24', jalali: '1404-01-04', name: NOWRUZ, basis: 'solar', status: 'published' },
	{ date: '2025-03-31', jalali: '1404-01-11', name: { fa: 'عید سعید فطر', en: 'Eid al-Fitr' }, basis: 'lunar', status: 'published' },
	{ date: '2025-04-01', jalali: '1404-01-12', name: { fa: 'روز جمهوری اسلامی؛ تعطیل به مناسبت عید فطر', en: 'Islamic Republic Day; Eid al-Fitr holiday' }, basis: 'solar', status: 'published' },
	{ date: '2025-04-02', jalali: '1404-01-13', name: { fa: 'روز طبیعت', en: 'Nature Day (Sizdah Bedar)' }, basis: 'solar', status: 'published' },
	{ date: '2025-04-24', jalali: '1404-02-04', name: { fa: 'شهادت امام جعفر صادق (ع)', en: 'Martyrdom of Imam Sadegh' }, basis: 'lunar', status: 'published' },
	{ date: '2025-06-04', jalali: '1404-03-14', name: { fa: 'رحلت امام خمینی', en: 'Passing of Imam Khomeini' }, basis: 'solar', status: 'published' },
	{ date: '2025-06-05', jalali: '1404-03-15', name: { fa: 'قیام ۱۵ خرداد', en: '15 Khordad uprising' }, basis: 'solar', status: 'published' },
	{ date: '2025-06-06', jalali: '1404-03-16', name: { fa: 'عید سعید قربان', en: 'Eid al-Adha' }, basis: 'lunar', status: 'published' },
	{ date: '2025-06-14', jalali: '1404-03-24', name: { fa: 'عید سعید غدیر خم', en: 'Eid al-Ghadir' }, basis: 'lunar', status: 'published' },
	{ date: '2025-07-05', jalali: '1404-04-14', name: { fa: 'تاسوعای حسینی', en: 'Tasua' }, basis: 'lunar', status: 'published' },
	{ date: '2025-07-06', jalali: '1404-04-15', name: { fa: 'عاشورای حسینی', en: 'Ashura' }, basis: 'lunar', status: 'published' },
	{ date: '2025-08-14', jalali: '1404-05-23', name: { fa: 'اربعین حسینی', en: 'Arbaeen' }, basis: 'lunar', status: 'published' },
	{ date: '2025-08-22', jalali: '1404-05-31', name: { fa: 'رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)', en: 'Demise of the Prophet and martyrdom of Imam Hasan' }, basis: 'lunar', status: 'published' },
	{ date: '2025-08-24', jalali: '1404-06-02', name: { fa: 'شهادت امام رضا (ع)', en: 'Martyrdom of Imam Reza' }, basis: 'lunar', status: 'published' },
	{ date: '2025-09-01', jalali: '1404-06-10', name: { fa: 'شهادت امام حسن عسکری (ع)', en: 'Martyrdom of Imam Hasan Askari' }, basis: 'lunar', status: 'published' },
	{ date: '2025-09-10', jalali: '1404-06-19', name: { fa: 'میلاد رسول اکرم (ص) و امام جعفر صادق (ع)', en: 'Birth of the Prophet and Imam Sadegh' }, basis: 'lunar', status: 'published' },
	{ date: '2025-11-24', jalali: '1404-09-03', name: { fa: 'شهادت حضرت فاطمه زهرا (س)', en: 'Martyrdom of Fatima' }, basis: 'lunar', status: 'published' },
	{ date: '2026-01-03', jalali: '1404-10-13', name: { fa: 'ولادت امام علی (ع)', en: 'Birth of Imam Ali' }, basis: 'lunar', status: 'published' },
	{ date: '2026-01-17', jalali: '1404-10-27', name: { fa: 'مبعث رسول اکرم (ص)', en: 'Mab’ath (the Prophet’s mission)' }, basis: 'lunar', status: 'published' },
	{ date: '2026-02-04', jalali: '1404-11-15', name: { fa: 'ولادت حضرت قائم (عج)', en: 'Birth of Imam Mahdi' }, basis: 'lunar', status: 'published' },
	{ date: '2026-02-11', jalali: '1404-11-22', name: { fa: 'پیروزی انقلاب اسلامی', en: 'Victory of the Islamic Revolution' }, basis: 'solar', status: 'published' },
	{ date: '2026-03-11', jalali: '1404-12-20', name: { fa: 'شهادت حضرت علی (ع)', en: 'Martyrdom of Imam Ali' }, basis: 'lunar', status: 'published' },
	{ date: '2026-03-20', jalali: '1404-12-29', name: { fa: 'روز ملی شدن صنعت نفت', en: 'Oil Nationalisation Day' }, basis: 'solar', status: 'published' },

	// ── 1405 (2026-03-21 … 2027-03-20) ──
	{ date: '2026-03-21', jalali: '1405-01-01', name: { fa: 'آغاز نوروز؛ عید سعید فطر', en: 'Nowruz (New Year); Eid al-Fitr' }, basis: 'solar', status: 'published' },
	{ date: '2026-03-22', jalali: '1405-01-02', name: { fa: 'عید نوروز؛ تعطیل به مناسبت عید فطر', en: 'Nowruz; Eid al-Fitr holiday' }, basis: 'solar', status: 'published' },
	{ date: '2026-03-23', jalali: '1405-01-03', name: NOWRUZ, basis: 'solar', status: 'published' },
	{ date: '2026-03-24', jalali: '1405-01-04', name: NOWRUZ, basis: 'solar', status: 'published' },
	{ date: '2026-04-01', jalali: '1405-01-12', name: { fa: 'روز جمهوری اسلامی', en: 'Islamic Republic Day' }, basis: 'solar', status: 'published' },
	{ date: '2026-04-02', jalali: '1405-01-13', name: { fa: 'روز طبیعت', en: 'Nature Day (Sizdah Bedar)' }, basis: 'solar', status: 'published' },
	{ date: '2026-05-27', jalali: '1405-03-06', name: { fa: 'عید سعید قربان', en: 'Eid al-Adha' }, basis: 'lunar', status: 'published' },
	{ date: '2026-06-04', jalali: '1405-03-14', name: { fa: 'رحلت امام خمینی؛ عید سعید غدیر خم', en: 'Passing of Imam Khomeini; Eid al-Ghadir' }, basis: 'solar', status: 'published' },
	{ date: '2026-06-05', jalali: '1405-03-15', name: { fa: 'قیام ۱۵ خرداد', en: '15 Khordad uprising' }, basis: 'solar', status: 'published' },
	{ date: '2026-06-24', jalali: '1405-04-03', name: { fa: 'تاسوعای حسینی', en: 'Tasua' }, basis: 'lunar', status: 'published' },
	{ date: '2026-06-25', jalali: '1405-04-04', name: { fa: 'عاشورای حسینی', en: 'Ashura' }, basis: 'lunar', status: 'published' },
	{ date: '2026-08-03', jalali: '1405-05-12', name: { fa: 'اربعین حسینی', en: 'Arbaeen' }, basis: 'lunar', status: 'estimated' },
	{ date: '2026-08-11', jalali: '1405-05-20', name: { fa: 'رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)', en: 'Demise of the Prophet and martyrdom of Imam Hasan' }, basis: 'lunar', status: 'estimated' },
	{ date: '2026-08-13', jalali: '1405-05-22', name: { fa: 'شهادت امام رضا (ع)', en: 'Martyrdom of Imam Reza' }, basis: 'lunar', status: 'estimated' },
	{ date: '2026-08-21', jalali: '1405-05-30', name: { fa: 'شهادت امام حسن عسکری (ع)', en: 'Martyrdom of Imam Hasan Askari' }, basis: 'lunar', status: 'estimated' },
	{ date: '2026-08-30', jalali: '1405-06-08', name: { fa: 'میلاد رسول اکرم (ص) و امام جعفر صادق (ع)', en: 'Birth of the Prophet and Imam Sadegh' }, basis: 'lunar', status: 'estimated' },
	{ date: '2026-11-13', jalali: '1405-08-22', name: { fa: 'شهادت حضرت فاطمه زهرا (س)', en: 'Martyrdom of Fatima' }, basis: 'lunar', status: 'estimated' },
	{ date: '2026-12-22', jalali: '1405-10-01', name: { fa: 'ولادت امام علی (ع)', en: 'Birth of Imam Ali' }, basis: 'lunar', status: 'estimated' },
	{ date: '2027-01-05', jalali: '1405-10-15', name: { fa: 'مبعث رسول اکرم (ص)', en: 'Mab’ath (the Prophet’s mission)' }, basis: 'lunar', status: 'estimated' },
	{ date: '2027-01-23', jalali: '1405-11-03', name: { fa: 'ولادت حضرت قائم (عج)', en: 'Birth of Imam Mahdi' }, basis: 'lunar', status: 'estimated' },
	{ date: '2027-02-11', jalali: '1405-11-22', name: { fa: 'پیروزی انقلاب اسلامی', en: 'Victory of the Islamic Revolution' }, basis: 'solar', status: 'published' },
	{ date: '2027-03-01', jalali: '1405-12-10', name: { fa: 'شهادت حضرت علی (ع)', en: 'Martyrdom of Imam Ali' }, basis: 'lunar', status: 'estimated' },
	{ date: '2027-03-10', jalali: '1405-12-19', name: { fa: 'عید سعید فطر', en: 'Eid al-Fitr' }, basis: 'lunar', status: 'estimated' },
	{ date: '2027-03-11', jalali: '1405-12-20', name: { fa: 'تعطیل به مناسبت عید فطر', en: 'Eid al-Fitr holiday' }, basis: 'lunar', status: 'estimated' },
	{ date: '2027-03-20', jalali: '1405-12-29', name: { fa: 'روز ملی شدن صنعت نفت', en: 'Oil Nationalisation Day' }, basis: 'solar', status: 'published' }
];

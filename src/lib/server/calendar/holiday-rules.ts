import type { Bilingual } from '../../i18n/lang';
import { fromJalali, jalaliIso } from '../../domain/jalali';
import { addCalendarDays, type IsoDate } from '../../domain/working-days';
import type { OfficialHoliday } from './iran-holidays';

/**
 * Iran's official holidays for a Jalali year the published data (iran-holidays.ts) does not list
 * yet, from the rules the calendar follows every year, so that a deadline running past the end of
 * the data still skips Nowruz and the other days off instead of counting them as working days.
 *
 * - The solar holidays sit on fixed Jalali days: exact.
 * - The lunar ones sit on fixed Hijri days, and Iran starts each lunar month on its own moon
 *   sighting. They are placed by the astronomical Islamic calendar of ICU (`islamic`, through
 *   `Intl`) one day later, which matches Iran's calendar on 15 of the 20 published lunar days of
 *   1404–1405 and misses the others by one day (holiday-rules.test.ts measures it).
 *
 * The solar days are `status: 'fixed'`, the lunar ones `'estimated'`; the official list replaces both
 * when the year's calendar is published (add the year to iran-holidays.ts).
 */

interface SolarRule {
	month: number;
	day: number;
	name: Bilingual;
}

interface LunarRule {
	/** 1 = Muharram … 12 = Dhu al-Hijja */
	month: number;
	/** 'last': the month's last day (29 or 30). */
	day: number | 'last';
	name: Bilingual;
}

const NOWRUZ: Bilingual = { fa: 'عید نوروز', en: 'Nowruz' };

const SOLAR_RULES: readonly SolarRule[] = [
	{ month: 1, day: 1, name: { fa: 'آغاز نوروز', en: 'Nowruz (New Year)' } },
	{ month: 1, day: 2, name: NOWRUZ },
	{ month: 1, day: 3, name: NOWRUZ },
	{ month: 1, day: 4, name: NOWRUZ },
	{ month: 1, day: 12, name: { fa: 'روز جمهوری اسلامی', en: 'Islamic Republic Day' } },
	{ month: 1, day: 13, name: { fa: 'روز طبیعت', en: 'Nature Day (Sizdah Bedar)' } },
	{ month: 3, day: 14, name: { fa: 'رحلت امام خمینی', en: 'Passing of Imam Khomeini' } },
	{ month: 3, day: 15, name: { fa: 'قیام ۱۵ خرداد', en: '15 Khordad uprising' } },
	{ month: 11, day: 22, name: { fa: 'پیروزی انقلاب اسلامی', en: 'Victory of the Islamic Revolution' } },
	{ month: 12, day: 29, name: { fa: 'روز ملی شدن صنعت نفت', en: 'Oil Nationalisation Day' } }
];

const LUNAR_RULES: readonly LunarRule[] = [
	{ month: 1, day: 9, name: { fa: 'تاسوعای حسینی', en: 'Tasua' } },
	{ month: 1, day: 10, name: { fa: 'عاشورای حسینی', en: 'Ashura' } },
	{ month: 2, day: 20, name: { fa: 'اربعین حسینی', en: 'Arbaeen' } },
	{ month: 2, day: 28, name: { fa: 'رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)', en: 'Demise of the Prophet and martyrdom of Imam Hasan' } },
	{ month: 2, day: 'last', name: { fa: 'شهادت امام رضا (ع)', en: 'Martyrdom of Imam Reza' } },
	{ month: 3, day: 8, name: { fa: 'شهادت امام حسن عسکری (ع)', en: 'Martyrdom of Imam Hasan Askari' } },
	{ month: 3, day: 17, name: { fa: 'میلاد رسول اکرم (ص) و امام جعفر صادق (ع)', en: 'Birth of the Prophet and Imam Sadegh' } },
	{ month: 6, day: 3, name: { fa: 'شهادت حضرت فاطمه زهرا (س)', en: 'Martyrdom of Fatima' } },
	{ month: 7, day: 13, name: { fa: 'ولادت امام علی (ع)', en: 'Birth of Imam Ali' } },
	{ month: 7, day: 27, name: { fa: 'مبعث رسول اکرم (ص)', en: 'Mab’ath (the Prophet’s mission)' } },
	{ month: 8, day: 15, name: { fa: 'ولادت حضرت قائم (عج)', en: 'Birth of Imam Mahdi' } },
	{ month: 9, day: 21, name: { fa: 'شهادت حضرت علی (ع)', en: 'Martyrdom of Imam Ali' } },
	{ month: 10, day: 1, name: { fa: 'عید سعید فطر', en: 'Eid al-Fitr' } },
	{ month: 10, day: 2, name: { fa: 'تعطیل به مناسبت عید فطر', en: 'Eid al-Fitr holiday' } },
	{ month: 10, day: 25, name: { fa: 'شهادت امام جعفر صادق (ع)', en: 'Martyrdom of Imam Sadegh' } },
	{ month: 12, day: 10, name: { fa: 'عید سعید قربان', en: 'Eid al-Adha' } },
	{ month: 12, day: 18, name: { fa: 'عید سعید غدیر خم', en: 'Eid al-Ghadir' } }
];

/** Iran's sighting starts a lunar month about a day after ICU's astronomical calendar does. */
const SIGHTING_LAG_DAYS = 1;

let hijriFormat: Intl.DateTimeFormat | undefined;

/** The Hijri month and day Iran's calendar has on `date` (estimated, ±1 day). */
export function estimatedHijri(date: IsoDate): { month: number; day: number } {
	hijriFormat ??= new Intl.DateTimeFormat('en-u-ca-islamic', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
	const parts = hijriFormat.formatToParts(new Date(`${addCalendarDays(date, -SIGHTING_LAG_DAYS)}T00:00:00Z`));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return { month: part('month'), day: part('day') };
}

/** The estimated official holidays of Jalali year `year`, one row a day (names joined where two fall together), in date order. */
export function estimatedHolidays(year: number): OfficialHoliday[] {
	const byDate = new Map<IsoDate, { jalali: string; names: Bilingual[]; basis: Set<'solar' | 'lunar'> }>();
	const add = (date: IsoDate, jalali: string, name: Bilingual, basis: 'solar' | 'lunar') => {
		const row = byDate.get(date) ?? { jalali, names: [], basis: new Set() };
		row.names.push(name);
		row.basis.add(basis);
		byDate.set(date, row);
	};
	for (const rule of SOLAR_RULES) {
		const date = fromJalali({ year, month: rule.month, day: rule.day });
		add(date, jalaliIso(date), rule.name, 'solar');
	}
	const first = fromJalali({ year, month: 1, day: 1 });
	const next = fromJalali({ year: year + 1, month: 1, day: 1 });
	let tomorrow = estimatedHijri(first);
	for (let date = first; date < next; date = addCalendarDays(date, 1)) {
		const hijri = tomorrow;
		tomorrow = estimatedHijri(addCalendarDays(date, 1));
		for (const rule of LUNAR_RULES) {
			if (hijri.month !== rule.month) continue;
			if (rule.day === 'last' ? tomorrow.day === 1 : hijri.day === rule.day) add(date, jalaliIso(date), rule.name, 'lunar');
		}
	}
	return [...byDate.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([date, row]) => ({
			date,
			jalali: row.jalali,
			name: { fa: row.names.map((n) => n.fa).join('؛ '), en: row.names.map((n) => n.en).join('; ') },
			// a solar day that a lunar holiday also falls on stays a solar day (it is off whatever the moon does)
			basis: row.basis.has('solar') ? 'solar' : 'lunar',
			status: row.basis.has('solar') ? 'fixed' : 'estimated'
		}));
}

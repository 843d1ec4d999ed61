import { addCalendarDays, workingCalendar, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
import { fromJalali } from '../../domain/jalali';
import { estimatedHolidays } from './holiday-rules';
import { IRAN_OFFICIAL_HOLIDAYS, type OfficialHoliday } from './iran-holidays';

export { IRAN_OFFICIAL_HOLIDAYS, type OfficialHoliday } from './iran-holidays';

const listedYears = IRAN_OFFICIAL_HOLIDAYS.map((h) => Number(h.jalali.slice(0, 4)));
const FIRST_LISTED_YEAR = Math.min(...listedYears);
const LAST_LISTED_YEAR = Math.max(...listedYears);

/** The first and last Gregorian dates the holiday list covers (its whole Jalali years: 1404–1405 → 2025-03-21 … 2027-03-20). */
export const HOLIDAY_DATA_COVERS = {
	from: fromJalali({ year: FIRST_LISTED_YEAR, month: 1, day: 1 }),
	to: addCalendarDays(fromJalali({ year: LAST_LISTED_YEAR + 1, month: 1, day: 1 }), -1)
} as const;

/** Jalali years after the data whose holidays are estimated from the calendar's rules (holiday-rules.ts). */
export const ESTIMATED_YEARS_AFTER_DATA = 10;

let allHolidays: readonly OfficialHoliday[] | undefined;

/**
 * The listed holidays (published, or estimated by hand where the list says so), then those of the
 * following years estimated from the rules, so a deadline that runs past the list still skips
 * Nowruz and the rest. In date order.
 */
export function iranHolidays(): readonly OfficialHoliday[] {
	if (!allHolidays) {
		const later: OfficialHoliday[] = [];
		for (let year = LAST_LISTED_YEAR + 1; year <= LAST_LISTED_YEAR + ESTIMATED_YEARS_AFTER_DATA; year++) later.push(...estimatedHolidays(year));
		allHolidays = [...IRAN_OFFICIAL_HOLIDAYS, ...later];
	}
	return allHolidays;
}

export interface MunicipalCalendarOptions {
	/** Most municipalities close on Thursday; set false for an office that opens. */
	thursdayOff?: boolean;
	officeClosesAt?: string;
	/** Extra local days off (a city's own closures, a day off announced for heat or air pollution). */
	extraHolidays?: Iterable<IsoDate>;
}

/** The working calendar of an Iranian municipality: Friday off, Thursday off by default, official holidays. */
export function municipalCalendar(options: MunicipalCalendarOptions = {}): WorkingCalendar {
	return workingCalendar({
		thursdayOff: options.thursdayOff ?? true,
		officeClosesAt: options.officeClosesAt,
		holidays: [...iranHolidays().map((h) => h.date), ...(options.extraHolidays ?? [])]
	});
}

export function officialHolidayOn(date: IsoDate): OfficialHoliday | undefined {
	return iranHolidays().find((h) => h.date === date);
}

/** False beyond the listed data: deadlines there count holidays estimated from the rules, so the list needs its yearly update. */
export function holidayDataCovers(date: IsoDate): boolean {
	return date >= HOLIDAY_DATA_COVERS.from && date <= HOLIDAY_DATA_COVERS.to;
}

/** The holidays from `from` (inclusive) to `to` (exclusive). */
export function holidaysBetween(from: IsoDate, to: IsoDate): OfficialHoliday[] {
	return iranHolidays().filter((h) => h.date >= from && h.date < to);
}

/**
 * What the administrator's page shows: the holidays deadlines skip in the year from `today`, which of
 * them are published, fixed by the solar calendar or estimated, and whether the listed data ends within three months (time to add next year's).
 */
export function holidayOutlook(today: IsoDate) {
	return {
		rows: holidaysBetween(today, addCalendarDays(today, 365)).map((h) => ({ date: h.date, name: h.name, status: h.status })),
		listedTo: HOLIDAY_DATA_COVERS.to,
		listEndsSoon: addCalendarDays(today, 90) > HOLIDAY_DATA_COVERS.to
	};
}

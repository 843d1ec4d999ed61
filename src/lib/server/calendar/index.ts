import { workingCalendar, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
import { IRAN_OFFICIAL_HOLIDAYS, type OfficialHoliday } from './iran-holidays';

export { IRAN_OFFICIAL_HOLIDAYS, type OfficialHoliday } from './iran-holidays';

/** The first and last Gregorian dates the holiday data covers (whole Jalali years). */
export const HOLIDAY_DATA_COVERS = { from: '2025-03-21', to: '2027-03-20' } as const;

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
		holidays: [...IRAN_OFFICIAL_HOLIDAYS.map((h) => h.date), ...(options.extraHolidays ?? [])]
	});
}

export function officialHolidayOn(date: IsoDate): OfficialHoliday | undefined {
	return IRAN_OFFICIAL_HOLIDAYS.find((h) => h.date === date);
}

/** False beyond the data: deadlines there ignore holidays, so the data needs its yearly update. */
export function holidayDataCovers(date: IsoDate): boolean {
	return date >= HOLIDAY_DATA_COVERS.from && date <= HOLIDAY_DATA_COVERS.to;
}

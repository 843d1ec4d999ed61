import { addCalendarDays, tehranDate, type IsoDate } from '../working-days';

/**
 * How long a fee bill may be paid. The bill is the one payment deadline the citizen is given: its
 * last day is printed on the bill, and a case waiting at its payment step is due on that same day
 * (the step's own working-day clock does not apply), so the bill page, the case page, the SMS and
 * the cartable's «overdue» all name one date. After it the bill is void and the fees are assessed
 * again under the tariff then in force.
 */
export const BILL_VALID_DAYS = 30;

/** Iran's offset from UTC (no daylight saving since 1401). */
const TEHRAN_OFFSET_MS = 3.5 * 3600_000;

/**
 * The last day (in Iran, inclusive) a bill issued at `issuedAt` may be paid: `validDays` calendar
 * days after its day of issue.
 * @example billLastDay(new Date('2026-11-20T09:00:00Z')) // '2026-12-20'
 */
export function billLastDay(issuedAt: Date, validDays = BILL_VALID_DAYS): IsoDate {
	return addCalendarDays(tehranDate(issuedAt), validDays);
}

/** The instant a bill stops being payable: the end of its last day in Iran. */
export function billExpiresAt(lastDay: IsoDate): Date {
	return new Date(new Date(`${lastDay}T00:00:00Z`).getTime() + 86_400_000 - TEHRAN_OFFSET_MS - 1);
}

/** The last day (in Iran) of a bill that expires at `expiresAt`: the date to show as its payment deadline. */
export function billLastDayOf(expiresAt: Date | string): IsoDate {
	return tehranDate(new Date(expiresAt));
}

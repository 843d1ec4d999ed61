/**
 * Working-day clocks on the Iranian week, in Asia/Tehran local dates.
 *
 * - Friday is always off; Thursday is off by default (most municipalities close on Thursday) but
 *   configurable for offices that open.
 * - Official holidays come as data (see `src/lib/server/calendar/`): they are published yearly and
 *   the lunar ones move about eleven days earlier each year.
 * - Dates are ISO `YYYY-MM-DD` strings of the Tehran calendar day; Iran has kept UTC+03:30 all
 *   year since 2022, but the conversion goes through Intl so older instants stay right as well.
 */
export type IsoDate = string;

export interface WorkingCalendar {
	/** Thursday off (true for most municipalities). Friday is always off. */
	thursdayOff: boolean;
	holidays: ReadonlySet<IsoDate>;
	/**
	 * Local time ('HH:MM') when the office closes. A step that starts at or after it (or on a day
	 * off) is received on the next working day, as if it had arrived the next morning.
	 */
	officeClosesAt: string;
}

export interface WorkingCalendarOptions {
	thursdayOff?: boolean;
	holidays?: Iterable<IsoDate>;
	officeClosesAt?: string;
}

/** Government offices work 07:00–14:00; the close is the default cut-off for same-day receipt. */
export const DEFAULT_OFFICE_CLOSES_AT = '14:00';

export function workingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
	const closes = options.officeClosesAt ?? DEFAULT_OFFICE_CLOSES_AT;
	if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(closes)) throw new RangeError(`officeClosesAt must be HH:MM, got ${closes}`);
	const holidays = new Set<IsoDate>();
	for (const date of options.holidays ?? []) holidays.add(checkDate(date));
	return { thursdayOff: options.thursdayOff ?? true, holidays, officeClosesAt: closes };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function checkDate(date: IsoDate): IsoDate {
	if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
		throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
	}
	return date;
}

function dayNumber(date: IsoDate): number {
	return Date.parse(`${checkDate(date)}T00:00:00Z`) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar arithmetic on local dates (no working-day rules). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
	return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 5 = Friday, 6 = Saturday (the first day of the Iranian week). */
export function weekday(date: IsoDate): number {
	return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

const FRIDAY = 5;
const THURSDAY = 4;

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
	const day = weekday(date);
	if (day === FRIDAY) return false;
	if (day === THURSDAY && calendar.thursdayOff) return false;
	return !calendar.holidays.has(date);
}

/**
 * The n-th working day after `start` (start itself is not counted, as in legal deadlines).
 * n = 0 returns `start`.
 *
 * @example addWorkingDays('2025-03-19', 1, cal) // Wednesday 28 Esfand → first day after Nowruz
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
	let day = dayNumber(start);
	let left = n;
	while (left > 0) {
		day += 1;
		if (isWorkingDay(fromDayNumber(day), calendar)) left -= 1;
	}
	return fromDayNumber(day);
}

/**
 * Working days d with a < d ≤ b; negative when b is before a. The inverse of addWorkingDays:
 * workingDaysBetween(a, addWorkingDays(a, n)) === n.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, calendar: WorkingCalendar): number {
	const from = dayNumber(a);
	const to = dayNumber(b);
	if (to < from) return -workingDaysBetween(b, a, calendar);
	let count = 0;
	for (let day = from + 1; day <= to; day++) if (isWorkingDay(fromDayNumber(day), calendar)) count += 1;
	return count;
}

export function nextWorkingDay(date: IsoDate, calendar: WorkingCalendar): IsoDate {
	return addWorkingDays(date, 1, calendar);
}

/** The last working day before `date` (the inverse of nextWorkingDay on working days). */
export function previousWorkingDay(date: IsoDate, calendar: WorkingCalendar): IsoDate {
	let day = dayNumber(date) - 1;
	while (!isWorkingDay(fromDayNumber(day), calendar)) day -= 1;
	return fromDayNumber(day);
}

const tehranParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Tehran',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** The Tehran local date and time of an instant. */
export function tehranLocal(instant: Date): { date: IsoDate; time: string } {
	const p = Object.fromEntries(tehranParts.formatToParts(instant).map((part) => [part.type, part.value]));
	return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export function tehranDate(instant: Date): IsoDate {
	return tehranLocal(instant).date;
}

/**
 * The working day on which work that arrived at `instant` is received: the same day when it is a
 * working day and the office is still open, otherwise the next working day.
 */
export function receivedOn(instant: Date, calendar: WorkingCalendar): IsoDate {
	const { date, time } = tehranLocal(instant);
	if (isWorkingDay(date, calendar) && time < calendar.officeClosesAt) return date;
	return nextWorkingDay(date, calendar);
}

/**
 * The last day (inclusive) to finish a step of `workingDays` that started at `startedAt`: the
 * receipt day is day zero and the clock counts the working days after it, so a 1-day step
 * received on Saturday is due on Sunday. A step started after hours or on a day off counts from
 * the next working day.
 */
export function dueDate(startedAt: Date, workingDays: number, calendar: WorkingCalendar): IsoDate {
	return addWorkingDays(receivedOn(startedAt, calendar), workingDays, calendar);
}

/** Overdue once the Tehran date is past the due day (the due day itself is still in time). */
export function isOverdue(due: IsoDate, now: Date): boolean {
	return tehranDate(now) > checkDate(due);
}

/** Working days left until the due day (0 on the due day, negative when overdue). */
export function workingDaysLeft(due: IsoDate, now: Date, calendar: WorkingCalendar): number {
	return workingDaysBetween(tehranDate(now), due, calendar);
}

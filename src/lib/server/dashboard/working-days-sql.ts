/**
 * Working days between two date columns in SQL, the same count as workingDaysBetween() in
 * src/lib/domain/working-days.ts (days d with a < d ≤ b that are working days), so a median over
 * thousands of cases is computed where the rows are.
 *
 * Weekdays in closed form: with n = days since 1970-01-01 (a Thursday), W(n) counts the working
 * weekdays in [0, n): whole weeks × working days a week, plus the working days among the first
 * n mod 7 days of a week that starts on Thursday. Then (a, b] has W(b+1) − W(a+1) working weekdays,
 * less the official holidays in (a, b] that fall on a working weekday (passed as a sorted date[]):
 * width_bucket(d, holidays) counts the holidays ≤ d by binary search, so (a, b] holds
 * width_bucket(b) − width_bucket(a) of them, with no subquery per row (a year of the 1M city's
 * decisions: 250 ms with a per-row unnest, see BENCHMARKS.md).
 */
import { sql, type RawBuilder } from 'kysely';
import { weekday, type IsoDate, type WorkingCalendar } from '../../domain/working-days';

function weekdaysBefore(dayNumber: RawBuilder<number>, thursdayOff: boolean): RawBuilder<number> {
	const perWeek = thursdayOff ? 5 : 6;
	// day k of the Thursday-first week: 0 Thu, 1 Fri, 2 Sat …; Friday always off, Thursday when set
	return sql<number>`((${dayNumber}) / 7 * ${sql.lit(perWeek)} + (${dayNumber}) % 7
		- (case when (${dayNumber}) % 7 >= 2 then 1 else 0 end)
		- ${thursdayOff ? sql`(case when (${dayNumber}) % 7 >= 1 then 1 else 0 end)` : sql`0`})`;
}

/** The holidays that fall on a working weekday (the others are off anyway). */
export function workingHolidays(calendar: WorkingCalendar): IsoDate[] {
	return [...calendar.holidays].filter((d) => weekday(d) !== 5 && !(calendar.thursdayOff && weekday(d) === 4)).sort();
}

/** Working days d with a < d ≤ b (a ≤ b), for date-typed SQL expressions. */
export function workingDaysSql(a: RawBuilder<unknown>, b: RawBuilder<unknown>, calendar: WorkingCalendar): RawBuilder<number> {
	const n = (d: RawBuilder<unknown>) => sql<number>`((${d}) - date '1970-01-01' + 1)`;
	const holidays = workingHolidays(calendar);
	return sql<number>`(${weekdaysBefore(n(b), calendar.thursdayOff)} - ${weekdaysBefore(n(a), calendar.thursdayOff)}
		- (width_bucket((${b})::date, ${holidays}::date[]) - width_bucket((${a})::date, ${holidays}::date[])))`;
}

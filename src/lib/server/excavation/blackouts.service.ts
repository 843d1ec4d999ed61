import { BLACKOUT_PERIODS, type BlackoutPeriod } from './blackout-calendar';
import { insertMissingBlackouts } from './blackouts.repository';
import type { Queryable } from './footprint.repository';

/** At start-up: the calendar bans of blackout-calendar.ts the database does not have yet. Returns how many were added. */
export function loadBlackoutCalendar(db: Queryable, periods: readonly BlackoutPeriod[] = BLACKOUT_PERIODS): Promise<number> {
	return insertMissingBlackouts(db, periods);
}

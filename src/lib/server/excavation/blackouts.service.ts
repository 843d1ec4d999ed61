import { blackoutCalendar, type BlackoutPeriod } from './blackout-calendar';
import { insertMissingBlackouts } from './blackouts.repository';
import type { Queryable } from './footprint.repository';

/** At start-up: the calendar bans of blackout-calendar.ts (Nowruz's up to next year's) the database does not have yet. Returns how many were added. */
export function loadBlackoutCalendar(db: Queryable, periods: readonly BlackoutPeriod[] = blackoutCalendar()): Promise<number> {
	return insertMissingBlackouts(db, periods);
}

import { sql } from 'kysely';
import type { BlackoutPeriod } from './blackout-calendar';
import type { Queryable } from './footprint.repository';

/**
 * Loads the calendar bans into `blackout_periods`: rows not there yet are added; rows already
 * there (perhaps switched off or corrected by the city) are left alone. Returns how many were added.
 */
export async function insertMissingBlackouts(db: Queryable, periods: readonly BlackoutPeriod[]): Promise<number> {
	if (periods.length === 0) return 0;
	const result = await sql`
		insert into blackout_periods (code, name_fa, name_en, jalali_year, starts_on, ends_on, estimated)
		select b.code, b.name_fa, b.name_en, b.jalali_year, b.starts_on, b.ends_on, b.estimated
		from unnest(${periods.map((p) => p.code)}::text[], ${periods.map((p) => p.name.fa)}::text[], ${periods.map((p) => p.name.en)}::text[],
		            ${periods.map((p) => p.jalaliYear)}::int[], ${periods.map((p) => p.from)}::date[], ${periods.map((p) => p.until)}::date[],
		            ${periods.map((p) => p.estimated)}::bool[])
		     as b(code, name_fa, name_en, jalali_year, starts_on, ends_on, estimated)
		on conflict (code) do nothing`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

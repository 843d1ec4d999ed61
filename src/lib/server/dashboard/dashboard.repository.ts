/**
 * The dashboards' SQL: every figure per district for a period, from the daily rollup of migrations/0150
 * (one row per district and Tehran day, rebuilt right after the materialised facts of migrations/0100,
 * 0120), the facts themselves where a figure cannot be summed (street works over a period, the open
 * cases overdue today, the cases behind a figure), and capacity; open violations live. Dates are Tehran
 * calendar days, both ends inclusive; instants are compared with the period's Tehran midnights.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { WorkingCalendar } from '../../domain/working-days';
import { compareCodes } from '../../domain/text';
import type { CaseBehindFigure, DistrictRef, ImportedBacklogRow } from '../../api/dashboard';
import { workingDaysSql } from './working-days-sql';

type Db = Kysely<DB> | Transaction<DB>;

/** pelak_settings key the sample history loader sets (gis/sample-city/history.ts). */
export const SAMPLE_HISTORY_KEY = 'sample_history';

export interface Period {
	from: string;
	to: string;
	/** Today's Tehran date: open steps past their last day are overdue. */
	today: string;
}

/** The districts in code order, as people read it (2 before 10). */
export async function listDistrictRefs(db: Db): Promise<DistrictRef[]> {
	const rows = await db.selectFrom('districts').select(['id', 'code', 'name_fa', 'name_en']).execute();
	return rows.sort((a, b) => compareCodes(a.code, b.code) || a.id - b.id);
}

/** Districts as WGS84 GeoJSON for the choropleth, simplified to about a metre. */
export async function districtShapes(db: Db): Promise<{ id: number; geometry: GeoJSON.Geometry }[]> {
	const { rows } = await sql<{ id: number; geometry: string }>`
		select id, ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(geom, 1), 4326), 6) as geometry
		from districts order by id`.execute(db);
	return rows.map((r) => ({ id: r.id, geometry: JSON.parse(r.geometry) }));
}

export interface CaseCounts {
	district_id: number | null;
	filed: number;
	overdue: number;
}

/**
 * Filed and overdue per district (and, as district_id null, the city). Filed and the cases that missed a
 * deadline are summed from the daily rollup (migrations/0150); the open cases that missed none but whose
 * step is past its last day today are counted from the facts' open-case index (they depend on today).
 */
export async function caseCounts(db: Db, p: Period): Promise<CaseCounts[]> {
	const { rows } = await sql<CaseCounts>`
		select district_id, sum(filed)::int as filed, sum(overdue)::int as overdue
		from (select district_id, filed, filed_missed as overdue from dashboard_daily
		      where day between ${p.from}::date and ${p.to}::date and filed > 0
		      union all
		      select district_id, 0, 1 from dashboard_case_facts
		      where workflow_status = 'in_progress' and missed_deadlines = 0
		        and filed_on between ${p.from}::date and ${p.to}::date
		        and holder_role is distinct from 'applicant' and due_on < ${p.today}::date) x
		group by rollup (district_id)`.execute(db);
	return rows;
}

export interface DecisionCounts {
	district_id: number | null;
	decided: number;
	median_days: number | null;
}

/** The median of a histogram (value → count), as percentile_cont(0.5): the mean of the two middle values when even. */
export function histogramMedian(histogram: Map<number, number>): number | null {
	const values = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
	const total = values.reduce((s, [, n]) => s + n, 0);
	if (total === 0) return null;
	const at = (k: number) => {
		let seen = 0;
		for (const [v, n] of values) {
			seen += n;
			if (k < seen) return v;
		}
		return values[values.length - 1][0];
	};
	const lo = Math.floor((total - 1) / 2);
	const hi = Math.ceil((total - 1) / 2);
	return (at(lo) + at(hi)) / 2;
}

/**
 * Decided and the median working days to decision, per district and (district_id null) city-wide:
 * the working days are counted once per (district, filed day, decided day) of the rollup's histogram
 * (migrations/0150), summed per district and working days, and the median read off the sums.
 */
export async function decisionCounts(db: Db, p: Period, calendar: WorkingCalendar): Promise<DecisionCounts[]> {
	const days = workingDaysSql(sql`f.filed_on`, sql`f.decided_on`, calendar);
	const { rows } = await sql<{ district_id: number; days: number; n: number }>`
		select f.district_id, ${days} as days, sum(f.n)::int as n
		from dashboard_decided_pairs f
		where f.decided_on between ${p.from}::date and ${p.to}::date
		group by 1, 2`.execute(db);
	const byDistrict = new Map<number | null, Map<number, number>>([[null, new Map()]]);
	for (const r of rows) {
		for (const key of [r.district_id, null]) {
			let h = byDistrict.get(key);
			if (!h) byDistrict.set(key, (h = new Map()));
			h.set(Number(r.days), (h.get(Number(r.days)) ?? 0) + r.n);
		}
	}
	return [...byDistrict.entries()].map(([district_id, h]) => ({
		district_id,
		decided: [...h.values()].reduce((s, n) => s + n, 0),
		median_days: histogramMedian(h)
	}));
}

export interface PermitCounts {
	district_id: number;
	permits: number;
	floor_area_m2: number;
}

/** Permits issued in the period and their floor area, per district, from the daily rollup. */
export async function permitCounts(db: Db, p: Period): Promise<PermitCounts[]> {
	const { rows } = await sql<PermitCounts>`
		select district_id, sum(permits)::int as permits, coalesce(sum(permit_m2), 0)::float8 as floor_area_m2
		from dashboard_daily
		where day between ${p.from}::date and ${p.to}::date and permits > 0
		group by district_id`.execute(db);
	return rows;
}

export interface CapacityRow {
	district_id: number;
	capacity_floor_area_m2: number;
	parcels_with_rule: number;
	permitted_to_date_m2: number;
}

/** The plan's density envelope (materialised) and the floor area permitted to date, per district. */
export async function capacityRows(db: Db): Promise<CapacityRow[]> {
	const { rows } = await sql<CapacityRow>`
		select c.district_id, c.capacity_floor_area_m2::float8 as capacity_floor_area_m2, c.parcels_with_rule,
		       coalesce(c.permitted_to_date_m2, 0)::float8 as permitted_to_date_m2
		from dashboard_district_capacity c`.execute(db);
	return rows;
}

export interface MoneyRow {
	district_id: number;
	rial: number;
}

/** Fee bills issued in the period (open or paid, above zero), per district, from the daily rollup. */
export async function feesBilled(db: Db, p: Period): Promise<MoneyRow[]> {
	const { rows } = await sql<MoneyRow>`
		select district_id, coalesce(sum(billed_rial), 0)::float8 as rial
		from dashboard_daily
		where day between ${p.from}::date and ${p.to}::date and billed_rial > 0
		group by district_id`.execute(db);
	return rows;
}

/** Payments verified in the period, per district, from the daily rollup. */
export async function feesPaid(db: Db, p: Period): Promise<MoneyRow[]> {
	const { rows } = await sql<MoneyRow>`
		select district_id, coalesce(sum(paid_rial), 0)::float8 as rial
		from dashboard_daily
		where day between ${p.from}::date and ${p.to}::date and paid > 0
		group by district_id`.execute(db);
	return rows;
}

/**
 * Street works (approved, active, completed) under way at some time in the period, per district: the works
 * started by its last day less those ended before its first (a work ends on or after it starts), summed
 * from the daily rollup.
 */
export async function excavationCounts(db: Db, p: Period): Promise<{ district_id: number; works: number }[]> {
	const { rows } = await sql<{ district_id: number; works: number }>`
		select district_id, works from (
			select district_id, (coalesce(sum(works_started), 0) - coalesce(sum(works_ended) filter (where day < ${p.from}::date), 0))::int as works
			from dashboard_daily
			where day <= ${p.to}::date and (works_started > 0 or works_ended > 0)
			group by district_id) w
		where works > 0`.execute(db);
	return rows;
}

/**
 * Cases of the given request types open now, per district (live), through cases_in_progress_type_idx
 * (migrations/0162): only the cases of those types read, not every case in progress.
 */
export function openCasesOfTypesQuery(types: string[]) {
	return sql<{ district_id: number; open: number }>`
		select district_id, count(*)::int as open from cases
		where workflow_status = 'in_progress' and request_type = any(${types}::text[]) and district_id is not null
		group by district_id`;
}

/** Cases of the given request types open now, per district (live). */
export async function openCasesOfTypes(db: Db, types: string[]): Promise<{ district_id: number; open: number }[]> {
	if (!types.length) return [];
	return (await openCasesOfTypesQuery(types).execute(db)).rows;
}

export interface DayRow {
	district_id: number;
	day: string;
	n: number;
	rial: number;
}

/** Per Tehran day (and district, for one district): filed, decided, permits issued and fees paid, from the daily rollup (for the monthly series). */
export async function dailySeries(db: Db, p: Period, districtId: number | null): Promise<Record<'filed' | 'decided' | 'permits' | 'paid', DayRow[]>> {
	const { rows } = await sql<{ day: string; filed: number; decided: number; permits: number; paid: number; paid_rial: number }>`
		select day::text as day, sum(filed)::int as filed, sum(decided)::int as decided, sum(permits)::int as permits,
		       sum(paid)::int as paid, sum(paid_rial)::float8 as paid_rial
		from dashboard_daily
		where day between ${p.from}::date and ${p.to}::date and ${districtId === null ? sql`true` : sql`district_id = ${districtId}`}
		group by day`.execute(db);
	const district_id = districtId ?? 0;
	const pick = (n: (r: (typeof rows)[number]) => number, rial: (r: (typeof rows)[number]) => number = () => 0) =>
		rows.filter((r) => n(r) > 0).map((r) => ({ district_id, day: r.day, n: n(r), rial: rial(r) }));
	return {
		filed: pick((r) => r.filed),
		decided: pick((r) => r.decided),
		permits: pick((r) => r.permits),
		paid: pick(
			(r) => r.paid,
			(r) => r.paid_rial
		)
	};
}

/** The cases behind a district's case figures: filed or decided in the period, newest first. */
export async function casesBehind(db: Db, districtId: number, p: Period, limit: number): Promise<Omit<CaseBehindFigure, 'request_type_name' | 'step_name'>[]> {
	const { rows } = await sql<Omit<CaseBehindFigure, 'request_type_name' | 'step_name'>>`
		select c.id, c.tracking_code, f.request_type, f.workflow_status, f.decision, c.current_step,
		       f.filed_on::text as filed_on, f.decided_on::text as decided_on, f.due_on::text as due_on,
		       (f.missed_deadlines > 0 or (f.workflow_status = 'in_progress' and f.holder_role is distinct from 'applicant'
		        and f.due_on < ${p.today}::date)) as overdue
		from dashboard_case_facts f join cases c on c.id = f.case_id
		where f.district_id = ${districtId}
		  and (f.filed_on between ${p.from}::date and ${p.to}::date or f.decided_on between ${p.from}::date and ${p.to}::date)
		order by f.filed_on desc, c.id desc
		limit ${limit}`.execute(db);
	return rows;
}

/**
 * The backlog imported from the previous system: its open cases per district (their parcel's) as of
 * the facts (dashboard_legacy_open of 0153), and those an officer closed in the period, live, by the
 * `legacy_closed` events of case_events_legacy_closed_idx, between the period's Tehran midnights.
 */
export async function importedBacklog(db: Db, p: Period): Promise<(ImportedBacklogRow & { city: boolean })[]> {
	return (await importedBacklogQuery(p).execute(db)).rows;
}

/** The statement of importedBacklog (tests read its plan). */
export function importedBacklogQuery(p: Period) {
	// the city's row is rollup's grand total (grouping = 1), told apart from the parcels that have no district
	return sql<ImportedBacklogRow & { city: boolean }>`
		select district_id, grouping(district_id) = 1 as city, sum(open)::int as open, min(oldest_opened_on)::text as oldest_opened_on, sum(closed)::int as closed_in_period
		from (select district_id, open, oldest_opened_on, 0 as closed from dashboard_legacy_open
		      union all
		      select p.district_id, 0, null, count(*)
		      from case_events e join cases c on c.id = e.case_id join parcels p on p.id = c.parcel_id
		      where e.action = 'legacy_closed'
		        and e.at >= (${p.from}::date::timestamp at time zone 'Asia/Tehran')
		        and e.at < ((${p.to}::date + 1)::timestamp at time zone 'Asia/Tehran')
		      group by p.district_id) x
		group by rollup (district_id)`;
}

export async function hasSampleHistory(db: Db): Promise<boolean> {
	const row = await db.selectFrom('pelak_settings').select('value').where('key', '=', SAMPLE_HISTORY_KEY).executeTakeFirst();
	return row !== undefined;
}

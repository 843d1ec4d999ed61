/**
 * The dashboards' SQL: every figure per district for a period, from the materialised facts (cases,
 * street works, permits, fee bills) and capacity of migrations/0100; open violations live. Dates are Tehran
 * calendar days, both ends inclusive; instants are compared with the period's Tehran midnights.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { WorkingCalendar } from '../../domain/working-days';
import type { CaseBehindFigure, DistrictRef } from '../../api/dashboard';
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

/** Tehran midnight at the start of a day, as an instant. */
const tehranStart = (day: string) => sql`(${day}::date::timestamp AT TIME ZONE 'Asia/Tehran')`;
const tehranEnd = (day: string) => sql`((${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran')`;

export async function listDistrictRefs(db: Db): Promise<DistrictRef[]> {
	return db.selectFrom('districts').select(['id', 'code', 'name_fa', 'name_en']).orderBy('code').orderBy('id').execute();
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

/** Filed and overdue per district (and, as district_id null, the city), from the case facts. */
export async function caseCounts(db: Db, p: Period): Promise<CaseCounts[]> {
	const { rows } = await sql<CaseCounts>`
		select district_id, count(*)::int as filed,
		       count(*) filter (where missed_deadlines > 0
		                        or (workflow_status = 'in_progress' and holder_role is distinct from 'applicant' and due_on < ${p.today}::date))::int as overdue
		from dashboard_case_facts
		where filed_on between ${p.from}::date and ${p.to}::date
		group by rollup (district_id)`.execute(db);
	return rows;
}

export interface DecisionCounts {
	district_id: number | null;
	decided: number;
	median_days: number | null;
}

/** Decided and the median working days to decision, per district and (district_id null) city-wide. */
export async function decisionCounts(db: Db, p: Period, calendar: WorkingCalendar): Promise<DecisionCounts[]> {
	const days = workingDaysSql(sql`f.filed_on`, sql`f.decided_on`, calendar);
	const { rows } = await sql<DecisionCounts>`
		select district_id, count(*)::int as decided,
		       percentile_cont(0.5) within group (order by days)::float8 as median_days
		from (select f.district_id, ${days} as days
		      from dashboard_case_facts f
		      where f.decided_on between ${p.from}::date and ${p.to}::date) d
		group by rollup (district_id)`.execute(db);
	return rows;
}

export interface PermitCounts {
	district_id: number;
	permits: number;
	floor_area_m2: number;
}

export async function permitCounts(db: Db, p: Period): Promise<PermitCounts[]> {
	const { rows } = await sql<PermitCounts>`
		select district_id, count(*)::int as permits, coalesce(sum(floor_area_m2), 0)::float8 as floor_area_m2
		from dashboard_permit_facts
		where permit_date between ${p.from}::date and ${p.to}::date
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

export async function feesBilled(db: Db, p: Period): Promise<MoneyRow[]> {
	const { rows } = await sql<MoneyRow>`
		select district_id, coalesce(sum(total_rial), 0)::float8 as rial
		from dashboard_fee_facts
		where issued_at >= ${tehranStart(p.from)} and issued_at < ${tehranEnd(p.to)} and status in ('open', 'paid') and total_rial > 0
		group by district_id`.execute(db);
	return rows;
}

export async function feesPaid(db: Db, p: Period): Promise<MoneyRow[]> {
	const { rows } = await sql<MoneyRow>`
		select district_id, coalesce(sum(paid_rial), 0)::float8 as rial
		from dashboard_fee_facts
		where paid_at >= ${tehranStart(p.from)} and paid_at < ${tehranEnd(p.to)}
		group by district_id`.execute(db);
	return rows;
}

export async function excavationCounts(db: Db, p: Period): Promise<{ district_id: number; works: number }[]> {
	const { rows } = await sql<{ district_id: number; works: number }>`
		select district_id, count(*)::int as works
		from dashboard_work_facts
		where status in ('approved', 'active', 'completed') and starts_on <= ${p.to}::date and ends_on >= ${p.from}::date
		group by district_id`.execute(db);
	return rows;
}

/** Cases of the given request types open now, per district (live). */
export async function openCasesOfTypes(db: Db, types: string[]): Promise<{ district_id: number; open: number }[]> {
	if (!types.length) return [];
	const { rows } = await sql<{ district_id: number; open: number }>`
		select district_id, count(*)::int as open from cases
		where workflow_status = 'in_progress' and request_type = any(${types}::text[]) and district_id is not null
		group by district_id`.execute(db);
	return rows;
}

export interface DayRow {
	district_id: number;
	day: string;
	n: number;
	rial: number;
}

/** Per district and Tehran day: filed, decided, permits issued and fees paid (for the monthly series). */
export async function dailySeries(db: Db, p: Period, districtId: number | null): Promise<Record<'filed' | 'decided' | 'permits' | 'paid', DayRow[]>> {
	const inDistrict = (col: ReturnType<typeof sql>) => (districtId === null ? sql`true` : sql`${col} = ${districtId}`);
	const run = async (query: ReturnType<typeof sql<DayRow>>) => (await query.execute(db)).rows;
	const [filed, decided, permits, paid] = await Promise.all([
		run(sql<DayRow>`select district_id, filed_on::text as day, count(*)::int as n, 0::float8 as rial from dashboard_case_facts
			where filed_on between ${p.from}::date and ${p.to}::date and ${inDistrict(sql`district_id`)} group by 1, 2`),
		run(sql<DayRow>`select district_id, decided_on::text as day, count(*)::int as n, 0::float8 as rial from dashboard_case_facts
			where decided_on between ${p.from}::date and ${p.to}::date and ${inDistrict(sql`district_id`)} group by 1, 2`),
		run(sql<DayRow>`select district_id, permit_date::text as day, count(*)::int as n, 0::float8 as rial from dashboard_permit_facts
			where permit_date between ${p.from}::date and ${p.to}::date and ${inDistrict(sql`district_id`)} group by 1, 2`),
		run(sql<DayRow>`select district_id, (paid_at AT TIME ZONE 'Asia/Tehran')::date::text as day, count(*)::int as n, sum(paid_rial)::float8 as rial
			from dashboard_fee_facts
			where paid_at >= ${tehranStart(p.from)} and paid_at < ${tehranEnd(p.to)} and ${inDistrict(sql`district_id`)}
			group by 1, 2`)
	]);
	return { filed, decided, permits, paid };
}

/** The cases behind a district's case figures: filed or decided in the period, newest first. */
export async function casesBehind(db: Db, districtId: number, p: Period, limit: number): Promise<CaseBehindFigure[]> {
	const { rows } = await sql<CaseBehindFigure>`
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

export async function hasSampleHistory(db: Db): Promise<boolean> {
	const row = await db.selectFrom('pelak_settings').select('value').where('key', '=', SAMPLE_HISTORY_KEY).executeTakeFirst();
	return row !== undefined;
}

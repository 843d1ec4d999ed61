/**
 * The council dashboards: every district's figures for a period and the city's, the monthly
 * series by Jalali month, and the cases behind a district's figures. Figures that no capability
 * feeds yet are null, never invented.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { CaseBehindFigure, DistrictFigures, DistrictReport, FigureKey, ImportedBacklogRow, MonthPoint } from '../../api/dashboard';
import { toJalali } from '../../domain/jalali';
import { tehranDate } from '../../domain/working-days';
import { workingCalendarOf } from '../calendar/closures';
import { MUNICIPAL_CASE_TYPES, REQUEST_TYPES, requestTypeById } from '../workflows/registry';
import type { RequestTypeDefinition } from '../workflows/types';
import { stepName } from '../cases/case-view';
import { NotFoundError } from '../errors';
import type { DateRange } from '../../schemas/dashboard-query';
import * as repo from './dashboard.repository';
import { CASE_FIGURE_VIEWS, dashboardMaxAgeS, ensureFresh } from './refresh';

/**
 * Case types that are violation cases (تخلف), by family or id: the building violation the municipality opens itself
 * (`MUNICIPAL_CASE_TYPES`, never among the filed request types); none defined → violations_open is null.
 */
export function violationRequestTypes(types: readonly RequestTypeDefinition[] = [...REQUEST_TYPES, ...MUNICIPAL_CASE_TYPES]): string[] {
	return types.filter((t) => t.family === 'violation' || t.family === 'violations' || /violation_case|^violation/.test(t.id)).map((t) => t.id);
}

const LIVE: FigureKey[] = ['violations_open'];

export interface ReportOptions {
	now?: Date;
	maxAgeS?: number;
	/**
	 * The primary, where stale views are rebuilt, when `db` is a read replica (`locals.readDb`); by
	 * default `db` itself. See refresh.ts.
	 */
	primary?: Kysely<DB>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function districtReport(reader: Kysely<DB>, range: DateRange, options: ReportOptions = {}): Promise<DistrictReport> {
	const now = options.now ?? new Date();
	const maxAgeS = options.maxAgeS ?? dashboardMaxAgeS();
	const { state: fresh, db } = await ensureFresh(reader, maxAgeS, now, options.primary);
	const period: repo.Period = { ...range, today: tehranDate(now) };
	const violationTypes = violationRequestTypes();
	const calendar = await workingCalendarOf(db);
	const [districts, cases, decisions, permits, capacity, billed, paid, works, violations, sample] = await Promise.all([
		repo.listDistrictRefs(db),
		repo.caseCounts(db, period),
		repo.decisionCounts(db, period, calendar),
		repo.permitCounts(db, period),
		repo.capacityRows(db),
		repo.feesBilled(db, period),
		repo.feesPaid(db, period),
		repo.excavationCounts(db, period),
		repo.openCasesOfTypes(db, violationTypes),
		repo.hasSampleHistory(db)
	]);
	const by = <T extends { district_id: number | null }>(rows: T[], id: number | null) => rows.find((r) => r.district_id === id);
	const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + pick(r), 0);
	const share = (overdue: number, filed: number) => (filed > 0 ? Math.round((overdue / filed) * 1000) / 1000 : null);
	const median = (m: number | null | undefined) => (m === null || m === undefined ? null : round1(Number(m)));

	const rows: DistrictFigures[] = districts.map((d) => {
		const c = by(cases, d.id);
		const dec = by(decisions, d.id);
		const cap = by(capacity, d.id);
		const capacityM2 = cap && cap.parcels_with_rule > 0 ? round1(cap.capacity_floor_area_m2) : null;
		return {
			district: d,
			requests_filed: c?.filed ?? 0,
			requests_decided: dec?.decided ?? 0,
			median_days_to_decision: median(dec?.median_days),
			overdue_share: share(c?.overdue ?? 0, c?.filed ?? 0),
			permits_issued: by(permits, d.id)?.permits ?? 0,
			permitted_floor_area_m2: round1(by(permits, d.id)?.floor_area_m2 ?? 0),
			capacity_floor_area_m2: capacityM2,
			remaining_floor_area_m2: capacityM2 === null ? null : round1(capacityM2 - (cap?.permitted_to_date_m2 ?? 0)),
			fees_billed_rial: by(billed, d.id)?.rial ?? 0,
			fees_paid_rial: by(paid, d.id)?.rial ?? 0,
			excavations_active: by(works, d.id)?.works ?? 0,
			violations_open: violationTypes.length ? (by(violations, d.id)?.open ?? 0) : null
		};
	});
	const cityCases = by(cases, null);
	const cityDecisions = by(decisions, null);
	const capacities = rows.map((r) => r.capacity_floor_area_m2).filter((v): v is number => v !== null);
	const remaining = rows.map((r) => r.remaining_floor_area_m2).filter((v): v is number => v !== null);
	const city: DistrictReport['city'] = {
		district: null,
		requests_filed: cityCases?.filed ?? 0,
		requests_decided: cityDecisions?.decided ?? 0,
		median_days_to_decision: median(cityDecisions?.median_days),
		overdue_share: share(cityCases?.overdue ?? 0, cityCases?.filed ?? 0),
		permits_issued: sum(rows, (r) => r.permits_issued),
		permitted_floor_area_m2: round1(sum(rows, (r) => r.permitted_floor_area_m2)),
		capacity_floor_area_m2: capacities.length ? round1(sum(capacities, (v) => v)) : null,
		remaining_floor_area_m2: remaining.length ? round1(sum(remaining, (v) => v)) : null,
		fees_billed_rial: sum(rows, (r) => r.fees_billed_rial),
		fees_paid_rial: sum(rows, (r) => r.fees_paid_rial),
		excavations_active: sum(works, (w) => w.works),
		violations_open: violationTypes.length ? sum(rows, (r) => r.violations_open ?? 0) : null
	};
	return {
		from: range.from,
		to: range.to,
		districts: rows,
		city,
		freshness: {
			computed_at: now.toISOString(),
			cases_as_of: CASE_FIGURE_VIEWS.every((v) => fresh[v])
				? new Date(Math.min(...CASE_FIGURE_VIEWS.map((v) => fresh[v]!.getTime()))).toISOString()
				: null,
			capacity_as_of: fresh.capacity?.toISOString() ?? null,
			live: LIVE,
			max_age_s: maxAgeS
		},
		sample
	};
}

/** The databases a request's dashboards use: the read side (`locals.readDb`, the replica when there is one) and the primary for rebuilds. */
export function dashboardReaders(locals: { db: Kysely<DB>; readDb?: Kysely<DB> }): { read: Kysely<DB>; options: { primary: Kysely<DB> } } {
	return { read: locals.readDb ?? locals.db, options: { primary: locals.db } };
}

/** The period's figures per Jalali month, for the city or one district. */
export async function monthlySeries(reader: Kysely<DB>, range: DateRange, districtId: number | null, options: ReportOptions = {}): Promise<MonthPoint[]> {
	const now = options.now ?? new Date();
	const { db } = await ensureFresh(reader, options.maxAgeS ?? dashboardMaxAgeS(), now, options.primary);
	const days = await repo.dailySeries(db, { ...range, today: tehranDate(now) }, districtId);
	const months = new Map<string, MonthPoint>();
	// every month of the period, even an empty one, in order
	for (let d = range.from; d <= range.to; ) {
		const j = toJalali(d);
		const key = `${j.year}-${j.month}`;
		if (!months.has(key)) months.set(key, { year: j.year, month: j.month, requests_filed: 0, requests_decided: 0, permits_issued: 0, fees_paid_rial: 0 });
		const next = new Date(`${d}T00:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		d = next.toISOString().slice(0, 10);
	}
	const add = (rows: repo.DayRow[], apply: (m: MonthPoint, r: repo.DayRow) => void) => {
		for (const r of rows) {
			const j = toJalali(r.day);
			const m = months.get(`${j.year}-${j.month}`);
			if (m) apply(m, r);
		}
	};
	add(days.filed, (m, r) => (m.requests_filed += r.n));
	add(days.decided, (m, r) => (m.requests_decided += r.n));
	add(days.permits, (m, r) => (m.permits_issued += r.n));
	add(days.paid, (m, r) => (m.fees_paid_rial += Number(r.rial)));
	return [...months.values()];
}

export const CASES_SHOWN = 200;

export async function districtCases(reader: Kysely<DB>, districtId: number, range: DateRange, options: ReportOptions = {}): Promise<CaseBehindFigure[]> {
	const now = options.now ?? new Date();
	const { db } = await ensureFresh(reader, options.maxAgeS ?? dashboardMaxAgeS(), now, options.primary);
	const exists = await db.selectFrom('districts').select('id').where('id', '=', districtId).executeTakeFirst();
	if (!exists) throw new NotFoundError('district_not_found', { fa: `منطقه‌ای با شناسهٔ ${districtId} نیست.`, en: `There is no district ${districtId}.` });
	const rows = await repo.casesBehind(db, districtId, { ...range, today: tehranDate(now) }, CASES_SHOWN);
	// the request type's and step's names from the definitions (the facts hold their codes)
	return rows.map((r) => {
		const type = requestTypeById(r.request_type);
		const inProgress = r.workflow_status === 'in_progress' && r.current_step !== null;
		return { ...r, request_type_name: type?.name ?? { fa: r.request_type, en: r.request_type }, step_name: inProgress ? stepName(type, r.current_step!) : null };
	});
}

/**
 * The backlog imported from the previous system: one row per district that has any (open as of the
 * facts, or closed by an officer in the period), and the city's. The pages and the workbook list
 * them in the report's district order.
 */
export async function importedBacklog(reader: Kysely<DB>, range: DateRange, options: ReportOptions = {}): Promise<{ districts: ImportedBacklogRow[]; city: ImportedBacklogRow }> {
	const now = options.now ?? new Date();
	const { db } = await ensureFresh(reader, options.maxAgeS ?? dashboardMaxAgeS(), now, options.primary);
	const rows = await repo.importedBacklog(db, { ...range, today: tehranDate(now) });
	const plain = ({ city: _city, ...row }: (typeof rows)[number]): ImportedBacklogRow => row;
	const total = rows.find((r) => r.city);
	return {
		districts: rows.filter((r) => !r.city && r.district_id !== null).map(plain),
		city: total ? { ...plain(total), district_id: null } : { district_id: null, open: 0, oldest_opened_on: null, closed_in_period: 0 }
	};
}

export async function districtGeoJson(db: Kysely<DB>): Promise<GeoJSON.FeatureCollection> {
	const shapes = await repo.districtShapes(db);
	return { type: 'FeatureCollection', features: shapes.map((s) => ({ type: 'Feature', id: s.id, properties: { id: s.id }, geometry: s.geometry })) };
}

/** What the /dashboard and /transparency pages load: the period's figures, the map, the monthly series, a district's cases, and the backlog imported from the previous system. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Lang } from '../../i18n';
import { parseDateRange } from '../../schemas/dashboard-query';
import { FIGURE_KEYS, type FigureKey } from '../../api/dashboard';
import { tehranDate } from '../../domain/working-days';
import { districtCases, districtGeoJson, districtReport, importedBacklog, monthlySeries } from './dashboard.service';

/** `db` is the read side (`locals.readDb`); stale figures are rebuilt on `primary` (`locals.db`). */
export async function dashboardPageData(db: Kysely<DB>, url: URL, lang: Lang, { withCases, primary = db }: { withCases: boolean; primary?: Kysely<DB> }) {
	const today = tehranDate(new Date());
	const parsed = parseDateRange(url.searchParams, today);
	// A date the reader mistyped is said beside its field, with what they typed kept; the page goes on
	// with the default period (the year to today) instead of giving way to an error page.
	const periodError = parsed.ok
		? null
		: { field: parsed.issue.field, code: parsed.issue.code, message: parsed.issue.messages[lang], from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' };
	const fallback = parseDateRange(new URLSearchParams(), today);
	if (!fallback.ok) throw new Error('the default period does not parse');
	const range = parsed.ok ? parsed.value : fallback.value;
	const metricParam = url.searchParams.get('metric') as FigureKey | null;
	const metric: FigureKey = metricParam && FIGURE_KEYS.includes(metricParam) ? metricParam : 'requests_filed';
	const report = await districtReport(db, range, { primary });
	const raw = Number(url.searchParams.get('district'));
	const district = report.districts.find((d) => d.district.id === raw)?.district.id ?? null;
	const [shapes, citySeries, districtSeries, cases, backlog] = await Promise.all([
		districtGeoJson(db),
		monthlySeries(db, range, null, { primary }),
		district === null ? null : monthlySeries(db, range, district, { primary }),
		district === null || !withCases ? null : districtCases(db, district, range, { primary }),
		importedBacklog(db, range, { primary })
	]);
	return { report, shapes, citySeries, districtSeries, cases, backlog, district, metric, range, periodError };
}

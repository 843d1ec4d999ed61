/** What the /dashboard and /transparency pages load: the period's figures, the map, the monthly series, a district's cases, and the backlog imported from the previous system. */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Lang } from '../../i18n';
import { parseDateRange } from '../../schemas/dashboard-query';
import { FIGURE_KEYS, type FigureKey } from '../../api/dashboard';
import { tehranDate } from '../../domain/working-days';
import { districtCases, districtGeoJson, districtReport, importedBacklog, monthlySeries } from './dashboard.service';

/** `db` is the read side (`locals.readDb`); stale figures are rebuilt on `primary` (`locals.db`). */
export async function dashboardPageData(db: Kysely<DB>, url: URL, lang: Lang, { withCases, primary = db }: { withCases: boolean; primary?: Kysely<DB> }) {
	const parsed = parseDateRange(url.searchParams, tehranDate(new Date()));
	if (!parsed.ok) error(400, { message: parsed.issue.messages[lang], code: parsed.issue.code });
	const range = parsed.value;
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
	return { report, shapes, citySeries, districtSeries, cases, backlog, district, metric, range };
}

import type { RequestHandler } from './$types';
import { parseDateRange } from '$lib/schemas/dashboard-query';
import { dashboardCsv, dashboardReaders, dashboardXlsx, districtReport, importedBacklog } from '$lib/server/dashboard';
import { BadInputError, expectValid, jsonError } from '$lib/server/errors';
import { tehranDate } from '$lib/domain/working-days';

const FORMATS = ['json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/**
 * GET /api/dashboard/districts?from=&to=&format=json|csv|xlsx — every district's figures for the
 * period (Tehran days, both ends inclusive; ISO or Jalali dates) and the city's. Aggregates only,
 * no personal data: public, like the transparency page. Read from the replica when there is one.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const range = expectValid(parseDateRange(url.searchParams, tehranDate(new Date())));
		const format = (url.searchParams.get('format') ?? 'json') as Format;
		if (!FORMATS.includes(format)) {
			throw new BadInputError('bad_format', {
				fa: `«format» باید یکی از json، csv یا xlsx باشد، نه «${format}».`,
				en: `“format” must be json, csv or xlsx, not “${format}”.`
			});
		}
		const { read, options } = dashboardReaders(locals);
		const report = await districtReport(read, range, options);
		const name = `districts-${range.from}-${range.to}`;
		const headers = (type: string) => ({
			'content-type': type,
			'cache-control': 'no-store',
			...(format === 'json' ? {} : { 'content-disposition': `attachment; filename="${name}.${format}"` })
		});
		if (format === 'csv') return new Response(dashboardCsv(report, locals.lang), { headers: headers('text/csv; charset=utf-8') });
		if (format === 'xlsx') {
			// the workbook carries the backlog imported from the previous system too, on its own sheet (the JSON's fields stay as they are)
			const body = await dashboardXlsx(report, locals.lang, await importedBacklog(read, range, options));
			return new Response(body as BodyInit, { headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') });
		}
		return new Response(JSON.stringify(report), { headers: headers('application/json; charset=utf-8') });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

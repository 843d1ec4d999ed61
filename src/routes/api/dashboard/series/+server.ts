import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseDateRange } from '$lib/schemas/dashboard-query';
import { dashboardReaders, monthlySeries } from '$lib/server/dashboard';
import { BadInputError, expectValid, jsonError } from '$lib/server/errors';
import { tehranDate } from '$lib/domain/working-days';

/** GET /api/dashboard/series?from=&to=&district= — per Jalali month: filed, decided, permits, fees paid (public aggregates). */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const range = expectValid(parseDateRange(url.searchParams, tehranDate(new Date())));
		const raw = url.searchParams.get('district');
		const district = raw ? Number(raw) : null;
		if (district !== null && (!Number.isSafeInteger(district) || district <= 0)) {
			throw new BadInputError('bad_district', { fa: `«${raw}» شناسهٔ منطقه نیست.`, en: `“${raw}” is not a district id.` });
		}
		return json({ months: await monthlySeries(dashboardReaders(locals).read, range, district, dashboardReaders(locals).options) }, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

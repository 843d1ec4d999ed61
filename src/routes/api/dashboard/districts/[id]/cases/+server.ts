import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseDateRange } from '$lib/schemas/dashboard-query';
import { dashboardReaders, districtCases, requireDashboardViewer } from '$lib/server/dashboard';
import { BadInputError, expectValid, jsonError } from '$lib/server/errors';
import { tehranDate } from '$lib/domain/working-days';

/** GET /api/dashboard/districts/:id/cases?from=&to= — the cases behind a district's figures (council members and administrators). */
export const GET: RequestHandler = async ({ url, params, locals }) => {
	try {
		requireDashboardViewer(locals.user);
		const id = Number(params.id);
		if (!Number.isSafeInteger(id) || id <= 0) {
			throw new BadInputError('bad_district', { fa: `«${params.id}» شناسهٔ منطقه نیست.`, en: `“${params.id}” is not a district id.` });
		}
		const range = expectValid(parseDateRange(url.searchParams, tehranDate(new Date())));
		return json({ cases: await districtCases(dashboardReaders(locals).read, id, range, dashboardReaders(locals).options) }, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

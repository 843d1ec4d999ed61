import type { RequestHandler } from './$types';
import { parseConflictQuery } from '$lib/schemas/planning-query';
import { conflictFile, conflictReport, requirePlannerForApi } from '$lib/server/planning';
import { expectValid, jsonError } from '$lib/server/errors';

/**
 * GET /api/planning/setback-conflicts?view=&district=&street=&class=&status=&parcel=&limit=&format=json|csv|geojson|xlsx:
 * the planners' conflicts table (json: `{"rows": [...], "totals": {...}, ...}`), or the same as a file.
 * Planners and administrators only: 401 when signed out, 403 for anyone else.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		requirePlannerForApi(locals.user);
		const { view, filter, format, limit } = expectValid(parseConflictQuery(url.searchParams));
		const report = await conflictReport(locals.readDb, view, filter, { withGeometry: format === 'geojson', limit: limit ?? undefined });
		const file = await conflictFile(report, format, locals.lang);
		const headers: Record<string, string> = { 'content-type': file.contentType, 'cache-control': 'no-store' };
		if (format !== 'json') headers['content-disposition'] = `attachment; filename="setback-conflicts-${view}.${file.extension}"`;
		return new Response(file.body as BodyInit, { headers });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

import type { RequestHandler } from './$types';
import { parseConflictQuery } from '$lib/schemas/planning-query';
import { conflictFile, conflictReport, mayPlan } from '$lib/server/planning';
import { BadInputError, DomainError, jsonError } from '$lib/server/errors';

/**
 * GET /api/planning/setback-conflicts?view=&district=&street=&class=&status=&parcel=&limit=&format=json|csv|geojson|xlsx:
 * the planners' conflicts table (json: `{"rows": [...], "totals": {...}, ...}`), or the same as a file.
 * Planners and administrators only: 401 when signed out, 403 for anyone else.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		if (!locals.user) {
			throw new DomainError(401, 'sign_in_required', { fa: 'ابتدا وارد سامانه شوید.', en: 'Sign in first.' });
		}
		if (!mayPlan(locals.user)) {
			throw new DomainError(403, 'forbidden', { fa: 'شما اجازهٔ دسترسی به این بخش را ندارید.', en: 'You are not allowed to use this page.' });
		}
		const query = parseConflictQuery(url.searchParams);
		if (!query.ok) throw new BadInputError(query.issue.code, query.issue.messages);
		const { view, filter, format, limit } = query.value;
		const report = await conflictReport(locals.db, view, filter, { withGeometry: format === 'geojson', limit: limit ?? undefined });
		const file = await conflictFile(report, format, locals.lang);
		const headers: Record<string, string> = { 'content-type': file.contentType, 'cache-control': 'no-store' };
		if (format !== 'json') headers['content-disposition'] = `attachment; filename="setback-conflicts-${view}.${file.extension}"`;
		return new Response(file.body as BodyInit, { headers });
	} catch (err) {
		return jsonError(err, locals.lang);
	}
};

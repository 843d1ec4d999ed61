import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { toHttpError } from '$lib/server/errors';
import { adoptStreetPlan, conflictReport, draftStreetPlan, listDistricts, planImpact, PLANNING_ROLES, streetPlans } from '$lib/server/planning';
import { parseConflictQuery, parseDraftForm } from '$lib/schemas/planning-query';

/** Rows drawn in the page's table; the download has them all. */
const SHOWN_ROWS = 500;

function positive(raw: string | null): number | null {
	const n = Number(raw);
	return raw && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The planners' page, driven by its URL: `?view=&district=&street=&class=&status=` filter the
 * conflicts; `street=` also opens that street's plan, `plan=` one version's impact.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, PLANNING_ROLES, url);
	const params = new URLSearchParams(url.searchParams);
	// a street's page lists its parcels unless asked otherwise
	if (!params.get('view')) params.set('view', params.get('street') ? 'parcels' : 'streets');
	params.delete('format');
	params.delete('limit');
	const query = parseConflictQuery(params);
	if (!query.ok) error(400, { message: query.issue.messages[locals.lang], code: query.issue.code });
	const { view, filter } = query.value;
	try {
		// reads only: the replica when there is one (a planner's own draft or adoption redirects here
		// with the read-your-writes cookie, so they read the primary until the replica has it)
		const read = locals.readDb;
		const report = await conflictReport(read, view, filter, { limit: SHOWN_ROWS });
		const street = filter.street === null ? null : await streetPlans(read, filter.street);
		const planId = positive(url.searchParams.get('plan'));
		const impact = street && planId && street.versions.some((v) => v.id === planId) ? await planImpact(read, planId) : null;
		return {
			report,
			districts: await listDistricts(read),
			street,
			impact,
			adopted: positive(url.searchParams.get('adopted'))
		};
	} catch (err) {
		const { status, message, code } = toHttpError(err, locals.lang);
		error(status, { message, code });
	}
};

/** Back to the street's page, keeping the table's filters. */
function streetPage(url: URL, streetId: number, extra: Record<string, number>): string {
	const params = new URLSearchParams(url.searchParams);
	for (const key of ['plan', 'adopted', '/draft', '/adopt']) params.delete(key);
	params.set('street', String(streetId));
	for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
	return `/planning?${params}`;
}

export const actions: Actions = {
	draft: async ({ locals, url, request }) => {
		const user = requireUser(locals, PLANNING_ROLES, url);
		const parsed = parseDraftForm(await request.formData());
		if (!parsed.ok) return fail(400, { error: parsed.issue.messages[locals.lang] });
		let planId: number;
		try {
			planId = await draftStreetPlan(locals.db, user, parsed.value);
		} catch (err) {
			const { status, message } = toHttpError(err, locals.lang);
			return fail(status, { error: message });
		}
		redirect(303, streetPage(url, parsed.value.streetId, { plan: planId }));
	},
	adopt: async ({ locals, url, request }) => {
		const user = requireUser(locals, PLANNING_ROLES, url);
		const planId = positive(String((await request.formData()).get('plan') ?? ''));
		if (!planId) return fail(400, { error: locals.lang === 'en' ? 'No plan version is chosen.' : 'نسخه‌ای از طرح انتخاب نشده است.' });
		let streetId: number | null;
		try {
			streetId = (await adoptStreetPlan(locals.db, user, planId)).street_id;
		} catch (err) {
			const { status, message } = toHttpError(err, locals.lang);
			return fail(status, { error: message });
		}
		redirect(303, streetPage(url, streetId!, { adopted: planId }));
	}
};

import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { DASHBOARD_ROLES } from '$lib/server/dashboard';
import { dashboardPageData } from '$lib/server/dashboard/page-data';

/** The council members' dashboard (and management's): `?from=&to=&metric=&district=`. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, DASHBOARD_ROLES, url);
	return dashboardPageData(locals.readDb, url, locals.lang, { withCases: true, primary: locals.db });
};

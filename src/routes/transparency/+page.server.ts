import type { PageServerLoad } from './$types';
import { dashboardPageData } from '$lib/server/dashboard/page-data';

/** The public transparency page: the same district figures, no personal data and no case list. */
export const load: PageServerLoad = async ({ locals, url }) => dashboardPageData(locals.readDb, url, locals.lang, { withCases: false, primary: locals.db });

import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { workingCalendarOf } from '$lib/server/calendar/closures';
import { defaultWorkDates } from '$lib/server/excavation/check-report';

/**
 * The excavation application's drawing page: any signed-in user (utility staff, and citizens for a
 * house connection); `POST /api/excavations` decides who may apply for whom. `?shared=<id>` opens
 * it sharing that work's trench (the link offered beside a clash). The form opens on
 * dates the check will not call too early: by the review clock the check itself counts, over the
 * city's working calendar (its closures included).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, undefined, url);
	const shared = Number(url.searchParams.get('shared'));
	return {
		sharedTrenchOf: Number.isInteger(shared) && shared > 0 ? shared : null,
		defaultDates: defaultWorkDates(new Date(), await workingCalendarOf(locals.db))
	};
};

import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';

/**
 * The excavation application's drawing page: any signed-in user (utility staff, and citizens for a
 * house connection); `POST /api/excavations` decides who may apply for whom. `?shared=<id>` opens
 * it sharing that work's trench (the link offered beside a clash).
 */
export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, undefined, url);
	const shared = Number(url.searchParams.get('shared'));
	return { sharedTrenchOf: Number.isInteger(shared) && shared > 0 ? shared : null };
};

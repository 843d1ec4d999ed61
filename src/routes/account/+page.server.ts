import type { PageServerLoad } from './$types';
import { isTotpEnabled, requireUser } from '$lib/server/auth';

/** The signed-in user's own account: for staff, the way to the password and two-step pages. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, undefined, url);
	return {
		kind: user.kind,
		name: user.displayName,
		username: user.username,
		totpOn: user.kind === 'staff' ? await isTotpEnabled(locals.db, user.id) : false
	};
};

import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { listMyCases } from '$lib/server/cases';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, undefined, url);
	return {
		cases: await listMyCases(locals.db, user),
		isStaff: user.roles.some((g) => g.role !== 'citizen' && g.role !== 'representative'),
		isAdmin: user.roles.some((g) => g.role === 'admin'),
		userName: user.displayName
	};
};

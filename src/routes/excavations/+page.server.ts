import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { hasWorksCartable, mayExportWorks, worksCartable } from '$lib/server/excavation';

/** The works cartable: what waits for the excavation officer, the inspector, a utility's applicant or supervisor, a citizen, or an agency asked about a protected area. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, undefined, url);
	if (!hasWorksCartable(user)) {
		error(403, { message: locals.lang === 'en' ? 'The works cartable is for excavation staff and the utilities.' : 'کارتابل حفاری برای کارکنان حفاری و شرکت‌های خدمات شهری است.', code: 'forbidden' });
	}
	return { cartable: await worksCartable(locals.db, user, url.searchParams.get('tab')), userName: user.displayName, mayExport: mayExportWorks(user), replied: url.searchParams.has('replied') };
};

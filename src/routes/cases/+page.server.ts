import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { myCasesPage } from '$lib/server/cases';

export const load: PageServerLoad = async ({ locals, url }) => myCasesPage(locals.db, requireUser(locals, undefined, url));

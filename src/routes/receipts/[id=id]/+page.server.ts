import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { getReceipt } from '$lib/server/payments';
import { pageError } from '$lib/server/errors';


/** A verified payment's receipt, for those who may see the assessment it paid. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	const id = Number(params.id);
	try {
		return { receipt: await getReceipt(locals.db, user, id) };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

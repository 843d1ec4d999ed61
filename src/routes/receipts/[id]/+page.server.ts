import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { getReceipt } from '$lib/server/payments';
import { pageError } from '$lib/server/errors';
import { positiveInt } from '$lib/schemas/id';

const NOT_FOUND = { fa: 'رسیدی با این شناسه پیدا نشد.', en: 'No such receipt.' };

/** A verified payment's receipt, for those who may see the assessment it paid. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	const id = positiveInt(params.id);
	if (id === null) error(404, { code: 'receipt_not_found', message: NOT_FOUND[locals.lang] });
	try {
		return { receipt: await getReceipt(locals.db, user, id) };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

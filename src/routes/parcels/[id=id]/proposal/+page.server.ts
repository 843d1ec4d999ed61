import type { PageServerLoad } from './$types';
import { getParcelDetail } from '$lib/server/parcels/parcel.service';
import { pageError } from '$lib/server/errors';

/**
 * The proposal form of a parcel: public, like the check it calls (an owner or engineer tries a
 * building before applying). `?case=<id>` adds "submit with my request", which posts the same
 * body to that case (the case's own endpoint decides who may).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const caseId = Number(url.searchParams.get('case'));
	try {
		return {
			parcel: await getParcelDetail(locals.db, Number(params.id)),
			caseId: Number.isInteger(caseId) && caseId > 0 ? caseId : null
		};
	} catch (err) {
		pageError(err, locals.lang);
	}
};

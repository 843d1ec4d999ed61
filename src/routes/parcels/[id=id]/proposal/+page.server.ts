import type { PageServerLoad } from './$types';
import { getParcelDetail } from '$lib/server/parcels/parcel.service';
import { proposalFiling } from '$lib/server/permits';
import { pageError } from '$lib/server/errors';

/**
 * The proposal form of a parcel: public, like the check it calls (an owner or engineer tries a
 * building before applying). `?case=<id>` adds "submit with my request", which posts the same
 * body to that case; `filing` says from the start whether the case takes the viewer's proposal
 * now, and why not (the case's own endpoint still decides).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const caseId = Number(url.searchParams.get('case'));
	try {
		const parcel = await getParcelDetail(locals.db, Number(params.id));
		const named = Number.isSafeInteger(caseId) && caseId > 0 ? caseId : null;
		return {
			parcel,
			caseId: named,
			filing: named === null ? null : await proposalFiling(locals.db, locals.user ?? null, named)
		};
	} catch (err) {
		pageError(err, locals.lang);
	}
};

import type { PageServerLoad } from './$types';
import { getParcelDetail } from '$lib/server/parcels/parcel.service';
import { pageError } from '$lib/server/errors';

/** The shareable parcel page; the `id` matcher has already refused anything but a parcel id. */
export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		return { parcel: await getParcelDetail(locals.db, Number(params.id)) };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

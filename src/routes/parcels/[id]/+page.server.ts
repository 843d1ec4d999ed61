import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getParcelDetail } from '$lib/server/parcels/parcel.service';
import { NotFoundError } from '$lib/server/errors';
import { formatDigits } from '$lib/i18n';

/** Parcel ids are positive whole numbers; anything else is refused before touching the database. */
const ID = /^[1-9][0-9]{0,15}$/;

export const load: PageServerLoad = async ({ params, locals }) => {
	const notFound = () =>
		error(404, {
			code: 'parcel_not_found',
			message: locals.lang === 'fa' ? `پلاکی با شناسه «${formatDigits(params.id, 'fa')}» پیدا نشد.` : `No parcel has id "${params.id}".`
		});
	if (!ID.test(params.id) || !Number.isSafeInteger(Number(params.id))) notFound();
	try {
		return { parcel: await getParcelDetail(locals.db, Number(params.id)) };
	} catch (err) {
		if (err instanceof NotFoundError) notFound();
		throw err;
	}
};

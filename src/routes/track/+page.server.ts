import type { Actions, PageServerLoad } from './$types';
import { trackPublicLimited } from '$lib/server/cases';
import { parseTrackQuery } from '$lib/schemas/case-forms';
import { formFailure } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

/** Public status by tracking code + the applicant's national id (rate limited by the service). */
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async (event) => {
		const { locals, request } = event;
		const query = parseTrackQuery(await request.formData());
		try {
			return { status: await trackPublicLimited(locals.db, query, { ip: clientOf(event).ip }), trackingCode: query.trackingCode };
		} catch (err) {
			return formFailure(err, locals.lang, { trackingCode: query.trackingCode });
		}
	}
};

import type { Actions, PageServerLoad } from './$types';
import { trackPublic } from '$lib/server/cases';
import { hitRateLimit, type RateLimit } from '$lib/server/auth/rate-limit.repository';
import { parseTrackQuery } from '$lib/schemas/case-forms';
import { formFailure } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

/**
 * Public status by tracking code + the applicant's national id. Limited per address and per
 * tracking code, so neither half can be guessed by trying many values.
 */
const PER_IP: RateLimit = { limit: 20, windowMs: 10 * 60_000 };
const PER_CODE: RateLimit = { limit: 10, windowMs: 10 * 60_000 };

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async (event) => {
		const { locals, request } = event;
		const form = await request.formData();
		const { trackingCode, nationalId } = parseTrackQuery(form);
		try {
			const now = new Date();
			const { ip } = clientOf(event);
			if (ip) await hitRateLimit(locals.db, `track:ip:${ip}`, PER_IP, now);
			const digits = trackingCode.replace(/\D/g, '') || trackingCode;
			await hitRateLimit(locals.db, `track:code:${digits.slice(0, 20)}`, PER_CODE, now);
			return { status: await trackPublic(locals.db, trackingCode, nationalId), trackingCode };
		} catch (err) {
			return formFailure(err, locals.lang, { trackingCode });
		}
	}
};

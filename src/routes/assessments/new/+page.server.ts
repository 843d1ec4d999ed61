import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { assessAsStaff, assessmentFormFor } from '$lib/server/fees';
import { pageError, formFailure } from '$lib/server/errors';
import { positiveInt } from '$lib/schemas/id';
import { formText } from '$lib/schemas/form';

/** `?case=<id>` or `?parcel=<id>`: which file the staff member assesses. */
function targetOf(url: URL) {
	const caseId = positiveInt(url.searchParams.get('case'));
	const parcelId = positiveInt(url.searchParams.get('parcel'));
	return caseId !== null ? { caseId } : { parcelId: parcelId ?? 0 };
}

/** Staff assess a case's (or a parcel's) fees under the book in force: request kind and inputs, P from the map. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		return { spec: await assessmentFormFor(locals.db, user, targetOf(url)), kind: url.searchParams.get('kind') };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requireUser(locals, undefined, url);
		const form = await request.formData();
		const values: Record<string, string> = {};
		for (const [key, value] of form.entries()) if (typeof value === 'string' && key.startsWith('in:')) values[key.slice(3)] = value.slice(0, 200);
		let id: number;
		try {
			id = (await assessAsStaff(locals.db, user, targetOf(url), formText(form, 'kind', 60), values)).id;
		} catch (err) {
			return formFailure(err, locals.lang, { values, kind: formText(form, 'kind', 60) });
		}
		redirect(303, `/assessments/${id}`);
	}
};

import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { fileRequest, filingPage } from '$lib/server/cases';
import { positiveInt } from '$lib/schemas/form';
import { parseFiling } from '$lib/schemas/case-forms';
import { clientIp, loadFailed, refused } from '../../cases/form.server';

const FILERS = ['citizen', 'representative', 'district_officer'] as const;

function parcelIdOf(url: URL, lang: 'fa' | 'en'): number {
	const id = positiveInt(url.searchParams.get('parcel'));
	if (id === null) error(404, { code: 'parcel_not_found', message: lang === 'fa' ? 'پلاک مشخص نیست.' : 'No parcel given.' });
	return id;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, FILERS, url);
	const parcelId = parcelIdOf(url, locals.lang);
	try {
		return await filingPage(locals.db, user, parcelId);
	} catch (err) {
		loadFailed(err, locals.lang);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, FILERS, url);
		const parcelId = parcelIdOf(url, locals.lang);
		const form = await request.formData();
		const { input, echo } = await parseFiling(form, parcelId);
		try {
			const filed = await fileRequest(locals.db, user, input, { ip: clientIp(event) });
			return { filed: { id: filed.id, trackingCode: filed.trackingCode, step: filed.step.name, dueOn: filed.dueOn } };
		} catch (err) {
			return refused(err, locals.lang, echo);
		}
	}
};

import { isRedirect, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { actOnWork, answerWorkReferral, getWorkPage } from '$lib/server/excavation';
import { USER_ACTIONS, type UserAction } from '$lib/domain/excavation/lifecycle';
import { formId } from '$lib/schemas/form';
import { BadInputError, formFailure, pageError } from '$lib/server/errors';

/** A work's page: where it stands, whose step it is, its check, fee, permit, inspections and history. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		return { page: await getWorkPage(locals.db, user, Number(params.id)) };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export const actions: Actions = {
	/** One step of the work's life; the action's name comes with the form. */
	act: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, undefined, url);
		const form = await request.formData();
		try {
			const action = String(form.get('action') ?? '');
			if (!(USER_ACTIONS as readonly string[]).includes(action)) {
				throw new BadInputError('unknown_action', { fa: 'اقدام ناشناخته است.', en: 'Unknown action.' });
			}
			const photos = [];
			for (const f of form.getAll('photos')) {
				if (!(f instanceof File) || f.size === 0) continue;
				if (f.size > MAX_PHOTO_BYTES) throw new BadInputError('photo_too_large', { fa: 'هر عکس حداکثر ۱۰ مگابایت.', en: 'Each photo may be at most 10 MB.' });
				photos.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
			}
			const conditions = String(form.get('conditions') ?? '').split('\n');
			const days = form.get('remedialDays');
			await actOnWork(locals.db, user, Number(params.id), {
				action: action as UserAction,
				note: String(form.get('note') ?? ''),
				conditions,
				remedialDays: days ? Number(days) : undefined,
				photos
			});
			return { done: action };
		} catch (err) {
			return formFailure(err, locals.lang);
		}
	},
	/** The officer, or the agency asked, answers a protected-area referral. */
	referral: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, undefined, url);
		const form = await request.formData();
		try {
			const answer = form.get('answer') === 'objected' ? 'objected' : 'consented';
			const answered = await answerWorkReferral(locals.db, user, Number(params.id), { referralId: formId(form, 'referralId'), answer, note: String(form.get('note') ?? '') });
			// the agency's access ends with its answer: back to its inbox, which says so
			if (answered.by === 'agency') redirect(303, `/excavations?replied=${params.id}`);
			return { done: 'answer_referral' };
		} catch (err) {
			if (isRedirect(err)) throw err;
			return formFailure(err, locals.lang);
		}
	}
};

import { isRedirect, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { actOnWork, answerWorkReferral, getWorkPage, WORK_MAX_PHOTOS, WORK_PHOTO_MAX_BYTES } from '$lib/server/excavation';
import { defaultFileStore, readStreamedForm, stagedOf, type StreamedForm } from '$lib/server/documents';
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

export const actions: Actions = {
	/**
	 * One step of the work's life; the action's name comes with the form. The body is read streamed
	 * (issue 7): the inspection photos go to disk as they arrive (one over the limit is refused by
	 * name as it passes it), are moved into the store inside the step's transaction, and what was
	 * not kept is removed.
	 */
	act: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, undefined, url);
		let streamed: StreamedForm;
		try {
			streamed = await readStreamedForm(request, defaultFileStore(), { maxFileBytes: WORK_PHOTO_MAX_BYTES, maxFiles: WORK_MAX_PHOTOS });
		} catch (err) {
			return formFailure(err, locals.lang);
		}
		try {
			const form = streamed.fields;
			const action = String(form.get('action') ?? '');
			if (!(USER_ACTIONS as readonly string[]).includes(action)) {
				throw new BadInputError('unknown_action', { fa: 'اقدام ناشناخته است.', en: 'Unknown action.' });
			}
			const photos = stagedOf(streamed, 'photos', 'inspection_photo').map(({ name, staged }) => ({ name, staged }));
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
		} finally {
			await streamed.discard();
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

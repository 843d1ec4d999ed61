import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import { actOnCase, answerTask, assignCase, casePage, claimCase, postMessage, recordSiteVisit } from '$lib/server/cases';
import type { CaseAction } from '$lib/server/workflows';
import { clientIp, loadFailed, positiveInt, refused, text, uploadsByKind, uploadsOf } from '../form.server';

const NOT_FOUND = { fa: 'پرونده‌ای با این شناسه پیدا نشد.', en: 'No such case.' };

function caseIdOf(params: { id: string }, lang: 'fa' | 'en'): number {
	const id = positiveInt(params.id);
	if (id === null) error(404, { code: 'case_not_found', message: NOT_FOUND[lang] });
	return id;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	const id = caseIdOf(params, locals.lang);
	try {
		return await casePage(locals.db, user, id);
	} catch (err) {
		loadFailed(err, locals.lang);
	}
};

/** The action a form names, with only the fields that action takes. */
function caseAction(form: FormData): CaseAction {
	const stepId = text(form, 'stepId', 100);
	const type = text(form, 'type', 40);
	switch (type) {
		case 'approve':
			return { type, stepId, to: text(form, 'to', 100) || undefined, note: text(form, 'note') || undefined };
		case 'complete':
			return { type, stepId, note: text(form, 'note') || undefined };
		case 'return_to_applicant':
		case 'reject':
			return { type, stepId, reason: text(form, 'reason') };
		case 'request_document':
			return { type, stepId, reason: text(form, 'reason'), kinds: form.getAll('kinds').map(String) as never };
		case 'refer_to_agency': {
			const days = positiveInt(text(form, 'dueInWorkingDays', 3));
			return { type, stepId, agency: text(form, 'agency', 40) as never, question: text(form, 'question'), dueInWorkingDays: days ?? undefined };
		}
		case 'agency_reply':
			return { type, stepId, reply: text(form, 'reply') };
		case 'applicant_reply':
			return { type, stepId, note: text(form, 'note') || undefined };
		case 'withdraw':
			return { type, stepId, reason: text(form, 'reason') || undefined };
		default:
			return { type: type as never, stepId } as CaseAction;
	}
}

/** Runs one case action for the signed-in user; a refusal becomes a form failure and changes nothing. */
async function run(event: RequestEvent, fn: (user: SessionUser, id: number, form: FormData, ctx: { ip: string | null }) => Promise<unknown>, done: string) {
	const { locals, params, url, request } = event;
	const user = requireUser(locals, undefined, url);
	const id = caseIdOf(params, locals.lang);
	const form = await request.formData();
	try {
		await fn(user, id, form, { ip: clientIp(event) });
		return { done };
	} catch (err) {
		return refused(err, locals.lang, { action: done });
	}
}

export const actions: Actions = {
	act: (event) =>
		run(
			event,
			async (user, id, form, ctx) => {
				const action = caseAction(form);
				const documents = action.type === 'agency_reply' ? await uploadsOf(form, 'files', 'agency_reply') : [];
				return actOnCase(event.locals.db, user, id, action, { documents }, ctx);
			},
			'act'
		),
	claim: (event) => run(event, (user, id, _form, ctx) => claimCase(event.locals.db, user, id, ctx), 'claim'),
	assign: (event) =>
		run(event, (user, id, form, ctx) => assignCase(event.locals.db, user, id, positiveInt(text(form, 'assigneeId', 20)) ?? 0, ctx), 'assign'),
	message: (event) => run(event, (user, id, form, ctx) => postMessage(event.locals.db, user, id, text(form, 'body', 5000), ctx), 'message'),
	answerTask: (event) =>
		run(
			event,
			async (user, _id, form, ctx) =>
				answerTask(event.locals.db, user, positiveInt(text(form, 'taskId', 20)) ?? 0, { note: text(form, 'note') || undefined, documents: await uploadsByKind(form) }, ctx),
			'answerTask'
		),
	siteVisit: (event) =>
		run(
			event,
			async (user, id, form, ctx) => {
				const lon = Number(text(form, 'lon', 30));
				const lat = Number(text(form, 'lat', 30));
				const located = text(form, 'lon', 30) !== '' && text(form, 'lat', 30) !== '';
				return recordSiteVisit(
					event.locals.db,
					user,
					id,
					{
						stepId: text(form, 'stepId', 100),
						notes: text(form, 'notes'),
						location: located ? { lon, lat } : null,
						photos: await uploadsOf(form, 'photos', 'site_visit_photo')
					},
					ctx
				);
			},
			'siteVisit'
		)
};

import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import { actOnCase, answerTask, assignCase, casePage, claimCase, postMessage, recordSiteVisit } from '$lib/server/cases';
import { formId, positiveInt } from '$lib/schemas/form';
import { parseActionUploads, parseCaseAction, parseMessage, parseSiteVisit, parseTaskAnswer } from '$lib/schemas/case-forms';
import { clientIp, loadFailed, refused } from '../form.server';

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

type CaseActionRun = (db: App.Locals['db'], user: SessionUser, caseId: number, form: FormData, ctx: { ip: string | null }) => Promise<unknown>;

/** Runs one case action for the signed-in user; a refusal becomes a form failure and changes nothing. */
async function run(event: RequestEvent, done: string, fn: CaseActionRun) {
	const { locals, params, url, request } = event;
	const user = requireUser(locals, undefined, url);
	const id = caseIdOf(params, locals.lang);
	const form = await request.formData();
	try {
		await fn(locals.db, user, id, form, { ip: clientIp(event) });
		return { done };
	} catch (err) {
		return refused(err, locals.lang, { action: done });
	}
}

export const actions: Actions = {
	act: (event) =>
		run(event, 'act', async (db, user, id, form, ctx) => {
			const action = parseCaseAction(form);
			return actOnCase(db, user, id, action, { documents: await parseActionUploads(form, action) }, ctx);
		}),
	claim: (event) => run(event, 'claim', (db, user, id, _form, ctx) => claimCase(db, user, id, ctx)),
	assign: (event) => run(event, 'assign', (db, user, id, form, ctx) => assignCase(db, user, id, formId(form, 'assigneeId'), ctx)),
	message: (event) => run(event, 'message', (db, user, id, form, ctx) => postMessage(db, user, id, parseMessage(form), ctx)),
	answerTask: (event) =>
		run(event, 'answerTask', async (db, user, _id, form, ctx) => {
			const { taskId, ...answer } = await parseTaskAnswer(form);
			return answerTask(db, user, taskId, answer, ctx);
		}),
	siteVisit: (event) => run(event, 'siteVisit', async (db, user, id, form, ctx) => recordSiteVisit(db, user, id, await parseSiteVisit(form), ctx))
};

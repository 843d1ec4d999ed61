import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import { actOnCase, answerTask, assignCase, casePage, claimCase, decidePowerOfAttorney, idempotencyKeyFrom, newIdempotencyKey, postMessage, recordSiteVisit } from '$lib/server/cases';
import { formId } from '$lib/schemas/form';
import { parseCaseAction, parseMessage, parseSiteVisitFields, parseTaskAnswer } from '$lib/schemas/case-forms';
import { formFailure, pageError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';
import { defaultFileStore, readStreamedForm, stagedByKind, stagedOf, type StreamedForm } from '$lib/server/documents';
import { overrideProposal, permitPanel, setIssuedStatus, uploadDrawings } from '$lib/server/permits';
import { parseOverride, parseStatusChange } from '$lib/schemas/permit-forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, undefined, url);
	try {
		const page = await casePage(locals.db, user, Number(params.id));
		// the action and task forms' key, new at every render: a form sent twice acts once
		return { ...page, permit: await permitPanel(locals.db, user, Number(params.id)), idempotencyKey: newIdempotencyKey() };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

type CaseActionRun = (
	db: App.Locals['db'],
	user: SessionUser,
	caseId: number,
	form: FormData,
	ctx: { ip: string | null; idempotencyKey?: string },
	streamed: StreamedForm
) => Promise<unknown>;

/**
 * Runs one case action for the signed-in user; a refusal becomes a form failure and changes nothing.
 * The body is read streamed (issue 7): its files (an agency's reply, site visit photos, drawings) go
 * to disk as they arrive and are moved into the store, or removed, never held in memory.
 */
async function run(event: RequestEvent, done: string, fn: CaseActionRun) {
	const { locals, params, url, request } = event;
	const user = requireUser(locals, undefined, url);
	let streamed: StreamedForm;
	try {
		streamed = await readStreamedForm(request, defaultFileStore());
	} catch (err) {
		return formFailure(err, locals.lang, { action: done });
	}
	try {
		const form = streamed.fields;
		await fn(locals.db, user, Number(params.id), form, { ip: clientOf(event).ip, idempotencyKey: idempotencyKeyFrom(form, request) }, streamed);
		// which workflow action an `act` form took, for the page to say what it did
		return done === 'act' ? { done, acted: String(form.get('type') ?? '') } : { done };
	} catch (err) {
		return formFailure(err, locals.lang, { action: done });
	} finally {
		await streamed.discard();
	}
}

export const actions: Actions = {
	act: (event) =>
		run(event, 'act', async (db, user, id, form, ctx, streamed) => {
			const action = parseCaseAction(form);
			// With a referral: the case documents the officer hands the agency (all it sees of the file).
			const attachDocumentIds = form.getAll('attach').map((v) => Number(v));
			const { idempotencyKey, ...env } = ctx;
			const documents = action?.type === 'agency_reply' ? stagedOf(streamed, 'files', 'agency_reply') : [];
			return actOnCase(db, user, id, action, { documents, attachDocumentIds, idempotencyKey }, env);
		}).then((result) => {
			// An agency's access ends with its reply (issue 7): back to its cartable, which says so.
			if ('done' in result && event.locals.user?.roles.every((g) => g.role === 'agency')) redirect(303, '/cartable?replied=1');
			return result;
		}),
	powerOfAttorney: (event) =>
		run(event, 'powerOfAttorney', (db, user, id, form, ctx) =>
			decidePowerOfAttorney(db, user, id, { accept: form.get('decision') === 'accept', reason: String(form.get('reason') ?? '') }, ctx)
		),
	claim: (event) => run(event, 'claim', (db, user, id, _form, ctx) => claimCase(db, user, id, ctx)),
	assign: (event) => run(event, 'assign', (db, user, id, form, ctx) => assignCase(db, user, id, formId(form, 'assigneeId'), ctx)),
	message: (event) => run(event, 'message', (db, user, id, form, ctx) => postMessage(db, user, id, parseMessage(form), ctx)),
	// the applicant's requested documents are streamed to disk as they arrive (issue 7)
	answerTask: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, undefined, url);
		let streamed: StreamedForm;
		try {
			streamed = await readStreamedForm(request, defaultFileStore());
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'answerTask' });
		}
		try {
			const form = streamed.fields;
			const { taskId, note } = await parseTaskAnswer(form);
			const answer = { note, documents: stagedByKind(streamed), idempotencyKey: idempotencyKeyFrom(form, request) };
			await answerTask(locals.db, user, taskId, answer, { ip: clientOf(event).ip });
			return { done: 'answerTask' };
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'answerTask' });
		} finally {
			await streamed.discard();
		}
	},
	// the two-stage permit (src/lib/server/permits)
	drawings: (event) => run(event, 'drawings', (db, user, id, _form, ctx, streamed) => uploadDrawings(db, user, id, stagedOf(streamed, 'drawings', 'engineering_drawings'), ctx)),
	override: (event) => run(event, 'override', (db, user, id, form, ctx) => overrideProposal(db, user, id, parseOverride(form), ctx)),
	documentStatus: (event) =>
		run(event, 'documentStatus', (db, user, _id, form) => {
			const { documentId, ...change } = parseStatusChange(form);
			return setIssuedStatus(db, user, documentId, change);
		}),
	siteVisit: (event) =>
		run(event, 'siteVisit', (db, user, id, form, ctx, streamed) =>
			recordSiteVisit(db, user, id, { ...parseSiteVisitFields(form), photos: stagedOf(streamed, 'photos', 'site_visit_photo') }, ctx)
		)
};

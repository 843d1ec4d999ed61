import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import { annulItem, createDraftBook, FeeError, getTariffBook, listTariffBooks, publishBook, saveDraftBook, setBookApproval } from '$lib/server/fees';
import { toLatinDigits } from '$lib/i18n';
import { DomainError } from '$lib/server/errors';
import { pageError } from '$lib/server/errors';
import { positiveInt } from '$lib/schemas/id';
import { formText } from '$lib/schemas/form';

/** The administrator's tariff books: list, open one, new draft, edit, approve, publish (samples run first), annul an item. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, ['admin'], url);
	const bookId = positiveInt(url.searchParams.get('book'));
	try {
		const books = await listTariffBooks(locals.db, user);
		const detail = bookId === null ? null : await getTariffBook(locals.db, user, bookId);
		return {
			books: books.map((b) => ({ ...b, created_at: new Date(b.created_at).toISOString(), published_at: b.published_at && new Date(b.published_at).toISOString() })),
			detail: detail && {
				id: detail.row.id,
				status: detail.row.status,
				jalaliYear: detail.row.jalali_year,
				sample: detail.row.is_sample,
				sha256: detail.row.sha256,
				items: detail.document.items.map((i) => ({ code: i.code, title: i.title, annulled: !!i.annulled })),
				text: JSON.stringify(detail.document, null, 2),
				annulments: detail.annulments,
				events: detail.events.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), action: e.action, actor: e.actor })),
				problems: detail.validation.problems.map((p) => ({ severity: p.severity, message: p.message }))
			}
		};
	} catch (err) {
		pageError(err, locals.lang);
	}
};

/** Runs one book change; a refusal lists every problem, in the reader's language. */
async function run(event: RequestEvent, name: string, fn: (user: SessionUser, form: FormData, id: number) => Promise<unknown>) {
	const user = requireUser(event.locals, ['admin'], event.url);
	const form = await event.request.formData();
	const id = positiveInt(formText(form, 'bookId', 20)) ?? 0;
	try {
		await fn(user, form, id);
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		const lang = event.locals.lang;
		const problems = err instanceof FeeError ? err.problems.map((p) => p.message[lang]) : [];
		const message = err instanceof FeeError && problems.length ? err.head[lang] : err.messages[lang];
		return fail(err.status, { action: name, code: err.code, error: message, problems, text: formText(form, 'document', 2_000_000) || undefined });
	}
	return { done: name };
}

export const actions: Actions = {
	newDraft: async (event) => {
		let created = 0;
		const result = await run(event, 'newDraft', async (user, form, id) => {
			created = await createDraftBook(event.locals.db, user, { copyOf: id, jalali_year: positiveInt(toLatinDigits(formText(form, 'year', 4))) ?? 0 });
		});
		if (created) redirect(303, `/admin/fees?book=${created}`);
		return result;
	},
	save: (event) => run(event, 'save', (user, form, id) => saveDraftBook(event.locals.db, user, id, formText(form, 'document', 2_000_000))),
	approve: (event) => run(event, 'approve', (user, _form, id) => setBookApproval(event.locals.db, user, id, true)),
	unapprove: (event) => run(event, 'unapprove', (user, _form, id) => setBookApproval(event.locals.db, user, id, false)),
	publish: (event) => run(event, 'publish', (user, _form, id) => publishBook(event.locals.db, user, id)),
	annul: (event) =>
		run(event, 'annul', (user, form, id) =>
			annulItem(event.locals.db, user, id, { item_code: formText(form, 'itemCode', 40), ruling_ref: formText(form, 'rulingRef', 400), ruling_date: formText(form, 'rulingDate', 20) })
		)
};

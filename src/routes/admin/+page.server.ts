import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import {
	adminDirectory,
	createEngineeringOffice,
	createStaffAccount,
	grantStaffRole,
	listStaffAccounts,
	revokeStaffRole,
	sandboxOutbox,
	setStaffActive
} from '$lib/server/admin';
import { createMessageSender } from '$lib/server/notify';
import { parseActive, parseGrant, parseGrantId, parseNewOffice, parseNewStaff, parseUserId } from '$lib/schemas/admin-forms';
import { formFailure } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, ['admin'], url);
	const [staff, directory, outbox] = await Promise.all([
		listStaffAccounts(locals.db, user),
		adminDirectory(locals.db, user),
		sandboxOutbox(locals.db, user, 100)
	]);
	return {
		staff,
		...directory,
		outbox: outbox.map((m) => ({ id: m.id, recipient: m.recipient, body: m.body, at: new Date(m.created_at).toISOString() })),
		sandbox: createMessageSender(locals.db).name === 'outbox-sandbox',
		selfId: user.id
	};
};

async function run(event: RequestEvent, name: string, fn: (user: SessionUser, form: FormData) => Promise<unknown>) {
	const user = requireUser(event.locals, ['admin'], event.url);
	const form = await event.request.formData();
	try {
		await fn(user, form);
		return { done: name };
	} catch (err) {
		return formFailure(err, event.locals.lang, { action: name });
	}
}

export const actions: Actions = {
	createStaff: (event) =>
		run(event, 'createStaff', (user, form) => createStaffAccount(event.locals.db, user, parseNewStaff(form))),
	setActive: (event) => run(event, 'setActive', (user, form) => setStaffActive(event.locals.db, user, parseUserId(form), parseActive(form))),
	grant: (event) => run(event, 'grant', (user, form) => grantStaffRole(event.locals.db, user, parseUserId(form), parseGrant(form))),
	revoke: (event) => run(event, 'revoke', (user, form) => revokeStaffRole(event.locals.db, user, parseUserId(form), parseGrantId(form))),
	createOffice: (event) => run(event, 'createOffice', (user, form) => createEngineeringOffice(event.locals.db, user, parseNewOffice(form)))
};

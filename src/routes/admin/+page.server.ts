import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import {
	adminDirectory,
	auditLogPage,
	createEngineeringOffice,
	recordOfficeClosure,
	withdrawOfficeClosure,
	createStaffAccount,
	grantStaffRole,
	listStaffAccounts,
	rebindCitizenMobile,
	resetStaffTotp,
	revokeStaffRole,
	sandboxOutbox,
	setStaffActive
} from '$lib/server/admin';
import { isDemoMode, type ClientInfo } from '$lib/server/auth';
import { createMessageSender } from '$lib/server/notify';
import { parseActive, parseGrant, parseGrantId, parseNewOffice, parseNewStaff, parseUserId } from '$lib/schemas/admin-forms';
import { formFailure } from '$lib/server/errors';
import { formText } from '$lib/schemas/form';
import { clientOf } from '$lib/server/client';
import { holidayOutlook } from '$lib/server/calendar';
import { addCalendarDays, tehranDate } from '$lib/domain/working-days';
import { closureWithdrawable, listOfficeClosures } from '$lib/server/calendar/closures';
import { ALL_AUDIT_EVENTS } from '$lib/schemas/audit-query';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, ['admin'], url);
	const now = new Date();
	const today = tehranDate(now);
	const [staff, directory, outbox, audit, closures] = await Promise.all([
		listStaffAccounts(locals.db, user),
		adminDirectory(locals.db, user),
		sandboxOutbox(locals.db, user, 100),
		// the latest few; the rest, searchable, on /admin/audit
		auditLogPage(locals.db, user, ALL_AUDIT_EVENTS, locals.lang, 10),
		// the last month's and those announced
		listOfficeClosures(locals.db, addCalendarDays(today, -30))
	]);
	return {
		staff: staff.map(({ totp_enabled_at, ...s }) => ({ ...s, totpOn: totp_enabled_at !== null })),
		audit: audit.events,
		codesMasked: !isDemoMode(),
		...directory,
		outbox: outbox.map((m) => ({ id: m.id, recipient: m.recipient, body: m.body, at: new Date(m.created_at).toISOString() })),
		sandbox: createMessageSender(locals.db).name === 'outbox-sandbox',
		selfId: user.id,
		holidays: holidayOutlook(today),
		closures: closures.map((c) => ({ ...c, recordedAt: c.recordedAt.toISOString(), withdrawable: closureWithdrawable(c.day, now) }))
	};
};

/**
 * One admin action: the signed-in admin, the form, the service call; `{ done: name }` and what `answer` takes of the
 * call's result for the page, or the failure named in the user's language.
 */
async function run<R, A extends object = object>(
	event: RequestEvent,
	name: string,
	fn: (user: SessionUser, form: FormData, client: ClientInfo) => Promise<R>,
	answer: (result: R) => A = () => ({}) as A
) {
	const user = requireUser(event.locals, ['admin'], event.url);
	const form = await event.request.formData();
	try {
		const result = await fn(user, form, clientOf(event));
		return { done: name, ...answer(result) };
	} catch (err) {
		return formFailure(err, event.locals.lang, { action: name });
	}
}

export const actions: Actions = {
	createStaff: (event) =>
		run(event, 'createStaff', (user, form, client) => createStaffAccount(event.locals.db, user, parseNewStaff(form), client)),
	setActive: (event) =>
		run(event, 'setActive', (user, form, client) => setStaffActive(event.locals.db, user, parseUserId(form), parseActive(form), client)),
	grant: (event) => run(event, 'grant', (user, form, client) => grantStaffRole(event.locals.db, user, parseUserId(form), parseGrant(form), client)),
	revoke: (event) => run(event, 'revoke', (user, form, client) => revokeStaffRole(event.locals.db, user, parseUserId(form), parseGrantId(form), client)),
	createOffice: (event) =>
		run(event, 'createOffice', (user, form, client) => createEngineeringOffice(event.locals.db, user, parseNewOffice(form), client)),
	rebind: (event) =>
		run(event, 'rebind', (user, form, client) =>
			rebindCitizenMobile(
				event.locals.db,
				user,
				{ nationalId: formText(form, 'nationalId', 20), mobile: formText(form, 'mobile', 20), reason: formText(form, 'reason', 600) },
				{ client }
			)
		),
	recordClosure: (event) =>
		run(
			event,
			'recordClosure',
			(user, form, client) =>
				recordOfficeClosure(
					event.locals.db,
					user,
					{ day: formText(form, 'day', 40), reasonFa: formText(form, 'reasonFa', 400), reasonEn: formText(form, 'reasonEn', 400) },
					client
				),
			(closure) => ({ closure })
		),
	withdrawClosure: (event) =>
		run(
			event,
			'withdrawClosure',
			(user, form, client) => withdrawOfficeClosure(event.locals.db, user, { day: formText(form, 'day', 40), reasonFa: formText(form, 'reasonFa', 400) }, client),
			(withdrawn) => ({ withdrawn })
		),
	resetTotp: (event) =>
		run(event, 'resetTotp', (user, form, client) => resetStaffTotp(event.locals.db, user, parseUserId(form), formText(form, 'reason', 600), { client }))
};

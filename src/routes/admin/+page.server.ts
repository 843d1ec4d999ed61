import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser, type SessionUser } from '$lib/server/auth';
import {
	adminDirectory,
	auditLog,
	createEngineeringOffice,
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
import { clientIp, positiveInt, refused, text } from '../cases/form.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, ['admin'], url);
	const [staff, directory, outbox, audit] = await Promise.all([
		listStaffAccounts(locals.db, user),
		adminDirectory(locals.db, user),
		sandboxOutbox(locals.db, user, 100),
		auditLog(locals.db, user, 100)
	]);
	return {
		staff: staff.map(({ totp_enabled_at, ...s }) => ({ ...s, totpOn: totp_enabled_at !== null })),
		audit: audit.map((e) => ({ ...e, at: e.at.toISOString() })),
		codesMasked: !isDemoMode(),
		...directory,
		outbox: outbox.map((m) => ({ id: m.id, recipient: m.recipient, body: m.body, at: new Date(m.created_at).toISOString() })),
		sandbox: createMessageSender(locals.db).name === 'outbox-sandbox',
		selfId: user.id
	};
};

async function run(event: RequestEvent, name: string, fn: (user: SessionUser, form: FormData, client: ClientInfo) => Promise<unknown>) {
	const user = requireUser(event.locals, ['admin'], event.url);
	const form = await event.request.formData();
	try {
		await fn(user, form, { ip: clientIp(event), userAgent: event.request.headers.get('user-agent') });
		return { done: name };
	} catch (err) {
		return refused(err, event.locals.lang, { action: name });
	}
}

const userIdOf = (form: FormData) => positiveInt(text(form, 'userId', 20)) ?? 0;

export const actions: Actions = {
	createStaff: (event) =>
		run(event, 'createStaff', (user, form, client) =>
			createStaffAccount(
				event.locals.db,
				user,
				{
					username: text(form, 'username', 60),
					displayName: text(form, 'displayName', 200),
					password: text(form, 'password', 200),
					mobile: text(form, 'mobile', 20)
				},
				client
			)
		),
	setActive: (event) =>
		run(event, 'setActive', (user, form, client) => setStaffActive(event.locals.db, user, userIdOf(form), text(form, 'active', 5) === 'true', client)),
	grant: (event) =>
		run(event, 'grant', (user, form, client) =>
			grantStaffRole(
				event.locals.db,
				user,
				userIdOf(form),
				{
					role: text(form, 'role', 40),
					districtId: positiveInt(text(form, 'districtId', 20)),
					agencyKind: text(form, 'agencyKind', 40) || null,
					engineeringOfficeId: positiveInt(text(form, 'engineeringOfficeId', 20))
				},
				client
			)
		),
	revoke: (event) =>
		run(event, 'revoke', (user, form, client) => revokeStaffRole(event.locals.db, user, userIdOf(form), positiveInt(text(form, 'grantId', 20)) ?? 0, client)),
	createOffice: (event) =>
		run(event, 'createOffice', (user, form, client) =>
			createEngineeringOffice(
				event.locals.db,
				user,
				{ nameFa: text(form, 'nameFa', 200), nameEn: text(form, 'nameEn', 200), licenceNo: text(form, 'licenceNo', 60) },
				client
			)
		),
	rebind: (event) =>
		run(event, 'rebind', (user, form, client) =>
			rebindCitizenMobile(
				event.locals.db,
				user,
				{ nationalId: text(form, 'nationalId', 20), mobile: text(form, 'mobile', 20), reason: text(form, 'reason', 600) },
				{ client }
			)
		),
	resetTotp: (event) => run(event, 'resetTotp', (user, form, client) => resetStaffTotp(event.locals.db, user, userIdOf(form), text(form, 'reason', 600), { client }))
};

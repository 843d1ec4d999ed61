import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { fileSupervisionReport, reassignSupervisingEngineer, supervisionPage } from '$lib/server/supervision';
import { parseReassignForm, parseReportForm } from '$lib/schemas/supervision-forms';
import { formFailure, pageError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

/** Engineers file; district officers (and admins, planners city-wide) read and reassign. */
const ROLES = ['supervising_engineer', 'district_officer', 'admin', 'planner'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, ROLES, url);
	try {
		return { page: await supervisionPage(locals.db, user) };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	report: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, ['supervising_engineer'], url);
		const form = await request.formData();
		const input = await parseReportForm(form);
		try {
			const filed = await fileSupervisionReport(locals.db, user, input, { ip: clientOf(event).ip });
			return { done: 'report', reportId: filed.reportId, violationTrackingCode: filed.violationTrackingCode };
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'report', permitCaseId: input.permitCaseId });
		}
	},
	reassign: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, ['district_officer', 'admin'], url);
		const { permitCaseId, input } = parseReassignForm(await request.formData());
		try {
			await reassignSupervisingEngineer(locals.db, user, permitCaseId, input);
			return { done: 'reassign' };
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'reassign', permitCaseId });
		}
	}
};

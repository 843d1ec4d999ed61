import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { fileSupervisionReport, reassignSupervisingEngineer, REPORT_MAX_PHOTOS, REPORT_PHOTO_MAX_BYTES, supervisionPage } from '$lib/server/supervision';
import { defaultFileStore, readStreamedForm, type StreamedForm } from '$lib/server/documents';
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
		// the photos are streamed to disk as they arrive (issue 7), never held whole in memory
		let streamed: StreamedForm;
		try {
			streamed = await readStreamedForm(request, defaultFileStore(), { maxFileBytes: REPORT_PHOTO_MAX_BYTES, maxFiles: REPORT_MAX_PHOTOS });
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'report' });
		}
		const input = { ...(await parseReportForm(streamed.fields)), photos: streamed.files.filter((f) => f.field === 'photos').map((staged) => ({ kind: 'supervision_photo', name: staged.name, staged })) };
		try {
			const filed = await fileSupervisionReport(locals.db, user, input, { ip: clientOf(event).ip });
			return { done: 'report', reportId: filed.reportId, violationTrackingCode: filed.violationTrackingCode };
		} catch (err) {
			return formFailure(err, locals.lang, { action: 'report', permitCaseId: input.permitCaseId });
		} finally {
			await streamed.discard();
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

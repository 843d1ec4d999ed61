import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { REQUEST_FILERS } from '$lib/domain/roles';
import { fileRequest, filingPage, idempotencyKeyFrom, newIdempotencyKey } from '$lib/server/cases';
import { parseFiling, parseFilingParcel } from '$lib/schemas/case-forms';
import { formFailure, pageError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';
import { defaultFileStore, readStreamedForm, stagedByKind, type StreamedForm } from '$lib/server/documents';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, REQUEST_FILERS, url);
	const parcelId = parseFilingParcel(url);
	try {
		// a key per form as shown: sending it twice (a retry after a lost answer) files once
		// a representative who is not a citizen too files only for an owner (the form opens on the owner's fields)
		const filesForSelf = user.roles.some((g) => g.role === 'citizen');
		return { ...(await filingPage(locals.db, user, parcelId)), filesForSelf, idempotencyKey: newIdempotencyKey() };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, REQUEST_FILERS, url);
		const parcelId = parseFilingParcel(url);
		// the documents are streamed to disk as they arrive (issue 7), never held whole in memory
		let streamed: StreamedForm;
		try {
			streamed = await readStreamedForm(request, defaultFileStore());
		} catch (err) {
			return formFailure(err, locals.lang, { requestType: '', ownerNationalId: '', applicantType: '' });
		}
		const form = streamed.fields;
		const { input, echo } = await parseFiling(form, parcelId);
		try {
			const documents = stagedByKind(streamed);
			const filed = await fileRequest(locals.db, user, { ...input, documents, idempotencyKey: idempotencyKeyFrom(form, request) }, { ip: clientOf(event).ip });
			// A representative sees the case once an officer accepts the power of attorney (issue 7).
			const awaitingAttorney = filed.powerOfAttorney?.status === 'pending';
			return { filed: { id: filed.id, trackingCode: filed.trackingCode, step: filed.step.name, dueOn: filed.dueOn, awaitingAttorney } };
		} catch (err) {
			return formFailure(err, locals.lang, echo);
		} finally {
			await streamed.discard();
		}
	}
};

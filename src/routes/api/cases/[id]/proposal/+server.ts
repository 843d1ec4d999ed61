import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { invalidProposalResponse, InvalidProposalError, readProposal } from '$lib/server/rules/proposal-check.service';
import { submitProposal } from '$lib/server/permits';
import { BadInputError, DomainError, jsonError } from '$lib/server/errors';
import { positiveInt } from '$lib/schemas/id';
import { clientOf } from '$lib/server/client';

const SIGN_IN = { fa: 'برای ثبت طرح پیشنهادی وارد شوید.', en: 'Sign in to submit a proposal.' };

/**
 * POST /api/cases/:id/proposal: the applicant (or their technical representative) stores the
 * proposed building on their permit case. The body is exactly the proposal-check JSON
 * (POST /api/parcels/:id/proposal-check); the server checks it again on the case's parcel and
 * answers 201 with the check and `proposal_id`. Bad input 400 naming the field; not signed in 401;
 * a case one may not see 404; a case not at the drawings step (or a correction) 409.
 */
export const POST: RequestHandler = async (event) => {
	const { params, request, locals } = event;
	try {
		if (!locals.user) throw new DomainError(401, 'sign_in_required', SIGN_IN);
		const id = positiveInt(params.id);
		if (id === null) throw new BadInputError('invalid_case_id', { fa: `شناسهٔ پرونده «${params.id}» عدد مثبت نیست.`, en: `Case id "${params.id}" is not a positive whole number.` });
		const body = await request.clone().json().catch(() => undefined);
		const proposal = await readProposal(request);
		const stored = await submitProposal(locals.db, locals.user, id, proposal, body, { ip: clientOf(event).ip });
		return json(stored, { status: 201, headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return err instanceof InvalidProposalError ? invalidProposalResponse(err, locals.lang) : jsonError(err, locals.lang);
	}
};

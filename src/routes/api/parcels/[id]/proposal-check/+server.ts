import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseParcelId } from '$lib/schemas/parcel-query';
import { checkParcelProposal, invalidProposalResponse, InvalidProposalError, readProposal } from '$lib/server/rules/proposal-check.service';
import { expectValid, jsonError } from '$lib/server/errors';

/**
 * POST /api/parcels/:id/proposal-check: a proposed building (floors, footprint as m² or drawn
 * GeoJSON, height, units, parking) against the parcel's rules in force, rule by rule. Bad input
 * answers 400 naming each field, in the reader's language; an unknown parcel 404.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	try {
		const id = expectValid(parseParcelId(params.id));
		const proposal = await readProposal(request);
		return json(await checkParcelProposal(locals.db, id, proposal));
	} catch (err) {
		return err instanceof InvalidProposalError ? invalidProposalResponse(err, locals.lang) : jsonError(err, locals.lang);
	}
};

import { parseProposal, type Proposal } from '../../domain/rules';
import { InvalidProposalError } from '../rules/proposal-check.service';

/** A proposal body built from a form, as the API reads it: every problem named by its field (400). */
export function readProposalBody(body: unknown): Proposal {
	const parsed = parseProposal(body);
	if (!parsed.ok) throw new InvalidProposalError(parsed.errors);
	return parsed.value;
}

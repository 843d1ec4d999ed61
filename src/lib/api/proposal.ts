/**
 * The proposal check contract: `POST /api/parcels/:id/proposal-check` answers whether a proposed
 * building keeps the parcel's rules, rule by rule. Client-safe (types only). The request body is
 * a {@link Proposal}'s JSON (see src/lib/domain/rules/proposal.ts); areas are m² and lengths m,
 * measured in the city's projected CRS; a drawn footprint is GeoJSON in WGS84.
 */
import type { ParcelFacts, RuleResult, Verdict } from '../domain/rules';
import type { RuleBookInfo } from './parcel';

export interface ProposalCheckResponse {
	/** True only when every rule passes; a rule an officer must decide makes it false too. */
	ok: boolean;
	/** Each rule: `rule`, `verdict` (pass | fail | needs_officer), `limit`, `proposed`, `unit`, `clause`, `explanation {fa, en}`. */
	rules: RuleResult[];
	summary: Record<Verdict, number>;
	/** The rule book the check was made under. */
	rule_book: RuleBookInfo;
	/** The zone covering most of the parcel; null outside the zoning. */
	zone_code: string | null;
	/** What was measured about the parcel (and the drawn footprint), to 0.01. */
	facts: ParcelFacts;
}

/** 400 answer for a proposal that cannot be read: one entry per problem, each naming its field path. */
export interface ProposalErrorBody {
	error: {
		code: 'invalid_proposal';
		message: string;
		fields: { path: string; code: string; message: string }[];
	};
}

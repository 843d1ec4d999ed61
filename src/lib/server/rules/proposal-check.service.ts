/**
 * The proposal check on the server: read the proposal, measure the parcel (and a drawn footprint)
 * in PostGIS, look up the rules in force for its zone, and let the pure checker answer rule by
 * rule (src/lib/domain/rules/check).
 */
import type { ProposalCheckResponse, ProposalErrorBody } from '../../api/proposal';
import { netAreaAfterWidening, roundArea } from '../../domain/capacity';
import { checkProposal, parseProposal, type FootprintFacts, type ParcelFacts, type Proposal, type ProposalIssue } from '../../domain/rules';
import type { IsoDate } from '../../domain/working-days';
import { BadInputError, DomainError, type Lang } from '../errors';
import { findProposalFacts } from './proposal-facts.repository';
import type { Queryable } from './rule-book.repository';
import { applicable, parcelNotFound, today, zoneRulesInForce } from './rule-book.service';

/** A body that is JSON but not a proposal: every problem, each naming its field path. */
export class InvalidProposalError extends BadInputError {
	constructor(readonly issues: ProposalIssue[]) {
		super('invalid_proposal', {
			fa: issues.map((i) => i.message.fa).join(' '),
			en: issues.map((i) => i.message.en).join(' ')
		});
	}
}

/**
 * The proposal in a request body.
 * @throws BadInputError (400, `invalid_json`) when the body is not JSON;
 *         InvalidProposalError (400, `invalid_proposal`) naming each field that is wrong.
 */
export async function readProposal(request: Request): Promise<Proposal> {
	let body: unknown;
	try {
		body = JSON.parse(await request.text());
	} catch (err) {
		throw new BadInputError(
			'invalid_json',
			{
				fa: 'بدنهٔ درخواست JSON درستی نیست؛ پیشنهاد را به صورت یک شیء JSON بفرستید.',
				en: 'The request body is not valid JSON; send the proposal as a JSON object.'
			},
			{ cause: err }
		);
	}
	const parsed = parseProposal(body);
	if (!parsed.ok) throw new InvalidProposalError(parsed.errors);
	return parsed.value;
}

/** The 400 answer for an {@link InvalidProposalError}, in the reader's language. */
export function invalidProposalResponse(err: InvalidProposalError, lang: Lang): Response {
	const body: ProposalErrorBody = {
		error: {
			code: 'invalid_proposal',
			message: err.messages[lang],
			fields: err.issues.map((i) => ({ path: i.path, code: i.code, message: i.message[lang] }))
		}
	};
	return new Response(JSON.stringify(body), {
		status: 400,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/**
 * Checks a proposed building against the rules in force for a parcel.
 * @throws NotFoundError (404, `parcel_not_found`); DomainError (409, `no_rule_book_in_force`) when
 *         no rule book is in force: a verdict must name the book it was made under.
 */
export async function checkParcelProposal(db: Queryable, parcelId: number, proposal: Proposal, on: IsoDate = today()): Promise<ProposalCheckResponse> {
	const drawn = proposal.footprint.kind === 'geometry' ? JSON.stringify(proposal.footprint.geometry) : null;
	const row = await findProposalFacts(db, parcelId, drawn);
	if (!row) throw parcelNotFound(parcelId);
	const inForce = await zoneRulesInForce(db, row.zone_code === null ? [] : [row.zone_code], on);
	if (!inForce) throw noRuleBook(on);
	const facts: ParcelFacts = { ...row, net_area_m2: netAreaAfterWidening(row.gross_area_m2, row.setback_area_m2) };
	const check = checkProposal(facts, applicable(inForce, row.zone_code), proposal);
	const { id, title, title_en, effective_from, is_sample } = inForce.book;
	return {
		ok: check.ok,
		rules: check.rules,
		summary: check.summary,
		rule_book: { id, title, title_en, effective_from, sample: is_sample },
		zone_code: row.zone_code,
		facts: rounded(facts)
	};
}

function noRuleBook(on: IsoDate): DomainError {
	return new DomainError(409, 'no_rule_book_in_force', {
		fa: `در تاریخ ${on} هیچ دفترچهٔ ضوابطی در حال اجرا نیست، پس پیشنهاد را نمی‌توان بررسی کرد. دفترچهٔ ضوابط را با ‎--layer zoning_rules وارد کنید.`,
		en: `No rule book is in force on ${on}, so the proposal cannot be checked. Import the rule book with --layer zoning_rules.`
	});
}

const round = (v: number | null) => (v === null ? null : roundArea(v));

/** Facts as shown: m² and m to 0.01. */
function rounded(f: ParcelFacts): ParcelFacts {
	const footprint: FootprintFacts | null = f.footprint && {
		area_m2: roundArea(f.footprint.area_m2),
		beyond_widening_m2: roundArea(f.footprint.beyond_widening_m2),
		outside_parcel_m2: roundArea(f.footprint.outside_parcel_m2),
		depth_m: roundArea(f.footprint.depth_m),
		front_distance_m: round(f.footprint.front_distance_m)
	};
	return {
		...f,
		gross_area_m2: roundArea(f.gross_area_m2),
		setback_area_m2: roundArea(f.setback_area_m2),
		net_area_m2: roundArea(f.net_area_m2),
		parcel_depth_m: round(f.parcel_depth_m),
		footprint
	};
}

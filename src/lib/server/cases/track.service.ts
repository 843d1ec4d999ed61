import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { citizenStatus, requestTypeById, stepOf } from '../workflows';
import { isOverdue, tehranDate } from '../../domain/working-days';
import { parseTrackingCode } from '../../domain/tracking-code';
import { validateNationalId } from '../../domain/national-id';
import { hitRateLimit, type RateLimit } from '../auth/rate-limit.repository';
import { findCaseByTrackingCode } from './cases.repository';
import { partyNationalId } from './case-parties.repository';
import { stateOf } from './case-state';
import { caseErrors } from './errors';
import type { PublicCaseStatus } from './types';

/**
 * The public status page: tracking code + the applicant's national id. Answers only the request
 * type, status, step and deadline; a wrong pair (either half) gets the same 404, so neither can be
 * confirmed alone. The page goes through `trackPublicLimited`.
 */
export async function trackPublic(db: Kysely<DB>, trackingCode: string, nationalId: string, options: { now?: Date } = {}): Promise<PublicCaseStatus> {
	const code = parseTrackingCode(String(trackingCode ?? ''));
	if (!code) throw caseErrors.trackingCodeInvalid();
	const id = validateNationalId(String(nationalId ?? ''));
	if (!id.ok) throw caseErrors.nationalIdInvalid(id);
	const record = await findCaseByTrackingCode(db, code);
	const definition = record ? requestTypeById(record.request_type) : undefined;
	if (!record || !definition) throw caseErrors.trackingNoMatch();
	if ((await partyNationalId(db, record.applicant_user_id)) !== id.value) throw caseErrors.trackingNoMatch();
	const state = stateOf(record);
	const now = options.now ?? new Date();
	return {
		trackingCode: record.tracking_code,
		requestType: definition.name,
		status: state.status,
		statusText: citizenStatus(definition, state),
		step: stepOf(definition, state.stepId).name,
		dueOn: state.dueOn,
		overdue: state.status === 'in_progress' && state.dueOn !== null && isOverdue(state.dueOn, now),
		filedOn: tehranDate(new Date(record.opened_at))
	};
}

const PER_IP: RateLimit = { limit: 20, windowMs: 10 * 60_000 };
const PER_CODE: RateLimit = { limit: 10, windowMs: 10 * 60_000 };

/**
 * The public status page as visitors reach it: limited per address and per tracking code, so
 * neither half of the pair can be guessed by trying many values.
 * @throws RateLimitedError (429) past either limit
 */
export async function trackPublicLimited(
	db: Kysely<DB>,
	query: { trackingCode: string; nationalId: string },
	options: { ip: string | null; now?: Date }
): Promise<PublicCaseStatus> {
	const now = options.now ?? new Date();
	if (options.ip) await hitRateLimit(db, `track:ip:${options.ip}`, PER_IP, now);
	const digits = query.trackingCode.replace(/\D/g, '') || query.trackingCode;
	await hitRateLimit(db, `track:code:${digits.slice(0, 20)}`, PER_CODE, now);
	return trackPublic(db, query.trackingCode, query.nationalId, { now });
}

/**
 * The body of `POST /api/excavations` (filing a work): the check's body (features, start, end,
 * emergency) plus what the application says: purpose, description, and the work whose trench it
 * shares. Each problem names its field in both languages.
 */
import { toPersianDigits } from '../domain/text';
import { EXCAVATION_PURPOSES, type ExcavationPurpose } from '../domain/excavation/works';
import { parseExcavationCheck, type ExcavationCheckInput } from './excavation';
import type { Parsed } from './parcel-query';

export interface ExcavationFilingInput extends ExcavationCheckInput {
	purpose: ExcavationPurpose;
	description: string | null;
	sharedTrenchOf: number | null;
}

export const MAX_DESCRIPTION = 2000;

const fail = (code: string, fa: string, en: string): Parsed<never> => ({ ok: false, issue: { code, messages: { fa: toPersianDigits(fa), en } } });

/**
 * @example parseExcavationFiling({ features: [...], start: '2026-12-01', end: '2026-12-10', emergency: false, purpose: 'repair', description: 'Leak' })
 */
export function parseExcavationFiling(body: unknown): Parsed<ExcavationFilingInput> {
	const check = parseExcavationCheck(body);
	if (!check.ok) return check;
	const raw = body as Record<string, unknown>;
	const purpose = raw.purpose;
	if (typeof purpose !== 'string' || !(EXCAVATION_PURPOSES as readonly string[]).includes(purpose)) {
		return fail(
			'invalid_purpose',
			`هدف حفاری (purpose) باید یکی از ${EXCAVATION_PURPOSES.join('، ')} باشد، نه «${String(purpose ?? '')}».`,
			`The purpose must be one of ${EXCAVATION_PURPOSES.join(', ')}, not "${String(purpose ?? '')}".`
		);
	}
	const description = raw.description ?? null;
	if (description !== null && typeof description !== 'string') {
		return fail('invalid_description', 'شرح کار (description) باید متن باشد.', 'The description must be text.');
	}
	if (typeof description === 'string' && description.length > MAX_DESCRIPTION) {
		return fail('description_too_long', `شرح کار بیش از ${MAX_DESCRIPTION} نویسه است.`, `The description is longer than ${MAX_DESCRIPTION} characters.`);
	}
	const shared = raw.shared_trench_of ?? null;
	if (shared !== null && !(typeof shared === 'number' && Number.isSafeInteger(shared) && shared > 0)) {
		return fail('invalid_shared_trench', 'shared_trench_of باید شناسهٔ یک کار حفاری باشد.', 'shared_trench_of must be the id of an excavation work.');
	}
	return { ok: true, value: { ...check.value, purpose: purpose as ExcavationPurpose, description: description?.trim() || null, sharedTrenchOf: shared } };
}

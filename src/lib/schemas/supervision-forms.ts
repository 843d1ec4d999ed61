/**
 * The /supervision forms, read once at the edge: the stage report (its Jalali date converted to
 * ISO, Persian digits accepted, numbers parsed, photos as uploads) and the officer's reassignment.
 * What cannot be read becomes a value the service refuses with its own message (NaN, '').
 */
import type { SupervisionReportInput, ReassignInput } from '../server/supervision';
import { fromJalali } from '../domain/jalali';
import { toLatinDigits } from '../domain/text';
import { formId, formText, uploadsOf } from './form';
import { positiveInt } from './id';

/** '۱۴۰۴/۰۲/۱۳' or '1404-2-13' → '2025-05-03'; '' when it is not a Jalali date. */
export function jalaliToIso(text: string): string {
	const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(toLatinDigits(text.trim()));
	if (!m) return '';
	try {
		return fromJalali({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
	} catch {
		return '';
	}
}

function number(form: FormData, name: string): number {
	const text = toLatinDigits(formText(form, name, 30)).replace('٫', '.');
	return text === '' ? Number.NaN : Number(text);
}

export async function parseReportForm(form: FormData): Promise<SupervisionReportInput> {
	const lon = number(form, 'lon');
	const lat = number(form, 'lat');
	const hasViolation = formText(form, 'violation', 5) === 'yes';
	const excessText = formText(form, 'measuredExcess', 30);
	return {
		permitCaseId: formId(form, 'permitCaseId'),
		stage: formText(form, 'stage', 40),
		reportedOn: jalaliToIso(formText(form, 'reportedOn', 20)),
		body: formText(form, 'body'),
		progressPct: number(form, 'progressPct'),
		location: Number.isFinite(lon) && Number.isFinite(lat) ? { lon, lat } : null,
		violation: hasViolation
			? { kind: formText(form, 'violationKind', 40), description: formText(form, 'violationText'), measuredExcess: excessText === '' ? null : number(form, 'measuredExcess') }
			: null,
		photos: await uploadsOf(form, 'photos', 'supervision_photo')
	};
}

export function parseReassignForm(form: FormData): { permitCaseId: number; input: ReassignInput } {
	const engineerId = positiveInt(formText(form, 'engineerId', 20));
	return { permitCaseId: formId(form, 'permitCaseId'), input: { engineerId: engineerId ?? undefined, reason: formText(form, 'reason', 1000) } };
}

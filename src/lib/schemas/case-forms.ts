/**
 * The case pages' forms, read once at the edge into what the case services take. Each field is
 * cut to its length and every choice is checked against its list, so nothing is cast: a form
 * that names no valid action is `null`, which the service refuses as an invalid request.
 * Form actions only (these run on the server; document kinds come from the workflow's list).
 */
import type { CaseAction } from '../server/workflows';
import { isDocumentKind } from '../server/workflows/documents';
import { isReferralVerdict } from '../server/workflows/types';
import type { FileRequestInput, SiteVisitInput } from '../server/cases';
import type { UploadInput } from '../server/documents';
import { isAgencyKind } from '../domain/roles';
import { MESSAGE_MAX_LENGTH } from '../api/case';
import { formId, formText, optionalText, uploadsByKind } from './form';
import { positiveInt } from './id';

const STEP_ID = 100;

/** The action a form names, with only the fields that action takes; null for an unknown action or choice. */
export function parseCaseAction(form: FormData): CaseAction | null {
	const stepId = formText(form, 'stepId', STEP_ID);
	const type = formText(form, 'type', 40);
	switch (type) {
		case 'approve':
			return { type, stepId, to: optionalText(form, 'to', STEP_ID), note: optionalText(form, 'note') };
		case 'complete':
			return { type, stepId, note: optionalText(form, 'note') };
		case 'return_to_applicant':
		case 'reject':
			return { type, stepId, reason: formText(form, 'reason') };
		case 'request_document': {
			const kinds = form.getAll('kinds').map(String);
			if (!kinds.every(isDocumentKind)) return null;
			return { type, stepId, reason: formText(form, 'reason'), kinds };
		}
		case 'refer_to_agency': {
			const agency = formText(form, 'agency', 40);
			if (!isAgencyKind(agency)) return null;
			const days = positiveInt(formText(form, 'dueInWorkingDays', 3));
			return { type, stepId, agency, question: formText(form, 'question'), dueInWorkingDays: days ?? undefined };
		}
		case 'agency_reply': {
			const verdict = form.get('verdict');
			return { type, stepId, reply: formText(form, 'reply'), verdict: isReferralVerdict(verdict) ? verdict : undefined };
		}
		case 'applicant_reply':
			return { type, stepId, note: optionalText(form, 'note') };
		case 'withdraw':
			return { type, stepId, reason: optionalText(form, 'reason') };
		default:
			return null;
	}
}

/** The files an action carries: an agency's reply attaches its letters; no other action takes files here. */
/** The applicant's answer to a task: its id, a note, and the requested files (`doc:<kind>`). */
export async function parseTaskAnswer(form: FormData): Promise<{ taskId: number; note?: string; documents: UploadInput[] }> {
	return { taskId: formId(form, 'taskId'), note: optionalText(form, 'note'), documents: await uploadsByKind(form) };
}

/** A message body; read past the limit so an over-long message is refused by name, not cut short. */
export function parseMessage(form: FormData): string {
	return formText(form, 'body', 2 * MESSAGE_MAX_LENGTH);
}

/** A site visit's fields: the step, notes, the point picked on the map (when both halves are given); the photos come streamed. */
export function parseSiteVisitFields(form: FormData): Omit<SiteVisitInput, 'photos'> {
	const lon = formText(form, 'lon', 30);
	const lat = formText(form, 'lat', 30);
	return {
		stepId: formText(form, 'stepId', STEP_ID),
		notes: formText(form, 'notes'),
		location: lon !== '' && lat !== '' ? { lon: Number(lon), lat: Number(lat) } : null
	};
}

/** What the filing form shows back when a request is refused (nothing personal but the owner's id). */
export type FilingEcho = {
	requestType: string;
	ownerNationalId: string;
	applicantType: string;
};

/** The parcel the filing page is for, `?parcel=<id>`; 0 when missing or malformed (answered as no such parcel). */
export function parseFilingParcel(url: URL): number {
	return positiveInt(url.searchParams.get('parcel')) ?? 0;
}

/** A new request from the filing page, and the fields safe to show back if it is refused. */
export async function parseFiling(form: FormData, parcelId: number): Promise<{ input: FileRequestInput; echo: FilingEcho }> {
	const requestType = formText(form, 'requestType', 100);
	const ownerNationalId = formText(form, 'ownerNationalId', 20);
	const applicantType = formText(form, 'applicantType', 20) || 'natural_person';
	return {
		input: {
			parcelId,
			requestType,
			applicantType,
			onBehalfOf: ownerNationalId
				? { nationalId: ownerNationalId, mobile: optionalText(form, 'ownerMobile', 20), displayName: optionalText(form, 'ownerName', 120) }
				: undefined,
			documents: await uploadsByKind(form),
			note: optionalText(form, 'note')
		},
		echo: { requestType, ownerNationalId, applicantType }
	};
}

/** The public status form: tracking code and the applicant's national id. */
export function parseTrackQuery(form: FormData): { trackingCode: string; nationalId: string } {
	return { trackingCode: formText(form, 'trackingCode', 40), nationalId: formText(form, 'nationalId', 20) };
}

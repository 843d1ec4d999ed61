import {
	BUILDING_PERMIT_AMENDMENT,
	BUILDING_PERMIT_EXTENSION,
	BUILDING_PERMIT_NEW,
	BUILDING_PERMIT_RENEWAL,
	DEMOLITION_RECONSTRUCTION
} from './definitions/building-permits';
import {
	COMPLETION_CERTIFICATE,
	MINOR_REPAIRS_CERTIFICATE,
	NON_VIOLATION_CERTIFICATE,
	ROUGH_CONSTRUCTION_CERTIFICATE
} from './definitions/certificates';
import { BANK_INQUIRY, NOTARY_INQUIRY, TRANSFER_REQUEST } from './definitions/inquiries';
import { BUILDING_VIOLATION } from './definitions/violations';
import type { RequestTypeDefinition } from './types';
import { validateDefinition } from './validate';

/** The request types the seeds' cities offer, in the order the "Start a request" list shows them. */
export const REQUEST_TYPES: readonly RequestTypeDefinition[] = [
	BUILDING_PERMIT_NEW,
	BUILDING_PERMIT_EXTENSION,
	BUILDING_PERMIT_RENEWAL,
	BUILDING_PERMIT_AMENDMENT,
	DEMOLITION_RECONSTRUCTION,
	NON_VIOLATION_CERTIFICATE,
	MINOR_REPAIRS_CERTIFICATE,
	ROUGH_CONSTRUCTION_CERTIFICATE,
	COMPLETION_CERTIFICATE,
	BANK_INQUIRY,
	NOTARY_INQUIRY,
	TRANSFER_REQUEST
];

/** Case types the municipality opens itself (never in the "Start a request" list): a building violation. */
export const MUNICIPAL_CASE_TYPES: readonly RequestTypeDefinition[] = [BUILDING_VIOLATION];

export function requestTypeById(id: string): RequestTypeDefinition | undefined {
	return REQUEST_TYPES.find((t) => t.id === id) ?? MUNICIPAL_CASE_TYPES.find((t) => t.id === id);
}

/** Throws on the first invalid definition: called at start-up so a bad definition never serves. */
export function assertValidRequestTypes(types: readonly RequestTypeDefinition[] = [...REQUEST_TYPES, ...MUNICIPAL_CASE_TYPES]): void {
	for (const type of types) {
		const problems = validateDefinition(type);
		if (problems.length > 0) {
			throw new Error(`Request type ${type.id} is invalid: ${problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`);
		}
	}
}

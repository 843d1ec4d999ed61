/**
 * The case page's permit forms: the officer's override and a document's status change. (The
 * proposed building is filed from the parcel's proposal page, or by POST /api/cases/:id/proposal.)
 */
import { formText } from './form';

export function parseOverride(form: FormData): string {
	return formText(form, 'reason', 1001);
}

export function parseStatusChange(form: FormData): { documentId: number; to: 'valid' | 'suspended' | 'revoked'; reason: string } {
	const to = formText(form, 'to', 20);
	return {
		documentId: Number(formText(form, 'documentId', 20)),
		// anything else is refused by the status registry as a change it does not allow
		to: to as 'valid' | 'suspended' | 'revoked',
		reason: formText(form, 'reason', 1001)
	};
}

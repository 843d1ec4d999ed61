/** The admin page's forms: staff accounts, their roles, engineering offices. */
import { formId, formText } from './form';
import { positiveInt } from './id';

export function parseNewStaff(form: FormData) {
	return {
		username: formText(form, 'username', 60),
		displayName: formText(form, 'displayName', 200),
		password: formText(form, 'password', 200),
		mobile: formText(form, 'mobile', 20)
	};
}

/** The staff account a form acts on (0 when missing: answered as an unknown account). */
export function parseUserId(form: FormData): number {
	return formId(form, 'userId');
}

export function parseActive(form: FormData): boolean {
	return formText(form, 'active', 5) === 'true';
}

export function parseGrant(form: FormData) {
	return {
		role: formText(form, 'role', 40),
		districtId: positiveInt(formText(form, 'districtId', 20)),
		agencyKind: formText(form, 'agencyKind', 40) || null,
		engineeringOfficeId: positiveInt(formText(form, 'engineeringOfficeId', 20)),
		organisationId: positiveInt(formText(form, 'organisationId', 20))
	};
}

export function parseGrantId(form: FormData): number {
	return formId(form, 'grantId');
}

export function parseNewOffice(form: FormData) {
	return { nameFa: formText(form, 'nameFa', 200), nameEn: formText(form, 'nameEn', 200), licenceNo: formText(form, 'licenceNo', 60) };
}

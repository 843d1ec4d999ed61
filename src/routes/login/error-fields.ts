/** The sign-in fields a refusal names, by its code: they are marked invalid and described by the message. */
export type SignInField = 'nationalId' | 'mobile' | 'code' | 'username' | 'password';

const FIELDS: Record<string, SignInField[]> = {
	invalid_national_id: ['nationalId'],
	invalid_mobile: ['mobile'],
	mobile_mismatch: ['mobile'],
	identity_not_matched: ['nationalId', 'mobile'],
	code_not_requested: ['code'],
	code_malformed: ['code'],
	code_wrong: ['code'],
	code_expired: ['code'],
	code_used: ['code'],
	code_attempts_exhausted: ['code'],
	invalid_credentials: ['username', 'password']
};

/** The fields the refusal `code` is about (none for a refusal about no one field: throttling, a registry down). */
export function fieldsOfSignInError(code: string | undefined | null): SignInField[] {
	return (code && FIELDS[code]) || [];
}

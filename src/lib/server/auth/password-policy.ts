import { accountErrors } from './account-errors';
import { DEMO_PASSWORD } from './demo-accounts';

/** OWASP ASVS 2.1.1: at least 12 characters; 2.1.2: 128 or more allowed. */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

/**
 * Throws the error naming what is wrong with a new staff password: too short or long, or one an
 * attacker tries first (the username, the documented demo password).
 */
export function checkNewPassword(password: string, username: string | null): void {
	if (password.length < MIN_PASSWORD) throw accountErrors.passwordTooShort(MIN_PASSWORD);
	if (password.length > MAX_PASSWORD) throw accountErrors.passwordTooLong();
	const lower = password.toLowerCase();
	if (lower === DEMO_PASSWORD || (username && lower.includes(username.toLowerCase()))) throw accountErrors.passwordGuessable();
}

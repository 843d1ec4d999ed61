/**
 * The sign-in forms. Fields are read as typed (a password or a code is never trimmed) and cut to
 * a length; the services check what they mean.
 */
import { formRaw } from './form';

export function parseCodeRequest(form: FormData): { nationalId: string; mobile: string } {
	return { nationalId: formRaw(form, 'nationalId', 20), mobile: formRaw(form, 'mobile', 20) };
}

export function parseCodeVerification(form: FormData): { nationalId: string; mobile: string; code: string } {
	return { ...parseCodeRequest(form), code: formRaw(form, 'code', 20) };
}

export function parseStaffSignIn(form: FormData): { username: string; password: string } {
	return { username: formRaw(form, 'username', 100), password: formRaw(form, 'password', 1000) };
}

/** Where to go after signing in, as posted; the route keeps it on this site. */
export function parseRedirect(form: FormData): string {
	return formRaw(form, 'redirect', 2000);
}

import { BadInputError, DomainError, ForbiddenError } from '../errors';
import { SignInError } from './errors';

/** Why a second factor, an enrolment or a password change was refused, in Persian and English. */
export const accountErrors = {
	noPendingSignIn: () =>
		new SignInError(
			'sign_in_expired',
			{ fa: 'مهلت ورود تمام شده است؛ دوباره با نام کاربری و گذرواژه وارد شوید.', en: 'The sign-in has expired; sign in again with your username and password.' },
			401
		),
	totpMalformed: () => new SignInError('totp_malformed', { fa: 'کد برنامهٔ احراز هویت ۶ رقم است.', en: 'The authenticator code has 6 digits.' }),
	totpWrong: () =>
		new SignInError(
			'totp_wrong',
			{
				fa: 'کد برنامهٔ احراز هویت نادرست است یا پیش‌تر به کار رفته؛ کد تازه را وارد کنید.',
				en: 'The authenticator code is wrong or was already used; enter the current one.'
			},
			401
		),
	totpNotStarted: () =>
		new BadInputError('totp_not_started', { fa: 'ابتدا ثبت برنامهٔ احراز هویت را آغاز کنید.', en: 'Start the authenticator enrolment first.' }),
	totpAlreadyOn: () =>
		new DomainError(409, 'totp_already_enabled', { fa: 'ورود دومرحله‌ای برای این حساب فعال است.', en: 'Two-step sign-in is already on for this account.' }),
	staffOnly: () =>
		new ForbiddenError('staff_only', { fa: 'این بخش فقط برای کارکنان است.', en: 'Only staff accounts have this.' }),
	currentPasswordWrong: () =>
		new SignInError('current_password_wrong', { fa: 'گذرواژهٔ فعلی نادرست است.', en: 'The current password is wrong.' }, 401),
	passwordTooShort: (min: number) =>
		new BadInputError('password_too_short', {
			fa: `گذرواژه دست‌کم ${min.toLocaleString('fa-IR')} نویسه باشد.`,
			en: `A password has at least ${min} characters.`
		}),
	passwordTooLong: () => new BadInputError('password_too_long', { fa: 'گذرواژه حداکثر ۲۰۰ نویسه است.', en: 'A password has at most 200 characters.' }),
	passwordGuessable: () =>
		new BadInputError('password_guessable', {
			fa: 'این گذرواژه حدس‌زدنی است (نام کاربری یا گذرواژهٔ نمونه)؛ گذرواژهٔ دیگری برگزینید.',
			en: 'This password is guessable (the username or the demo password); choose another.'
		}),
	passwordUnchanged: () =>
		new BadInputError('password_unchanged', { fa: 'گذرواژهٔ تازه با گذرواژهٔ فعلی یکی است.', en: 'The new password is the same as the current one.' }),
	passwordsDiffer: () =>
		new BadInputError('password_confirmation_differs', { fa: 'تکرار گذرواژهٔ تازه با خودش یکی نیست.', en: 'The new password and its confirmation differ.' })
};

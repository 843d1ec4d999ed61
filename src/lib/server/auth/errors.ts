import { DomainError, type Bilingual } from '../errors';

/**
 * Why a sign-in was refused. Each message names the problem in Persian and English; none says more
 * than the user may know (a wrong username and a wrong password read the same).
 */
export class SignInError extends DomainError {
	constructor(code: string, messages: Bilingual, status = 400) {
		super(status, code, messages);
	}
}

/** Too many requests from one national id, mobile, username or address: wait and retry. */
export class RateLimitedError extends DomainError {
	constructor(readonly retryAfterSeconds: number) {
		const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
		super(429, 'rate_limited', {
			fa: `تعداد تلاش‌ها بیش از حد مجاز است؛ لطفاً ${minutes.toLocaleString('fa-IR')} دقیقه دیگر دوباره تلاش کنید.`,
			en: `Too many attempts; please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
		});
	}
}

export const signInErrors = {
	invalidNationalId: (reason: Bilingual) =>
		new SignInError('invalid_national_id', {
			fa: `کد ملی نامعتبر است: ${reason.fa}`,
			en: `Invalid national id: ${reason.en}`
		}),
	invalidMobile: (reason: Bilingual) =>
		new SignInError('invalid_mobile', {
			fa: `شماره همراه نامعتبر است: ${reason.fa}`,
			en: `Invalid mobile number: ${reason.en}`
		}),
	mobileMismatch: () =>
		new SignInError('mobile_mismatch', {
			fa: 'این کد ملی با شماره همراه دیگری ثبت شده است؛ با همان شماره وارد شوید.',
			en: 'This national id is registered with another mobile number; sign in with that number.'
		}),
	codeNotRequested: () =>
		new SignInError('code_not_requested', {
			fa: 'برای این کد ملی و شماره همراه کدی درخواست نشده است؛ ابتدا کد یکبارمصرف بگیرید.',
			en: 'No code was requested for this national id and mobile; request a one-time code first.'
		}),
	codeMalformed: () =>
		new SignInError('code_malformed', {
			fa: 'کد یکبارمصرف باید ۶ رقم باشد.',
			en: 'The one-time code must be 6 digits.'
		}),
	codeWrong: (attemptsLeft: number) =>
		new SignInError('code_wrong', {
			fa: `کد واردشده نادرست است؛ ${attemptsLeft.toLocaleString('fa-IR')} بار دیگر می‌توانید تلاش کنید.`,
			en: `Wrong code; ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left.`
		}),
	codeExpired: () =>
		new SignInError('code_expired', {
			fa: 'کد یکبارمصرف منقضی شده است؛ کد تازه‌ای درخواست کنید.',
			en: 'The one-time code has expired; request a new one.'
		}),
	codeUsed: () =>
		new SignInError('code_used', {
			fa: 'این کد قبلاً استفاده شده است؛ کد تازه‌ای درخواست کنید.',
			en: 'This code has already been used; request a new one.'
		}),
	codeAttemptsExhausted: () =>
		new SignInError(
			'code_attempts_exhausted',
			{
				fa: 'تعداد تلاش‌های نادرست برای این کد به پایان رسید؛ کد تازه‌ای درخواست کنید.',
				en: 'Too many wrong attempts for this code; request a new one.'
			},
			429
		),
	accountInactive: () =>
		new SignInError(
			'account_inactive',
			{ fa: 'این حساب غیرفعال شده است؛ با شهرداری تماس بگیرید.', en: 'This account has been deactivated; contact the municipality.' },
			403
		),
	invalidCredentials: () =>
		new SignInError(
			'invalid_credentials',
			{ fa: 'نام کاربری یا گذرواژه نادرست است.', en: 'Wrong username or password.' },
			401
		)
};

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
		// Waits under a minute (the sign-in throttle's) are named in seconds.
		const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
		const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
		const [n, fa, en] = seconds < 60 ? [seconds, 'ثانیه', 'second'] : [minutes, 'دقیقه', 'minute'];
		super(429, 'rate_limited', {
			fa: `تعداد تلاش‌ها بیش از حد مجاز است؛ لطفاً ${n.toLocaleString('fa-IR')} ${fa} دیگر دوباره تلاش کنید.`,
			en: `Too many attempts; please try again in ${n} ${en}${n === 1 ? '' : 's'}.`
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
	identityNotMatched: () =>
		new SignInError(
			'identity_not_matched',
			{
				fa: 'طبق سامانهٔ شاهکار این شماره همراه به نام صاحب این کد ملی نیست؛ با شماره‌ای که به نام خودتان است وارد شوید.',
				en: 'The operator registry (Shahkar) says this mobile number is not registered to this national id; use a number registered in your own name.'
			},
			403
		),
	registryUnavailable: () =>
		new SignInError(
			'identity_registry_unavailable',
			{
				fa: 'سامانهٔ استعلام مالکیت شماره همراه (شاهکار) اکنون پاسخ نمی‌دهد؛ چیزی ثبت نشد. لطفاً چند دقیقه بعد دوباره تلاش کنید.',
				en: 'The mobile ownership registry (Shahkar) is not answering right now; nothing was saved. Please try again in a few minutes.'
			},
			503
		),
	identityNotVerified: () =>
		new SignInError('identity_not_verified', {
			fa: 'مالکیت این شماره همراه هنوز تأیید نشده است؛ کد تازه‌ای درخواست کنید.',
			en: 'The ownership of this mobile number has not been confirmed yet; request a new code.'
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

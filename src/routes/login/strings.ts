import type { Lang } from '$lib/i18n';

/** The sign-in page's words, Persian first. Kept beside the page: no other page uses them. */
const fa = {
	title: 'ورود به پلاک',
	citizenTab: 'شهروند',
	staffTab: 'کارکنان',
	citizenIntro: 'با کد ملی و شماره همراه وارد شوید؛ کد یکبارمصرف برایتان پیامک می‌شود.',
	staffIntro: 'کارکنان شهرداری، نمایندگان فنی و دستگاه‌های همکار با نام کاربری و گذرواژه وارد می‌شوند.',
	nationalId: 'کد ملی',
	mobile: 'شماره همراه',
	requestCode: 'دریافت کد یکبارمصرف',
	code: 'کد یکبارمصرف (۶ رقم)',
	codeSent: 'کد به شماره {mobile} فرستاده شد و تا {minutes} دقیقه اعتبار دارد.',
	verify: 'ورود',
	resend: 'ارسال دوباره کد',
	changeNumber: 'تغییر کد ملی یا شماره',
	username: 'نام کاربری',
	password: 'گذرواژه',
	signIn: 'ورود',
	sandbox: 'محیط آزمایشی: پیامکی ارسال نمی‌شود؛ کدها در «صندوق پیام آزمایشی» صفحهٔ مدیریت ثبت می‌شوند.'
};

const en: Record<keyof typeof fa, string> = {
	title: 'Sign in to Pelak',
	citizenTab: 'Citizen',
	staffTab: 'Staff',
	citizenIntro: 'Sign in with your national id and mobile number; a one-time code is sent to you by SMS.',
	staffIntro: 'Municipal staff, technical representatives and partner agencies sign in with username and password.',
	nationalId: 'National id',
	mobile: 'Mobile number',
	requestCode: 'Send me a one-time code',
	code: 'One-time code (6 digits)',
	codeSent: 'A code was sent to {mobile}; it is valid for {minutes} minutes.',
	verify: 'Sign in',
	resend: 'Send the code again',
	changeNumber: 'Change national id or number',
	username: 'Username',
	password: 'Password',
	signIn: 'Sign in',
	sandbox: 'Sandbox: no SMS is sent; codes are written to the sandbox outbox on the admin page.'
};

export type LoginString = keyof typeof fa;

export function loginText(lang: Lang, key: LoginString, params: Record<string, string | number> = {}): string {
	return (lang === 'en' ? en : fa)[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

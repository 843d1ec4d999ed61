/** The sign-in page's words, Persian first. See ./index.ts. */
export const fa = {
	'login.title': 'ورود به پلاک',
	'login.citizen_tab': 'شهروند',
	'login.staff_tab': 'کارکنان',
	'login.citizen_intro': 'با کد ملی و شماره همراه وارد شوید؛ کد یکبارمصرف برایتان پیامک می‌شود.',
	'login.staff_intro': 'کارکنان شهرداری، نمایندگان فنی و دستگاه‌های همکار با نام کاربری و گذرواژه وارد می‌شوند.',
	'login.national_id': 'کد ملی',
	'login.mobile': 'شماره همراه',
	'login.request_code': 'دریافت کد یکبارمصرف',
	'login.code': 'کد یکبارمصرف (۶ رقم)',
	'login.code_sent': 'کد به شماره {mobile} فرستاده شد و تا {minutes} دقیقه اعتبار دارد.',
	'login.verify': 'ورود',
	'login.resend': 'ارسال دوباره کد',
	'login.change_number': 'تغییر کد ملی یا شماره',
	'login.username': 'نام کاربری',
	'login.password': 'گذرواژه',
	'login.sign_in': 'ورود',
	'login.sandbox': 'محیط آزمایشی: پیامکی ارسال نمی‌شود؛ پیامک‌ها همین‌جا و در «صندوق پیام آزمایشی» صفحهٔ مدیریت نمایش داده می‌شوند.',
	'login.sandbox_sms': 'پیامک آزمایشی (فقط در نسخهٔ نمایشی) که به این شماره «ارسال» شد:'
} as const;

export const en: Record<keyof typeof fa, string> = {
	'login.title': 'Sign in to Pelak',
	'login.citizen_tab': 'Citizen',
	'login.staff_tab': 'Staff',
	'login.citizen_intro': 'Sign in with your national id and mobile number; a one-time code is sent to you by SMS.',
	'login.staff_intro': 'Municipal staff, technical representatives and partner agencies sign in with username and password.',
	'login.national_id': 'National id',
	'login.mobile': 'Mobile number',
	'login.request_code': 'Send me a one-time code',
	'login.code': 'One-time code (6 digits)',
	'login.code_sent': 'A code was sent to {mobile}; it is valid for {minutes} minutes.',
	'login.verify': 'Sign in',
	'login.resend': 'Send the code again',
	'login.change_number': 'Change national id or number',
	'login.username': 'Username',
	'login.password': 'Password',
	'login.sign_in': 'Sign in',
	'login.sandbox': 'Sandbox: no SMS is sent; messages are shown here and in the sandbox outbox on the admin page.',
	'login.sandbox_sms': 'The sandbox SMS (demo only) "sent" to this number:'
};

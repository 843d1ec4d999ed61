/** The demo-mode banner, shown on every page while PELAK_MODE=demo: sample data, demo accounts, the sandbox SMS outbox. */
export const fa = {
	'demo.banner': 'نسخهٔ نمایشی — داده‌های نمونه',
	'demo.banner_title': 'این نسخه برای آزمودن است: شهر، حساب‌ها و پیامک‌ها ساختگی‌اند و هیچ‌کدام اعتبار حقوقی ندارند.'
};

export const en: Record<keyof typeof fa, string> = {
	'demo.banner': 'Demo — sample data',
	'demo.banner_title': 'This is a demo: the city, the accounts and the text messages are made up and have no legal standing.'
};

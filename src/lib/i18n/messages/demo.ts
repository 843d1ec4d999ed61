/**
 * Words of the demo-mode banner, to be folded into the message catalogue (`demo.*` keys).
 * Shown on every page while PELAK_MODE=demo: sample data, demo accounts, the sandbox SMS outbox.
 */
export const demoMessages = {
	fa: {
		'demo.banner': 'نسخهٔ نمایشی — داده‌های نمونه',
		'demo.banner_title': 'این نسخه برای آزمودن است: شهر، حساب‌ها و پیامک‌ها ساختگی‌اند و هیچ‌کدام اعتبار حقوقی ندارند.'
	},
	en: {
		'demo.banner': 'Demo — sample data',
		'demo.banner_title': 'This is a demo: the city, the accounts and the text messages are made up and have no legal standing.'
	}
} as const satisfies Record<'fa' | 'en', Record<string, string>>;

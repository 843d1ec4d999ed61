import type { MessageSender } from '../notify/sender';

/**
 * An SMS telling someone their sign-in details changed (OWASP ASVS 2.2.3), so a change they did
 * not make does not go unnoticed. Never holds a code or a password. A failed send is logged and
 * does not undo the change.
 */
const NOTICES = {
	mobile_changed: 'پلاک: شمارهٔ همراه حساب شما تغییر کرد. اگر این کار شما نبوده، با شهرداری تماس بگیرید.\nPelak: the mobile number of your account was changed. If this was not you, contact the municipality.',
	password_changed: 'پلاک: گذرواژهٔ حساب شما تغییر کرد. اگر این کار شما نبوده، با مدیر سامانه تماس بگیرید.\nPelak: your account password was changed. If this was not you, contact the administrator.'
} as const;

export async function sendChangeNotice(sender: MessageSender, to: (string | null | undefined)[], what: keyof typeof NOTICES): Promise<void> {
	for (const mobile of new Set(to.filter((m): m is string => !!m))) {
		try {
			await sender.send(mobile, NOTICES[what]);
		} catch (err) {
			console.warn(`[pelak] ${what} notice to a mobile failed`, err);
		}
	}
}

import type { Lang } from './lang';
import { en, fa, type MessageKey } from './messages';

const tables: Record<Lang, Record<MessageKey, string>> = { fa, en };

/**
 * The message for `key` in `lang`, with `{name}` placeholders filled from `params`.
 * @example t('fa', 'panel.title', { code: '۱-۲-۳' }) // 'پلاک ۱-۲-۳'
 */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
	const template = tables[lang][key] ?? fa[key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalogue has `key`: for keys built from a domain value, e.g. `case_status.${status}`. */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(fa, key);
}

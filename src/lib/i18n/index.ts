import { fa, en, type MessageKey } from './messages';
import type { Lang } from './lang';

export { langOf, dirOf, type Lang, type Bilingual } from './lang';
export type { MessageKey } from './messages';
export { formatNumber, formatArea, formatMetres, formatPercent, formatDigits, formatDate, toLatinDigits } from './format';
export { landUseName, landUseKey, LAND_USES, type LandUse } from './land-use';

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

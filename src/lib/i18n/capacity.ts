import type { CapacityRule } from '../api/parcel';
import { formatArea, formatMetres, formatNumber, formatPercent, type Lang } from './format';

/**
 * The arithmetic of one capacity rule as the citizen reads it, e.g. «۲۴۰٫۵ م² × ۱۸۰٪ = ۴۳۲٫۹ م²».
 * Transparency is the point (the same answer whoever asks), so every factor is shown.
 * Inputs the rule does not name are listed as they are rather than dropped.
 */
export function ruleArithmetic(rule: CapacityRule, lang: Lang): string {
	const i = rule.inputs;
	const result = formatArea(rule.floor_area_m2, lang);
	const area = i.net_area_m2 !== undefined ? formatArea(i.net_area_m2, lang) : null;
	const occupancy = i.occupancy_pct !== undefined ? formatPercent(i.occupancy_pct, lang) : null;
	const floorsWord = lang === 'fa' ? 'طبقه' : 'floors';
	const times = ' × ';

	if (rule.rule === 'density' && area && i.density_pct !== undefined) {
		return `${area}${times}${formatPercent(i.density_pct, lang)} = ${result}`;
	}
	const floors = i.max_floors ?? i.floors;
	if ((rule.rule === 'floors' || rule.rule === 'overlay_floors') && floors !== undefined && occupancy && area) {
		return `${formatNumber(floors, lang, 0)} ${floorsWord}${times}${occupancy}${times}${area} = ${result}`;
	}
	if ((rule.rule === 'height' || rule.rule === 'overlay_height') && occupancy && area) {
		const height = i.max_height_m ?? i.height_m;
		const storey = i.storey_height_m;
		const fitted = i.floors ?? i.max_floors ?? (height !== undefined && storey ? Math.floor(height / storey) : undefined);
		if (height !== undefined && storey !== undefined && fitted !== undefined) {
			const floorsPart = `⌊${formatMetres(height, lang)} ÷ ${formatMetres(storey, lang)}⌋ = ${formatNumber(fitted, lang, 0)} ${floorsWord}`;
			return `${floorsPart}؛ ${formatNumber(fitted, lang, 0)}${times}${occupancy}${times}${area} = ${result}`.replace(
				'؛',
				lang === 'fa' ? '؛' : ';'
			);
		}
	}
	const listed = Object.entries(i)
		.map(([k, v]) => `${k} = ${formatNumber(v, lang, 2)}`)
		.join('، ');
	return `${listed ? (lang === 'fa' ? listed : listed.replace(/،/g, ',')) + ' → ' : ''}${result}`;
}

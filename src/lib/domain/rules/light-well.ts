/**
 * Light well (نورگیر): where a plan requires one, its area must reach a minimum in m² and a share
 * of the parcel's net area after the widening line (Isfahan: ≥ 12 m² and 3 % of the land area).
 * Written in a rule book as «۱۲ متر و ۳٪», `12 m2 + 3%`, `12` or `3%`.
 */
import type { Bilingual } from '../../i18n/lang';
import { normaliseText } from '../text';
import { area, percent } from './numbers';
import { readFail, readOk, type Read } from './problem';

export interface LightWellRule {
	/** Smallest light well, m². */
	min_area_m2: number | null;
	/** Smallest light well as a share of the net parcel area, %. */
	min_pct_of_net: number | null;
}

/** Reads a light-well rule: a number with % is the share, one without is the area. */
export function parseLightWell(text: string): Read<LightWellRule> {
	const t = normaliseText(text).replace(/٪|درصد/g, '%').replace(/٫/g, '.');
	const parts = t.split(/\s*[+;؛،,]\s*|\s+(?:و|and)\s+/).map((p) => p.replace(/\s|متر|مربع|m2|m²|\bm\b/g, '')).filter(Boolean);
	const rule: LightWellRule = { min_area_m2: null, min_pct_of_net: null };
	for (const part of parts) {
		const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(part);
		const key = m?.[2] ? 'min_pct_of_net' : 'min_area_m2';
		if (!m || rule[key] !== null) {
			return readFail(
				'light_well_unreadable',
				`ضابطهٔ نورگیر «${text}» خوانا نیست؛ نمونهٔ درست: «۱۲ متر و ۳٪».`,
				`The light-well rule "${text}" cannot be read; write it like "12 m2 + 3%".`
			);
		}
		rule[key] = Number(m[1]);
	}
	if (rule.min_area_m2 === null && rule.min_pct_of_net === null) {
		return readFail('light_well_empty', 'ضابطهٔ نورگیر خالی است.', 'The light-well rule is empty.');
	}
	if (rule.min_pct_of_net !== null && rule.min_pct_of_net > 100) {
		return readFail('light_well_out_of_range', 'سهم نورگیر از زمین باید حداکثر ۱۰۰٪ باشد.', 'The light well\'s share of the parcel must be at most 100 %.');
	}
	return readOk(rule);
}

/** Smallest light well allowed on a parcel: the larger of the area and the share of the net area. */
export function requiredLightWell(rule: LightWellRule, net_area_m2: number): number {
	return Math.max(rule.min_area_m2 ?? 0, ((rule.min_pct_of_net ?? 0) / 100) * net_area_m2);
}

/** The rule in words: `{ fa: 'حداقل ۱۲٫۰۰ م² و ۳٪ مساحت خالص زمین', en: 'at least 12.00 m² and 3% of the net parcel area' }`. */
export function describeLightWell(rule: LightWellRule): Bilingual {
	const a = rule.min_area_m2 === null ? null : area(rule.min_area_m2);
	const p = rule.min_pct_of_net === null ? null : percent(rule.min_pct_of_net);
	const fa = [a?.fa, p && `${p.fa} مساحت خالص زمین`].filter(Boolean).join(' و ');
	const en = [a?.en, p && `${p.en} of the net parcel area`].filter(Boolean).join(' and ');
	return { fa: `حداقل ${fa}`, en: `at least ${en}` };
}

import { describe, expect, it } from 'vitest';
import { describeLightWell, parseLightWell, requiredLightWell } from './light-well';

const rule = (text: string) => {
	const r = parseLightWell(text);
	if (!r.ok) throw new Error(r.problem.message.en);
	return r.value;
};

describe('parseLightWell', () => {
	it.each(['12 m2 + 3%', '۱۲ متر مربع و ۳٪', '12; 3 درصد', '3% and 12'])('reads %s as 12 m² and 3 %%', (text) => {
		expect(rule(text)).toEqual({ min_area_m2: 12, min_pct_of_net: 3 });
	});
	it('reads an area alone or a share alone', () => {
		expect(rule('12')).toEqual({ min_area_m2: 12, min_pct_of_net: null });
		expect(rule('۳٪')).toEqual({ min_area_m2: null, min_pct_of_net: 3 });
	});
	it('refuses two areas, words and shares above 100 %', () => {
		expect(parseLightWell('12 + 14').ok).toBe(false);
		expect(parseLightWell('big').ok).toBe(false);
		expect(parseLightWell('120%').ok).toBe(false);
		expect(parseLightWell('').ok).toBe(false);
	});
});

describe('requiredLightWell', () => {
	const r = { min_area_m2: 12, min_pct_of_net: 3 };
	it('takes the area when the share of a small parcel is smaller', () => {
		expect(requiredLightWell(r, 200)).toBe(12);
	});
	it('takes the share of the net area on a large parcel', () => {
		expect(requiredLightWell(r, 500)).toBeCloseTo(15, 9);
	});
	it('says the rule in both languages', () => {
		expect(describeLightWell(r)).toEqual({ fa: 'حداقل ۱۲٫۰۰ م² و ۳٪ مساحت خالص زمین', en: 'at least 12.00 m² and 3% of the net parcel area' });
	});
});

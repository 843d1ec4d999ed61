import { describe, expect, it } from 'vitest';
import type { OverlayFacts } from '../facts';
import { checkFloors, checkHeight, checkOverlay } from './storey-rules';
import { ctx, proposal, rules } from './test-support';

const HERITAGE: OverlayFacts = {
	id: 7,
	kind: 'heritage_buffer',
	name_fa: 'حریم میراث فرهنگی میدان نقش جهان',
	name_en: 'Naqsh-e Jahan Square heritage buffer',
	max_height_m: 9,
	max_floors: 2,
	rule_fa: 'هر ساخت‌وساز نیازمند استعلام از میراث فرهنگی است.',
	rule_en: 'Any construction needs a Cultural Heritage referral.'
};

const withFloors = (levels: number[]) => proposal({ floors: levels.map((level) => ({ level, use: 'residential' as const, area_m2: 100 })), pilotis: false });

describe('floors', () => {
	it('passes at the maximum, not counting a pilotis ground floor', () => {
		const r = checkFloors(ctx());
		expect(r).toMatchObject({ rule: 'floors', verdict: 'pass', limit: 3, proposed: 3, unit: 'floors', clause: 'ضوابط طرح تفصیلی نمونه، بند ۳-۴' });
		expect(r.explanation.en).toBe('The proposed number of floors (3 floors above the pilotis) is within the limit of 3 floors in zone R121.');
		expect(r.explanation.fa).toBe('تعداد طبقات پیشنهادی (۳ طبقه روی پیلوت) از حد ۳ طبقه در پهنهٔ R121 بیشتر نیست.');
	});
	it('counts an inhabited ground floor, so one more storey fails', () => {
		const r = checkFloors(ctx({ proposal: withFloors([0, 1, 2, 3]) }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 3, proposed: 4 });
		expect(r.explanation.en).toBe('The proposed number of floors (4 floors) exceeds the limit of 3 floors in zone R121.');
	});
	it('counts a level once however many entries it has, and no basement', () => {
		const p = proposal({
			floors: [
				{ level: -1, use: 'parking', area_m2: 200 },
				{ level: 0, use: 'commercial', area_m2: 60 },
				{ level: 0, use: 'parking', area_m2: 100 },
				{ level: 1, use: 'residential', area_m2: 160 }
			],
			pilotis: false
		});
		expect(checkFloors(ctx({ proposal: p })).proposed).toBe(2);
	});
	it('asks an officer when the book leaves the floors blank', () => {
		expect(checkFloors(ctx({ rules: rules({ max_floors: null }) }))).toMatchObject({ verdict: 'needs_officer', proposed: 3, limit: null });
	});
});

describe('height', () => {
	it('passes at the limit and fails 1 cm over', () => {
		expect(checkHeight(ctx())).toMatchObject({ verdict: 'pass', limit: 11, proposed: 11, unit: 'm' });
		const r = checkHeight(ctx({ proposal: proposal({ height_m: 11.01 }) }));
		expect(r.verdict).toBe('fail');
		expect(r.explanation.en).toBe('The proposed height (11.01 m) exceeds the limit of 11.00 m in zone R121.');
		expect(r.explanation.fa).toBe('ارتفاع پیشنهادی (۱۱٫۰۱ متر) از حد ۱۱٫۰۰ متر در پهنهٔ R121 بیشتر است.');
	});
	it('asks an officer when the book leaves the height blank', () => {
		expect(checkHeight(ctx({ rules: rules({ max_height_m: null }) })).verdict).toBe('needs_officer');
	});
});

describe('overlays', () => {
	it("checks an overlay's height and floors and names it", () => {
		const [height, floors] = checkOverlay(ctx(), HERITAGE);
		expect(height).toMatchObject({ rule: 'overlay_height', verdict: 'fail', limit: 9, proposed: 11, overlay_id: 7 });
		expect(height.explanation.en).toBe('The proposed height (11.00 m) exceeds the limit of 9.00 m in the Naqsh-e Jahan Square heritage buffer.');
		expect(floors).toMatchObject({ rule: 'overlay_floors', verdict: 'fail', limit: 2, proposed: 3, overlay_id: 7 });
	});
	it('passes a building within the overlay limits', () => {
		const low = proposal({ height_m: 9, floors: proposal().floors.slice(0, 3) });
		const [height, floors] = checkOverlay(ctx({ proposal: low }), HERITAGE);
		expect([height.verdict, floors.verdict]).toEqual(['pass', 'pass']);
	});
	it("sends the overlay's rule in words to an officer", () => {
		const rule = checkOverlay(ctx(), HERITAGE)[2];
		expect(rule).toMatchObject({ rule: 'overlay_rule', verdict: 'needs_officer', overlay_id: 7 });
		expect(rule.explanation.en).toBe(
			'The parcel lies in the Naqsh-e Jahan Square heritage buffer, whose rule an officer must apply: Any construction needs a Cultural Heritage referral.'
		);
	});
	it('gives nothing for an overlay without limits or rules', () => {
		expect(checkOverlay(ctx(), { ...HERITAGE, max_height_m: null, max_floors: null, rule_fa: null, rule_en: null })).toEqual([]);
	});
});

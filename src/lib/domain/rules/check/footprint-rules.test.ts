import { describe, expect, it } from 'vitest';
import { checkFootprintInParcel, checkFootprintBeyondWidening, checkFrontSetback, checkLightWell, checkNorthDepth } from './footprint-rules';
import { ctx, drawnCase, facts, rules } from './test-support';
import { FOOTPRINT_TOLERANCE_M2 } from './verdict';

const drawnCtx = (...args: Parameters<typeof drawnCase>) => ctx(drawnCase(...args));

describe('footprint inside the parcel', () => {
	it('passes a drawn footprint inside, sliver within tolerance', () => {
		expect(checkFootprintInParcel(drawnCtx({ outside_parcel_m2: FOOTPRINT_TOLERANCE_M2 }))).toMatchObject({ verdict: 'pass', limit: 0.1, proposed: 0.1 });
	});
	it('fails a footprint reaching outside the parcel', () => {
		const r = checkFootprintInParcel(drawnCtx({ outside_parcel_m2: 2.5 }));
		expect(r).toMatchObject({ verdict: 'fail', proposed: 2.5, clause: 'ضوابط طرح تفصیلی نمونه، بند ۶-۲' });
		expect(r.explanation).toEqual({ fa: '۲٫۵۰ م² از بنای پیشنهادی بیرون از مرز پلاک است.', en: '2.50 m² of the proposed footprint lies outside the parcel.' });
	});
	it('asks an officer when the footprint is only a number', () => {
		expect(checkFootprintInParcel(ctx()).verdict).toBe('needs_officer');
	});
});

describe('footprint behind the widening line', () => {
	it('passes a drawn footprint behind it and fails one beyond it', () => {
		expect(checkFootprintBeyondWidening(drawnCtx({ beyond_widening_m2: 0.05 }, {}, { setback_area_m2: 40, net_area_m2: 260 })).verdict).toBe('pass');
		const r = checkFootprintBeyondWidening(drawnCtx({ beyond_widening_m2: 12.345 }, {}, { setback_area_m2: 40, net_area_m2: 260 }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 0.1, proposed: 12.35 });
		expect(r.explanation.en).toBe('12.35 m² of the proposed footprint lies beyond the widening line, inside the planned street.');
	});
	it('passes a footprint given as a number on a parcel the widening does not touch', () => {
		expect(checkFootprintBeyondWidening(ctx()).verdict).toBe('pass');
	});
	it('asks an officer about a number footprint on a parcel with a setback', () => {
		const r = checkFootprintBeyondWidening(ctx({ facts: facts({ setback_area_m2: 40, net_area_m2: 260 }) }));
		expect(r.verdict).toBe('needs_officer');
		expect(r.explanation.en).toMatch(/^40\.00 m² of the parcel lies beyond the widening line\. The footprint was given only as a number/);
	});
});

describe('front setback', () => {
	const three = rules({ front_setback_m: 3 });
	it('passes a building exactly the minimum back from the street and fails one 1 cm closer', () => {
		expect(checkFrontSetback(ctx({ ...drawnCase({ front_distance_m: 3 }), rules: three }))).toMatchObject({ verdict: 'pass', limit: 3, proposed: 3, unit: 'm' });
		const r = checkFrontSetback(ctx({ ...drawnCase({ front_distance_m: 2.99 }), rules: three }))!;
		expect(r.verdict).toBe('fail');
		expect(r.explanation.en).toBe('The building stands only 2.99 m back from the street edge, less than the minimum of 3.00 m.');
	});
	it('asks an officer when the distance is unknown or the book leaves it blank', () => {
		expect(checkFrontSetback(ctx({ rules: three }))?.verdict).toBe('needs_officer');
		expect(checkFrontSetback(ctx({ ...drawnCase({ front_distance_m: null }), rules: three }))?.verdict).toBe('needs_officer');
		expect(checkFrontSetback(ctx({ rules: rules({ front_setback_m: null }) }))?.verdict).toBe('needs_officer');
	});
	it('says nothing where the zone sets no front setback', () => {
		expect(checkFrontSetback(ctx())).toBeNull();
	});
});

describe('north-side depth (60 % + 2 m)', () => {
	// parcel depth 25 m → 0.6 × 25 + 2 = 17 m
	it('passes a building exactly as deep as allowed', () => {
		const r = checkNorthDepth(drawnCtx({ depth_m: 17 }))!;
		expect(r).toMatchObject({ rule: 'north_depth', verdict: 'pass', limit: 17, proposed: 17, unit: 'm', clause: 'ضوابط طرح تفصیلی نمونه، بند ۳-۵' });
		expect(r.explanation.en).toBe('The building depth of 17.00 m is within the allowed 17.00 m (60% of the parcel depth + 2.00 m, on a parcel 25.00 m deep).');
		expect(r.explanation.fa).toBe('عمق بنا ۱۷٫۰۰ متر از عمق مجاز ۱۷٫۰۰ متر (۶۰٪ عمق زمین + ۲٫۰۰ متر، با عمق پلاک ۲۵٫۰۰ متر) بیشتر نیست.');
	});
	it('fails a building 1 cm deeper', () => {
		expect(checkNorthDepth(drawnCtx({ depth_m: 17.01 }))).toMatchObject({ verdict: 'fail', limit: 17, proposed: 17.01 });
	});
	it('asks an officer when the footprint is a number or the parcel depth is unknown', () => {
		expect(checkNorthDepth(ctx())?.verdict).toBe('needs_officer');
		const r = checkNorthDepth(drawnCtx({ depth_m: 10 }, {}, { parcel_depth_m: null }))!;
		expect(r).toMatchObject({ verdict: 'needs_officer', proposed: 10, limit: null });
		expect(r.explanation.en).toBe('The north-side depth rule is 60% of the parcel depth + 2.00 m. The parcel depth was not measured; an officer must check it.');
	});
	it('asks an officer when the book leaves it blank, and says nothing where the zone has no such rule', () => {
		expect(checkNorthDepth(drawnCtx({}, {}, {}))).not.toBeNull();
		expect(checkNorthDepth(ctx({ ...drawnCase(), rules: rules({ north_depth: null }) }))?.verdict).toBe('needs_officer');
		expect(checkNorthDepth(ctx({ ...drawnCase(), rules: rules({ north_depth: 'none' }) }))).toBeNull();
	});
});

describe('light well (12 m² and 3 % of the net area)', () => {
	it('passes a light well reaching the minimum', () => {
		const r = checkLightWell(drawnCtx({}, { light_well_m2: 12 }))!;
		expect(r).toMatchObject({ verdict: 'pass', limit: 12, proposed: 12, clause: 'ضوابط طرح تفصیلی نمونه، بند ۴-۲' });
		expect(r.explanation.en).toBe('The light well of 12.00 m² reaches the minimum of 12.00 m² (at least 12.00 m² and 3% of the net parcel area).');
	});
	it('takes 3 % of a large net area as the minimum, and fails below it', () => {
		const big = { gross_area_m2: 500, net_area_m2: 500 };
		expect(checkLightWell(drawnCtx({}, { light_well_m2: 14.99 }, big))).toMatchObject({ verdict: 'fail', limit: 15, proposed: 14.99 });
	});
	it('asks an officer when the footprint is not drawn or no light well is given', () => {
		const numberOnly = checkLightWell(ctx({ proposal: { ...drawnCase().proposal, footprint: { kind: 'area', area_m2: 180 }, light_well_m2: 12 } }))!;
		expect(numberOnly.verdict).toBe('needs_officer');
		const none = checkLightWell(drawnCtx({}, { light_well_m2: null }))!;
		expect(none).toMatchObject({ verdict: 'needs_officer', limit: 12, proposed: null });
		expect(none.explanation.en).toBe('A light well, where one is needed, must here be at least 12.00 m² (at least 12.00 m² and 3% of the net parcel area). No light well was given; whether one is needed depends on the layout.');
	});
	it('asks an officer when the book leaves it blank, and says nothing where the zone has none', () => {
		expect(checkLightWell(ctx({ ...drawnCase(), rules: rules({ light_well: null }) }))?.verdict).toBe('needs_officer');
		expect(checkLightWell(ctx({ ...drawnCase(), rules: rules({ light_well: 'none' }) }))).toBeNull();
	});
});

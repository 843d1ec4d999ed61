import { describe, expect, it } from 'vitest';
import { checkParking } from './parking-rule';
import { ctx, proposal, rules } from './test-support';

const units = (...areas: number[]) => areas.map((area_m2) => ({ area_m2, use: 'residential' as const }));

describe('parking', () => {
	it('passes when the spaces meet the size bands', () => {
		const r = checkParking(ctx({ proposal: proposal({ units: units(150, 151), parking_spaces: 3 }) }));
		expect(r).toMatchObject({ rule: 'parking', verdict: 'pass', limit: 3, proposed: 3, unit: 'spaces', clause: 'ضوابط طرح تفصیلی نمونه، بند ۵-۱' });
		expect(r.explanation.en).toBe('2 residential units need 3 parking spaces (1 space per unit up to 150.00 m²; 2 for larger units) and 3 parking spaces are proposed.');
		expect(r.explanation.fa).toBe('۲ واحد مسکونی به ۳ فضای پارک نیاز دارد (۱ فضا برای واحد تا ۱۵۰٫۰۰ م²؛ ۲ فضا برای بزرگ‌تر) و ۳ فضای پارک پیشنهاد شده است.');
	});
	it('fails one space short', () => {
		const r = checkParking(ctx({ proposal: proposal({ units: units(150, 151), parking_spaces: 2 }) }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 3, proposed: 2 });
		expect(r.explanation.en).toBe('2 residential units need 3 parking spaces (1 space per unit up to 150.00 m²; 2 for larger units), but 2 parking spaces are proposed.');
	});
	it('asks an officer about units the bands do not cover', () => {
		const p = proposal({ units: [...units(100), { area_m2: 40, use: 'commercial' }], parking_spaces: 1 });
		const r = checkParking(ctx({ proposal: p }));
		expect(r).toMatchObject({ verdict: 'needs_officer', limit: 1, proposed: 1 });
		expect(r.explanation.en).toContain('Parking for commercial units is not in the rule book');
	});
	it('fails a shortfall even when other units also need an officer', () => {
		const p = proposal({ units: [...units(100), { area_m2: 40, use: 'commercial' }], parking_spaces: 0 });
		expect(checkParking(ctx({ proposal: p })).verdict).toBe('fail');
	});
	it('asks an officer when residential floors come without units', () => {
		expect(checkParking(ctx({ proposal: proposal({ units: [], parking_spaces: 0 }) })).verdict).toBe('needs_officer');
	});
	it('asks an officer when the book has no parking table', () => {
		expect(checkParking(ctx({ rules: rules({ parking: null }) }))).toMatchObject({ verdict: 'needs_officer', limit: null, proposed: 3 });
	});
});

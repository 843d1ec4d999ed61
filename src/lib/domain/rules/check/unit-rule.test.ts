import { describe, expect, it } from 'vitest';
import { checkUnitAreas } from './unit-rule';
import { ctx, proposal } from './test-support';

const homes = (...areas: number[]) => areas.map((area_m2) => ({ area_m2, use: 'residential' as const }));

describe('unit areas', () => {
	it('passes units that fit in the residential floors, naming both figures', () => {
		const r = checkUnitAreas(ctx());
		expect(r).toMatchObject({ rule: 'unit_areas', verdict: 'pass', limit: 540, proposed: 360, unit: 'm2' });
		expect(r.explanation.en).toBe('The 3 residential units add up to 360.00 m², within the 540.00 m² of residential floor area.');
		expect(r.explanation.fa).toBe('مجموع مساحت ۳ واحد مسکونی (۳۶۰٫۰۰ م²) از زیربنای طبقات مسکونی (۵۴۰٫۰۰ م²) بیشتر نیست.');
	});

	it('fails flats larger together than the floors left after floors were removed (3 × 143 m² in 2 × 140 m²)', () => {
		const p = proposal({
			floors: [
				{ level: 0, use: 'pilotis', area_m2: 140 },
				{ level: 1, use: 'residential', area_m2: 140 },
				{ level: 2, use: 'residential', area_m2: 140 }
			],
			units: homes(143, 143, 143)
		});
		const r = checkUnitAreas(ctx({ proposal: p }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 280, proposed: 429, unit: 'm2' });
		expect(r.explanation.fa).toBe(
			'مجموع مساحت ۳ واحد مسکونی ۴۲۹٫۰۰ م² است و از زیربنای طبقات مسکونی (۲۸۰٫۰۰ م²) به اندازهٔ ۱۴۹٫۰۰ م² بیشتر است؛ واحدها در طبقات پیشنهادی جا نمی‌شوند. مساحت یا تعداد واحدها را کم کنید یا طبقات را اصلاح کنید.'
		);
		expect(r.explanation.en).toBe(
			'The 3 residential units add up to 429.00 m², 149.00 m² more than the 280.00 m² of residential floor area: the units do not fit in the proposed floors. Reduce the units\' areas or number, or correct the floors.'
		);
	});

	it('passes units exactly filling the floors and fails 0.01 m² over', () => {
		const two = (area_m2: number) => proposal({ floors: [{ level: 1, use: 'residential', area_m2: 100 }], units: homes(50, area_m2) });
		expect(checkUnitAreas(ctx({ proposal: two(50) })).verdict).toBe('pass');
		expect(checkUnitAreas(ctx({ proposal: two(50.01) }))).toMatchObject({ verdict: 'fail', limit: 100, proposed: 100.01 });
	});

	it('does not count pilotis, parking or other uses as room for the flats', () => {
		const p = proposal({
			floors: [
				{ level: -1, use: 'parking', area_m2: 200 },
				{ level: 0, use: 'commercial', area_m2: 200 },
				{ level: 1, use: 'residential', area_m2: 100 }
			],
			units: homes(120)
		});
		expect(checkUnitAreas(ctx({ proposal: p }))).toMatchObject({ verdict: 'fail', limit: 100, proposed: 120 });
	});

	it('compares each use with its own floors and shows the use that fails', () => {
		const p = proposal({
			floors: [
				{ level: 0, use: 'commercial', area_m2: 60 },
				{ level: 1, use: 'residential', area_m2: 180 }
			],
			units: [...homes(90, 90), { area_m2: 40, use: 'commercial' }, { area_m2: 30, use: 'commercial' }]
		});
		const r = checkUnitAreas(ctx({ proposal: p }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 60, proposed: 70 });
		expect(r.explanation.en).toMatch(/^The 2 commercial units add up to 70\.00 m², 10\.00 m² more than the 60\.00 m² of commercial floor area/);
		expect(r.explanation.en).not.toContain('residential');
	});

	it('fails units of a use the proposal has no floor for', () => {
		const p = proposal({ units: [...homes(100), { area_m2: 30, use: 'office' }] });
		const r = checkUnitAreas(ctx({ proposal: p }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 0, proposed: 30 });
		expect(r.explanation.en).toContain('1 office unit add up to 30.00 m², 30.00 m² more than the 0.00 m² of office floor area');
	});

	it('passes with nothing to compare when no unit is listed', () => {
		expect(checkUnitAreas(ctx({ proposal: proposal({ units: [] }) }))).toMatchObject({ verdict: 'pass', limit: null, proposed: null, unit: null });
	});
});

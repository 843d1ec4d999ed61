import { describe, expect, it } from 'vitest';
import { checkDensity, checkNetArea, checkOccupancy } from './area-rules';
import { ctx, facts, proposal, rules } from './test-support';

const floors = (areas: number[]) => proposal({ floors: areas.map((area_m2, i) => ({ level: i + 1, use: 'residential' as const, area_m2 })) });

describe('net area', () => {
	it('passes and states the area after the widening line', () => {
		const r = checkNetArea(ctx({ facts: facts({ gross_area_m2: 300, setback_area_m2: 42.5, net_area_m2: 257.5 }) }));
		expect(r).toMatchObject({ rule: 'net_area', verdict: 'pass', proposed: 257.5, unit: 'm2', clause: 'ضوابط طرح تفصیلی نمونه، بند ۱-۳' });
		expect(r.explanation.en).toBe('The net area after the widening line is 257.50 m² (parcel 300.00 m² less 42.50 m² of setback); density and occupancy apply to it.');
		expect(r.explanation.fa).toBe('مساحت خالص پس از اصلاحی ۲۵۷٫۵۰ م² است (مساحت پلاک ۳۰۰٫۰۰ م² منهای عقب‌نشینی ۴۲٫۵۰ م²)؛ تراکم و سطح اشغال بر این مساحت محاسبه می‌شوند.');
	});
	it('fails when the widening line takes the whole parcel', () => {
		expect(checkNetArea(ctx({ facts: facts({ setback_area_m2: 300, net_area_m2: 0 }) })).verdict).toBe('fail');
	});
});

describe('density', () => {
	it('passes a total floor area exactly at net × density %', () => {
		const r = checkDensity(ctx());
		expect(r).toMatchObject({ verdict: 'pass', limit: 540, proposed: 540, unit: 'm2', clause: 'ضوابط طرح تفصیلی نمونه، بند ۳-۲' });
		expect(r.explanation.en).toBe(
			'The total floor area of 540.00 m² (not counting 150.00 m² of pilotis, parking and basement storage) is within the density limit of 540.00 m² (180% of the net area of 300.00 m²).'
		);
	});
	it('fails 0.01 m² over, saying by how much', () => {
		const r = checkDensity(ctx({ proposal: floors([180, 180, 180.01]) }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 540, proposed: 540.01 });
		expect(r.explanation.en).toBe('The total floor area of 540.01 m² exceeds the density limit of 540.00 m² (180% of the net area of 300.00 m²) by 0.01 m².');
		expect(r.explanation.fa).toBe('زیربنای کل ۵۴۰٫۰۱ م² از سقف تراکم ۵۴۰٫۰۰ م² (۱۸۰٪ مساحت خالص ۳۰۰٫۰۰ م²) به اندازهٔ ۰٫۰۱ م² بیشتر است.');
	});
	it('applies density to the net area, not the gross', () => {
		const r = checkDensity(ctx({ facts: facts({ gross_area_m2: 300, setback_area_m2: 50, net_area_m2: 250 }) }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 450, proposed: 540 });
	});
	it('counts basement storage out but a basement dwelling in', () => {
		const p = proposal({
			floors: [
				{ level: -1, use: 'storage', area_m2: 100 },
				{ level: -1, use: 'residential', area_m2: 50 },
				{ level: 1, use: 'residential', area_m2: 180 }
			]
		});
		expect(checkDensity(ctx({ proposal: p })).proposed).toBe(230);
	});
	it('asks an officer when the book leaves density blank, never reading it as zero', () => {
		const r = checkDensity(ctx({ rules: rules({ density_pct: null }) }));
		expect(r).toMatchObject({ verdict: 'needs_officer', limit: null, proposed: 540 });
		expect(r.explanation.en).toContain('The density rule is not defined for zone R121');
	});
});

describe('occupancy', () => {
	it('passes a footprint exactly at net × occupancy %', () => {
		expect(checkOccupancy(ctx())).toMatchObject({ verdict: 'pass', limit: 180, proposed: 180 });
	});
	it('fails a footprint 0.01 m² over', () => {
		const r = checkOccupancy(ctx({ proposal: proposal({ footprint: { kind: 'area', area_m2: 180.01 } }) }));
		expect(r).toMatchObject({ verdict: 'fail', limit: 180, proposed: 180.01 });
		expect(r.explanation.en).toBe('The footprint of 180.01 m² exceeds the occupancy limit of 180.00 m² (60% of the net area of 300.00 m²) by 0.01 m².');
	});
	it('asks an officer when a floor is larger than the footprint (projections)', () => {
		const p = proposal({ footprint: { kind: 'area', area_m2: 170 } });
		const r = checkOccupancy(ctx({ proposal: p }));
		expect(r).toMatchObject({ verdict: 'needs_officer', limit: 180, proposed: 180 });
		expect(r.explanation.en).toBe('At 180.00 m², floor 1 is larger than the footprint of 170.00 m²; an officer must judge the projections (occupancy limit 180.00 m²).');
	});
	it('asks an officer when the book leaves occupancy blank', () => {
		expect(checkOccupancy(ctx({ rules: rules({ occupancy_pct: null }) })).verdict).toBe('needs_officer');
	});
});

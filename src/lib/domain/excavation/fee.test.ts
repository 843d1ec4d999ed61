import { describe, expect, it } from 'vitest';
import { SAMPLE_TARIFF_BOOK } from '../fees';
import { assessExcavationFee, feeBases, SLIVER_M2 } from './fee';
import { referralFor } from './referrals';

describe('excavation fee', () => {
	it('sums dug pieces by surface, road class and recent paving, to the cm²', () => {
		const bases = feeBases([
			{ surface: 'asphalt', road_class: 'local', area_m2: 10.004, paved_m2: 4 },
			{ surface: 'asphalt', road_class: 'local', area_m2: 2, paved_m2: 0 },
			{ surface: 'paving', road_class: 'local', area_m2: 0.001, paved_m2: 0 }
		]);
		expect(bases).toEqual([
			{ surface: 'asphalt', road_class: 'local', recently_paved: false, area_m2: 8 },
			{ surface: 'asphalt', road_class: 'local', recently_paved: true, area_m2: 4 }
		]);
	});

	it('charges slivers of ground (a trench grazing alley mouths) with the largest basis, keeping the dig’s area', () => {
		// a trench along an arterial street across the mouths of three alleys, each touched by a few cm²
		const pieces = [
			{ surface: 'asphalt' as const, road_class: 'arterial', area_m2: 41.2, paved_m2: 0 },
			{ surface: 'concrete' as const, road_class: 'alley', area_m2: 0.04, paved_m2: 0 },
			{ surface: 'paving' as const, road_class: 'alley', area_m2: 0.03, paved_m2: 0 },
			{ surface: 'asphalt' as const, road_class: 'alley', area_m2: 0.31, paved_m2: 0 },
			{ surface: 'asphalt' as const, road_class: 'local', area_m2: 3.6, paved_m2: 0 }
		];
		const bases = feeBases(pieces);
		expect(bases).toEqual([
			{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 41.58 },
			{ surface: 'asphalt', road_class: 'local', recently_paved: false, area_m2: 3.6 }
		]);
		const dug = pieces.reduce((s, p) => s + p.area_m2, 0);
		expect(bases.reduce((s, b) => s + b.area_m2, 0)).toBeCloseTo(dug, 2);
		expect(bases.every((b) => b.area_m2 >= SLIVER_M2)).toBe(true);
		// nothing on the bill for ground that reads «۰ م²»
		const fee = assessExcavationFee(bases, SAMPLE_TARIFF_BOOK);
		expect(fee.lines.every((l) => l.basis.area_m2 >= SLIVER_M2)).toBe(true);
	});

	it('keeps a dig smaller than a sliver as one basis of its largest ground', () => {
		expect(
			feeBases([
				{ surface: 'paving', road_class: 'local', area_m2: 0.2, paved_m2: 0 },
				{ surface: 'asphalt', road_class: 'local', area_m2: 0.1, paved_m2: 0 }
			])
		).toEqual([{ surface: 'paving', road_class: 'local', recently_paved: false, area_m2: 0.3 }]);
	});

	it('applies the deposit’s minimum once for the work, not once for each kind of ground', () => {
		// two small pieces whose deposits together stay under the 10,000,000 minimum
		const small = assessExcavationFee(
			[
				{ surface: 'unpaved', road_class: 'alley', recently_paved: false, area_m2: 3 },
				{ surface: 'unpaved', road_class: 'local', recently_paved: false, area_m2: 2 }
			],
			SAMPLE_TARIFF_BOOK
		);
		const deposits = small.lines.filter((l) => l.item_code === '2-2');
		expect(deposits).toHaveLength(1);
		expect(deposits[0]).toMatchObject({ rounded_rial: 10_000_000, limit: { kind: 'min', amount_rial: 10_000_000 } });
		expect(deposits[0].basis.area_m2).toBe(3);
		expect(small.total_rial).toBe(small.lines.reduce((s, l) => s + l.rounded_rial, 0));
		// a work whose deposits add up past the minimum pays each basis's own deposit, no minimum
		const large = assessExcavationFee(
			[
				{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 30 },
				{ surface: 'unpaved', road_class: 'alley', recently_paved: false, area_m2: 2 }
			],
			SAMPLE_TARIFF_BOOK
		);
		const own = large.lines.filter((l) => l.item_code === '2-2');
		expect(own.map((l) => l.basis.surface)).toEqual(['asphalt', 'unpaved']);
		expect(own.every((l) => l.limit === null)).toBe(true);
		expect(own[1].rounded_rial).toBeLessThan(10_000_000);
	});

	it('assesses each basis with the book’s excavation items and adds up the rounded lines', () => {
		const fee = assessExcavationFee(
			[
				{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 30 },
				{ surface: 'unpaved', road_class: 'alley', recently_paved: false, area_m2: 12.5 }
			],
			SAMPLE_TARIFF_BOOK
		);
		// the book's own samples: 202,500,000 + 40,500,000 on asphalt; 10,000,000 unpaved with its own
		// 3,000,000 deposit (30 % × 12.5 × 800,000): the work's deposit is past the minimum
		expect(fee.lines.map((l) => [l.item_code, l.basis.surface, l.rounded_rial])).toEqual([
			['2-1', 'asphalt', 202_500_000],
			['2-2', 'asphalt', 40_500_000],
			['2-1', 'unpaved', 10_000_000],
			['2-2', 'unpaved', 3_000_000]
		]);
		expect(fee.total_rial).toBe(256_000_000);
		expect(fee.lines[3].limit).toBeNull();
		expect(fee.book.sample).toBe(true);
	});

	it('charges nothing for a dig off the surface layer', () => {
		expect(assessExcavationFee([], SAMPLE_TARIFF_BOOK)).toMatchObject({ total_rial: 0, lines: [] });
	});
});

describe('referrals for protected areas', () => {
	it('sends heritage overlays, however they are named, to Cultural Heritage and nothing else anywhere', () => {
		expect(referralFor('heritage_buffer')?.agency).toBe('cultural_heritage');
		expect(referralFor('حریم میراث فرهنگی')?.agency).toBe('cultural_heritage');
		expect(referralFor('river_buffer')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { SAMPLE_TARIFF_BOOK } from '../fees';
import { assessExcavationFee, feeBases } from './fee';
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

	it('assesses each basis with the book’s excavation items and adds up the rounded lines', () => {
		const fee = assessExcavationFee(
			[
				{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 30 },
				{ surface: 'unpaved', road_class: 'alley', recently_paved: false, area_m2: 12.5 }
			],
			SAMPLE_TARIFF_BOOK
		);
		// the book's own samples: 202,500,000 + 40,500,000 on asphalt; 10,000,000 + the 10,000,000 minimum deposit unpaved
		expect(fee.lines.map((l) => [l.item_code, l.basis.surface, l.rounded_rial])).toEqual([
			['2-1', 'asphalt', 202_500_000],
			['2-2', 'asphalt', 40_500_000],
			['2-1', 'unpaved', 10_000_000],
			['2-2', 'unpaved', 10_000_000]
		]);
		expect(fee.total_rial).toBe(263_000_000);
		expect(fee.lines[3].limit).toEqual({ kind: 'min', amount_rial: 10_000_000 });
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

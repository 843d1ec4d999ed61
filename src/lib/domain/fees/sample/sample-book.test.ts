import { describe, expect, it } from 'vitest';
import { issueBill, validateBill } from '../../bills';
import { assess } from '../assess';
import { TariffError } from '../problems';
import { validateTariffBook } from '../validate-book';
import { SAMPLE_TARIFF_BOOK } from './sample-book';

const SAMPLE_MARK = 'نمونه — sample';

describe('the sample tariff book', () => {
	it('validates: every formula compiles, every input and table is used, every sample holds', () => {
		expect(validateTariffBook(SAMPLE_TARIFF_BOOK)).toEqual({ valid: true, problems: [] });
	});

	it('is clearly marked as sample data, down to each legal basis and ruling', () => {
		expect(SAMPLE_TARIFF_BOOK.sample).toBe(true);
		expect(SAMPLE_TARIFF_BOOK.title.fa).toContain(SAMPLE_MARK);
		expect(SAMPLE_TARIFF_BOOK.title.en).toContain(SAMPLE_MARK);
		for (const entry of [...SAMPLE_TARIFF_BOOK.items, ...SAMPLE_TARIFF_BOOK.discounts]) {
			expect(entry.legal_basis.fa, entry.code).toContain(SAMPLE_MARK);
			expect(entry.legal_basis.en, entry.code).toContain(SAMPLE_MARK);
		}
		expect(SAMPLE_TARIFF_BOOK.items.find((i) => i.annulled)?.annulled?.ruling.en).toContain(SAMPLE_MARK);
	});

	it('covers building permits, excavation, renewals, amendments, completion and renovation, with samples on every active item', () => {
		const kinds = new Set(SAMPLE_TARIFF_BOOK.items.flatMap((i) => i.applies_to));
		expect([...kinds].sort()).toEqual(['building_permit', 'completion_certificate', 'excavation', 'permit_amendment', 'permit_renewal', 'renovation']);
		for (const item of SAMPLE_TARIFF_BOOK.items) {
			if (!item.annulled) expect(item.samples.length, item.code).toBeGreaterThan(0);
		}
	});

	it('assesses a residential permit line by line, the largest parking discount winning', () => {
		const result = assess(
			SAMPLE_TARIFF_BOOK,
			{
				use: 'residential',
				P: 2_000_000,
				floor_area: 240,
				net_land_area: 200,
				base_density_pct: 120,
				missing_parking_spaces: 2,
				parking_forbidden_by_city: true,
				density_class: 'low',
				unpaid_renewal_years: 3,
				removed_parking_area: 12
			},
			{ request_kind: 'building_permit' }
		);
		// 1-1: 45 % × 2,000,000 × 240 · 1-4: 25 × 2,000,000 × (50 + 70) less 95 % · 1-6: 3 × 1.5 % × 2,000,000 × 200
		expect(result.lines.map((l) => [l.item_code, l.raw_rial, l.rounded_rial])).toEqual([
			['1-1', 216_000_000, 216_000_000],
			['1-4', 6_000_000_000, 300_000_000],
			['1-6', 18_000_000, 18_000_000]
		]);
		expect(result.lines[1].discounts.map((d) => [d.code, d.amount_rial])).toEqual([['D-1', 5_700_000_000]]);
		expect(result.not_charged.map((n) => [n.item_code, n.reason])).toEqual([
			['1-2', 'not_applicable'],
			['1-3', 'not_applicable'],
			['1-5', 'not_applicable'],
			['1-7', 'annulled']
		]);
		expect(result.total_rial).toBe(534_000_000);
		expect(result.book.sample).toBe(true);
	});

	it('assesses an excavation and the total can be billed with service type 6', () => {
		const result = assess(
			SAMPLE_TARIFF_BOOK,
			{ dig_area: 30, surface: 'asphalt', road_class: 'arterial', recently_paved: true },
			{ request_kind: 'excavation' }
		);
		// 2-1: 30 × 4,500,000 × 1.5 × 2 · 2-2: 30 % × 30 × 4,500,000
		expect(result.lines.map((l) => [l.item_code, l.rounded_rial])).toEqual([
			['2-1', 405_000_000],
			['2-2', 40_500_000]
		]);
		expect(result.lines[0].coefficients.map((c) => [c.table, c.keys, c.value])).toEqual([
			['R_surface', ['asphalt'], 4_500_000],
			['C_road', ['arterial'], 1.5]
		]);
		const bill = issueBill({ file_id: 1, company_code: 123, amount_rial: result.total_rial, jalali_year: 1404, period: 1 });
		expect(validateBill(bill.bill_id, bill.payment_id, { amount_rial: 445_500_000, service_type: 6 })).toMatchObject({
			valid: true,
			amount_rial: 445_500_000
		});
	});

	it('assesses the renovation charge from the parcel alone: years × 1.5 % × P × land area, the current year by default', () => {
		const once = assess(SAMPLE_TARIFF_BOOK, { use: 'residential', P: 3_000_000, land_area: 250 }, { request_kind: 'renovation' });
		expect(once.lines.map((l) => [l.item_code, l.rounded_rial])).toEqual([['4-1', 11_250_000]]);
		const arrears = assess(SAMPLE_TARIFF_BOOK, { use: 'residential', P: 3_000_000, land_area: 250, renovation_years: 4 }, { request_kind: 'renovation' });
		expect(arrears.total_rial).toBe(45_000_000);
		// the building permit's own renewal-charge line (1-6) is not charged on an inquiry
		expect(arrears.lines.map((l) => l.item_code)).toEqual(['4-1']);
		const settled = assess(SAMPLE_TARIFF_BOOK, { P: 3_000_000, land_area: 250, renovation_years: 0 }, { request_kind: 'renovation' });
		expect(settled.total_rial).toBe(0);
	});

	it('names the item and the missing row when a coefficient does not exist', () => {
		// The source table has no mezzanine for industrial space.
		try {
			assess(SAMPLE_TARIFF_BOOK, { use: 'industrial', floor_level: 'mezzanine', P: 1, floor_area: 10 }, { request_kind: 'building_permit' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(TariffError);
			const [problem] = (error as TariffError).problems;
			expect(problem).toMatchObject({ item: '1-3', formula_error: { code: 'table_key_missing' } });
			expect(problem.message.en).toContain('The table "M_floor" has no row for "mezzanine × industrial"');
		}
	});
});

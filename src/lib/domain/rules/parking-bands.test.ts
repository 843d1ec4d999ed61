import { describe, expect, it } from 'vitest';
import { checkParkingBands, describeParkingBands, parseParkingBands, requiredParking, spacesForUnit } from './parking-bands';

const ONE_THEN_TWO = [
	{ up_to_m2: 150, spaces: 1 },
	{ up_to_m2: null, spaces: 2 }
];

const bands = (text: string) => {
	const r = parseParkingBands(text);
	if (!r.ok) throw new Error(r.problem.message.en);
	return r.value;
};
const code = (text: string) => {
	const r = parseParkingBands(text);
	return r.ok ? 'ok' : r.problem.code;
};

describe('parseParkingBands', () => {
	it.each(['150:1; *:2', '≤150:1, >150:2', 'تا ۱۵۰ متر مربع: ۱؛ بیشتر: ۲', '150 m2 = 1 ; else = 2'])('reads %s', (text) => {
		expect(bands(text)).toEqual(ONE_THEN_TWO);
	});
	it('reads three bands with half spaces', () => {
		expect(bands('150:1; 200:1.5; *:2')).toEqual([
			{ up_to_m2: 150, spaces: 1 },
			{ up_to_m2: 200, spaces: 1.5 },
			{ up_to_m2: null, spaces: 2 }
		]);
	});
	it('reads a bare number as that many spaces for every unit', () => {
		expect(bands('۱')).toEqual([{ up_to_m2: null, spaces: 1 }]);
	});
	it('refuses tables without an open last band, with falling limits, gaps or too many spaces', () => {
		expect(code('150:1; 300:2')).toBe('parking_open_band');
		expect(code('*:1; 150:2')).toBe('parking_open_band');
		expect(code('300:1; 150:2; *:3')).toBe('parking_bands_order');
		expect(code('150:1; >200:2')).toBe('parking_bands_gap');
		expect(code('150:1; *:12')).toBe('parking_spaces_out_of_range');
		expect(code('one per unit')).toBe('parking_unreadable');
		expect(code('')).toBe('parking_empty');
	});
	it('names the band it cannot read', () => {
		const r = parseParkingBands('150:1; big:2');
		expect(!r.ok && r.problem.message.en).toContain('"big:2"');
	});
});

describe('checkParkingBands', () => {
	it('refuses an empty table and a non-positive limit', () => {
		expect(checkParkingBands([]).ok).toBe(false);
		expect(checkParkingBands([{ up_to_m2: 0, spaces: 1 }, { up_to_m2: null, spaces: 2 }]).ok).toBe(false);
	});
});

describe('required parking', () => {
	it('puts a unit of exactly the limit in the lower band', () => {
		expect(spacesForUnit(ONE_THEN_TWO, 150)).toBe(1);
		expect(spacesForUnit(ONE_THEN_TWO, 150.01)).toBe(2);
	});
	it('sums the units', () => {
		expect(requiredParking(ONE_THEN_TWO, [85, 85, 160])).toBe(4);
		expect(requiredParking(ONE_THEN_TWO, [])).toBe(0);
	});
	it('rounds half spaces up to whole spaces', () => {
		const half = bands('150:1; *:1.5');
		expect(requiredParking(half, [160, 160])).toBe(3);
		expect(requiredParking(half, [160])).toBe(2);
	});
	it('says the table in both languages', () => {
		expect(describeParkingBands(ONE_THEN_TWO)).toEqual({
			fa: '۱ فضا برای واحد تا ۱۵۰٫۰۰ م²؛ ۲ فضا برای بزرگ‌تر',
			en: '1 space per unit up to 150.00 m²; 2 for larger units'
		});
	});
});

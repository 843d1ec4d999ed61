import { describe, expect, it } from 'vitest';
import { assess, SAMPLE_TARIFF_BOOK } from '.';
import { coefficientInWords, formulaInWords, keyInWords, shortName, tableCalls } from './formula-words';

const P = 4_000_000;
const multi = assess(SAMPLE_TARIFF_BOOK, { use: 'residential', floor_area: 250, units: 2, net_land_area: 200, base_density_pct: 120, P }, { request_kind: 'building_permit' });
const line = multi.lines.find((l) => l.formula.includes('K_residential_multi'))!;

describe('a fee line in words', () => {
	it('finds the table calls of a formula with their key expressions, nested brackets included', () => {
		expect(tableCalls('table(K_residential_multi, floor_area / units) * P * floor_area')).toMatchObject([{ table: 'K_residential_multi', keys: ['floor_area / units'] }]);
		expect(tableCalls('5 * table(M_floor, floor_level, use) * (1 + max(0, frontage - 3))').map((c) => c.keys)).toEqual([['floor_level', 'use']]);
		expect(tableCalls('table(A, max(1, x)) + table(B, y)').map((c) => [c.table, c.keys])).toEqual([['A', ['max(1, x)']], ['B', ['y']]]);
	});

	it('reads a coefficient by the quantity and unit it was read for, not a bare figure', () => {
		const c = line.coefficients[0];
		expect(coefficientInWords(c, line, 'fa')).toBe('ضریب زیربنای مسکونی چندواحدی برای ۱۲۵ مترمربع زیربنای ناخالص مشمول هر واحد = ۰٫۱۵');
		expect(coefficientInWords(c, line, 'en')).toBe('Residential multi-unit floor-area coefficient for 125 m² of gross floor area charged per unit = 0.15');
	});

	it('writes the formula with the book\'s names, × and ÷, and no code names', () => {
		const fa = formulaInWords(line, 'fa');
		expect(fa).toBe('ضریب زیربنای مسکونی چندواحدی × قیمت منطقه‌ای × زیربنای ناخالص مشمول');
		expect(fa).not.toMatch(/[A-Za-z_]/);
		expect(formulaInWords(line, 'en')).toBe('Residential multi-unit floor-area coefficient × Zone value per m² × Gross floor area charged');
	});

	it('names text values by their labels, figures in the reader\'s digits', () => {
		const labels = { use: { residential: { fa: 'مسکونی', en: 'Residential' } } };
		const use = { name: 'use', value: 'residential', unit: null, description: { fa: 'کاربری بنا', en: 'Use of the building' } };
		const parking = { formula: '25 * P * (use == "residential" ? 1 : 2)', variables: [...line.variables, use], coefficients: [] };
		expect(formulaInWords(parking, 'fa', labels)).toBe('۲۵ × قیمت منطقه‌ای × (کاربری بنا = «مسکونی» ? ۱ : ۲)');
		expect(keyInWords('use', 'residential', line, 'fa', labels)).toBe('مسکونی');
	});

	it('counts read as what they count; shortName keeps the head of a description', () => {
		const units = { name: 'units', value: 3, unit: 'count', description: { fa: 'تعداد واحد', en: 'Number of units' } };
		const counted = { formula: 'table(T, units)', variables: [units], coefficients: [] };
		expect(keyInWords('units', 3, counted, 'fa')).toBe('۳ واحد');
		expect(keyInWords('units', 3, counted, 'en')).toBe('3 units');
		expect(keyInWords('units', 1, counted, 'en')).toBe('1 unit');
		expect(shortName({ fa: 'قیمت منطقه‌ای (ارزش معاملاتی) هر متر مربع، از دفترچه', en: 'Zone value per m² (x), from y' }, 'fa')).toBe('قیمت منطقه‌ای');
	});
});

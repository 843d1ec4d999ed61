import { describe, expect, it } from 'vitest';
import { readCell } from './rule-cells';
import { ruleField } from './rule-fields';

const read = (field: Parameters<typeof ruleField>[0], text: string, source: string = field) => readCell(ruleField(field), text, source);
const value = (field: Parameters<typeof ruleField>[0], text: string, source?: string) => {
	const r = read(field, text, source);
	return r.ok ? r.value : r.problem.code;
};

describe('readCell', () => {
	it('reads an empty cell as undefined, never zero', () => {
		expect(value('density_pct', '  ')).toBeNull();
		expect(value('north_depth', '')).toBeNull();
	});
	it('reads «ندارد» or none in a rule column as "no such rule"', () => {
		expect(value('north_depth', 'ندارد')).toBe('none');
		expect(value('light_well', '-')).toBe('none');
		expect(value('allowed_uses', 'none')).toEqual([]);
	});
	it('reads pilotis in Persian and English words and refuses a bare yes', () => {
		expect(value('pilotis', 'الزامی')).toBe('required');
		expect(value('pilotis', 'غیر مجاز')).toBe('not_allowed');
		expect(value('pilotis', 'Not allowed')).toBe('not_allowed');
		expect(value('pilotis', 'بله')).toBe('bad_pilotis');
	});
	it('reads a list of allowed uses in either language', () => {
		expect(value('allowed_uses', 'مسکونی، تجاری')).toEqual(['residential', 'commercial']);
		expect(value('allowed_uses', 'residential; casino')).toBe('unknown_use');
	});
	it('turns a coefficient of 0.6 into 60 % only in a coefficient column', () => {
		expect(value('occupancy_pct', '0.6', 'ZARIB_OSHGHAL')).toBe(60);
		expect(value('occupancy_pct', '0.6', 'ضریب اشغال')).toBe(60);
		expect(value('occupancy_pct', '0.6', 'OCCUPANCY')).toBe(0.6);
		expect(value('density_pct', '1.8', 'zarib_tarakom')).toBe(180);
	});
	it('keeps the Persian digits of a clause', () => {
		expect(value('clause_density', 'بند ۳-۲')).toBe('بند ۳-۲');
	});
});

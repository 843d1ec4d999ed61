import { describe, expect, it } from 'vitest';
import { emptyZoneRules, type RuleBook, type ZoneRules } from './rule-book';
import { validateRuleBook } from './validate-rule-book';

const book = (zones: ZoneRules[], over: Partial<RuleBook> = {}): RuleBook => ({
	id: 'b1',
	title_fa: 'ضوابط',
	title_en: 'Rules',
	effective_from: '2025-03-21',
	source: 'council resolution 12',
	sample: false,
	clauses: {},
	zones,
	...over
});
const zone = (over: Partial<ZoneRules>) => ({ ...emptyZoneRules('R1'), ...over });
const problems = (b: RuleBook) => validateRuleBook(b).map((p) => [p.zone_code, p.field, p.code]);

describe('validateRuleBook', () => {
	it('accepts a book whose rules are all undefined', () => {
		expect(problems(book([zone({})]))).toEqual([]);
	});
	it('names a missing id, title, source and a bad effective date', () => {
		expect(problems(book([], { id: ' ', title_fa: '', source: '', effective_from: '2025-02-30' }))).toEqual([
			[null, 'id', 'missing'],
			[null, 'title_fa', 'missing'],
			[null, 'source', 'missing'],
			[null, 'effective_from', 'bad_date']
		]);
	});
	it('refuses duplicate and empty zone codes', () => {
		expect(problems(book([zone({ zone_code: 'R1' }), zone({ zone_code: 'r1' }), zone({ zone_code: ' ' })]))).toEqual([
			['r1', 'zone_code', 'duplicate_zone_code'],
			[' ', 'zone_code', 'missing_zone_code']
		]);
	});
	it('refuses values out of their range, fractional floors and a non-number', () => {
		const z = zone({ occupancy_pct: 120, max_floors: 2.5, max_height_m: 0, density_pct: Number.NaN });
		expect(problems(book([z]))).toEqual([
			['R1', 'density_pct', 'not_a_number'],
			['R1', 'occupancy_pct', 'out_of_range'],
			['R1', 'max_floors', 'not_whole_number'],
			['R1', 'max_height_m', 'out_of_range']
		]);
	});
	it('checks parking bands, the north-side formula, the light well, pilotis and uses', () => {
		const z = zone({
			parking: [{ up_to_m2: 150, spaces: 1 }],
			north_depth: { fraction: 1.5, plus_m: 2, text: '' },
			light_well: { min_area_m2: null, min_pct_of_net: null },
			pilotis: 'maybe' as never,
			allowed_uses: ['residential', 'casino' as never]
		});
		expect(problems(book([z])).map((p) => p[2])).toEqual([
			'parking_open_band',
			'north_depth_out_of_range',
			'light_well_out_of_range',
			'bad_pilotis',
			'unknown_use'
		]);
	});
	it('explains each problem in both languages', () => {
		const [p] = validateRuleBook(book([zone({ occupancy_pct: 120 })]));
		expect(p.message.fa).toBe('سطح اشغال باید دست‌کم ۰ و حداکثر ۱۰۰ باشد، نه ۱۲۰.');
		expect(p.message.en).toBe('The occupancy must be at least 0 and at most 100, not 120.');
	});
});

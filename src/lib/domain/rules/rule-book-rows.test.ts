import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { parseRuleBookRows, RuleBookColumnsError } from './rule-book-rows';

const fixture = (name: string) => parseCsv(readFileSync(new URL(`../../../../tests/fixtures/rules/${name}`, import.meta.url), 'utf8'));

describe('parseRuleBookRows: column matching', () => {
	it('matches Finglish abbreviations and reads a coefficient column as a share', () => {
		const r = parseRuleBookRows([{ PAHNE: 'R121', TARAKOM: '180%', ZARIB_OSHGHAL: '0.6', TABAGHE: '3', ERTEFA: '11' }]);
		expect(r.mapping).toEqual({ zone_code: 'PAHNE', density_pct: 'TARAKOM', occupancy_pct: 'ZARIB_OSHGHAL', max_floors: 'TABAGHE', max_height_m: 'ERTEFA' });
		expect(r.zones[0]).toMatchObject({ zone_code: 'R121', density_pct: 180, occupancy_pct: 60, max_floors: 3, max_height_m: 11 });
	});
	it('leaves every rule the file lacks undefined (null), never zero', () => {
		const [zone] = parseRuleBookRows([{ code: 'R1', density: '120' }]).zones;
		expect(zone.occupancy_pct).toBeNull();
		expect(zone.max_floors).toBeNull();
		expect(zone.parking).toBeNull();
		expect(zone.north_depth).toBeNull();
	});
	it('reads a coefficient column holding a percentage as a percentage', () => {
		expect(parseRuleBookRows([{ code: 'R1', ZARIB_OSHGHAL: '60' }]).zones[0].occupancy_pct).toBe(60);
		expect(parseRuleBookRows([{ code: 'R1', ZARIB_OSHGHAL: '۰٫۶٪' }]).zones[0].occupancy_pct).toBe(0.6);
	});
	it('lets --map pick a column no alias matches', () => {
		const r = parseRuleBookRows([{ code: 'R1', TR_1402: '240' }], { density_pct: 'tr_1402' });
		expect(r.zones[0].density_pct).toBe(240);
		expect(r.unmapped).toEqual([]);
	});
	it('reads no rows from an empty table', () => {
		expect(parseRuleBookRows([])).toEqual({ zones: [], mapping: {}, unmapped: [], problems: [], rejected_rows: [] });
	});
	it('reads per-rule clause columns', () => {
		const [zone] = parseRuleBookRows([{ code: 'R1', clause: 'فصل ۳', clause_density: 'بند ۳-۲' }]).zones;
		expect(zone.clause).toBe('فصل ۳');
		expect(zone.clauses).toEqual({ density: 'بند ۳-۲' });
	});
	it('refuses a file without a zone-code column, and bad --map entries, in both languages', () => {
		const codeOf = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				if (e instanceof RuleBookColumnsError) return [e.code, e.messages.fa.length > 0, e.message];
			}
			return null;
		};
		expect(codeOf(() => parseRuleBookRows([{ density: '120' }]))?.[0]).toBe('no_zone_code_column');
		expect(codeOf(() => parseRuleBookRows([{ code: 'R1' }], { colour: 'code' }))?.[0]).toBe('unknown_target');
		const missing = codeOf(() => parseRuleBookRows([{ code: 'R1' }], { density_pct: 'TR' }));
		expect(missing?.[0]).toBe('unknown_source');
		expect(missing?.[2]).toContain('"TR"');
	});
});

describe('parseRuleBookRows: the odd Persian file', () => {
	const rows = fixture('odd-columns-rule-book.csv');
	const r = parseRuleBookRows(rows, { density_pct: 'TARAKOM_PAYE' });

	it('matches Persian column names written with Arabic letters and spaces', () => {
		expect(r.mapping).toMatchObject({
			zone_code: 'كد پهنه',
			land_use: 'کاربری',
			occupancy_pct: 'ZARIB_OSHGHAL',
			max_floors: 'TABAGHE',
			max_height_m: 'ارتفاع',
			min_parcel_area_m2: 'حداقل مساحت تفکیک',
			min_frontage_m: 'حداقل بر',
			parking: 'پارکینگ',
			pilotis: 'پیلوت',
			light_well: 'نورگیر',
			north_depth: 'عمق ساخت',
			clause: 'بند'
		});
		expect(r.unmapped).toEqual(['ملاحظات شورا']);
	});
	it('reads Persian digits, percent signs and Persian rule texts', () => {
		expect(r.zones.map((z) => z.zone_code)).toEqual(['R121', 'C211']);
		expect(r.zones[0]).toMatchObject({
			land_use: 'مسکونی',
			density_pct: 180,
			occupancy_pct: 60,
			max_floors: 3,
			min_frontage_m: 8.5,
			parking: [
				{ up_to_m2: 150, spaces: 1 },
				{ up_to_m2: null, spaces: 2 }
			],
			pilotis: 'required',
			light_well: { min_area_m2: 12, min_pct_of_net: 3 },
			north_depth: { fraction: 0.6, plus_m: 2 },
			clause: 'ضوابط طرح تفصیلی، بند ۳-۲'
		});
		expect(r.zones[1]).toMatchObject({ occupancy_pct: 70, parking: [{ up_to_m2: null, spaces: 1 }], pilotis: 'allowed', light_well: null, north_depth: 'none' });
	});
	it('leaves out every row with a problem and groups the problems by reason, with the spreadsheet row', () => {
		expect(r.rejected_rows).toEqual([4, 5, 6, 8, 9]);
		const byReason = Object.fromEntries(r.problems.map((g) => [g.reason, g.rows.map((p) => [p.row, p.field])]));
		expect(byReason).toEqual({
			not_a_number: [[4, 'density_pct']],
			out_of_range: [[5, 'occupancy_pct']],
			not_whole_number: [[6, 'max_floors']],
			bad_parking: [[6, 'parking']],
			bad_pilotis: [[6, 'pilotis']],
			bad_north_depth: [[6, 'north_depth']],
			duplicate_zone_code: [[8, 'zone_code']],
			missing_zone_code: [[9, 'zone_code']]
		});
	});
	it('says what is wrong with each value, naming it, in both languages', () => {
		const problem = r.problems.find((g) => g.reason === 'not_a_number')!.rows[0];
		expect(problem).toMatchObject({ zone_code: 'R122', source: 'TARAKOM_PAYE', value: 'زیاد' });
		expect(problem.message.fa).toBe('تراکم «زیاد» عدد نیست.');
		expect(problem.message.en).toBe('The density "زیاد" is not a number.');
		const range = r.problems.find((g) => g.reason === 'out_of_range')!;
		expect(range.title.en).toBe('values out of range');
		expect(range.rows[0].message.en).toBe('The occupancy must be at least 0 and at most 100, not 120.');
	});
});

import { describe, expect, it } from 'vitest';
import { parseProposal, type ParsedProposal } from './proposal';

const SQUARE = {
	type: 'Polygon',
	coordinates: [
		[
			[51.67, 32.65],
			[51.6702, 32.65],
			[51.6702, 32.6502],
			[51.67, 32.6502],
			[51.67, 32.65]
		]
	]
};

const valid = () => ({
	floors: [
		{ level: 0, use: 'pilotis', area_m2: 150 },
		{ level: 1, use: 'residential', area_m2: 180 },
		{ level: 2, use: 'residential', area_m2: 180 }
	],
	footprint_m2: 180,
	height_m: 10.5,
	units: [{ area_m2: 85 }, { area_m2: 160 }],
	parking_spaces: 3
});

const errors = (r: ParsedProposal) => (r.ok ? [] : r.errors.map((e) => [e.path, e.code]));
const value = (r: ParsedProposal) => {
	if (!r.ok) throw new Error(r.errors.map((e) => e.message.en).join('; '));
	return r.value;
};
const messages = (r: ParsedProposal) => (r.ok ? [] : r.errors.map((e) => e.message));

describe('parseProposal', () => {
	it('reads the contract example into a typed proposal', () => {
		const r = parseProposal(valid());
		expect(r).toEqual({
			ok: true,
			value: {
				floors: [
					{ level: 0, use: 'pilotis', area_m2: 150 },
					{ level: 1, use: 'residential', area_m2: 180 },
					{ level: 2, use: 'residential', area_m2: 180 }
				],
				footprint: { kind: 'area', area_m2: 180 },
				height_m: 10.5,
				units: [
					{ area_m2: 85, use: 'residential' },
					{ area_m2: 160, use: 'residential' }
				],
				parking_spaces: 3,
				pilotis: true,
				light_well_m2: null
			}
		});
	});
	it('names the field path of a bad floor area, in both languages', () => {
		const body = valid();
		body.floors[2].area_m2 = -5;
		const r = parseProposal(body);
		expect(errors(r)).toEqual([['floors[2].area_m2', 'not_positive']]);
		expect(messages(r)[0]).toEqual({ fa: '«floors[2].area_m2» باید عددی مثبت باشد، نه -۵.', en: 'floors[2].area_m2 must be a positive number, not -5.' });
	});
	it('reports every problem at once', () => {
		const r = parseProposal({ floors: [{ level: 1.5, use: 'casino', area_m2: 'abc' }], height_m: 0, units: {}, parking_spaces: 1.5, colour: 'red' });
		expect(errors(r)).toEqual([
			['colour', 'unknown_field'],
			['floors[0].level', 'out_of_range'],
			['floors[0].use', 'unknown_use'],
			['floors[0].area_m2', 'not_number'],
			['footprint_m2', 'required'],
			['height_m', 'not_positive'],
			['units', 'not_array'],
			['parking_spaces', 'not_integer']
		]);
	});
	it('refuses a body that is not an object', () => {
		const r = parseProposal([1, 2]);
		expect(errors(r)).toEqual([['', 'not_object']]);
		expect(messages(r)[0].en).toBe('The request body must be a JSON object.');
	});
	it('needs at least one floor but accepts a building without units', () => {
		expect(errors(parseProposal({ ...valid(), floors: [] }))).toEqual([['floors', 'empty']]);
		expect(parseProposal({ ...valid(), units: [] }).ok).toBe(true);
	});
	it('reads numbers typed with Persian digits', () => {
		const r = value(parseProposal({ ...valid(), height_m: '۱۰٫۵', footprint_m2: '۱۸۰' }));
		expect([r.height_m, r.footprint]).toEqual([10.5, { kind: 'area', area_m2: 180 }]);
	});
	it('refuses values beyond the limits', () => {
		expect(errors(parseProposal({ ...valid(), height_m: 5000 }))).toEqual([['height_m', 'too_large']]);
		expect(errors(parseProposal({ ...valid(), parking_spaces: -1 }))).toEqual([['parking_spaces', 'negative']]);
	});
	it('reads a unit use and refuses an unknown one', () => {
		expect(value(parseProposal({ ...valid(), units: [{ area_m2: 60, use: 'commercial' }] })).units).toEqual([{ area_m2: 60, use: 'commercial' }]);
		expect(errors(parseProposal({ ...valid(), units: [{ area_m2: 60, use: 'casino', rooms: 2 }] }))).toEqual([
			['units[0].rooms', 'unknown_field'],
			['units[0].use', 'unknown_use']
		]);
	});

	describe('pilotis', () => {
		it('follows a level-0 pilotis floor, or the pilotis field', () => {
			const without = { ...valid(), floors: valid().floors.slice(1) };
			expect(value(parseProposal(without)).pilotis).toBe(false);
			expect(value(parseProposal({ ...without, pilotis: true })).pilotis).toBe(true);
		});
		it('refuses pilotis: false beside a pilotis floor, and pilotis above the ground floor', () => {
			expect(errors(parseProposal({ ...valid(), pilotis: false }))).toEqual([['pilotis', 'pilotis_conflict']]);
			const body = valid();
			body.floors[0].level = 1;
			expect(errors(parseProposal(body))).toEqual([['floors[0].level', 'pilotis_level']]);
		});
	});

	describe('footprint', () => {
		it('accepts a GeoJSON polygon instead of a number, in footprint or in footprint_m2', () => {
			const { footprint_m2: _, ...rest } = valid();
			expect(value(parseProposal({ ...rest, footprint: SQUARE })).footprint).toEqual({ kind: 'geometry', geometry: SQUARE });
			const feature = { type: 'Feature', properties: {}, geometry: SQUARE };
			expect(value(parseProposal({ ...rest, footprint_m2: feature })).footprint).toEqual({ kind: 'geometry', geometry: SQUARE });
		});
		it('refuses both forms at once, and neither', () => {
			expect(errors(parseProposal({ ...valid(), footprint: SQUARE }))).toEqual([['footprint_m2', 'footprint_twice']]);
			const { footprint_m2: _, ...rest } = valid();
			expect(errors(parseProposal(rest))).toEqual([['footprint_m2', 'required']]);
		});
		it('names what is wrong with a drawn footprint', () => {
			const { footprint_m2: _, ...rest } = valid();
			const open = { type: 'Polygon', coordinates: [SQUARE.coordinates[0].slice(0, 4).concat([[51.67, 32.6501]])] };
			expect(errors(parseProposal({ ...rest, footprint: open }))).toEqual([['footprint.coordinates[0]', 'bad_geometry']]);
			const projected = { type: 'Polygon', coordinates: [[[560000, 3613000], [560010, 3613000], [560010, 3613010], [560000, 3613000]]] };
			expect(errors(parseProposal({ ...rest, footprint: projected }))).toEqual([['footprint.coordinates[0][0]', 'bad_geometry']]);
			expect(errors(parseProposal({ ...rest, footprint: { type: 'Point', coordinates: [51, 32] } }))).toEqual([['footprint', 'bad_geometry']]);
			expect(errors(parseProposal({ ...rest, footprint: { type: 'MultiPolygon', coordinates: [] } }))).toEqual([['footprint.coordinates', 'bad_geometry']]);
		});
	});
});

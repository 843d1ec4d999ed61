import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors';
import { DEFAULT_LIMIT, MAX_LIMIT, parseBbox, parseItemsQuery } from './query';

const items = (query: string) => parseItemsQuery(new URLSearchParams(query));
const refusalOf = (query: string) => {
	try {
		items(query);
	} catch (err) {
		expect(err).toBeInstanceOf(BadInputError);
		return err as BadInputError;
	}
	throw new Error(`"${query}" was accepted`);
};

describe('the items query', () => {
	it('pages ten features from the start when nothing is asked', () => {
		expect(items('')).toEqual({ bbox: null, limit: DEFAULT_LIMIT, after: null, format: null });
	});

	it('serves a limit above the maximum as the maximum, and refuses zero or text', () => {
		expect(items('limit=10000').limit).toBe(MAX_LIMIT);
		expect(items('limit=10001').limit).toBe(MAX_LIMIT);
		expect(items('limit=99999999999999999999').limit).toBe(MAX_LIMIT);
		expect(refusalOf('limit=0').code).toBe('invalid_limit');
		expect(refusalOf('limit=2.5').code).toBe('invalid_limit');
		expect(refusalOf('limit=').code).toBe('invalid_limit');
	});

	it('takes the after key as a positive id', () => {
		expect(items('after=1234').after).toBe(1234);
		expect(refusalOf('after=0').code).toBe('invalid_after');
		expect(refusalOf('after=9007199254740993').code).toBe('invalid_after');
	});

	it('names the unknown or repeated parameter, in Persian and English', () => {
		const unknown = refusalOf('bbox=51,32,52,33&datetime=2024-01-01');
		expect(unknown.code).toBe('unknown_parameter');
		expect(unknown.messages.en).toContain('"datetime"');
		expect(unknown.messages.fa).toContain('«datetime»');
		expect(refusalOf('after=1&after=2').code).toBe('repeated_parameter');
		expect(refusalOf('f=html').code).toBe('unsupported_format');
		expect(items('f=json').format).toBe('json');
	});
});

describe('bbox', () => {
	it('reads the 18 significant digits GDAL sends', () => {
		expect(parseBbox('51.2999999999999972,35.7000000000000028,51.3350000000000009,35.7100000000000009')).toEqual({
			west: 51.3,
			south: 35.7,
			east: 51.335,
			north: 35.71
		});
	});

	it('takes six numbers as a box with heights, and ignores the heights', () => {
		expect(parseBbox('51, 32, -10, 52, 33, 2000')).toEqual({ west: 51, south: 32, east: 52, north: 33 });
	});

	it('refuses a box that is not four or six numbers within the globe, south below north and west of east', () => {
		for (const [raw, message] of [
			['51,32,52', 'it has 3'],
			['51,32,52,33,1', 'it has 5'],
			['51,32,0x34,33', '"0x34" in bbox is not a number'],
			['51,32,Infinity,33', '"Infinity" in bbox is not a number'],
			['51,-91,52,33', 'south of bbox must be between -90 and 90'],
			['181,32,182,33', 'west of bbox must be between -180 and 180'],
			['51,33,52,32', 'south (33) is above the north (32)'],
			['179,32,-179,33', 'across the antimeridian']
		]) {
			expect(() => parseBbox(raw), raw).toThrow(message);
		}
	});
});

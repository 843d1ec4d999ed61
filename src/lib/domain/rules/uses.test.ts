import { describe, expect, it } from 'vitest';
import { allowedUses, readFloorUse } from './uses';

describe('allowedUses', () => {
	it('follows the land use and always allows parking, pilotis, storage and services', () => {
		expect(allowedUses('residential', null)?.sort()).toEqual(['parking', 'pilotis', 'residential', 'services', 'storage']);
	});
	it('reads a Persian land use', () => {
		expect(allowedUses('تجاری', null)).toContain('commercial');
	});
	it("prefers the row's own list, even an empty one", () => {
		expect(allowedUses('residential', ['office'])).toContain('office');
		expect(allowedUses('residential', [])).not.toContain('residential');
	});
	it('knows nothing for an unknown or missing land use', () => {
		expect(allowedUses('spaceport', null)).toBeNull();
		expect(allowedUses(null, null)).toBeNull();
	});
});

describe('readFloorUse', () => {
	it('reads English keys and Persian names', () => {
		expect(readFloorUse('Residential')).toBe('residential');
		expect(readFloorUse('پارکینگ')).toBe('parking');
		expect(readFloorUse('casino')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { chargedUseOf, parcelFeeInputs } from './parcel-fee-inputs';

describe('parcelFeeInputs', () => {
	it('reads the land area to the centimetre and the use from the zone', () => {
		expect(parcelFeeInputs({ area_m2: 612.34567, land_use: 'commercial' })).toEqual({ use: 'commercial', land_area: 612.35 });
	});

	it('charges administrative zones as office, workshops as industrial, and mixed, heritage or no zone as residential', () => {
		expect(chargedUseOf('administrative')).toBe('office');
		expect(chargedUseOf('اداری')).toBe('office');
		expect(chargedUseOf(' Office ')).toBe('office');
		expect(chargedUseOf('صنعتی')).toBe('industrial');
		expect(chargedUseOf('workshop')).toBe('industrial');
		expect(chargedUseOf('mixed')).toBe('residential');
		expect(chargedUseOf('heritage')).toBe('residential');
		expect(chargedUseOf(null)).toBe('residential');
	});
});

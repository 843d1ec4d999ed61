import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { sampleCity, type BlockFeatures } from './city-features';
import { CITY_BOX_WGS84 } from './geometry';

const collect = (parcels: number, seed: number) => {
	const city = sampleCity({ parcels, seed });
	const blocks: BlockFeatures[] = [...city.parcelsByBlock()];
	return { city, parcels: blocks.flatMap((b) => b.parcels), buildings: blocks.flatMap((b) => b.buildings), cases: blocks.flatMap((b) => b.cases) };
};

describe('sample city generator', () => {
	it('makes the same city from the same seed and size, and another from another seed', () => {
		const a = collect(600, 7);
		const b = collect(600, 7);
		const c = collect(600, 8);
		expect(b.parcels).toEqual(a.parcels);
		expect(b.buildings).toEqual(a.buildings);
		expect(b.cases).toEqual(a.cases);
		expect(b.city.streets).toEqual(a.city.streets);
		expect(b.city.zones).toEqual(a.city.zones);
		expect(c.parcels.map((p) => p.wkt)).not.toEqual(a.parcels.map((p) => p.wkt));
	});

	it('gives exactly the requested number of parcels, a smaller city being the core of a bigger one', () => {
		const small = collect(300, 1404);
		const big = collect(1200, 1404);
		expect(small.parcels).toHaveLength(300);
		expect(big.parcels).toHaveLength(1200);
		expect(big.parcels.slice(0, 300)).toEqual(small.parcels);
	});

	it('lays the plan over the whole box in UTM 39N', () => {
		const { city } = collect(10, 1404);
		const utm = (lon: number, lat: number) => proj4('EPSG:4326', '+proj=utm +zone=39 +datum=WGS84 +units=m +no_defs', [lon, lat]);
		const { west, south, east, north } = CITY_BOX_WGS84;
		for (const [x, y] of [utm(west, south), utm(east, south), utm(east, north), utm(west, north)]) {
			expect(x).toBeGreaterThanOrEqual(city.box.minX);
			expect(x).toBeLessThanOrEqual(city.box.maxX);
			expect(y).toBeGreaterThanOrEqual(city.box.minY);
			expect(y).toBeLessThanOrEqual(city.box.maxY);
		}
		expect(city.box.minX).toBe(utm(west, north)[0]);
		// ≈ 14 km × 11 km
		expect(city.box.maxX - city.box.minX).toBeGreaterThan(13_500);
		expect(city.box.maxY - city.box.minY).toBeGreaterThan(10_800);
		expect(city.districts.map((d) => d.code).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
		expect(city.districts.find((d) => d.code === '6')?.nameFa).toBe('منطقه ۶');
		const classes = new Set(city.streets.map((s) => s.cls));
		expect([...classes].sort()).toEqual(['alley', 'arterial', 'collector', 'local']);
		expect(city.streets.some((s) => s.nameFa === 'خیابان چهارباغ عباسی')).toBe(true);
		const arterials = city.streets.filter((s) => s.cls === 'arterial');
		expect(arterials.filter((s) => s.plannedWidthM > s.widthM).length / arterials.length).toBeGreaterThan(0.4);
		expect(city.streets.filter((s) => s.wideningWkt).every((s) => s.plannedWidthM > s.widthM)).toBe(true);
	});

	it('varies parcels in size and shape and labels them as sample data', () => {
		const { parcels, cases } = collect(2000, 1404);
		const kinds = new Set(parcels.map((p) => JSON.parse(p.attributes).lot_kind));
		expect(kinds).toEqual(new Set(['regular', 'corner', 'l-shape', 'sliver', 'institutional']));
		expect(parcels.every((p) => JSON.parse(p.attributes).sample === true)).toBe(true);
		expect(parcels[0].renovationCode).toMatch(/^\d{1,2}-\d{4}-\d{3}$/);
		expect(parcels.every((p) => /^\d+\/\d+$/.test(p.registrationPlate))).toBe(true);
		expect(new Set(parcels.map((p) => p.postalCode)).size).toBe(parcels.length);
		expect(parcels.every((p) => /^\d{10}$/.test(p.postalCode))).toBe(true);
		expect(parcels[0].address).toMatch(/^اصفهان، منطقه [۰-۹]+، .*پلاک [۰-۹]+$/);
		expect(cases.some((c) => c.status === 'open') && cases.some((c) => c.status === 'closed')).toBe(true);
		expect(cases.every((c) => /^PLK-14\d\d-\d{6}$/.test(c.trackingCode))).toBe(true);
	});
});

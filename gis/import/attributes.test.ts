import { describe, expect, it } from 'vitest';
import { matchFields } from '../../src/lib/domain/fields';
import { mapFeature, parseMapOptions, readValue } from './attributes';
import { parseCrsName } from './crs';
import { LAYERS } from './layers';
import { parseGpkgGeometry, parseWkb } from './readers/wkb';

describe('matchFields with the layers\' field names', () => {
	it('finds parcel fields under common and odd names, case-insensitively', () => {
		const m = matchFields(LAYERS.parcels, ['CODE_NOSAZI', 'PostCode', 'ADDR', 'Pelak_Sabti', 'OWNER']);
		expect(m.fields).toEqual({ renovation_code: 'CODE_NOSAZI', postal_code: 'PostCode', address: 'ADDR', registration_plate: 'Pelak_Sabti' });
		expect(m.unmapped).toEqual(['OWNER']);
	});
	it('matches a Persian field name written with the Arabic yeh', () => {
		expect(matchFields(LAYERS.parcels, ['کد_نوسازي']).fields).toEqual({ renovation_code: 'کد_نوسازي' });
	});
	it('finds zoning density as Density or TARAKOM', () => {
		expect(matchFields(LAYERS.zoning, ['Density']).fields).toEqual({ density_pct: 'Density' });
		expect(matchFields(LAYERS.zoning, ['TARAKOM', 'KARBARI']).fields).toEqual({ density_pct: 'TARAKOM', land_use: 'KARBARI' });
	});
	it('lets --map override the guess and frees the guessed source', () => {
		const m = matchFields(LAYERS.parcels, ['RENOV_CODE', 'OLD_CODE'], { renovation_code: 'old_code' });
		expect(m.fields.renovation_code).toBe('OLD_CODE');
		expect(m.unmapped).toEqual(['RENOV_CODE']);
	});
	it('does not keep derived columns of an earlier export as attributes', () => {
		expect(matchFields(LAYERS.parcels, ['id', 'area_m2', 'plate_main', 'district_id', 'extra']).unmapped).toEqual(['extra']);
	});
});

describe('readValue', () => {
	it('reads 10-digit postal codes in any digits, with dashes', () => {
		expect(readValue({ type: 'postal_code' }, '۸۱۷۴۶-۷۳۱۱۱')).toEqual({ value: '8174673111' });
		expect(readValue({ type: 'postal_code' }, 817467311)).toEqual({ error: '"817467311" is not a 10-digit postal code' });
	});
	it('reads numbers with Persian separators and a percent sign, and refuses out-of-range percentages', () => {
		const pct = LAYERS.zoning.fields.find((f) => f.name === 'occupancy_pct')!.kind;
		expect(readValue(pct, '۶۰٫۵%')).toEqual({ value: 60.5 });
		expect(readValue(pct, 140)).toEqual({ error: '140 is out of range (at most 100)' });
		expect(readValue(pct, 'زیاد')).toEqual({ error: '"زیاد" is not a number' });
	});
	it('reads thousands separators and refuses fractional floors', () => {
		expect(readValue({ type: 'number', min: 0 }, '1,250.5')).toEqual({ value: 1250.5 });
		expect(readValue({ type: 'integer', min: 0 }, '2.5')).toEqual({ error: '2.5 is not a whole number' });
	});
	it('converts Jalali dates and refuses impossible ones', () => {
		expect(readValue({ type: 'date' }, '۱۴۰۲/۰۵/۱۷')).toEqual({ value: '2023-08-08' });
		expect(readValue({ type: 'date' }, '2024-02-30')).toEqual({ error: '"2024-02-30" is not a valid date' });
	});
	it('reads street classes in Persian and OSM terms', () => {
		expect(readValue({ type: 'street_class' }, 'شرياني')).toEqual({ value: 'arterial' });
		expect(readValue({ type: 'street_class' }, 'Residential')).toEqual({ value: 'local' });
		expect(readValue({ type: 'street_class' }, 'highway')).toHaveProperty('error');
	});
	it('treats empty values as null', () => {
		expect(readValue({ type: 'number' }, '  ')).toEqual({ value: null });
	});
});

describe('mapFeature', () => {
	it('reports bad values, keeps them in parcel attributes, and lists missing required fields', () => {
		const mapping = matchFields(LAYERS.parcels, ['POSTCODE', 'owner']);
		expect(mapFeature(LAYERS.parcels, mapping, { POSTCODE: '123', owner: ' علي ' })).toEqual({
			values: { postal_code: null },
			attributes: { POSTCODE: '123', owner: 'علی' },
			problems: [{ field: 'postal_code', source: 'POSTCODE', value: '123', reason: '"123" is not a 10-digit postal code' }],
			missing: []
		});
		const zoning = matchFields(LAYERS.zoning, ['KARBARI']);
		expect(mapFeature(LAYERS.zoning, zoning, { KARBARI: 'مسکونی' }).missing).toEqual(['code']);
	});
	it('parses --map pairs and refuses malformed ones', () => {
		expect(parseMapOptions(['code=ZN', 'land_use = USE'])).toEqual({ code: 'ZN', land_use: 'USE' });
		expect(() => parseMapOptions(['code'])).toThrow(/target=source/);
	});
});

describe('parseCrsName', () => {
	it('reads the ways files and users name a CRS', () => {
		expect(parseCrsName('urn:ogc:def:crs:EPSG::32639')).toEqual({ kind: 'epsg', code: 32639 });
		expect(parseCrsName('EPSG:3857')).toEqual({ kind: 'epsg', code: 3857 });
		expect(parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toEqual({ kind: 'epsg', code: 4326 });
		expect(parseCrsName('+proj=utm +zone=39')).toEqual({ kind: 'proj', text: '+proj=utm +zone=39' });
		expect(parseCrsName('GEOGCS["WGS 84"]')).toMatchObject({ kind: 'wkt' });
		expect(parseCrsName('somewhere')).toBeNull();
	});
});

describe('WKB and GeoPackage blobs', () => {
	it('reads an ISO WKB polygon Z, dropping Z', () => {
		const buf = new DataView(new ArrayBuffer(1 + 4 + 4 + 4 + 4 * 24));
		buf.setUint8(0, 1);
		buf.setUint32(1, 1003, true);
		buf.setUint32(5, 1, true);
		buf.setUint32(9, 4, true);
		[[0, 0], [1, 0], [1, 1], [0, 0]].forEach(([x, y], i) => {
			buf.setFloat64(13 + i * 24, x, true);
			buf.setFloat64(21 + i * 24, y, true);
			buf.setFloat64(29 + i * 24, 9, true);
		});
		const wkb = new Uint8Array(buf.buffer);
		expect(parseWkb(wkb)).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
		// the same behind a GeoPackage header with a 32-byte envelope
		const blob = new Uint8Array(8 + 32 + wkb.length);
		blob.set([0x47, 0x50, 0, 0b0000_0011]);
		blob.set(wkb, 40);
		expect(parseGpkgGeometry(blob)).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
		expect(() => parseGpkgGeometry(wkb)).toThrow(/not a GeoPackage geometry/);
	});
});

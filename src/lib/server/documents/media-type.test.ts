import { describe, expect, it } from 'vitest';
import { detectMediaType, formatMegabytes } from './media-type';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('detectMediaType', () => {
	it('recognises each accepted type by its first bytes', () => {
		expect(detectMediaType(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
		expect(detectMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
		expect(detectMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
		expect(detectMediaType(bytes('AC1032\0\0\0\0'))).toBe('image/vnd.dwg');
		expect(detectMediaType(bytes('  0\nSECTION\n  2\nHEADER\n'))).toBe('image/vnd.dxf');
		expect(detectMediaType(bytes('999\r\nmade by pelak\r\n0\r\nSECTION\r\n'))).toBe('image/vnd.dxf');
	});

	it('refuses look-alikes: text mentioning a type, a truncated signature, an executable', () => {
		expect(detectMediaType(bytes('this is not a %PDF-1.7'))).toBeNull();
		expect(detectMediaType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
		expect(detectMediaType(bytes('ACAD drawing'))).toBeNull();
		expect(detectMediaType(bytes('AC10XY'))).toBeNull();
		expect(detectMediaType(bytes('SECTION\n0\n'))).toBeNull();
		expect(detectMediaType(bytes('MZ\x90\0'))).toBeNull();
		expect(detectMediaType(new Uint8Array())).toBeNull();
	});
});

describe('formatMegabytes', () => {
	it('names the size in Persian and English megabytes, one decimal', () => {
		expect(formatMegabytes(31.5 * 1024 * 1024)).toEqual({ fa: '۳۱٫۵ مگابایت', en: '31.5 MB' });
		expect(formatMegabytes(30 * 1024 * 1024)).toEqual({ fa: '۳۰ مگابایت', en: '30 MB' });
	});
});

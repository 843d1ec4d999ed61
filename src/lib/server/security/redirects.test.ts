import { describe, expect, it } from 'vitest';
import { sameSitePath } from './redirects';

describe('sameSitePath', () => {
	it('keeps a path on this site with its query and fragment', () => {
		expect(sameSitePath('/parcels/5?x=1#map')).toBe('/parcels/5?x=1#map');
		expect(sameSitePath('/cases/%D8%A7')).toBe('/cases/%D8%A7');
	});

	it('normalises dot segments without leaving the site', () => {
		expect(sameSitePath('/a/../../b')).toBe('/b');
	});

	it.each([
		'https://evil.example',
		'http:evil.example',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'javascript:alert(1)',
		'evil.example',
		'',
		null,
		undefined,
		'/' + 'a'.repeat(2001)
	])('sends %j to the fallback', (raw) => {
		expect(sameSitePath(raw)).toBe('/');
		expect(sameSitePath(raw, '/login')).toBe('/login');
	});
});

import { describe, expect, it } from 'vitest';
import { IMAGE_CSP, NON_PAGE_CSP, widenCsp, withSecurityHeaders } from './headers';

const policy = { https: false, extraOrigins: [] };

describe('withSecurityHeaders', () => {
	it('gives an API answer nosniff, a referrer policy, no framing and a CSP that allows nothing', () => {
		const response = withSecurityHeaders(Response.json({ ok: true }), policy);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it("lets a photo opened in its own tab take the browser's inline style, and an SVG nothing", () => {
		const photo = withSecurityHeaders(new Response('x', { headers: { 'content-type': 'image/jpeg' } }), policy);
		expect(photo.headers.get('content-security-policy')).toBe(IMAGE_CSP);
		expect(IMAGE_CSP).not.toMatch(/script-src|img-src|connect-src/);
		const svg = withSecurityHeaders(new Response('<svg/>', { headers: { 'content-type': 'image/svg+xml' } }), policy);
		expect(svg.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
	});

	it('adds HSTS only when the site is reached over https', () => {
		const response = withSecurityHeaders(new Response('x'), { ...policy, https: true });
		expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
	});

	it("keeps a page's own CSP, widened for an outside basemap's origins", () => {
		const page = new Response('<html>', {
			headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; script-src 'self' 'nonce-abc'" }
		});
		const csp = withSecurityHeaders(page, { https: false, extraOrigins: ['https://tiles.example.org'] }).headers.get('content-security-policy');
		expect(csp).toBe("default-src 'self'; connect-src 'self' https://tiles.example.org; img-src 'self' data: https://tiles.example.org; script-src 'self' 'nonce-abc'");
	});

	it('copies a response whose headers cannot be changed', async () => {
		const frozen = Response.redirect('http://pelak.test/x', 303);
		const response = withSecurityHeaders(frozen, policy);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('http://pelak.test/x');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
	});

	it('leaves a CSP alone when there is nothing to add', () => {
		expect(widenCsp("default-src 'self'", [])).toBe("default-src 'self'");
	});
});

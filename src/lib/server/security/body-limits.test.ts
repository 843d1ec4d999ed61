import { describe, expect, it } from 'vitest';
import { bodyLimitFor, bodyRefusalResponse, refuseOversizedBody, DRAWING_BODY_LIMIT, FORM_BODY_LIMIT, SIGN_IN_BODY_LIMIT } from './body-limits';

const post = (headers: Record<string, string>) => new Request('http://pelak.test/x', { method: 'POST', headers });

describe('per-route body limits', () => {
	it('gives sign-in forms a small limit, upload pages the server-wide one, everything else a form-sized one', () => {
		expect(bodyLimitFor('/login')).toBe(SIGN_IN_BODY_LIMIT);
		expect(bodyLimitFor('/lang')).toBe(SIGN_IN_BODY_LIMIT);
		expect(bodyLimitFor('/track')).toBe(SIGN_IN_BODY_LIMIT);
		expect(bodyLimitFor('/requests/new')).toBeNull();
		expect(bodyLimitFor('/cases/12')).toBeNull();
		expect(bodyLimitFor('/cases')).toBe(FORM_BODY_LIMIT);
		expect(bodyLimitFor('/admin')).toBe(FORM_BODY_LIMIT);
		expect(bodyLimitFor('/loginx')).toBe(FORM_BODY_LIMIT);
	});

	it('lets drawings sent as GeoJSON be up to 1 MB, and only on the routes that take them', () => {
		for (const path of ['/api/excavations', '/api/excavations/check', '/api/parcels/12/proposal-check', '/api/cases/7/proposal']) {
			expect(bodyLimitFor(path), path).toBe(DRAWING_BODY_LIMIT);
		}
		for (const path of ['/api/excavations/12', '/api/excavations/check/x', '/api/parcels/12', '/excavations/new']) {
			expect(bodyLimitFor(path), path).toBe(FORM_BODY_LIMIT);
		}
		expect(refuseOversizedBody(post({ 'content-length': String(200 * 1024) }), '/api/excavations/check')).toBeNull();
		const refusal = refuseOversizedBody(post({ 'content-length': String(10 * 1024 * 1024) }), '/api/excavations/check');
		expect(refusal?.messages.en).toContain('1,024 KB');
	});

	it('refuses a sign-in post over 16 KB by its Content-Length, in both languages', () => {
		expect(refuseOversizedBody(post({ 'content-length': String(SIGN_IN_BODY_LIMIT) }), '/login')).toBeNull();
		const refusal = refuseOversizedBody(post({ 'content-length': String(SIGN_IN_BODY_LIMIT + 1) }), '/login');
		expect(refusal).toMatchObject({ status: 413, code: 'payload_too_large' });
		expect(refusal?.messages.fa).toContain('۱۶ کیلوبایت');
		expect(refusal?.messages.en).toContain('16 KB');
	});

	it('refuses a malformed length and asks a streamed body for its length', () => {
		expect(refuseOversizedBody(post({ 'content-length': '-1' }), '/admin')?.status).toBe(413);
		expect(refuseOversizedBody(post({ 'transfer-encoding': 'chunked' }), '/admin')?.status).toBe(411);
		expect(refuseOversizedBody(post({ 'transfer-encoding': 'chunked' }), '/requests/new')).toBeNull();
		expect(refuseOversizedBody(post({ 'content-length': String(50 * 1024 * 1024) }), '/cases/3')).toBeNull();
	});
});

describe('bodyRefusalResponse', () => {
	const refusal = refuseOversizedBody(post({ 'content-length': '999999' }), '/login')!;

	it('answers an enhanced form action with an action error the page can show', async () => {
		const response = bodyRefusalResponse(refusal, 'fa', post({ 'x-sveltekit-action': 'true', accept: 'application/json' }));
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({ type: 'error', status: 413, error: { code: 'payload_too_large', message: refusal.messages.fa } });
	});

	it("answers an API client with the API's JSON error and a plain form with text", async () => {
		const api = bodyRefusalResponse(refusal, 'en', post({ accept: 'application/json' }));
		expect(await api.json()).toEqual({ error: { code: 'payload_too_large', message: refusal.messages.en } });
		const plain = bodyRefusalResponse(refusal, 'en', post({ accept: 'text/html' }));
		expect(plain.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await plain.text()).toBe(refusal.messages.en);
	});

	it('answers an /api/ route, or a client that sent JSON, with JSON whatever it accepts', async () => {
		const api = bodyRefusalResponse(refusal, 'fa', new Request('http://pelak.test/api/excavations/check', { method: 'POST' }));
		expect(await api.json()).toEqual({ error: { code: 'payload_too_large', message: refusal.messages.fa } });
		const sentJson = bodyRefusalResponse(refusal, 'en', post({ 'content-type': 'application/json', accept: '*/*' }));
		expect(await sentJson.json()).toEqual({ error: { code: 'payload_too_large', message: refusal.messages.en } });
	});
});

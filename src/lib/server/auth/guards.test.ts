import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { requireUser, hasRole, safeRedirectPath } from './guards';
import type { SessionUser } from './types';

const officer: SessionUser = {
	id: 7,
	kind: 'staff',
	displayName: 'کارشناس',
	nationalId: null,
	mobile: null,
	username: 'officer.d6',
	roles: [{ role: 'district_officer', districtId: 6, agencyKind: null, engineeringOfficeId: null }]
};

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (err) {
		return err;
	}
	throw new Error('expected a throw');
}

describe('requireUser and roles', () => {
	it('sends an anonymous visitor to /login, remembering where they were going', () => {
		const err = thrown(() => requireUser({ user: null }, undefined, new URL('http://localhost/cartable?tab=mine')));
		expect(isRedirect(err)).toBe(true);
		expect((err as { location: string }).location).toBe('/login?redirect=%2Fcartable%3Ftab%3Dmine');
	});

	it('answers 403 to a signed-in user without the role', () => {
		const err = thrown(() => requireUser({ user: officer }, ['admin']));
		expect(isHttpError(err, 403)).toBe(true);
	});

	it('returns the user holding one of the roles', () => {
		expect(requireUser({ user: officer }, ['admin', 'district_officer'])).toBe(officer);
		expect(requireUser({ user: officer })).toBe(officer);
	});

	it('sends a staff member still on an admin-given password to change it first, and lets them reach that page', () => {
		const fresh = { ...officer, mustChangePassword: true };
		const err = thrown(() => requireUser({ user: fresh }, undefined, new URL('http://localhost/cartable')));
		expect(isRedirect(err) && (err as { location: string }).location).toBe('/account/password');
		expect(requireUser({ user: fresh }, undefined, new URL('http://localhost/account/password'))).toBe(fresh);
	});

	it('scopes a district role to its district', () => {
		expect(hasRole(officer, 'district_officer', { districtId: 6 })).toBe(true);
		expect(hasRole(officer, 'district_officer', { districtId: 7 })).toBe(false);
		expect(hasRole(null, 'citizen')).toBe(false);
	});
});

describe('the redirect parameter after sign-in', () => {
	it('keeps a same-origin path with its query', () => {
		expect(safeRedirectPath('/cases/12?tab=docs')).toBe('/cases/12?tab=docs');
		expect(safeRedirectPath('/parcels/5#map')).toBe('/parcels/5#map');
	});

	it.each([
		'https://evil.example/',
		'//evil.example/path',
		'/\\evil.example',
		'\\\\evil.example',
		'javascript:alert(1)',
		'/%0d%0aSet-Cookie:x',
		'/\nfoo',
		'evil.example',
		'',
		null,
		'/login?redirect=/x'
	])('sends %j to / instead', (raw) => {
		const result = safeRedirectPath(raw);
		expect(result === '/' || result.startsWith('/%0d')).toBe(true);
		expect(result.startsWith('//')).toBe(false);
	});
});

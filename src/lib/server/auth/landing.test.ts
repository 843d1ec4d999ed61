import { describe, expect, it } from 'vitest';
import { landingAfterSignIn, workspaceOf } from './landing';
import type { Role } from '../../domain/roles';

const holding = (...roles: Role[]) => ({ roles: roles.map((role) => ({ role, districtId: null, agencyKind: null, engineeringOfficeId: null })) });

describe('where a user lands after signing in', () => {
	it("sends each staff role to its workspace", () => {
		expect(workspaceOf(holding('district_officer'))).toBe('/cartable');
		expect(workspaceOf(holding('inspector'))).toBe('/cartable');
		expect(workspaceOf(holding('agency'))).toBe('/cartable');
		expect(workspaceOf(holding('excavation_officer'))).toBe('/excavations');
		expect(workspaceOf(holding('excavation_inspector'))).toBe('/excavations');
		expect(workspaceOf(holding('utility_applicant'))).toBe('/excavations');
		expect(workspaceOf(holding('utility_supervisor'))).toBe('/excavations');
		expect(workspaceOf(holding('supervising_engineer'))).toBe('/supervision');
		expect(workspaceOf(holding('planner'))).toBe('/planning');
		expect(workspaceOf(holding('council_member'))).toBe('/dashboard');
		expect(workspaceOf(holding('admin'))).toBe('/admin');
	});

	it('keeps citizens and representatives on the map', () => {
		expect(workspaceOf(holding('citizen'))).toBe('/');
		expect(workspaceOf(holding('representative'))).toBe('/');
		expect(workspaceOf(holding())).toBe('/');
	});

	it('picks one workspace for several roles, the administrator first', () => {
		expect(workspaceOf(holding('district_officer', 'admin'))).toBe('/admin');
		expect(workspaceOf(holding('planner', 'district_officer'))).toBe('/cartable');
	});

	it('goes back to the page that asked for the sign-in, same-site only', () => {
		expect(landingAfterSignIn('/cases/12', holding('planner'))).toBe('/cases/12');
		expect(landingAfterSignIn('https://evil.example/', holding('planner'))).toBe('/');
		expect(landingAfterSignIn('', holding('planner'))).toBe('/planning');
		expect(landingAfterSignIn(null, holding('council_member'))).toBe('/dashboard');
	});
});

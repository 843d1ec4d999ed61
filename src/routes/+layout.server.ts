import type { LayoutServerLoad } from './$types';
import { loadConfig } from '$lib/server/config';
import { hasRole } from '$lib/server/auth';
import { REQUEST_FILERS } from '$lib/domain/roles';

const config = loadConfig();

/** Roles that work cases from a cartable (everyone on the municipality's side but the admin and the council). */
const CARTABLE_ROLES = new Set(['district_officer', 'inspector', 'planner', 'agency', 'supervising_engineer']);

/** Roles that work excavation permits from the works cartable (/excavations). */
const EXCAVATION_ROLES = new Set(['excavation_officer', 'excavation_inspector', 'utility_applicant', 'utility_supervisor']);

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	// What the header needs to offer the right pages; no ids or personal data beyond the name shown.
	user: locals.user
		? {
				name: locals.user.displayName,
				// may start a request from a parcel (the panel's link leads others to a refusal)
				files: REQUEST_FILERS.some((role) => hasRole(locals.user, role)),
				cases: locals.user.kind === 'citizen' || locals.user.roles.some((r) => r.role === 'representative'),
				cartable: locals.user.roles.some((r) => CARTABLE_ROLES.has(r.role)),
				admin: locals.user.roles.some((r) => r.role === 'admin'),
				planning: locals.user.roles.some((r) => r.role === 'planner' || r.role === 'admin'),
				// agencies answer the protected-area referrals of works there
				excavations: locals.user.roles.some((r) => EXCAVATION_ROLES.has(r.role) || (r.role === 'agency' && r.agencyKind !== null)),
				supervision: locals.user.roles.some((r) => r.role === 'supervising_engineer' || r.role === 'district_officer'),
				dashboard: locals.user.roles.some((r) => r.role === 'council_member' || r.role === 'admin')
			}
		: null,
	basemapStyleUrl: config.basemapStyleUrl,
	// The database is filled with the generated city unless the municipality switched it off.
	sample: config.sampleParcels > 0,
	demo: config.mode === 'demo'
});

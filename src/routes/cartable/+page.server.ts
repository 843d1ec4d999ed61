import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth';
import { CARTABLE_TABS, cartablePage, claimCase, closeLegacyCase, listLegacyCases, rejectAsSpam, worksLegacyCases, LEGACY_OUTCOMES, LEGACY_OUTCOME_NAMES } from '$lib/server/cases';
import { formId } from '$lib/schemas/form';
import { formFailure, pageError } from '$lib/server/errors';
import { clientOf } from '$lib/server/client';

/** Every staff role has a cartable; citizens and representatives follow their cases in /cases. */
const STAFF = ['district_officer', 'inspector', 'planner', 'agency', 'supervising_engineer', 'council_member', 'admin'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, STAFF, url);
	try {
		// Officers and admins also close the open cases imported from the previous system (legacy-cases.service).
		const legacyTab = worksLegacyCases(user);
		if (legacyTab && url.searchParams.get('tab') === 'legacy') {
			const legacy = await listLegacyCases(locals.db, user);
			const outcomes = LEGACY_OUTCOMES.map((id) => ({ id, name: LEGACY_OUTCOME_NAMES[id] }));
			return { tab: 'legacy', tabs: CARTABLE_TABS, cases: [], userName: user.displayName, legacyTab, legacy, outcomes, canRejectSpam: false, replied: false, answered: null, agency: false };
		}
		const page = await cartablePage(locals.db, user, url.searchParams.get('tab'));
		// Officers and admins may reject open cases as spam in bulk (issue 7); the service checks each case.
		const canRejectSpam = page.tab !== 'closed' && user.roles.some((g) => g.role === 'district_officer' || g.role === 'admin');
		return { ...page, legacyTab, legacy: null, outcomes: [], canRejectSpam, replied: url.searchParams.has('replied') };
	} catch (err) {
		pageError(err, locals.lang);
	}
};

export const actions: Actions = {
	claim: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, STAFF, url);
		const form = await request.formData();
		try {
			const view = await claimCase(locals.db, user, formId(form, 'caseId'), { ip: clientOf(event).ip });
			return { claimed: view.id };
		} catch (err) {
			return formFailure(err, locals.lang);
		}
	},
	closeLegacy: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, STAFF, url);
		const form = await request.formData();
		try {
			const closed = await closeLegacyCase(locals.db, user, formId(form, 'caseId'), form.get('outcome'), form.get('note'), { ip: clientOf(event).ip });
			return { legacyClosed: closed.trackingCode };
		} catch (err) {
			return formFailure(err, locals.lang);
		}
	},
	rejectSpam: async (event) => {
		const { locals, url, request } = event;
		const user = requireUser(locals, STAFF, url);
		const form = await request.formData();
		try {
			const ids = form.getAll('caseIds').map((v) => Number(v));
			const rejected = await rejectAsSpam(locals.db, user, ids, String(form.get('reason') ?? ''), { ip: clientOf(event).ip });
			return { spamRejected: rejected.length };
		} catch (err) {
			return formFailure(err, locals.lang);
		}
	}
};

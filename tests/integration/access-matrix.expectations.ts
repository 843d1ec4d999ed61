/**
 * THE ACCESS MATRIX: every page, load, form action and endpoint of src/routes, and what each role
 * gets from it, as designed. access-matrix.test.ts finds the routes in the file tree and fails on
 * any entry missing here (or listed here but gone), so a new route must be classified to pass.
 *
 * Keys: `<route id> load`, `<route id> ?/<action>` (`?/default` for a page's only form),
 * `<route id> <METHOD>` for endpoints, `<route id> page` for a page with no server code.
 *
 * Adding a row is one line, e.g.
 *   '/dashboard load': page('/dashboard', only(['planner', 'council', 'admin'])),
 *   '/api/dashboard/districts GET': get('/api/dashboard/districts', only(STAFF, { api: true })),
 *   '/works ?/create': post('/works?/create', () => ({ title: 'x' }), only(['officer', 'admin'])),
 *
 * Outcomes: 'ok' (done / shown), 'login' (sent to sign in), or the HTTP status of the refusal; a
 * status ≥ 400 that is not 401/403/404 means the gate let the role through and the input was judged.
 * On every outcome but 'ok' the test checks that no table's row count and no file on disk changed.
 *
 * Adding a feature's routes (e.g. /supervision, /dashboard, /transparency, /api/dashboard/districts
 * when their branches are merged): run this test, copy the keys it names as unclassified, read each
 * handler's guard and the README, and add one row per key in the section of its area; if the route
 * needs an object (a case, a work), build it in buildMatrixWorld (access-matrix.support.ts). A new
 * role goes into ROLES there, with its user in `as`; `only(...)` refuses it everywhere by default.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nationalIdCheckDigit } from '../../src/lib/domain/national-id';
import { trench } from '../factories/excavation-world';
import { addCalendarDays, tehranDate } from '../../src/lib/domain/working-days';
import { ROLES, type CallSpec, type MatrixWorld, type Outcome, type RoleName } from './access-matrix.support';

export type Expect = Record<RoleName, Outcome>;
export interface Row {
	/** the call, built for each role (a mutating row gets fresh objects per role: build them here) */
	call: (w: MatrixWorld, role: RoleName) => CallSpec | Promise<CallSpec>;
	expect: Expect;
	/** tables a refusal may still write (e.g. counted failed sign-ins), named so the exception is visible */
	refusalWrites?: string[];
	/** the call's setup writes (fresh objects per role): row counts are read after it */
	setupWrites?: boolean;
}

type Opts = { refused?: Outcome; api?: boolean; except?: Partial<Expect> };

/** Every role, the anonymous visitor included, gets `outcome` (a public route). */
export const everyone = (outcome: Outcome = 'ok', except: Partial<Expect> = {}): Expect =>
	({ ...Object.fromEntries(ROLES.map((r) => [r, outcome])), ...except }) as Expect;
/** Any signed-in role; the anonymous visitor is sent to sign in (401 for an API). */
export const signedIn = (opts: Omit<Opts, 'refused'> = {}): Expect => everyone('ok', { anonymous: opts.api ? 401 : 'login', ...opts.except });
/** Only `allowed`; other signed-in roles get `refused` (403 unless said), the anonymous visitor sign-in (401 for an API). */
export const only = (allowed: readonly RoleName[], opts: Opts = {}): Expect =>
	({
		...Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 'ok' : (opts.refused ?? 403)])),
		anonymous: opts.api ? 401 : 'login',
		...opts.except
	}) as Expect;

/** Role groups. */
export const CITIZENS = ['owner', 'otherCitizen'] as const;
export const STAFF = ['officer', 'officerOtherDistrict', 'inspector', 'planner', 'agencyReferred', 'agencyUnreferred', 'supervisor', 'council', 'admin'] as const;
/** Who sees the referred case (district 6, referred to cultural heritage) besides its owner. */
export const SEE_CASE = ['owner', 'officer', 'inspector', 'planner', 'agencyReferred', 'admin'] as const;
/** Who sees the fee case (district 6, not referred). */
export const SEE_FEE_CASE = ['owner', 'officer', 'inspector', 'planner', 'admin'] as const;
/** Who sees the matrix's excavation work: the excavation staff (and admin) and its company's applicant. */
export const SEE_WORK = ['excavationOfficer', 'utilityApplicant', 'admin'] as const;
/** Who has a works cartable: citizens (house connections), the excavation staff, the utilities' staff, the agencies (their excavation referrals). */
export const WORKS_CARTABLE = ['owner', 'otherCitizen', 'excavationOfficer', 'utilityApplicant', 'admin', 'agencyReferred', 'agencyUnreferred'] as const;

type Spec<T> = T | ((w: MatrixWorld) => T | Promise<T>);
const resolve = async <T>(w: MatrixWorld, s: Spec<T>): Promise<T> => (typeof s === 'function' ? (s as (w: MatrixWorld) => T | Promise<T>)(w) : s);

/** A GET of a page or endpoint (a load function or a GET handler). */
export const page = (where: Spec<string>, expect: Expect, params: Spec<Record<string, string>> = {}): Row => ({
	call: async (w) => ({ path: await resolve(w, where), params: await resolve(w, params) }),
	expect
});
export const get = page;
/** A form post to an action or a POST endpoint; `setup` runs for each role first (fresh objects), its result goes to `form`/`params`. */
export function post<S = void>(
	where: string | ((w: MatrixWorld, s: S) => string),
	form: (w: MatrixWorld, s: S, role: RoleName) => CallSpec['form'],
	expect: Expect,
	more: { params?: (w: MatrixWorld, s: S) => Record<string, string>; setup?: (w: MatrixWorld) => Promise<S>; refusalWrites?: string[] } = {}
): Row {
	return {
		call: async (w, role) => {
			const s = (more.setup ? await more.setup(w) : undefined) as S;
			const at = typeof where === 'function' ? where(w, s) : where;
			return { path: at, form: form(w, s, role) ?? {}, params: more.params?.(w, s) ?? {} };
		},
		expect,
		refusalWrites: more.refusalWrites,
		setupWrites: !!more.setup
	};
}
/** A JSON post to an endpoint. */
export const postJson = (where: Spec<string>, body: Spec<unknown>, expect: Expect, params: Spec<Record<string, string>> = {}): Row => ({
	call: async (w) => ({ path: await resolve(w, where), json: await resolve(w, body), params: await resolve(w, params) }),
	expect
});

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/documents');
const pdf = (name: string) => new File([fs.readFileSync(path.join(FIXTURES, 'deed.pdf'))], name, { type: 'application/pdf' });
const id = (n: number) => ({ id: String(n) });
const validNationalId = (nine: string) => nine + nationalIdCheckDigit(nine);
const fresh = (opts: { referred?: boolean; openTask?: boolean; withFile?: boolean } = {}) => (w: MatrixWorld) => w.freshCase(opts);
let counter = 0;
/** Works a month ahead of the day the test runs (a fixed date would one day be in the past: refused for that instead). */
const FILING = () => {
	const today = tehranDate(new Date());
	return { features: [trench([[-90, 3], [-60, 3]], 0.6)], start: addCalendarDays(today, 30), end: addCalendarDays(today, 35), emergency: false, purpose: 'repair', description: 'ماتریس دسترسی', shared_trench_of: 999999 };
};
const PROPOSAL = { floors: [{ level: 1, use: 'residential', area_m2: 100 }], footprint_m2: 100, height_m: 3.5, units: [{ area_m2: 90 }], parking_spaces: 1 };
const unique = () => `${Date.now().toString(36)}${++counter}`;

/** Case actions: the referred case's fresh copy for each role; the officer of district 6 holds its step. */
/** The two-stage permit's applicant steps on the referred case: staff who see it are refused, its owner judged (not at the drawings step). */
const APPLICANT_ONLY = only([], { refused: 404, except: { owner: 409, inspector: 403, planner: 403, agencyReferred: 403, officer: 403, admin: 403 } });
/** The works roles are not case staff: the case cartable's gate refuses them. */
const NOT_CASE_STAFF = { excavationOfficer: 403, utilityApplicant: 403 } as const;
const CASE_ACTORS = only(['officer'], { refused: 404, except: { owner: 403, inspector: 403, planner: 403, admin: 403 } });

export const MATRIX: Record<string, Row> = {
	// ── public pages and APIs: no sign-in ──────────────────────────────────────────────────────────
	'/ page': page('/', everyone()),
	'/ layout load': page('/', everyone()), // the header's user summary, for anyone
	'/parcels/[id=id] load': page((w) => `/parcels/${w.parcel6}`, everyone(), (w) => id(w.parcel6)),
	'/api/parcels/[id] GET': get((w) => `/api/parcels/${w.parcel6}`, everyone(), (w) => id(w.parcel6)),
	'/api/parcels/at GET': get('/api/parcels/at?lon=51.6&lat=32.6', everyone(404)), // a point off every parcel: public, judged
	'/api/parcels/[id]/proposal-check POST': postJson(
		(w) => `/api/parcels/${w.parcel6}/proposal-check`,
		PROPOSAL,
		everyone(409), // public; judged (no rule book is in force in this world)
		(w) => id(w.parcel6)
	),
	'/api/search GET': get('/api/search?q=6-101', everyone()),
	'/api/districts/labels GET': get('/api/districts/labels', everyone()),
	'/api/bills/check GET': get('/api/bills/check?bill_id=123&payment_id=456', everyone()),
	'/api/excavations GET': get('/api/excavations?bbox=51.6,32.6,51.65,32.65', everyone()),
	'/api/excavations/[id] GET': get('/api/excavations/999999', everyone(404), { id: '999999' }), // no works in this world: public, 404 by id
	'/api/excavations/check POST': postJson('/api/excavations/check', { features: [] }, everyone(400)), // public, body judged
	'/api/excavations POST': postJson('/api/excavations', FILING, only([], { api: true, except: { owner: 400, otherCitizen: 400, utilityApplicant: 400 } })), // a utility files for its company (no such shared trench here); citizens only for a house connection
	'/parcels/[id=id]/proposal load': page((w) => `/parcels/${w.parcel6}/proposal`, everyone(), (w) => id(w.parcel6)), // public like the check it calls
	'/works page': page('/works', everyone()), // the public works map
	'/api/excavations/export.geojson GET': get('/api/excavations/export.geojson', only(['officer', 'officerOtherDistrict', 'inspector', 'planner', 'admin', 'excavationOfficer', 'utilityApplicant'], { api: true })),
	'/ogc GET': get('/ogc', everyone()),
	'/ogc/api GET': get('/ogc/api', everyone()),
	'/ogc/conformance GET': get('/ogc/conformance', everyone()),
	'/ogc/collections GET': get('/ogc/collections', everyone()),
	'/ogc/collections/[collectionId] GET': get('/ogc/collections/parcels', everyone(), { collectionId: 'parcels' }),
	'/ogc/collections/[collectionId]/schema GET': get('/ogc/collections/parcels/schema', everyone(), { collectionId: 'parcels' }),
	'/ogc/collections/[collectionId]/items GET': get('/ogc/collections/parcels/items?limit=2', everyone(), { collectionId: 'parcels' }),
	'/ogc/collections/[collectionId]/items/[featureId] GET': get(
		(w) => `/ogc/collections/parcels/items/${w.parcel6}`,
		everyone(),
		(w) => ({ collectionId: 'parcels', featureId: String(w.parcel6) })
	),
	'/tiles/layers.json GET': get('/tiles/layers.json', everyone()),
	'/tiles/[layer]/[z]/[x]/[y].mvt GET': get('/tiles/parcels/14/10515/6617.mvt', everyone(), { layer: 'parcels', z: '14', x: '10515', y: '6617' }),
	'/verify/[code] load': page((w) => `/verify/${w.verificationCode}`, everyone(), (w) => ({ code: w.verificationCode })),
	'/verify/[code].json GET': get((w) => `/verify/${w.verificationCode}.json`, everyone(), (w) => ({ code: w.verificationCode })),
	'/track load': page('/track', everyone()),
	'/track ?/default': post('/track', () => ({ trackingCode: `12-${++counter}`, nationalId: '0010000011' }), everyone(400), { refusalWrites: ['rate_limit_buckets'] }), // public; not a tracking code
	'/lang GET': get('/lang?to=en&redirect=/cases', everyone()),
	'/lang POST': post('/lang?to=fa&redirect=/', () => ({}), everyone()),
	'/payments/callback load': page('/payments/callback?Authority=nope&Status=OK', everyone(400)), // public: judged by the gateway's authority
	'/sandbox-gateway/[authority] load': page((w) => `/sandbox-gateway/${w.openAuthority}`, everyone(), (w) => ({ authority: w.openAuthority })),
	'/sandbox-gateway/[authority] ?/pay': post('/sandbox-gateway/unknown?/pay', () => ({}), everyone(404), { params: () => ({ authority: 'unknown' }) }),
	'/sandbox-gateway/[authority] ?/cancel': post('/sandbox-gateway/unknown?/cancel', () => ({}), everyone(404), { params: () => ({ authority: 'unknown' }) }),

	// ── signing in and out ─────────────────────────────────────────────────────────────────────────
	'/login load': page('/login', everyone()), // a signed-in visitor is sent on
	'/login ?/requestCode': post('/login?/requestCode', (_w, _s, role) => ({ nationalId: validNationalId(String(5000000 + ROLES.indexOf(role)).padStart(9, '0')), mobile: `0912555${String(1000 + ROLES.indexOf(role))}` }), everyone(403), { refusalWrites: ['rate_limit_buckets'] }), // refused by the operator registry (attempts counted)
	'/login ?/verifyCode': post('/login?/verifyCode', () => ({ nationalId: '0010000011', mobile: '09120000001', code: '000000' }), everyone(400), { refusalWrites: ['rate_limit_buckets', 'sign_in_throttle', 'audit_events'] }), // no code was asked for
	'/login ?/staff': post('/login?/staff', (_w, _s, role) => ({ username: `nobody.${role.toLowerCase()}`, password: 'wrong password' }), everyone(401), { refusalWrites: ['rate_limit_buckets', 'sign_in_throttle', 'audit_events'] }), // failures counted
	'/login/totp load': page('/login/totp', everyone('ok', { anonymous: 'login' })),
	'/login/totp ?/default': post('/login/totp', () => ({ code: '123456' }), everyone(401)),
	'/logout POST': post('/logout', () => ({}), everyone()),

	// ── a signed-in user's own pages ───────────────────────────────────────────────────────────────
	'/account load': page('/account', signedIn()),
	'/account/password load': page('/account/password', signedIn()),
	'/account/password ?/default': post('/account/password', () => ({ current: 'not-the-password', next: 'a-new-password-1404', confirm: 'a-new-password-1404' }), everyone(401, { anonymous: 'login', owner: 403, otherCitizen: 403 }), { refusalWrites: ['sign_in_throttle'] }), // staff only; a wrong current password (counted)
	'/account/totp load': page('/account/totp', signedIn()),
	'/account/totp ?/default': post('/account/totp', () => ({ code: '000000' }), everyone(401, { anonymous: 'login', owner: 403, otherCitizen: 403 })), // staff only; a wrong code
	'/cases load': page('/cases', signedIn()),

	// ── cases ──────────────────────────────────────────────────────────────────────────────────────
	'/cases/[id=id] load': page((w) => `/cases/${w.caseId}`, only(SEE_CASE, { refused: 404 }), (w) => id(w.caseId)),
	'/cases/[id=id] ?/act': post((_w, c: number) => `/cases/${c}?/act`, () => ({ type: 'approve', stepId: 'district_review' }), CASE_ACTORS, {
		setup: fresh({ withFile: true }), // the documents an approval needs on the case
		params: (_w, c) => id(c)
	}),
	'/cases/[id=id] ?/claim': post((_w, c: number) => `/cases/${c}?/claim`, () => ({}), only(['officer'], { refused: 404, except: { owner: 403, inspector: 403, planner: 403, agencyReferred: 403, admin: 403 } }), {
		setup: fresh({ referred: true }),
		params: (_w, c) => id(c)
	}),
	'/cases/[id=id] ?/assign': post((_w, c: number) => `/cases/${c}?/assign`, (w) => ({ assigneeId: String(w.users.officer6.id) }), only(['officer', 'admin'], { refused: 404, except: { owner: 403, inspector: 403, planner: 403, agencyReferred: 403 } }), {
		setup: fresh({ referred: true }),
		params: (_w, c) => id(c)
	}),
	'/cases/[id=id] ?/message': post((_w, c: number) => `/cases/${c}?/message`, () => ({ body: 'پیام آزمایشی ماتریس دسترسی' }), only(['owner', 'officer', 'inspector', 'planner', 'admin'], { refused: 404, except: { agencyReferred: 403 } }), {
		setup: fresh({ referred: true }),
		params: (_w, c) => id(c)
	}),
	'/cases/[id=id] ?/answerTask': post(
		(_w, s: { c: number; task: number }) => `/cases/${s.c}?/answerTask`,
		(_w, s) => ({ taskId: String(s.task), 'doc:engineering_drawings': new File([fs.readFileSync(path.join(FIXTURES, 'site-plan.dxf'))], 'site-plan.dxf') }),
		only(['owner'], { refused: 404, except: { officer: 403, inspector: 403, planner: 403, admin: 403 } }),
		{
			setup: async (w) => {
				const c = await w.freshCase({ openTask: true });
				const { id: task } = await w.database.db.selectFrom('case_tasks').select('id').where('case_id', '=', c).executeTakeFirstOrThrow();
				return { c, task };
			},
			params: (_w, s) => id(s.c)
		}
	),
	'/cases/[id=id] ?/siteVisit': post((_w, c: number) => `/cases/${c}?/siteVisit`, () => ({ stepId: 'district_review', notes: 'بازدید آزمایشی' }), only(['officer'], { refused: 404, except: { owner: 403, inspector: 403, planner: 403, admin: 403 } }), {
		setup: fresh({}),
		params: (_w, c) => id(c)
	}),
	'/cases/[id=id] ?/powerOfAttorney': post((w) => `/cases/${w.caseId}?/powerOfAttorney`, () => ({ decision: 'accept' }), only([], { refused: 404, except: { owner: 403, inspector: 403, planner: 403, agencyReferred: 403, officer: 409, admin: 409 } }), { params: (w) => id(w.caseId) }), // officers only; no power is pending
	'/cases/[id=id] ?/drawings': post((w) => `/cases/${w.caseId}?/drawings`, () => ({ drawings: pdf('drawings.pdf') }), APPLICANT_ONLY, { params: (w) => id(w.caseId) }),
	'/cases/[id=id] ?/override': post((w) => `/cases/${w.caseId}?/override`, () => ({ reason: 'ماتریس دسترسی' }), only([], { refused: 404, except: { owner: 403, inspector: 409, planner: 409, agencyReferred: 403, officer: 409, admin: 409 } }), { params: (w) => id(w.caseId) }), // staff who see it are judged (not at the proposal check)
	'/cases/[id=id] ?/documentStatus': post((w) => `/cases/${w.feeCaseId}?/documentStatus`, (w) => ({ documentId: String(w.issuedId), to: 'valid', reason: 'ماتریس دسترسی' }), only([], { refused: 404, except: { owner: 403, inspector: 403, planner: 403, officer: 409, admin: 409 } }), { params: (w) => id(w.feeCaseId) }), // district officer or admin; it is valid already
	'/documents/[id=id] GET': get((w) => `/documents/${w.documentId}`, only(SEE_CASE, { refused: 404, except: { agencyReferred: 404 } }), (w) => id(w.documentId)), // an agency gets only its referral's attachments
	'/cartable load': page('/cartable', only(STAFF)),
	'/cartable ?/claim': post('/cartable?/claim', (_w, c: number) => ({ caseId: String(c) }), only(['officer'], { refused: 404, except: { owner: 403, otherCitizen: 403, representative: 403, inspector: 403, planner: 403, admin: 403, ...NOT_CASE_STAFF } }), {
		setup: fresh({})
	}),
	'/cartable ?/rejectSpam': post('/cartable?/rejectSpam', (_w, c: number) => ({ caseIds: String(c), reason: 'درخواست تکراری و بی‌معنا' }), only(['officer', 'admin'], { refused: 404, except: { owner: 403, otherCitizen: 403, representative: 403, inspector: 403, planner: 403, ...NOT_CASE_STAFF } }), {
		setup: fresh({})
	}),
	// an officer of the parcel's district or an admin closes a case imported from the previous system; the other officer is told no such case
	'/cartable ?/closeLegacy': post('/cartable?/closeLegacy', (_w, c: number) => ({ caseId: String(c), outcome: 'archived' }), only(['officer', 'admin'], { except: { officerOtherDistrict: 404 } }), {
		setup: async (w) => {
			const { id } = await w.database.db
				.insertInto('cases')
				.values({ parcel_id: w.parcel6b, tracking_code: `MATRIX-L-${unique()}`, kind: 'building_permit', status: 'open', title_fa: 'درخواست سامانهٔ پیشین' })
				.returning('id')
				.executeTakeFirstOrThrow();
			return Number(id);
		}
	}),
	'/requests/new load': page((w) => `/requests/new?parcel=${w.parcel7}`, only(['owner', 'otherCitizen', 'representative', 'officer', 'officerOtherDistrict'])),
	'/requests/new ?/default': post(
		(w) => `/requests/new?parcel=${w.parcel7}`,
		(w, _s, role) => ({
			requestType: 'notary_inquiry',
			// citizens file for themselves; the representative and officers name the owner
			...(role === 'owner' || role === 'otherCitizen' ? {} : { ownerNationalId: w.users.zahra.nationalId! }),
			'doc:deed': pdf(`deed-${unique()}.pdf`),
			'doc:national_card': pdf('card.pdf'),
			'doc:notary_letter': pdf('letter.pdf')
		}),
		only(['owner', 'otherCitizen', 'officerOtherDistrict'], { except: { representative: 400 } }) // officer of district 6: parcel7 is not theirs
	),

	// ── fees and payments ──────────────────────────────────────────────────────────────────────────
	'/assessments/[id=id] load': page((w) => `/assessments/${w.assessmentId}`, only(SEE_FEE_CASE, { refused: 404 }), (w) => id(w.assessmentId)),
	// those who see the case pass the gate; the world's bill is past its last day (dated 2025), so they get 409
	'/assessments/[id=id] ?/pay': post((w) => `/assessments/${w.openAssessmentId}?/pay`, () => ({}), only([], { refused: 404, except: { owner: 409, officer: 409, inspector: 409, planner: 409, admin: 409 } }), {
		params: (w) => id(w.openAssessmentId)
	}),
	'/assessments/new load': page((w) => `/assessments/new?case=${w.feeCaseId}`, only(['officer', 'inspector', 'planner', 'admin'], { refused: 404 })),
	'/assessments/new ?/default': post((w) => `/assessments/new?case=${w.feeCaseId}`, () => ({ kind: 'building_permit', 'in:use': 'residential', 'in:floor_area': '150', 'in:units': '1', 'in:net_land_area': '200', 'in:base_density_pct': '120' }), only(['officer', 'inspector', 'planner', 'admin'], { refused: 404 })),
	'/receipts/[id=id].pdf GET': get((w) => `/receipts/${w.receiptId}.pdf`, only(SEE_FEE_CASE, { refused: 404 }), (w) => id(w.receiptId)),
	'/receipts/[id=id] load': page((w) => `/receipts/${w.receiptId}`, only(SEE_FEE_CASE, { refused: 404 }), (w) => id(w.receiptId)),
	'/documents/issued/[id=id].pdf GET': get((w) => `/documents/issued/${w.issuedId}.pdf`, only(SEE_FEE_CASE, { refused: 404 }), (w) => id(w.issuedId)),

	// ── excavation works ───────────────────────────────────────────────────────────────────────────
	'/excavations load': page('/excavations', only(WORKS_CARTABLE)),
	'/excavations/new load': page('/excavations/new', signedIn()), // POST /api/excavations decides who files for whom
	'/excavations/[id=id] load': page((w) => `/excavations/${w.workId}`, only(SEE_WORK, { refused: 404 }), (w) => id(w.workId)),
	'/excavations/[id=id] ?/act': post((w) => `/excavations/${w.workId}?/act`, () => ({ action: 'start' }), only([], { refused: 404, except: { excavationOfficer: 409, utilityApplicant: 409, admin: 409 } }), { params: (w) => id(w.workId) }), // a planned work cannot start
	'/excavations/[id=id] ?/referral': post((w) => `/excavations/${w.workId}?/referral`, () => ({ referralId: '999999', answer: 'consented' }), only([], { refused: 404, except: { excavationOfficer: 404, utilityApplicant: 403, admin: 403 } }), { params: (w) => id(w.workId) }), // the officer (or the agency asked) records answers; no such referral: 404 naming it
	'/excavations/[id=id]/permit.pdf GET': get((w) => `/excavations/${w.workId}/permit.pdf`, only([], { refused: 404 }), (w) => id(w.workId)), // no permit yet
	'/excavations/[id=id]/photos/[photo=id] GET': get((w) => `/excavations/${w.workId}/photos/999999`, only([], { refused: 404 }), (w) => ({ id: String(w.workId), photo: '999999' })),

	// ── planning ───────────────────────────────────────────────────────────────────────────────────
	// ── council dashboards: aggregates are public (like /transparency); the cases behind a district are not ──
	'/dashboard load': page('/dashboard', only(['council', 'admin'])),
	'/transparency load': page('/transparency', everyone()),
	'/api/dashboard/districts GET': get('/api/dashboard/districts?from=2026-01-01&to=2026-12-31', everyone()),
	'/api/dashboard/series GET': get('/api/dashboard/series?from=2026-01-01&to=2026-12-31', everyone()),
	'/api/dashboard/districts/[id]/cases GET': get('/api/dashboard/districts/1/cases', only(['council', 'admin'], { api: true }), id(1)),
	// ── supervision: engineers file on their works; district officers (and admins, planners) read; officers reassign ──
	'/supervision load': page('/supervision', only(['officer', 'officerOtherDistrict', 'planner', 'supervisor', 'admin'])),
	'/supervision ?/report': post('/supervision?/report', () => ({}), only([], { except: { supervisor: 404 } })), // the engineer through the gate; no work of theirs named: 404
	'/supervision ?/reassign': post('/supervision?/reassign', () => ({}), only([], { except: { officer: 400, officerOtherDistrict: 400, admin: 400 } })),
	'/supervision/photos/[id=id] GET': get('/supervision/photos/999999', only([], { refused: 404 }), { id: '999999' }), // any signed-in role: 404 for a photo they may not see (none here)
	'/planning load': page('/planning', only(['planner', 'admin'])),
	'/planning ?/draft': post('/planning?/draft', () => ({}), only([], { except: { planner: 400, admin: 400 } })),
	'/planning ?/adopt': post('/planning?/adopt', () => ({}), only([], { except: { planner: 400, admin: 400 } })),
	'/api/cases/[id]/proposal POST': postJson((w) => `/api/cases/${w.caseId}/proposal`, PROPOSAL, { ...APPLICANT_ONLY, anonymous: 401 }, (w) => id(w.caseId)),
	'/api/planning/setback-conflicts GET': get('/api/planning/setback-conflicts', only(['planner', 'admin'], { api: true })),

	// ── administration ─────────────────────────────────────────────────────────────────────────────
	'/admin load': page('/admin', only(['admin'])),
	'/admin ?/createStaff': post('/admin?/createStaff', () => ({ username: `matrix.${unique()}`, displayName: 'کارمند ماتریس', password: 'a-long-password-1404' }), only(['admin'])),
	'/admin ?/setActive': post('/admin?/setActive', (w) => ({ userId: String(w.users.officer7.id), active: 'true' }), only(['admin'])),
	'/admin ?/grant': post('/admin?/grant', (w) => ({ userId: String(w.users.officer7.id), role: 'inspector', districtId: String(w.d7) }), only([], { except: { admin: 'ok' } })),
	'/admin ?/revoke': post('/admin?/revoke', (w) => ({ userId: String(w.users.officer7.id), grantId: '999999' }), only([], { except: { admin: 404 } })),
	'/admin ?/createOffice': post('/admin?/createOffice', () => ({ nameFa: `دفتر ${unique()}`, nameEn: 'Office', licenceNo: `LIC-${unique()}` }), only(['admin'])),
	'/admin ?/rebind': post('/admin?/rebind', () => ({ nationalId: '0010000038', mobile: '09351230000', reason: 'ماتریس دسترسی' }), only(['admin'])),
	'/admin ?/recordClosure': post('/admin?/recordClosure', () => ({ day: 'روز نامعلوم', reasonFa: 'ماتریس دسترسی' }), only([], { except: { admin: 400 } })), // a day that is none: the admin is refused for it, nothing moves
	'/admin ?/withdrawClosure': post('/admin?/withdrawClosure', () => ({ day: '2099-01-01', reasonFa: 'ماتریس دسترسی' }), only([], { except: { admin: 404 } })), // no closure that day: the admin is told so, nothing moves
	'/admin ?/resetTotp': post('/admin?/resetTotp', (w) => ({ userId: String(w.users.planner.id), reason: 'ماتریس دسترسی' }), only(['admin'])),
	'/admin/audit load': page('/admin/audit?action=failed_sign_ins', only(['admin'])),
	'/admin/audit.csv GET': get('/admin/audit.csv?action=admin', only(['admin'])),
	'/admin/fees load': page('/admin/fees', only(['admin'])),
	'/admin/fees ?/newDraft': post('/admin/fees?/newDraft', (w) => ({ bookId: String(w.bookId), year: '1404' }), only(['admin'])),
	'/admin/fees ?/save': post('/admin/fees?/save', () => ({ bookId: '999999', document: '{}' }), only([], { except: { admin: 400 } })),
	'/admin/fees ?/approve': post('/admin/fees?/approve', () => ({ bookId: '999999' }), only([], { except: { admin: 404 } })),
	'/admin/fees ?/unapprove': post('/admin/fees?/unapprove', () => ({ bookId: '999999' }), only([], { except: { admin: 404 } })),
	'/admin/fees ?/publish': post('/admin/fees?/publish', () => ({ bookId: '999999' }), only([], { except: { admin: 404 } })),
	'/admin/fees ?/annul': post('/admin/fees?/annul', () => ({ bookId: '999999', itemCode: 'X', rulingRef: 'R', rulingDate: '1404-01-01' }), only([], { except: { admin: 404 } }))
};

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { DomainError, NotFoundError, type Bilingual } from '../errors';
import type { DeedsRegistry } from '../registries';
import { colleaguesFor } from '../admin';
import { documentKindName } from '../documents';
import { getParcelDetail } from '../parcels/parcel.service';
import { AGENCY_NAMES, requestTypeById, type CaseActionType } from '../workflows';
import { isStaff } from './access';
import { stepName } from './case-view';
import { caseErrors } from './errors';
import { getCase, listCartable, listMyCases } from './read-cases.service';
import { requestOptions } from './request-options.service';
import { ownersOfParcel, requiresOwnership } from './ownership';
import { trustErrors } from './trust-errors';
import { agencyKindsOf, listAgencyAnswers } from './agency-scope';
import { heldReferrals } from './overlay-referrals.service';
import { CARTABLE_TABS, type ActionOption, type CartableTab, type CasePage, type CaseView, type FilingPage } from './types';

/**
 * What the case pages show, worked out here so the routes only parse input and call one function:
 * the action forms with their choices named, whether the viewer may record a site visit, whom the
 * step may be handed to, and the request types a parcel may be filed for.
 */

/** Actions that mean the viewer holds the step itself (not a wait), so a site visit belongs to them. */
const HOLDER_ACTIONS: ReadonlySet<CaseActionType> = new Set(['approve', 'complete', 'reject', 'refer_to_agency', 'request_document', 'return_to_applicant']);

function actionOptions(view: CaseView): ActionOption[] {
	const definition = requestTypeById(view.requestType.id);
	const answeringTask = view.tasks.some((t) => t.status === 'open');
	return view.actions
		.filter((a) => !(a.type === 'applicant_reply' && answeringTask)) // the task form answers it, with its documents
		.map((a) => ({
			type: a.type,
			requiresReason: a.requiresReason,
			to: (a.to ?? []).map((id) => ({ id, name: stepName(definition, id) })),
			kinds: (a.kinds ?? []).map((k) => ({ id: k, name: documentKindName(k) })),
			agencies: (a.agencies ?? []).map((g) => ({ id: g, name: AGENCY_NAMES[g] }))
		}));
}

/**
 * The case page: the case as the viewer may see it, its parcel for the map (null once a re-import
 * removed it), the action forms, and for staff holding the step the site visit form and colleagues.
 * @throws NotFoundError for a case the user may not see
 */
export async function casePage(db: Kysely<DB>, user: SessionUser, caseId: number): Promise<CasePage> {
	const view = await getCase(db, user, caseId);
	const parcel = await getParcelDetail(db, view.parcelId).catch((err) => {
		if (err instanceof NotFoundError) return null; // cases outlive re-imported parcels
		throw err;
	});
	const staffActing = view.side === 'staff' && view.status === 'in_progress' && !view.waiting;
	const definition = requestTypeById(view.requestType.id);
	const holdsReview = staffActing && view.actions.some((a) => a.type === 'approve' || a.type === 'complete');
	const held = holdsReview && definition ? await heldReferrals(db, definition, { id: view.id, parcel_id: view.parcelId, current_step: view.step.id }) : [];
	const mayAssign = staffActing && (view.canClaim || view.actions.length > 0 || user.roles.some((g) => g.role === 'admin'));
	return {
		view,
		parcel,
		actionOptions: actionOptions(view),
		defaultReferralDays: requestTypeById(view.requestType.id)?.referralWorkingDays ?? 10,
		canVisit: staffActing && view.actions.some((a) => HOLDER_ACTIONS.has(a.type)),
		colleagues: mayAssign ? await colleaguesFor(db, view.holderRole, parcel?.district?.id ?? null) : [],
		userId: user.id,
		heldReferrals: held
	};
}

/** "My cases", with what the page header offers the user. */
export async function myCasesPage(db: Kysely<DB>, user: SessionUser) {
	return {
		cases: await listMyCases(db, user),
		isStaff: isStaff(user),
		isAdmin: user.roles.some((g) => g.role === 'admin'),
		userName: user.displayName
	};
}

/** A cartable tab; an unknown or missing tab shows `mine`. */
export async function cartablePage(db: Kysely<DB>, user: SessionUser, tab: string | null) {
	// an agency's closed tab: the referrals it answered (its access to those cases ended with the answer)
	const answers = async (shown: CartableTab) => (shown === 'closed' && agencyKindsOf(user).length ? listAgencyAnswers(db, user) : null);
	const page = async (shown: CartableTab) => ({
		tab: shown,
		tabs: CARTABLE_TABS,
		cases: await listCartable(db, user, shown),
		answered: await answers(shown),
		agency: agencyKindsOf(user).length > 0,
		userName: user.displayName
	});
	const asked = CARTABLE_TABS.find((t) => t === tab);
	if (asked) return page(asked);
	// opened without a tab: the officer's own cases, or, while they hold none, the ones waiting to be taken
	const mine = await page('mine');
	if (mine.cases.length > 0) return mine;
	const waiting = await page('unassigned');
	return waiting.cases.length > 0 ? waiting : mine;
}

/**
 * The filing page for one parcel: the parcel, and each request type with its eligibility, the
 * reasons it is refused, and the documents it asks for.
 * @throws NotFoundError for a parcel that does not exist
 */
export async function filingPage(db: Kysely<DB>, user: SessionUser, parcelId: number, deeds?: DeedsRegistry): Promise<FilingPage> {
	if (!Number.isSafeInteger(parcelId) || parcelId <= 0) throw caseErrors.parcelNotFound();
	const [parcel, options] = await Promise.all([getParcelDetail(db, parcelId), requestOptions(db, parcelId, user.id)]);
	const asRepresentative = user.roles.some((g) => g.role === 'representative');
	const ownership = options.some((o) => requiresOwnership(o.definition)) ? await ownershipOf(db, user, parcelId, asRepresentative, deeds) : null;
	if (ownership?.status === 'not_owner' || (ownership?.status === 'unknown' && ownership.closes)) {
		// the types that need ownership are closed to the citizen filing for themself, for the reason the banner gives
		for (const o of options) if (requiresOwnership(o.definition) && !asRepresentative) Object.assign(o, { eligible: false, reasons: [...o.reasons, NEEDS_OWNERSHIP] });
	}
	return {
		parcel: {
			id: parcel.id,
			renovationCode: parcel.renovation_code,
			address: parcel.address,
			areaM2: parcel.area_m2,
			district: parcel.district,
			registrationPlate: parcel.registration_plate
		},
		asRepresentative,
		atCounter: !user.roles.some((g) => g.role === 'citizen' || g.role === 'representative'),
		requestTypes: options.map(({ definition, eligible, reasons }) => ({
			id: definition.id,
			name: definition.name,
			eligible,
			reasons,
			documents: definition.requiredDocuments.map((d) => ({
				kind: d.kind,
				name: documentKindName(d.kind),
				required: d.required,
				applicantTypes: d.applicantTypes ?? null,
				viaRepresentativeOnly: d.viaRepresentativeOnly ?? false,
				note: d.note ?? null
			}))
		})),
		ownership: ownership && { status: ownership.status, message: ownership.message }
	};
}

const NEEDS_OWNERSHIP: Bilingual = { fa: 'فقط مالک پلاک ثبتی (یا نمایندهٔ فنی او با وکالت‌نامه) این درخواست را ثبت می‌کند.', en: 'Only an owner of the registration plate (or their technical representative with a power of attorney) files this request.' };

/**
 * The deeds registry asked as the filing form loads, the same question `fileRequest` asks, so a
 * citizen who is not an owner learns it before filling anything (staff at the counter name the
 * owner in the form: nothing to ask yet). `closes`: the registry's answer refuses every filing
 * (no plate, an unregistered plate); a registry that is down closes nothing — the filing asks again.
 */
async function ownershipOf(
	db: Kysely<DB>,
	user: SessionUser,
	parcelId: number,
	asRepresentative: boolean,
	deeds: DeedsRegistry | undefined
): Promise<{ status: 'owner' | 'not_owner' | 'unknown'; message: Bilingual | null; closes: boolean } | null> {
	if (!user.roles.some((g) => g.role === 'citizen')) return null;
	try {
		const { plate, owners } = await ownersOfParcel(db, parcelId, deeds);
		if (user.nationalId !== null && owners.has(user.nationalId)) return { status: 'owner', message: null, closes: false };
		return { status: 'not_owner', message: notOwnerAdvice(plate, asRepresentative), closes: true };
	} catch (err) {
		if (!(err instanceof DomainError) || err instanceof NotFoundError) throw err;
		return { status: 'unknown', message: err.messages, closes: err.status !== 503 };
	}
}

/** Why the ownership types are closed to a citizen who is not an owner, and what they can do instead. */
function notOwnerAdvice(plate: string, asRepresentative: boolean): Bilingual {
	const registry = trustErrors.notAnOwner(plate).messages;
	const then: Bilingual = asRepresentative
		? {
				fa: 'اگر وکالت‌نامهٔ مالک را دارید، «برای مالک دیگری ثبت می‌کنم» را بزنید، کد ملی مالک را بنویسید و وکالت‌نامه را بارگذاری کنید؛ کارشناس منطقه آن را بررسی می‌کند.',
				en: 'If you hold the owner’s power of attorney, tick «I file for another owner», give the owner’s national id and upload the power of attorney; the district officer checks it.'
			}
		: {
				fa: 'درخواست‌های پروانه، گواهی و نقل و انتقال برای شما بسته است؛ استعلام‌ها همچنان باز است. اگر مالک هستید و سند به نام شما ثبت نشده، با سند به دفتر منطقه بروید.',
				en: 'Permit, certificate and transfer requests are closed to you; inquiries stay open. If you are an owner whose deed is not registered in your name, bring the deed to the district office.'
			};
	return { fa: `${registry.fa} ${then.fa}`, en: `${registry.en} ${then.en}` };
}

/**
 * The case contract: what the case services return and the case pages and components show.
 * Client-safe, types only (plus two constants). The workflow's own vocabulary (case status, what a
 * case waits on, the actions of a step) and the document record are imported as types from where
 * they are defined, so nothing is restated and nothing server-side reaches the browser.
 * Dates are ISO 8601 instants; deadlines (`dueOn`) are Tehran dates `YYYY-MM-DD`.
 */
import type { Bilingual } from '../i18n/lang';
import type { AgencyKind } from '../domain/roles';
import type { ApplicantType, AvailableAction, CaseActionType, CaseStatus, Waiting } from '../server/workflows';
import type { DocumentInfo } from '../server/documents';
import type { ParcelDetail } from './parcel';

export type { CaseStatus, DocumentInfo };

export type CartableTab = 'mine' | 'unassigned' | 'overdue' | 'closed';
export const CARTABLE_TABS: readonly CartableTab[] = ['mine', 'unassigned', 'overdue', 'closed'];

/** The longest message on a case thread, in characters. */
export const MESSAGE_MAX_LENGTH = 4000;

/** How the viewer relates to a case; agencies read only. */
export type CaseSide = 'applicant' | 'representative' | 'staff' | 'agency';

export interface StepInfo {
	id: string;
	name: Bilingual;
}

/** A case in a list (my cases, a cartable). */
export interface CaseSummary {
	id: number;
	trackingCode: string;
	parcelId: number;
	renovationCode: string | null;
	requestType: { id: string; name: Bilingual };
	status: CaseStatus;
	step: StepInfo;
	/** Who the case waits on now, when not the step's holder. */
	waitingOn: 'applicant' | 'agency' | null;
	holderRole: string | null;
	holderAgency: AgencyKind | null;
	assignedUserId: number | null;
	dueOn: string | null;
	overdue: boolean;
	filedOnline: boolean;
	openedAt: string;
	closedAt: string | null;
	/** How a closed case ended (what was issued, a rejection, a withdrawal); null while in progress. */
	outcome: Bilingual | null;
	openTasks: number;
}

/** One line of the case's audit log. */
export interface TimelineEntry {
	id: number;
	at: string;
	actorName: string | null;
	actorRole: string;
	action: string;
	/** The label the entry reads as: `submit` for the applicant side completing its own step (an `approve` in the log), else `action`. */
	shownAs: string;
	fromStep: StepInfo | null;
	toStep: StepInfo | null;
	status: string | null;
	dueOn: string | null;
	text: string | null;
	details: Record<string, unknown>;
}

/** What the applicant is asked to do. */
export interface TaskView {
	id: number;
	kind: 'document' | 'question' | 'correction';
	prompt: string;
	documentKinds: { kind: string; name: Bilingual }[];
	dueOn: string | null;
	status: 'open' | 'answered' | 'cancelled';
	answerText: string | null;
	answeredAt: string | null;
}

export interface ReferralView {
	id: number;
	agency: AgencyKind;
	agencyName: Bilingual;
	question: string;
	referredAt: string;
	dueOn: string;
	status: 'open' | 'answered' | 'withdrawn';
	replyText: string | null;
	/** The agency's verdict with its reply; null before it answers (and on replies from before verdicts). */
	verdict: 'agree' | 'agree_with_conditions' | 'disagree' | null;
	repliedAt: string | null;
	documents: DocumentInfo[];
}

/** A referral an agency answered, as its cartable's closed tab keeps it: what it was asked and what it wrote back. */
export interface AnsweredReferral {
	id: number;
	trackingCode: string;
	requestType: { id: string; name: Bilingual };
	agency: AgencyKind;
	question: string;
	referredAt: string;
	replyText: string | null;
	repliedAt: string;
}

export interface MessageView {
	id: number;
	authorName: string;
	authorRole: string;
	side: 'applicant' | 'staff';
	body: string;
	at: string;
}

export interface SiteVisitView {
	id: number;
	visitedAt: string;
	step: string;
	notes: string;
	/** [lon, lat], WGS84, for the map */
	location: [number, number] | null;
	photos: DocumentInfo[];
}

/** One case as its viewer may see it. */
export interface CaseView extends CaseSummary {
	/** What the citizen reads about where the case is. */
	statusText: Bilingual;
	citizenView: Bilingual;
	waiting: Waiting | null;
	decision: 'approved' | 'rejected' | null;
	closedReason: string | null;
	/** The case was closed by the system (its reason is then in both languages: `systemTextIn`). */
	closedBySystem: boolean;
	applicant: { id: number; displayName: string };
	representative: { id: number; displayName: string } | null;
	/** The staff member who claimed (or was handed) the step, for staff viewers; null when unclaimed or not shown. */
	assigneeName: string | null;
	/** The representative's power of attorney (issue 7): pending until an officer accepts or refuses it; null without a representative. */
	powerOfAttorney: { status: 'pending' | 'accepted' | 'refused'; documentId: number | null } | null;
	side: CaseSide;
	readOnly: boolean;
	actions: AvailableAction[];
	/** Whether the viewer may claim the current step now. */
	canClaim: boolean;
	timeline: TimelineEntry[];
	/** Every file, every version (superseded ones marked). */
	documents: DocumentInfo[];
	tasks: TaskView[];
	referrals: ReferralView[];
	messages: MessageView[];
	siteVisits: SiteVisitView[];
}

/** The public status page: no personal data. */
export interface PublicCaseStatus {
	trackingCode: string;
	requestType: Bilingual;
	status: CaseStatus;
	statusText: Bilingual;
	step: Bilingual;
	dueOn: string | null;
	overdue: boolean;
	filedOn: string;
}

// ── the case page ──

export interface NamedOption<T extends string = string> {
	id: T;
	name: Bilingual;
}

/** One action form on the case page, with the names of its choices resolved. */
export interface ActionOption {
	type: CaseActionType;
	requiresReason: boolean;
	/** approve: the steps it may go to, the usual one first */
	to: NamedOption[];
	/** request_document: the kinds that may be asked for */
	kinds: NamedOption[];
	/** refer_to_agency: the agencies that may be asked */
	agencies: NamedOption<AgencyKind>[];
}

/** A colleague the current step may be assigned to. */
export interface Colleague {
	id: number;
	display_name: string;
	username: string | null;
}

/** An agency a parcel's overlay requires a referral to, not answered yet: the step's approval waits for it. */
export interface HeldReferral {
	agency: AgencyKind;
	agencyName: Bilingual;
	/** The overlay whose rule requires it. */
	overlay: Bilingual;
	/** A referral to it is open (the officer waits); otherwise none was sent yet. */
	open: boolean;
	/** The question the page's one-click referral sends: where the parcel lies and the overlay's rule. */
	question: Bilingual;
}

/** Everything the case page shows besides the layout's data. */
export interface CasePage {
	view: CaseView;
	/** null once a re-import removed the parcel (cases outlive it) */
	parcel: ParcelDetail | null;
	actionOptions: ActionOption[];
	defaultReferralDays: number;
	/** Whether the viewer holds the step and may record a site visit on it. */
	canVisit: boolean;
	colleagues: Colleague[];
	userId: number;
	/** For the officer holding a construction case's review: the referrals its approval waits for. */
	heldReferrals: HeldReferral[];
}

// ── the filing page ──

export interface DocumentOption {
	kind: string;
	name: Bilingual;
	required: boolean;
	/** Only for these applicant types; all when null. */
	applicantTypes: ApplicantType[] | null;
	/** Only when a technical representative files for the owner. */
	viaRepresentativeOnly: boolean;
	note: Bilingual | null;
}

/** A request type as the filing page offers it for one parcel. */
export interface RequestTypeOption {
	id: string;
	name: Bilingual;
	eligible: boolean;
	/** Why it may not be filed now; empty when eligible. */
	reasons: Bilingual[];
	documents: DocumentOption[];
}

export interface FilingPage {
	parcel: {
		id: number;
		renovationCode: string | null;
		address: string | null;
		areaM2: number;
		district: ParcelDetail['district'];
		registrationPlate: string | null;
	};
	/** A technical representative: may file for an owner with a power of attorney. */
	asRepresentative: boolean;
	/** Staff filing at the counter for an owner. */
	atCounter: boolean;
	requestTypes: RequestTypeOption[];
	/**
	 * The deeds registry's answer for the signed-in citizen filing for themself, asked as the form
	 * loads when a request type needs ownership (null: nothing asked — no such type, or staff at the
	 * counter). `owner`: they may file; `not_owner`: the ownership types are closed to them, `message`
	 * says why and what they can do; `unknown`: the registry could not tell (the plate is missing or
	 * unregistered, or the registry is down), `message` says so.
	 */
	ownership: { status: 'owner' | 'not_owner' | 'unknown'; message: Bilingual | null } | null;
}

/** What a successful filing answers the form with. */
export interface FiledRequest {
	id: number;
	trackingCode: string;
	step: Bilingual;
	dueOn: string | null;
}

import type { Bilingual } from '../../i18n/lang';
import type { IsoDate } from '../../domain/working-days';
import type { ApplicantType, DocumentKind } from './documents';
import type { AgencyKind, Role } from './roles';
import type { StepAutomation } from './automation';
import type { SupervisionStage } from '../../domain/supervision';

/**
 * A request type (نوع درخواست) as data: adding one is a new definition, not new code.
 * `validateDefinition` checks a definition before it is used.
 */
export interface RequestTypeDefinition {
	id: string;
	/** Request types of one family share rules, e.g. every building permit variant. */
	family: string;
	name: Bilingual;
	/** The step a new case enters. */
	initialStep: string;
	steps: StepDefinition[];
	requiredDocuments: DocumentRequirement[];
	eligibility: EligibilityCheck[];
	/** What an approval of the last step produces (a permit, a certificate, an answer). */
	issues: IssuedKind | null;
	/** Working days the applicant has to answer a return or a document request. */
	applicantResponseWorkingDays: number;
	/** Default working days an agency has to answer a referral (an officer may set another). */
	referralWorkingDays: number;
	/**
	 * A request to build on the parcel: the step (the district review) that may not be approved until every agency
	 * the parcel's overlays require a referral to (./overlay-referrals.ts, e.g. Cultural Heritage in a heritage
	 * buffer) has answered one. The step must offer a referral to those agencies.
	 */
	overlayReferralsAt?: string;
	/** False for a case the municipality opens against the owner (a violation): its applicant side cannot withdraw it. */
	withdrawable?: boolean;
}

/** Who holds a step: a staff role, or the applicant side of the case itself. */
export type StepHolder =
	| { role: 'applicant' }
	| { role: Exclude<Role, 'citizen' | 'representative' | 'agency'>; districtScoped: boolean }
	| { role: 'agency'; agency: AgencyKind };

export interface StepDefinition {
	id: string;
	name: Bilingual;
	holder: StepHolder;
	deadlineWorkingDays: number;
	/** What the citizen reads while the case is at this step. */
	citizenView: Bilingual;
	transitions: Transition[];
	/** What the system does at this step by itself, and what a person's approval needs (./automation.ts). */
	automation?: StepAutomation;
}

/**
 * What the holder of a step may do. Reasons are always required where the applicant needs one
 * (return, document request, referral question, rejection), so no definition can drop them.
 */
export type Transition =
	| { action: 'approve'; to: string[] } // first target is the usual next step; others are choices
	| { action: 'complete' } // approve the last step: the case is done and `issues` is produced
	| { action: 'return_to_applicant' }
	| { action: 'request_document'; kinds: DocumentKind[] }
	| { action: 'refer_to_agency'; agencies: AgencyKind[] }
	| { action: 'reject' };

export type TransitionAction = Transition['action'];

export interface DocumentRequirement {
	kind: DocumentKind;
	required: boolean;
	/** Only for these applicant types; all when absent. */
	applicantTypes?: ApplicantType[];
	/** Only when a technical representative files for the owner. */
	viaRepresentativeOnly?: boolean;
	note?: Bilingual;
}

/** What a finished case leaves on the parcel's record. */
export const ISSUED_KINDS = [
	'building_permit',
	'demolition_permit',
	'non_violation_certificate',
	'minor_repairs_certificate',
	'rough_construction_certificate',
	'completion_certificate',
	'bank_inquiry_answer',
	'notary_inquiry_answer',
	'transfer_approval'
] as const;
export type IssuedKind = (typeof ISSUED_KINDS)[number];

/** What each issued kind is called, for a closed case's outcome. */
export const ISSUED_KIND_NAMES: Record<IssuedKind, Bilingual> = {
	building_permit: { fa: 'پروانه ساختمانی', en: 'Building permit' },
	demolition_permit: { fa: 'پروانه تخریب و نوسازی', en: 'Demolition and reconstruction permit' },
	non_violation_certificate: { fa: 'گواهی عدم خلاف', en: 'Non-violation certificate' },
	minor_repairs_certificate: { fa: 'گواهی تعمیرات غیراساسی', en: 'Minor repairs certificate' },
	rough_construction_certificate: { fa: 'گواهی سفت‌کاری', en: 'Rough construction certificate' },
	completion_certificate: { fa: 'گواهی پایان کار', en: 'Completion certificate' },
	bank_inquiry_answer: { fa: 'پاسخ استعلام بانک', en: 'Bank inquiry answer' },
	notary_inquiry_answer: { fa: 'پاسخ استعلام دفترخانه', en: 'Notary inquiry answer' },
	transfer_approval: { fa: 'موافقت با نقل و انتقال', en: 'Transfer approval' }
};

export type EligibilityCheck =
	| { check: 'no_open_case_of_kind'; kinds: string[]; message?: Bilingual }
	| { check: 'has_issued'; kind: IssuedKind; message?: Bilingual }
	| { check: 'has_remaining_capacity'; message?: Bilingual }
	| { check: 'has_building'; message?: Bilingual }
	/** The supervising engineer has reported these stages on the parcel's supervised permit. */
	| { check: 'supervision_stages_reported'; stages: SupervisionStage[]; message?: Bilingual }
	/** Never passes: the request type is opened by the municipality itself (a violation case), not filed. */
	| { check: 'opened_by_municipality'; message?: Bilingual };

/** What the parcel's record says, gathered by the case service before filing. */
export interface ParcelFacts {
	/** Request type ids of the parcel's open cases. */
	openCaseKinds: string[];
	/** What has been issued on the parcel (permits, certificates). */
	issued: IssuedKind[];
	/** Allowed floor area minus what is permitted or built; null when unknown. */
	remainingFloorAreaM2: number | null;
	hasBuilding: boolean;
	/** Stages reported on the parcel's supervised permit (supervision/facts.ts); absent = none. */
	supervisionStagesReported?: string[];
}

// ── cases in motion ──

export type CaseStatus = 'in_progress' | 'completed' | 'rejected' | 'withdrawn';

/** While the step's holder waits on someone else, the case sits with them. */
export type Waiting =
	| { on: 'applicant'; reason: string; documents: DocumentKind[] }
	| {
			on: 'agency';
			agency: AgencyKind;
			question: string;
			/**
			 * The step's clock, paused while the agency answers: its due day when referred, and the working days it
			 * had left from the referral's receipt day (negative when already overdue). Absent on waits recorded
			 * before the clock paused (their step restarts its clock on the reply, as it used to).
			 */
			paused?: { stepDueOn: IsoDate; daysLeft: number };
	  };

export interface CaseState {
	requestTypeId: string;
	status: CaseStatus;
	/** The current step (kept when the case ends, to show where it ended). */
	stepId: string;
	waiting: Waiting | null;
	/** The district of the parcel: district-scoped steps are acted on only by its officers. */
	districtId: number;
	applicantId: string;
	representativeId: string | null;
	/** A staff member who claimed the step; only they may act on it while it is claimed. */
	assigneeId: string | null;
	/** When the current step (or wait) started, ISO instant. */
	since: string;
	/** Last day to act on the current step or wait (Tehran date); null once closed. */
	dueOn: IsoDate | null;
}

export interface Actor {
	userId: string;
	role: Role;
	/** Districts a district officer or inspector works in. */
	districtIds?: number[];
	/** For agency users: the agency whose account group they belong to. */
	agency?: AgencyKind;
}

/**
 * An action names the step the actor believes they act on, so that a stale page or a guessed
 * request cannot act on (or skip to) another step.
 */
export type CaseAction = { stepId: string } & (
	| { type: 'approve'; to?: string; note?: string }
	| { type: 'complete'; note?: string }
	| { type: 'return_to_applicant'; reason: string }
	| { type: 'request_document'; kinds: DocumentKind[]; reason: string }
	| { type: 'refer_to_agency'; agency: AgencyKind; question: string; dueInWorkingDays?: number }
	| { type: 'reject'; reason: string }
	/** `verdict`: agree / agree with conditions / disagree (required of people by the case service; the SAMPLE history's replies have none). */
	| { type: 'agency_reply'; reply: string; verdict?: ReferralVerdict }
	| { type: 'applicant_reply'; note?: string; documents?: DocumentKind[] }
	| { type: 'withdraw'; reason?: string }
);
export type CaseActionType = CaseAction['type'];

export const REFERRAL_VERDICTS = ['agree', 'agree_with_conditions', 'disagree'] as const;
export type ReferralVerdict = (typeof REFERRAL_VERDICTS)[number];

export function isReferralVerdict(value: unknown): value is ReferralVerdict {
	return typeof value === 'string' && (REFERRAL_VERDICTS as readonly string[]).includes(value);
}

/** One line of the append-only case timeline. The service adds where the request came from. */
export interface AuditEntry {
	at: string;
	actorId: string;
	role: Role;
	action: CaseActionType | 'file';
	fromStepId: string | null;
	toStepId: string | null;
	status: CaseStatus;
	waiting: Waiting | null;
	/** The reason, question, reply or note the actor gave. */
	text: string | null;
	details: Record<string, unknown>;
	dueOn: IsoDate | null;
}

export interface WorkflowError {
	code:
		| 'forbidden'
		| 'not_your_step'
		| 'not_current_step'
		| 'transition_not_allowed'
		| 'reason_required'
		| 'case_closed'
		| 'invalid_action'
		| 'documents_required';
	status: 400 | 403 | 409;
	message: Bilingual;
}

export type ActionResult =
	| { ok: true; state: CaseState; audit: AuditEntry; dueOn: IsoDate | null }
	| { ok: false; error: WorkflowError };

import type { Bilingual } from '../errors';
import type { AgencyKind } from '../db/schema';
import type { WorkingCalendar } from '../../domain/working-days';
import type { MessageSender } from '../notify';
import type { DocumentInfo, FileStore, UploadInput } from '../documents';
import type { AvailableAction, CaseStatus, Waiting } from '../workflows';
import type { CaseSide } from './access';

/** What every case service may be given; the defaults are the server's own. */
export interface CaseContext {
	now?: Date;
	calendar?: WorkingCalendar;
	files?: FileStore;
	/** Notifications to the applicant; null sends none. Default: `createMessageSender(db)`. */
	sender?: MessageSender | null;
	/** Where the request came from, for the audit log. */
	ip?: string | null;
}

export interface FileRequestInput {
	parcelId: number;
	requestType: string;
	/** A technical representative (or an officer at the counter) filing for the owner. */
	onBehalfOf?: { nationalId: string; mobile?: string; displayName?: string };
	applicantType?: 'natural_person' | 'legal_person';
	documents?: UploadInput[];
	note?: string;
}

export interface StepInfo {
	id: string;
	name: Bilingual;
}

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
	openTasks: number;
}

export interface TimelineEntry {
	id: number;
	at: string;
	actorName: string | null;
	actorRole: string;
	action: string;
	fromStep: StepInfo | null;
	toStep: StepInfo | null;
	status: string | null;
	dueOn: string | null;
	text: string | null;
	details: Record<string, unknown>;
}

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
	repliedAt: string | null;
	documents: DocumentInfo[];
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

export interface CaseView extends CaseSummary {
	/** What the citizen reads about where the case is. */
	statusText: Bilingual;
	citizenView: Bilingual;
	waiting: Waiting | null;
	decision: 'approved' | 'rejected' | null;
	closedReason: string | null;
	applicant: { id: number; displayName: string };
	representative: { id: number; displayName: string } | null;
	/** How the viewer relates to the case; agencies read only. */
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

/** The longest message on a case thread, in characters. */
export const MESSAGE_MAX_LENGTH = 4000;

export type CartableTab = 'mine' | 'unassigned' | 'overdue' | 'closed';
export const CARTABLE_TABS: readonly CartableTab[] = ['mine', 'unassigned', 'overdue', 'closed'];

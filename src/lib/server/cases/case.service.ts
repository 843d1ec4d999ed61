import type { Kysely, Transaction } from 'kysely';
import type { AgencyKind, DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { findActiveUser, findCitizenByNationalId, insertCitizen } from '../auth/users.repository';
import { NotFoundError, type Bilingual } from '../errors';
import { caseErrors, workflowRefusal } from './errors';
import { municipalCalendar } from '../calendar';
import { createMessageSender } from '../notify';
import { getParcelDetail } from '../parcels/parcel.service';
import {
	checkUpload,
	defaultFileStore,
	documentKindName,
	FileWrites,
	storeDocuments,
	toDocumentInfo,
	type CheckedUpload,
	type UploadInput
} from '../documents';
import { listCaseDocuments } from '../documents/document.repository';
import {
	AGENCY_NAMES,
	applyAction,
	availableActions,
	citizenStatus,
	evaluateEligibility,
	isHeldBy,
	REQUEST_TYPES,
	requestTypeById,
	startCase,
	stepOf,
	type Actor,
	type AuditEntry,
	type CaseAction,
	type CaseState,
	type IssuedKind,
	type ParcelFacts,
	type RequestTypeDefinition,
	type WorkflowError
} from '../workflows';
import { documentsFor } from '../workflows/documents';
import { isOverdue, tehranDate, type WorkingCalendar } from '../../domain/working-days';
import { generateTrackingCode, formatTrackingCode } from '../../domain/tracking-code';
import { toJalali, formatJalali } from '../../domain/jalali';
import { validateNationalId } from '../../domain/national-id';
import { normaliseMobile } from '../../domain/mobile';
import { actingAs, actorsFor, holderScope, isStaff, loadVisibleCase, stateOf, visibleDistricts, type CaseSide } from './access';
import { findTask, closeTasks, insertTask, listTasks, openTask } from './case-tasks.repository';
import { answerReferral, insertReferral, listReferrals, withdrawReferrals } from './case-referrals.repository';
import { appendEvent, listEvents } from './case-events.repository';
import { stepActivityEvent, transitionEvent } from './audit';
import { insertMessage, listMessages } from './case-messages.repository';
import { insertSiteVisit, listSiteVisits } from './site-visits.repository';
import { partyContact } from './case-parties.repository';
import { issuedOnParcel, lockParcel, parcelRenovationCode } from './parcel-record.repository';
import { insertCase, openCaseKinds, trackingCodeExists, updateCase, type CaseRecord, type CaseStateColumns } from './cases.repository';
import { listCartableRows, listCasesOf, type CaseListRow } from './case-lists.repository';
import {
	CARTABLE_TABS,
	type CartableTab,
	type CaseContext,
	type CaseSummary,
	type CaseView,
	type FileRequestInput,
	type StepInfo
} from './types';

/**
 * The case workflow as services: filing a request from a parcel, the cartable, acting on a step,
 * the citizen's tasks, referrals, messages, site visits, and the public status page. Every
 * function takes the acting user and enforces the access rules itself, so pages stay thin.
 * Every multi-step write is one transaction: the case row, its audit entry, tasks, referrals and
 * document rows change together or not at all (and files written for a rolled-back write are
 * removed). Notifications go out after the commit and never undo it.
 */

const DEFAULT_CALENDAR = municipalCalendar();

interface Env {
	now: Date;
	calendar: WorkingCalendar;
	files: FileWrites;
	ip: string | null;
	notify: (to: number, body: string) => Promise<void>;
}

function envOf(db: Kysely<DB>, ctx: CaseContext): Env {
	const sender = ctx.sender === undefined ? createMessageSender(db) : ctx.sender;
	return {
		now: ctx.now ?? new Date(),
		calendar: ctx.calendar ?? DEFAULT_CALENDAR,
		files: new FileWrites(ctx.files ?? defaultFileStore()),
		ip: ctx.ip ?? null,
		async notify(userId, body) {
			if (!sender) return;
			const contact = await partyContact(db, userId);
			if (!contact?.mobile) return;
			try {
				await sender.send(contact.mobile, body);
			} catch (err) {
				// The action is done and recorded; a failed SMS must not undo it.
				console.warn('[pelak] case notification failed', err);
			}
		}
	};
}

async function inTransaction<T>(db: Kysely<DB>, env: Env, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
	try {
		return await db.transaction().execute(fn);
	} catch (err) {
		await env.files.discardUnreferenced(db).catch(() => undefined);
		throw err;
	}
}

// ── state ↔ row ──

function holderOf(definition: RequestTypeDefinition, state: CaseState): Pick<CaseStateColumns, 'holder_role' | 'holder_district_id' | 'holder_agency_kind'> {
	if (state.status !== 'in_progress') return { holder_role: null, holder_district_id: null, holder_agency_kind: null };
	if (state.waiting?.on === 'applicant') return { holder_role: 'applicant', holder_district_id: null, holder_agency_kind: null };
	if (state.waiting?.on === 'agency') return { holder_role: 'agency', holder_district_id: null, holder_agency_kind: state.waiting.agency };
	const holder = stepOf(definition, state.stepId).holder;
	if (holder.role === 'applicant') return { holder_role: 'applicant', holder_district_id: null, holder_agency_kind: null };
	if (holder.role === 'agency') return { holder_role: 'agency', holder_district_id: null, holder_agency_kind: holder.agency };
	return { holder_role: holder.role, holder_district_id: holder.districtScoped ? state.districtId : null, holder_agency_kind: null };
}

function stateColumns(definition: RequestTypeDefinition, state: CaseState, closingText: string | null): CaseStateColumns {
	const step = stepOf(definition, state.stepId);
	const closed = state.status !== 'in_progress';
	return {
		workflow_status: state.status,
		status: closed ? 'closed' : 'open',
		current_step: state.stepId,
		waiting: state.waiting ? JSON.stringify(state.waiting) : null,
		...holderOf(definition, state),
		assigned_user_id: state.assigneeId === null ? null : Number(state.assigneeId),
		step_started_at: state.since,
		due_on: state.dueOn,
		step_fa: step.name.fa,
		step_en: step.name.en,
		closed_at: closed ? state.since : null,
		decision: state.status === 'completed' ? 'approved' : state.status === 'rejected' ? 'rejected' : null,
		closed_reason: closed ? closingText : null,
		issued: state.status === 'completed' ? definition.issues : null
	};
}

function notificationText(definition: RequestTypeDefinition, trackingCode: string, state: CaseState): string {
	const due = state.dueOn ? ` — مهلت: ${formatJalali(state.dueOn)}` : '';
	return `پلاک | ${definition.name.fa}، کد رهگیری ${formatTrackingCode(trackingCode)}: ${citizenStatus(definition, state).fa}${due}`;
}

// ── filing ──

async function parcelFacts(trx: Transaction<DB>, parcelId: number): Promise<ParcelFacts> {
	// Cases filed before the workflow carry the family as their kind.
	const LEGACY: Record<string, string> = { building_permit: 'building_permit_new' };
	const kinds = (await openCaseKinds(trx, parcelId)).map((k) => LEGACY[k] ?? k);
	const record = await issuedOnParcel(trx, parcelId);
	const issued = record.issued as IssuedKind[];
	if (record.hasPermittedBuilding && !issued.includes('building_permit')) issued.push('building_permit');
	const detail = await getParcelDetail(trx, parcelId);
	return {
		openCaseKinds: kinds,
		issued,
		remainingFloorAreaM2: detail.capacity?.remaining_floor_area_m2 ?? null,
		hasBuilding: record.hasBuilding
	};
}

function checkUploads(uploads: UploadInput[] | undefined, forceKind?: string): CheckedUpload[] {
	if (uploads !== undefined && !Array.isArray(uploads)) {
		throw caseErrors.documentsInvalid();
	}
	return (uploads ?? []).map((u) => checkUpload(forceKind ? { ...u, kind: forceKind } : u));
}

function missingDocuments(kinds: string[], uploaded: CheckedUpload[]): void {
	const have = new Set(uploaded.map((u) => u.kind));
	const missing = kinds.filter((k) => !have.has(k as CheckedUpload['kind']));
	if (missing.length === 0) return;
	throw caseErrors.documentsMissing(missing.map(documentKindName));
}

async function resolveOwner(trx: Transaction<DB>, owner: NonNullable<FileRequestInput['onBehalfOf']>): Promise<number> {
	const nationalId = validateNationalId(String(owner.nationalId ?? ''));
	if (!nationalId.ok) throw caseErrors.ownerInvalid('national_id', nationalId);
	const found = await findCitizenByNationalId(trx, nationalId.value);
	if (found) {
		if (!found.active) throw caseErrors.ownerInactive();
		return found.id;
	}
	if (!owner.mobile) throw caseErrors.ownerMobileRequired();
	const mobile = normaliseMobile(owner.mobile);
	if (!mobile.ok) throw caseErrors.ownerInvalid('mobile', mobile);
	return insertCitizen(trx, {
		nationalId: nationalId.value,
		mobile: mobile.value,
		displayName: owner.displayName?.trim() || `مالک ${nationalId.value}`
	});
}

/**
 * Files a request on a parcel: eligibility from the request type against the parcel's record
 * (open cases, issued permits, remaining capacity), the required documents, a tracking code, and
 * the filing step submitted so the case lands in the district's cartable. A citizen files for
 * themself; a technical representative files for an owner only with a power of attorney; a
 * district officer may file for an owner at the counter (filed_online = false).
 */
export async function fileRequest(db: Kysely<DB>, actor: SessionUser, input: FileRequestInput, ctx: CaseContext = {}): Promise<CaseView> {
	const env = envOf(db, ctx);
	const definition = requestTypeById(String(input.requestType));
	if (!definition) throw caseErrors.unknownRequestType(String(input.requestType));
	if (!Number.isSafeInteger(input.parcelId) || input.parcelId <= 0) throw caseErrors.parcelNotFound();
	const has = (role: string) => actor.roles.some((g) => g.role === role);
	let filer: 'citizen' | 'representative' | 'counter';
	if (!input.onBehalfOf) {
		if (!has('citizen')) throw caseErrors.citizenOnly();
		filer = 'citizen';
	} else if (has('representative')) filer = 'representative';
	else if (has('district_officer')) filer = 'counter';
	else throw caseErrors.notARepresentative();
	const applicantType = input.applicantType ?? 'natural_person';
	if (applicantType !== 'natural_person' && applicantType !== 'legal_person') throw caseErrors.applicantTypeInvalid();
	const uploads = checkUploads(input.documents);
	if (filer === 'representative' && !uploads.some((u) => u.kind === 'power_of_attorney')) throw caseErrors.powerOfAttorneyRequired();
	const required = documentsFor(definition, { type: applicantType, viaRepresentative: filer === 'representative' })
		.filter((d) => d.required)
		.map((d) => d.kind);
	missingDocuments(required, uploads);

	const result = await inTransaction(db, env, async (trx) => {
		const parcel = await lockParcel(trx, input.parcelId);
		if (!parcel) throw caseErrors.parcelNotFound();
		if (parcel.district_id === null) throw caseErrors.parcelWithoutDistrict();
		if (filer === 'counter' && !actor.roles.some((g) => g.role === 'district_officer' && (g.districtId === null || g.districtId === parcel.district_id))) {
			throw caseErrors.notYourDistrict();
		}
		const eligibility = evaluateEligibility(definition, await parcelFacts(trx, parcel.id));
		if (!eligibility.eligible) throw caseErrors.notEligible(eligibility.failures);

		const applicantId = filer === 'citizen' ? actor.id : await resolveOwner(trx, input.onBehalfOf!);
		const representativeId = filer === 'representative' ? actor.id : null;
		const filedBy: Actor = { userId: String(actor.id), role: filer === 'counter' ? 'district_officer' : filer };
		const started = startCase(definition, { applicantId: String(applicantId), representativeId: representativeId === null ? null : String(representativeId), districtId: parcel.district_id }, filedBy, env.now, env.calendar);

		let trackingCode: string;
		const year = toJalali(tehranDate(env.now)).year;
		do trackingCode = generateTrackingCode(year);
		while (await trackingCodeExists(trx, trackingCode));

		const caseId = await insertCase(trx, {
			parcel_id: parcel.id,
			tracking_code: trackingCode,
			kind: definition.id,
			title_fa: definition.name.fa,
			title_en: definition.name.en,
			opened_at: env.now.toISOString(),
			request_type: definition.id,
			applicant_user_id: applicantId,
			applicant_type: applicantType,
			representative_user_id: representativeId,
			district_id: parcel.district_id,
			filed_online: filer !== 'counter',
			...stateColumns(definition, started.state, null)
		});
		const documents = await storeDocuments(trx, env.files, caseId, actor.id, uploads);
		const attorney = documents.find((d) => d.kind === 'power_of_attorney');
		if (attorney) await updateCase(trx, caseId, { power_of_attorney_document_id: attorney.id });
		await appendEvent(
			trx,
			transitionEvent(caseId, { ...started.audit, text: input.note?.trim() || null }, env.ip, {
				documentIds: documents.map((d) => d.id),
				filedOnline: filer !== 'counter'
			})
		);

		// Submitting the filing step: the applicant side approves it (at the counter, on their behalf).
		let state = started.state;
		const initial = stepOf(definition, state.stepId);
		if (initial.holder.role === 'applicant' && initial.transitions.some((t) => t.action === 'approve')) {
			const submitter: Actor =
				filer === 'counter' ? { userId: String(applicantId), role: 'citizen' } : filedBy;
			const submitted = applyAction(definition, state, { type: 'approve', stepId: state.stepId }, submitter, env.now, env.calendar);
			if (!submitted.ok) throw workflowRefusal(submitted.error);
			state = submitted.state;
			await updateCase(trx, caseId, stateColumns(definition, state, null));
			const audit = { ...submitted.audit, actorId: filedBy.userId, role: filedBy.role };
			await appendEvent(trx, transitionEvent(caseId, audit, env.ip, filer === 'counter' ? { atCounter: true } : {}));
		}
		return { caseId, applicantId, trackingCode, state };
	});

	await env.notify(
		result.applicantId,
		`پلاک | درخواست «${definition.name.fa}» ثبت شد. کد رهگیری: ${formatTrackingCode(result.trackingCode)}. ${citizenStatus(definition, result.state).fa}`
	);
	return getCase(db, actor, result.caseId, ctx);
}

// ── reading ──

function step(definition: RequestTypeDefinition | undefined, id: string | null): StepInfo | null {
	if (!id) return null;
	const s = definition?.steps.find((x) => x.id === id);
	return { id, name: s?.name ?? { fa: id, en: id } };
}

function summaryOf(row: CaseListRow, now: Date): CaseSummary {
	const definition = requestTypeById(row.request_type);
	const waitingOn = (row.waiting as { on?: 'applicant' | 'agency' } | null)?.on ?? null;
	return {
		id: row.id,
		trackingCode: row.tracking_code,
		parcelId: row.parcel_id,
		renovationCode: row.renovation_code,
		requestType: { id: row.request_type, name: definition?.name ?? { fa: row.request_type, en: row.request_type } },
		status: row.workflow_status,
		step: step(definition, row.current_step)!,
		waitingOn,
		holderRole: row.holder_role,
		holderAgency: row.holder_agency_kind,
		assignedUserId: row.assigned_user_id,
		dueOn: row.due_on,
		overdue: row.workflow_status === 'in_progress' && row.due_on !== null && isOverdue(row.due_on, now),
		filedOnline: row.filed_online,
		openedAt: new Date(row.opened_at).toISOString(),
		closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
		openTasks: row.open_tasks
	};
}

function iso(d: Date | string | null): string | null {
	return d === null ? null : new Date(d).toISOString();
}

/**
 * One case as its viewer may see it: status, step, holder, deadline, timeline, documents (every
 * version), tasks, referrals with replies, messages, site visits, and what the viewer may do now.
 * @throws NotFoundError for a case that does not exist or that the user may not see (the same 404).
 */
export async function getCase(db: Kysely<DB>, actor: SessionUser, caseId: number, ctx: CaseContext = {}): Promise<CaseView> {
	const now = ctx.now ?? new Date();
	const { record, side, definition } = await loadVisibleCase(db, actor, caseId);
	const state = stateOf(record);
	const acting = actingAs(actor, definition, state, side === 'applicant' || side === 'representative' ? (a) => a.role === 'citizen' || a.role === 'representative' : undefined);
	const actions = acting && side !== 'agency' ? availableActions(definition, state, acting) : acting ? availableActions(definition, state, acting).filter((a) => a.type === 'agency_reply') : [];
	const [events, documents, tasks, referrals, messages, visits, applicant, representative] = await Promise.all([
		listEvents(db, caseId),
		listCaseDocuments(db, caseId),
		listTasks(db, caseId),
		listReferrals(db, caseId),
		listMessages(db, caseId),
		listSiteVisits(db, caseId),
		partyContact(db, record.applicant_user_id),
		record.representative_user_id === null ? null : partyContact(db, record.representative_user_id)
	]);
	const docs = documents.map(toDocumentInfo);
	const unclaimed = { ...state, waiting: null, assigneeId: null };
	const canClaim =
		side === 'staff' && state.status === 'in_progress' && !state.waiting && state.assigneeId === null &&
		actorsFor(actor, state.districtId).some((a) => isHeldBy(definition, unclaimed, a));
	const row: CaseListRow = {
		id: record.id,
		tracking_code: record.tracking_code,
		parcel_id: record.parcel_id,
		renovation_code: null,
		request_type: record.request_type,
		workflow_status: record.workflow_status,
		current_step: record.current_step,
		waiting: record.waiting,
		holder_role: record.holder_role,
		holder_agency_kind: record.holder_agency_kind,
		assigned_user_id: record.assigned_user_id,
		due_on: record.due_on,
		filed_online: record.filed_online,
		opened_at: record.opened_at,
		closed_at: record.closed_at,
		open_tasks: tasks.filter((t) => t.status === 'open').length
	};
	row.renovation_code = await parcelRenovationCode(db, record.parcel_id);
	return {
		...summaryOf(row, now),
		statusText: citizenStatus(definition, state),
		citizenView: stepOf(definition, state.stepId).citizenView,
		waiting: state.waiting,
		decision: record.decision,
		closedReason: record.closed_reason,
		applicant: { id: record.applicant_user_id, displayName: applicant?.display_name ?? '' },
		representative: record.representative_user_id === null ? null : { id: record.representative_user_id, displayName: representative?.display_name ?? '' },
		side,
		readOnly: side === 'agency',
		actions,
		canClaim,
		timeline: events.map((e) => ({
			id: e.id,
			at: iso(e.at)!,
			actorName: e.actor_name,
			actorRole: e.actor_role,
			action: e.action,
			fromStep: step(definition, e.from_step),
			toStep: step(definition, e.to_step),
			status: e.status,
			dueOn: e.due_on,
			text: e.text,
			details: e.details
		})),
		documents: docs,
		tasks: tasks.map((t) => ({
			id: t.id,
			kind: t.kind,
			prompt: t.prompt,
			documentKinds: t.document_kinds.map((k) => ({ kind: k, name: documentKindName(k) })),
			dueOn: t.due_on,
			status: t.status,
			answerText: t.answer_text,
			answeredAt: iso(t.answered_at)
		})),
		referrals: referrals.map((r) => ({
			id: r.id,
			agency: r.agency_kind,
			agencyName: AGENCY_NAMES[r.agency_kind],
			question: r.question,
			referredAt: iso(r.referred_at)!,
			dueOn: r.due_on,
			status: r.status,
			replyText: r.reply_text,
			repliedAt: iso(r.replied_at),
			documents: docs.filter((d) => d.referralId === r.id)
		})),
		messages: messages.map((m) => ({ id: m.id, authorName: m.author_name, authorRole: m.author_role, side: m.side, body: m.body, at: iso(m.created_at)! })),
		siteVisits: visits.map((v) => ({
			id: v.id,
			visitedAt: iso(v.visited_at)!,
			step: v.step,
			notes: v.notes,
			location: v.lon === null || v.lat === null ? null : [v.lon, v.lat],
			photos: docs.filter((d) => d.siteVisitId === v.id)
		}))
	};
}

/** "My cases": a citizen's own cases; a representative's, the cases they filed or were granted. */
export async function listMyCases(db: Kysely<DB>, actor: SessionUser, ctx: CaseContext = {}): Promise<CaseSummary[]> {
	const asRepresentative = actor.roles.some((g) => g.role === 'representative');
	const rows = await listCasesOf(db, actor.id, asRepresentative);
	return rows.map((r) => summaryOf(r, ctx.now ?? new Date()));
}

/**
 * A staff member's cartable: `mine` (claimed by them, or referred to their agency), `unassigned`
 * (their role and district, nobody claimed it), `overdue`, `closed`. Sorted by deadline, and at an
 * equal deadline online-filed requests first.
 */
export async function listCartable(db: Kysely<DB>, actor: SessionUser, tab: CartableTab, ctx: CaseContext = {}): Promise<CaseSummary[]> {
	if (!isStaff(actor)) throw caseErrors.cartableStaffOnly();
	if (!CARTABLE_TABS.includes(tab)) throw caseErrors.cartableTabUnknown(String(tab));
	const now = ctx.now ?? new Date();
	const rows = await listCartableRows(db, {
		scope: holderScope(actor),
		visibleDistricts: visibleDistricts(actor),
		tab,
		userId: actor.id,
		today: tehranDate(now),
		limit: 500
	});
	return rows.map((r) => summaryOf(r, now));
}

// ── acting ──

interface Loaded {
	record: CaseRecord;
	side: CaseSide;
	definition: RequestTypeDefinition;
}

interface Performed {
	caseId: number;
	applicantId: number;
	trackingCode: string;
	definition: RequestTypeDefinition;
	state: CaseState;
}

/** One workflow action on a loaded (locked) case, with its side effects, inside the caller's transaction. */
async function perform(trx: Transaction<DB>, env: Env, user: SessionUser, loaded: Loaded, action: CaseAction, uploads: CheckedUpload[]): Promise<Performed> {
	const { record, side, definition } = loaded;
	if (side === 'agency' && action.type !== 'agency_reply') throw caseErrors.agencyReadOnly();
	const state = stateOf(record);
	const applicantSide = (a: Actor) => a.role === 'citizen' || a.role === 'representative';
	const actor = actingAs(user, definition, state, action.type === 'withdraw' || action.type === 'applicant_reply' ? applicantSide : undefined);
	if (!actor) throw caseErrors.forbidden();
	const result = applyAction(definition, state, action, actor, env.now, env.calendar);
	if (!result.ok) throw workflowRefusal(result.error);

	if (uploads.length > 0 && action.type !== 'agency_reply' && action.type !== 'applicant_reply') throw caseErrors.documentsNotExpected();
	const at = env.now.toISOString();
	const extra: Record<string, unknown> = {};
	const links: { taskId?: number; referralId?: number } = {};
	switch (action.type) {
		case 'request_document':
		case 'return_to_applicant':
			extra.taskId = await insertTask(trx, {
				case_id: record.id,
				kind: action.type === 'request_document' ? 'document' : 'correction',
				prompt: action.reason,
				document_kinds: action.type === 'request_document' ? [...action.kinds] : [],
				step: record.current_step,
				requested_by: user.id,
				requested_at: at,
				due_on: result.dueOn
			});
			break;
		case 'refer_to_agency':
			extra.referralId = await insertReferral(trx, {
				case_id: record.id,
				agency_kind: action.agency,
				question: action.question,
				step: record.current_step,
				referred_by: user.id,
				referred_at: at,
				due_on: result.dueOn!
			});
			break;
		case 'agency_reply': {
			const referralId = await answerReferral(trx, record.id, actor.agency as AgencyKind, { text: action.reply, by: user.id, at });
			if (referralId === null) throw caseErrors.noOpenReferral();
			extra.referralId = links.referralId = referralId;
			break;
		}
		case 'applicant_reply': {
			const task = await openTask(trx, record.id);
			if (task?.kind === 'document') missingDocuments(task.document_kinds, uploads);
			if (task) extra.taskId = links.taskId = task.id;
			await closeTasks(trx, record.id, { status: 'answered', answer_text: action.note?.trim() || null, answered_by: user.id, answered_at: at });
			break;
		}
		case 'withdraw':
			await closeTasks(trx, record.id, { status: 'cancelled', answered_at: at });
			await withdrawReferrals(trx, record.id);
			break;
	}
	const documents = await storeDocuments(trx, env.files, record.id, user.id, uploads, links);
	if (documents.length) extra.documentIds = documents.map((d) => d.id);

	await updateCase(trx, record.id, stateColumns(definition, result.state, result.audit.text));
	await appendEvent(trx, transitionEvent(record.id, result.audit, env.ip, extra));
	return { caseId: record.id, applicantId: record.applicant_user_id, trackingCode: record.tracking_code, definition, state: result.state };
}

async function afterAction(env: Env, done: Performed): Promise<void> {
	await env.notify(done.applicantId, notificationText(done.definition, done.trackingCode, done.state));
}

/**
 * Acts on a case's current step with the pure state machine: approve, complete, return to the
 * applicant (a correction task), request documents (a document task), refer to an agency (a
 * referral with a due date), reject, the agency's reply (with documents), the applicant's reply,
 * withdraw. Acting on a step one does not hold, a stale or skipped step → 403; a case one may not
 * see → 404; nothing changes on any error.
 */
export async function actOnCase(
	db: Kysely<DB>,
	actor: SessionUser,
	caseId: number,
	action: CaseAction,
	input: { documents?: UploadInput[] } = {},
	ctx: CaseContext = {}
): Promise<CaseView> {
	const env = envOf(db, ctx);
	if (!action || typeof action !== 'object' || typeof action.stepId !== 'string') {
		throw caseErrors.invalidAction();
	}
	const uploads = checkUploads(input.documents, action.type === 'agency_reply' ? 'agency_reply' : undefined);
	const done = await inTransaction(db, env, async (trx) => {
		const loaded = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		return perform(trx, env, actor, loaded, action, uploads);
	});
	await afterAction(env, done);
	return getCase(db, actor, caseId, ctx);
}

/** The citizen answers their open task: uploads the requested documents (all of them) and/or a note. */
export async function answerTask(
	db: Kysely<DB>,
	actor: SessionUser,
	taskId: number,
	input: { note?: string; documents?: UploadInput[] },
	ctx: CaseContext = {}
): Promise<CaseView> {
	const env = envOf(db, ctx);
	const uploads = checkUploads(input.documents);
	const done = await inTransaction(db, env, async (trx) => {
		const task = Number.isSafeInteger(taskId) && taskId > 0 ? await findTask(trx, taskId) : null;
		if (!task) throw caseErrors.taskNotFound();
		let loaded: Loaded;
		try {
			loaded = await loadVisibleCase(trx, actor, task.case_id, { forUpdate: true });
		} catch (err) {
			if (err instanceof NotFoundError) throw caseErrors.taskNotFound();
			throw err;
		}
		if (task.status !== 'open') throw caseErrors.taskClosed();
		return perform(trx, env, actor, loaded, {
			type: 'applicant_reply',
			stepId: loaded.record.current_step,
			note: input.note,
			documents: uploads.map((u) => u.kind).filter((k) => k !== 'agency_reply' && k !== 'site_visit_photo') as never
		}, uploads);
	});
	await afterAction(env, done);
	return getCase(db, actor, done.caseId, ctx);
}

function canHoldUnclaimed(user: SessionUser, loaded: Loaded): boolean {
	const state = { ...stateOf(loaded.record), waiting: null, assigneeId: null };
	return actorsFor(user, state.districtId).some((a) => isHeldBy(loaded.definition, state, a));
}

function requireOpenStaffCase(loaded: Loaded): void {
	if (loaded.side === 'agency') throw caseErrors.agencyReadOnly();
	if (loaded.side !== 'staff') throw caseErrors.staffOnly();
	if (loaded.record.workflow_status !== 'in_progress') throw caseErrors.caseClosed();
}

/** Takes the current step into one's own cartable; from then only the claimant acts on it. */
export async function claimCase(db: Kysely<DB>, actor: SessionUser, caseId: number, ctx: CaseContext = {}): Promise<CaseView> {
	const env = envOf(db, ctx);
	await inTransaction(db, env, async (trx) => {
		const loaded = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		requireOpenStaffCase(loaded);
		if (!canHoldUnclaimed(actor, loaded)) throw caseErrors.notYourStep();
		const { record } = loaded;
		if (record.assigned_user_id === actor.id) return;
		if (record.assigned_user_id !== null) throw caseErrors.alreadyClaimed();
		await updateCase(trx, record.id, { assigned_user_id: actor.id });
		const role = actingAs(actor, loaded.definition, { ...stateOf(record), assigneeId: null })?.role ?? 'staff';
		await appendEvent(trx, stepActivityEvent(record, { action: 'claim', actorId: actor.id, role, at: env.now }, env.ip));
	});
	return getCase(db, actor, caseId, ctx);
}

/** Hands the current step to a colleague who could hold it (same role, their district); or an admin does. */
export async function assignCase(db: Kysely<DB>, actor: SessionUser, caseId: number, assigneeId: number, ctx: CaseContext = {}): Promise<CaseView> {
	const env = envOf(db, ctx);
	await inTransaction(db, env, async (trx) => {
		const loaded = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		requireOpenStaffCase(loaded);
		const isAdmin = actor.roles.some((g) => g.role === 'admin');
		if (!isAdmin && !canHoldUnclaimed(actor, loaded)) throw caseErrors.notYourStep();
		const assignee = Number.isSafeInteger(assigneeId) && assigneeId > 0 ? await findActiveUser(trx, assigneeId) : null;
		if (!assignee || !canHoldUnclaimed(assignee, loaded)) throw caseErrors.assigneeCannotHoldStep();
		const { record } = loaded;
		await updateCase(trx, record.id, { assigned_user_id: assignee.id });
		const role = isAdmin ? 'admin' : (actingAs(actor, loaded.definition, { ...stateOf(record), assigneeId: null })?.role ?? 'staff');
		const details = { assigneeId: assignee.id, previousAssigneeId: record.assigned_user_id };
		await appendEvent(trx, stepActivityEvent(record, { action: 'assign', actorId: actor.id, role, at: env.now, details }, env.ip));
	});
	return getCase(db, actor, caseId, ctx);
}

const MAX_MESSAGE = 4000;

/** A message on the case thread, from the applicant side or staff (agencies read only). */
export async function postMessage(db: Kysely<DB>, actor: SessionUser, caseId: number, body: string, ctx: CaseContext = {}): Promise<CaseView> {
	const env = envOf(db, ctx);
	const text = typeof body === 'string' ? body.trim() : '';
	if (!text) throw caseErrors.messageEmpty();
	if (text.length > MAX_MESSAGE) throw caseErrors.messageTooLong(MAX_MESSAGE);
	const done = await inTransaction(db, env, async (trx) => {
		const loaded = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		if (loaded.side === 'agency') throw caseErrors.agencyReadOnly();
		const side = loaded.side === 'staff' ? 'staff' : 'applicant';
		const role = loaded.side === 'applicant' ? 'citizen' : loaded.side === 'representative' ? 'representative' : (actorsFor(actor, loaded.record.district_id)[0]?.role ?? 'staff');
		const messageId = await insertMessage(trx, { case_id: caseId, author_user_id: actor.id, author_role: role, side, body: text, created_at: env.now.toISOString() });
		const { record } = loaded;
		await appendEvent(trx, stepActivityEvent(record, { action: 'message', actorId: actor.id, role, at: env.now, details: { messageId, side } }, env.ip));
		return { side, record, definition: loaded.definition };
	});
	if (done.side === 'staff') {
		await env.notify(done.record.applicant_user_id, `پلاک | پیام تازه در پرونده ${formatTrackingCode(done.record.tracking_code)} (${done.definition.name.fa}).`);
	}
	return getCase(db, actor, caseId, ctx);
}

export interface SiteVisitInput {
	/** The step the visit is recorded on (a stale page cannot record on another). */
	stepId: string;
	notes: string;
	visitedAt?: Date;
	/** Picked on the map, WGS84. */
	location?: { lon: number; lat: number } | null;
	photos?: UploadInput[];
}

/** A site visit by the holder of the current step: notes, the point on the map, photos. */
export async function recordSiteVisit(db: Kysely<DB>, actor: SessionUser, caseId: number, input: SiteVisitInput, ctx: CaseContext = {}): Promise<CaseView> {
	const env = envOf(db, ctx);
	const notes = typeof input.notes === 'string' ? input.notes.trim() : '';
	if (!notes) throw caseErrors.visitNotesRequired();
	const location = input.location ?? null;
	if (location && !(Number.isFinite(location.lon) && Number.isFinite(location.lat) && Math.abs(location.lon) <= 180 && Math.abs(location.lat) <= 90)) {
		throw caseErrors.visitLocationInvalid();
	}
	const visitedAt = input.visitedAt ?? env.now;
	if (!(visitedAt instanceof Date) || Number.isNaN(visitedAt.getTime()) || visitedAt > env.now) {
		throw caseErrors.visitTimeInvalid();
	}
	const photos = checkUploads(input.photos, 'site_visit_photo');
	await inTransaction(db, env, async (trx) => {
		const loaded = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		requireOpenStaffCase(loaded);
		const { record, definition } = loaded;
		const state = stateOf(record);
		if (input.stepId !== state.stepId) throw caseErrors.notCurrentStep();
		const actorRole = actorsFor(actor, state.districtId).find((a) => isHeldBy(definition, state, a));
		if (!actorRole || state.waiting) throw caseErrors.notYourStep();
		const siteVisitId = await insertSiteVisit(trx, { case_id: caseId, visited_by: actor.id, visited_at: visitedAt.toISOString(), step: state.stepId, notes, location });
		const documents = await storeDocuments(trx, env.files, caseId, actor.id, photos, { siteVisitId });
		const details = { siteVisitId, documentIds: documents.map((d) => d.id), location };
		await appendEvent(trx, stepActivityEvent(record, { action: 'site_visit', actorId: actor.id, role: actorRole.role, at: env.now, text: notes, details }, env.ip));
	});
	return getCase(db, actor, caseId, ctx);
}

/**
 * The request types a parcel may be filed for now, each with its eligibility (and the reasons it
 * is refused), for the filing page. The same facts `fileRequest` checks, read without locking.
 * @throws NotFoundError for a parcel that does not exist
 */
export async function requestOptions(
	db: Kysely<DB>,
	parcelId: number
): Promise<{ definition: RequestTypeDefinition; eligible: boolean; reasons: Bilingual[] }[]> {
	if (!Number.isSafeInteger(parcelId) || parcelId <= 0) throw caseErrors.parcelNotFound();
	const facts = await db.transaction().execute((trx) => parcelFacts(trx, parcelId));
	return REQUEST_TYPES.map((definition) => {
		const result = evaluateEligibility(definition, facts);
		return { definition, eligible: result.eligible, reasons: result.eligible ? [] : result.failures.map((f) => f.message) };
	});
}

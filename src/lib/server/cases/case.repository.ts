import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { AgencyKind, CaseWorkflowStatus, DB } from '../db/schema';

/** The only module of the case workflow that touches Kysely (with documents.repository). */
export type Executor = Kysely<DB> | Transaction<DB>;

/** A case row as the services read it; dates as ISO `YYYY-MM-DD` strings, never JS Dates. */
export interface CaseRecord {
	id: number;
	parcel_id: number;
	tracking_code: string;
	status: 'open' | 'closed';
	title_fa: string;
	title_en: string | null;
	step_fa: string | null;
	step_en: string | null;
	opened_at: Date;
	due_on: string | null;
	closed_at: Date | null;
	request_type: string;
	applicant_user_id: number;
	applicant_type: 'natural_person' | 'legal_person';
	representative_user_id: number | null;
	power_of_attorney_document_id: number | null;
	district_id: number;
	workflow_status: CaseWorkflowStatus;
	current_step: string;
	waiting: Record<string, unknown> | null;
	holder_role: string | null;
	holder_district_id: number | null;
	holder_agency_kind: AgencyKind | null;
	assigned_user_id: number | null;
	step_started_at: Date;
	filed_online: boolean;
	decision: 'approved' | 'rejected' | null;
	closed_reason: string | null;
	issued: string | null;
}

const CASE_COLUMNS = sql.raw(`c.id, c.parcel_id, c.tracking_code, c.status, c.title_fa, c.title_en, c.step_fa, c.step_en,
	c.opened_at, c.due_on::text as due_on, c.closed_at, c.request_type, c.applicant_user_id, c.applicant_type,
	c.representative_user_id, c.power_of_attorney_document_id, c.district_id, c.workflow_status, c.current_step,
	c.waiting, c.holder_role, c.holder_district_id, c.holder_agency_kind, c.assigned_user_id, c.step_started_at,
	c.filed_online, c.decision, c.closed_reason, c.issued`);

/** A workflow case (cases filed before the workflow have no request type and are not returned). */
export async function findCase(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<CaseRecord | null> {
	const lock = options.forUpdate ? sql`for update` : sql``;
	const { rows } = await sql<CaseRecord>`select ${CASE_COLUMNS} from cases c
		where c.id = ${id} and c.request_type is not null ${lock}`.execute(db);
	return rows[0] ?? null;
}

export async function findCaseByTrackingCode(db: Executor, code: string): Promise<CaseRecord | null> {
	const { rows } = await sql<CaseRecord>`select ${CASE_COLUMNS} from cases c
		where c.tracking_code = ${code} and c.request_type is not null`.execute(db);
	return rows[0] ?? null;
}

export async function trackingCodeExists(db: Executor, code: string): Promise<boolean> {
	const row = await db.selectFrom('cases').select('id').where('tracking_code', '=', code).executeTakeFirst();
	return row !== undefined;
}

/** Agencies a case has ever been referred to: they keep read-only access to its archive. */
export async function referredAgencies(db: Executor, caseId: number): Promise<AgencyKind[]> {
	const rows = await db.selectFrom('case_referrals').select('agency_kind').distinct().where('case_id', '=', caseId).execute();
	return rows.map((r) => r.agency_kind);
}

// ── parcel facts for eligibility ──

export async function lockParcel(db: Executor, parcelId: number): Promise<{ id: number; district_id: number | null } | null> {
	const { rows } = await sql<{ id: number; district_id: number | null }>`
		select id, district_id from parcels where id = ${parcelId} for update`.execute(db);
	return rows[0] ?? null;
}

export async function openCaseKinds(db: Executor, parcelId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('cases')
		.select(sql<string>`coalesce(request_type, kind)`.as('kind'))
		.where('parcel_id', '=', parcelId)
		.where('status', '=', 'open')
		.execute();
	return rows.map((r) => r.kind);
}

/** What finished cases issued on the parcel, and whether a recorded building carries a permit. */
export async function issuedOnParcel(db: Executor, parcelId: number): Promise<{ issued: string[]; hasBuilding: boolean; hasPermittedBuilding: boolean }> {
	const { rows } = await sql<{ issued: string[] | null; buildings: number; permitted: number }>`
		select (select array_agg(distinct issued) from cases where parcel_id = ${parcelId} and issued is not null) as issued,
		       (select count(*)::int from buildings where parcel_id = ${parcelId}) as buildings,
		       (select count(*)::int from buildings where parcel_id = ${parcelId} and permit_no is not null) as permitted`.execute(db);
	const row = rows[0];
	return { issued: row?.issued ?? [], hasBuilding: (row?.buildings ?? 0) > 0, hasPermittedBuilding: (row?.permitted ?? 0) > 0 };
}

// ── writes ──

export interface CaseStateColumns {
	workflow_status: CaseWorkflowStatus;
	status: 'open' | 'closed';
	current_step: string;
	waiting: string | null;
	holder_role: string | null;
	holder_district_id: number | null;
	holder_agency_kind: AgencyKind | null;
	assigned_user_id: number | null;
	step_started_at: string;
	due_on: string | null;
	step_fa: string;
	step_en: string;
	closed_at: string | null;
	decision: 'approved' | 'rejected' | null;
	closed_reason: string | null;
	issued: string | null;
}

export async function insertCase(
	db: Executor,
	row: CaseStateColumns & {
		parcel_id: number;
		tracking_code: string;
		kind: string;
		title_fa: string;
		title_en: string;
		opened_at: string;
		request_type: string;
		applicant_user_id: number;
		applicant_type: 'natural_person' | 'legal_person';
		representative_user_id: number | null;
		district_id: number;
		filed_online: boolean;
	}
): Promise<number> {
	const { id } = await db.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function updateCase(
	db: Executor,
	id: number,
	values: Partial<CaseStateColumns> & { power_of_attorney_document_id?: number | null; representative_user_id?: number | null }
): Promise<void> {
	await db.updateTable('cases').set(values).where('id', '=', id).execute();
}

export interface NewEvent {
	case_id: number;
	at: string;
	actor_user_id: number | null;
	actor_role: string;
	action: string;
	from_step: string | null;
	to_step: string | null;
	status: string | null;
	due_on: string | null;
	text: string | null;
	details: Record<string, unknown>;
	ip: string | null;
}

export async function appendEvent(db: Executor, event: NewEvent): Promise<number> {
	const { id } = await db
		.insertInto('case_events')
		.values({ ...event, details: JSON.stringify(event.details) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export interface EventRow {
	id: number;
	at: Date;
	actor_user_id: number | null;
	actor_name: string | null;
	actor_role: string;
	action: string;
	from_step: string | null;
	to_step: string | null;
	status: string | null;
	due_on: string | null;
	text: string | null;
	details: Record<string, unknown>;
}

export async function listEvents(db: Executor, caseId: number): Promise<EventRow[]> {
	const { rows } = await sql<EventRow>`
		select e.id, e.at, e.actor_user_id, u.display_name as actor_name, e.actor_role, e.action, e.from_step, e.to_step,
		       e.status, e.due_on::text as due_on, e.text, e.details
		from case_events e left join users u on u.id = e.actor_user_id
		where e.case_id = ${caseId} order by e.id`.execute(db);
	return rows;
}

// ── tasks, referrals, messages, site visits ──

export interface TaskRow {
	id: number;
	case_id: number;
	kind: 'document' | 'question' | 'correction';
	prompt: string;
	document_kinds: string[];
	step: string;
	requested_at: Date;
	due_on: string | null;
	status: 'open' | 'answered' | 'cancelled';
	answer_text: string | null;
	answered_at: Date | null;
}

const TASK_COLUMNS = sql.raw(`id, case_id, kind, prompt, document_kinds, step, requested_at, due_on::text as due_on, status, answer_text, answered_at`);

export async function insertTask(
	db: Executor,
	task: { case_id: number; kind: TaskRow['kind']; prompt: string; document_kinds: string[]; step: string; requested_by: number; requested_at: string; due_on: string | null }
): Promise<number> {
	const { id } = await db.insertInto('case_tasks').values(task).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function listTasks(db: Executor, caseId: number): Promise<TaskRow[]> {
	const { rows } = await sql<TaskRow>`select ${TASK_COLUMNS} from case_tasks where case_id = ${caseId} order by id`.execute(db);
	return rows;
}

export async function findTask(db: Executor, id: number): Promise<TaskRow | null> {
	const { rows } = await sql<TaskRow>`select ${TASK_COLUMNS} from case_tasks where id = ${id}`.execute(db);
	return rows[0] ?? null;
}

export async function openTask(db: Executor, caseId: number): Promise<TaskRow | null> {
	const { rows } = await sql<TaskRow>`select ${TASK_COLUMNS} from case_tasks where case_id = ${caseId} and status = 'open'`.execute(db);
	return rows[0] ?? null;
}

export async function closeTasks(
	db: Executor,
	caseId: number,
	outcome: { status: 'answered' | 'cancelled'; answer_text?: string | null; answered_by?: number | null; answered_at: string }
): Promise<void> {
	await db
		.updateTable('case_tasks')
		.set({ status: outcome.status, answer_text: outcome.answer_text ?? null, answered_by: outcome.answered_by ?? null, answered_at: outcome.answered_at })
		.where('case_id', '=', caseId)
		.where('status', '=', 'open')
		.execute();
}

export interface ReferralRow {
	id: number;
	agency_kind: AgencyKind;
	question: string;
	step: string;
	referred_at: Date;
	due_on: string;
	status: 'open' | 'answered' | 'withdrawn';
	reply_text: string | null;
	replied_by: number | null;
	replied_at: Date | null;
}

export async function insertReferral(
	db: Executor,
	referral: { case_id: number; agency_kind: AgencyKind; question: string; step: string; referred_by: number; referred_at: string; due_on: string }
): Promise<number> {
	const { id } = await db.insertInto('case_referrals').values(referral).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function listReferrals(db: Executor, caseId: number): Promise<ReferralRow[]> {
	const { rows } = await sql<ReferralRow>`select id, agency_kind, question, step, referred_at, due_on::text as due_on, status,
		reply_text, replied_by, replied_at from case_referrals where case_id = ${caseId} order by id`.execute(db);
	return rows;
}

/** Answers the open referral to this agency; returns its id, or null when there is none. */
export async function answerReferral(
	db: Executor,
	caseId: number,
	agency: AgencyKind,
	reply: { text: string; by: number; at: string }
): Promise<number | null> {
	const row = await db
		.updateTable('case_referrals')
		.set({ status: 'answered', reply_text: reply.text, replied_by: reply.by, replied_at: reply.at })
		.where('case_id', '=', caseId)
		.where('agency_kind', '=', agency)
		.where('status', '=', 'open')
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function withdrawReferrals(db: Executor, caseId: number): Promise<void> {
	await db.updateTable('case_referrals').set({ status: 'withdrawn' }).where('case_id', '=', caseId).where('status', '=', 'open').execute();
}

export async function insertMessage(
	db: Executor,
	message: { case_id: number; author_user_id: number; author_role: string; side: 'applicant' | 'staff'; body: string; created_at: string }
): Promise<number> {
	const { id } = await db.insertInto('case_messages').values(message).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function listMessages(db: Executor, caseId: number) {
	return db
		.selectFrom('case_messages as m')
		.innerJoin('users as u', 'u.id', 'm.author_user_id')
		.select(['m.id', 'm.author_user_id', 'u.display_name as author_name', 'm.author_role', 'm.side', 'm.body', 'm.created_at'])
		.where('m.case_id', '=', caseId)
		.orderBy('m.id')
		.execute();
}

export async function insertSiteVisit(
	db: Executor,
	visit: { case_id: number; visited_by: number; visited_at: string; step: string; notes: string; location: { lon: number; lat: number } | null }
): Promise<number> {
	const location = visit.location
		? sql<string>`ST_Transform(ST_SetSRID(ST_MakePoint(${visit.location.lon}, ${visit.location.lat}), 4326),
			(select value::int from pelak_settings where key = 'srid'))`
		: null;
	const { id } = await db
		.insertInto('site_visits')
		.values({ ...visit, location })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export interface SiteVisitRow {
	id: number;
	visited_by: number;
	visited_at: Date;
	step: string;
	notes: string;
	/** [lon, lat] WGS84 */
	lon: number | null;
	lat: number | null;
}

export async function listSiteVisits(db: Executor, caseId: number): Promise<SiteVisitRow[]> {
	const { rows } = await sql<SiteVisitRow>`
		select id, visited_by, visited_at, step, notes,
		       ST_X(ST_Transform(location, 4326)) as lon, ST_Y(ST_Transform(location, 4326)) as lat
		from site_visits where case_id = ${caseId} order by id`.execute(db);
	return rows;
}

export async function userContact(db: Executor, userId: number): Promise<{ mobile: string | null; display_name: string } | null> {
	return (await db.selectFrom('users').select(['mobile', 'display_name']).where('id', '=', userId).executeTakeFirst()) ?? null;
}

// ── lists ──

export interface CaseListRow {
	id: number;
	tracking_code: string;
	parcel_id: number;
	renovation_code: string | null;
	request_type: string;
	workflow_status: CaseWorkflowStatus;
	current_step: string;
	waiting: Record<string, unknown> | null;
	holder_role: string | null;
	holder_agency_kind: AgencyKind | null;
	assigned_user_id: number | null;
	due_on: string | null;
	filed_online: boolean;
	opened_at: Date;
	closed_at: Date | null;
	open_tasks: number;
}

function listQuery(db: Executor) {
	return db
		.selectFrom('cases as c')
		.leftJoin('parcels as p', 'p.id', 'c.parcel_id')
		.select([
			'c.id',
			'c.tracking_code',
			'c.parcel_id',
			'p.renovation_code',
			sql<string>`c.request_type`.as('request_type'),
			sql<CaseWorkflowStatus>`c.workflow_status`.as('workflow_status'),
			sql<string>`c.current_step`.as('current_step'),
			'c.waiting',
			'c.holder_role',
			'c.holder_agency_kind',
			'c.assigned_user_id',
			sql<string | null>`c.due_on::text`.as('due_on'),
			'c.filed_online',
			'c.opened_at',
			'c.closed_at',
			sql<number>`(select count(*)::int from case_tasks t where t.case_id = c.id and t.status = 'open')`.as('open_tasks')
		])
		.where('c.request_type', 'is not', null);
}

export async function listCasesOf(db: Executor, userId: number, asRepresentative: boolean): Promise<CaseListRow[]> {
	return listQuery(db)
		.where((eb) =>
			asRepresentative
				? eb.or([eb('c.applicant_user_id', '=', userId), eb('c.representative_user_id', '=', userId)])
				: eb('c.applicant_user_id', '=', userId)
		)
		.orderBy('c.opened_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute() as Promise<CaseListRow[]>;
}

/** Conditions, in SQL, that the case's current holder is one of these grants. */
export interface HolderScope {
	/** staff roles with their districts; null districts = city-wide */
	staff: { role: string; districtIds: number[] | null }[];
	agencies: AgencyKind[];
}

export interface CartableFilter {
	scope: HolderScope;
	/** Districts (null = all) and agencies whose closed cases the user may list. */
	visibleDistricts: number[] | null | 'none';
	tab: 'mine' | 'unassigned' | 'overdue' | 'closed';
	userId: number;
	today: string;
	limit: number;
}

export async function listCartableRows(db: Executor, f: CartableFilter): Promise<CaseListRow[]> {
	let query = listQuery(db);
	const holds = (eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>): Expression<SqlBool> => {
		const parts: Expression<SqlBool>[] = [];
		for (const s of f.scope.staff) {
			parts.push(
				eb.and([
					eb('c.holder_role', '=', s.role),
					s.districtIds === null
						? eb.lit(true)
						: eb.or([eb('c.holder_district_id', 'is', null), ...(s.districtIds.length ? [eb('c.holder_district_id', 'in', s.districtIds)] : [])])
				])
			);
		}
		if (f.scope.agencies.length) parts.push(eb.and([eb('c.holder_role', '=', 'agency'), eb('c.holder_agency_kind', 'in', f.scope.agencies)]));
		return parts.length ? eb.or(parts) : eb.lit(false);
	};
	if (f.tab === 'closed') {
		query = query.where('c.workflow_status', '<>', 'in_progress').where((eb) => {
			const parts: Expression<SqlBool>[] = [];
			if (f.visibleDistricts === null) parts.push(eb.lit(true));
			else if (f.visibleDistricts !== 'none' && f.visibleDistricts.length) parts.push(eb('c.district_id', 'in', f.visibleDistricts));
			if (f.scope.agencies.length) {
				parts.push(
					eb.exists(
						eb.selectFrom('case_referrals as r').select('r.id').whereRef('r.case_id', '=', 'c.id').where('r.agency_kind', 'in', f.scope.agencies)
					)
				);
			}
			return parts.length ? eb.or(parts) : eb.lit(false);
		});
		return query.orderBy('c.closed_at', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute() as Promise<CaseListRow[]>;
	}
	query = query.where('c.workflow_status', '=', 'in_progress').where(holds);
	if (f.tab === 'mine') {
		query = query.where((eb) => eb.or([eb('c.assigned_user_id', '=', f.userId), eb('c.holder_role', '=', 'agency')]));
	} else if (f.tab === 'unassigned') {
		query = query.where('c.assigned_user_id', 'is', null).where('c.holder_role', '<>', 'agency');
	} else {
		query = query
			.where((eb) => eb.or([eb('c.assigned_user_id', '=', f.userId), eb('c.assigned_user_id', 'is', null), eb('c.holder_role', '=', 'agency')]))
			.where(sql<SqlBool>`c.due_on < ${f.today}::date`);
	}
	// By deadline; at an equal deadline online-filed requests first (the seeds: online users get priority).
	return query
		.orderBy(sql`c.due_on asc nulls last`)
		.orderBy('c.filed_online', 'desc')
		.orderBy('c.id', 'asc')
		.limit(f.limit)
		.execute() as Promise<CaseListRow[]>;
}
